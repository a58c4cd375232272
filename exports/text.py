"""The plan as plain instruction text."""

from __future__ import annotations

import os
from pathlib import Path

from planner import Schedule
from planner.render import schedule_text

from .files import write_atomic


def text_bytes(schedule: Schedule) -> bytes:
    return schedule_text(schedule).encode("utf-8")


def write_text(path: str | os.PathLike[str], schedule: Schedule, *, force: bool = False) -> Path:
    return write_atomic(path, text_bytes(schedule), force=force)
