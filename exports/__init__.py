"""Writers (and the plan-file reader): the handout and the calendar each a package with one public
function and one narrow error type, the text export and safe file writing a module each."""

from .files import ExportError

__all__ = ["ExportError"]
