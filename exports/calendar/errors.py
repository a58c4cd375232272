"""The calendar's one error type."""

from __future__ import annotations

from ..files import ExportError


class CalendarError(ExportError):
    """The calendar cannot be made; the message is one line for the user."""
