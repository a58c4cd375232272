"""The handout's one error type."""

from __future__ import annotations

from ..files import ExportError


class HandoutError(ExportError):
    """The handout cannot be made; the message is one line for the user."""
