"""Writers (and the plan-file reader): each format in its own module, one error type."""

from .files import ExportError

__all__ = ["ExportError"]
