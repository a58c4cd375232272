"""Plan files on disk: the planner's JSON form, read with a size bound and written atomically."""

from __future__ import annotations

import os
from pathlib import Path

from planner import Plan, PlanError
from planner.planfile import MAX_PLAN_BYTES, dumps_plan, loads_plan

from .files import ExportError, read_bounded, write_atomic


def read_plan(path: str | os.PathLike[str]) -> Plan:
    data = read_bounded(path, MAX_PLAN_BYTES, "plan file")
    try:
        return loads_plan(data, origin=str(path))
    except PlanError as exc:
        raise ExportError(exc.first.message) from None


def write_plan(path: str | os.PathLike[str], plan: Plan, *, force: bool = False) -> Path:
    """Only a plan that reads back is written: the reader's bounds apply on write too."""
    text = dumps_plan(plan)
    try:
        loads_plan(text, origin="the plan")
    except PlanError as exc:
        raise ExportError(f"{path}: not written, because it would not read back: {exc.first.message}") from None
    return write_atomic(path, text.encode("utf-8"), force=force)
