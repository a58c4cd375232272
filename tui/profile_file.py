"""A clinician's own drug profile file, read for the app as the command line reads it."""

from __future__ import annotations

from pathlib import Path

from exports.files import ExportError, read_bounded
from planner import DrugProfile, PlanError, load_profile

from .cli_inputs import MAX_PROFILE_BYTES


def read_profile_file(path: Path) -> DrugProfile:
    return load_profile(read_bounded(path, MAX_PROFILE_BYTES, "profile file"), origin=path.name)


def profile_error_text(exc: ExportError | PlanError) -> str:
    """One line: the first problem, and how many more `taperplan profile check` would list."""
    if isinstance(exc, ExportError):
        return str(exc)
    first, rest = exc.problems[0].message, len(exc.problems) - 1
    return first + (f" (and {rest} more: run taperplan profile check)" if rest else "")
