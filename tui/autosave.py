"""The working draft, autosaved to the user's data folder so a crash loses nothing.

The draft lives apart from the user's plan files and never replaces one of them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from exports.files import ExportError, read_bounded, write_atomic
from planner import Plan, PlanError
from planner.planfile import plan_from_dict, plan_to_dict

from .form import FormState

DRAFT_SCHEMA = "taperplan.draft/1"
DRAFT_NAME = "draft.json"
MAX_DRAFT_BYTES = 2_000_000


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where drafts go: `override`, else $TAPERPLAN_DATA_DIR, else the platform's user data folder."""
    if override is not None:
        return Path(override)
    if os.environ.get("TAPERPLAN_DATA_DIR"):
        return Path(os.environ["TAPERPLAN_DATA_DIR"])
    import platformdirs

    return Path(platformdirs.user_data_dir("taperplan"))


@dataclass(frozen=True)
class Draft:
    """What was on screen: the last plan that read, the form as typed, and where it was saved."""

    plan: Plan
    form: FormState
    path: str | None
    written: str  # local time of the autosave, for the recovery question

    @property
    def patient(self) -> str:
        patient = self.plan.patient
        name = patient.name or "a patient with no name given"
        return name + (f", {patient.age} years" if patient.age is not None else "")


def write_draft(folder: Path, draft: Draft) -> None:

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    data: dict[str, Any] = {"schema": DRAFT_SCHEMA, "written": draft.written, "path": draft.path,
                            "plan": plan_to_dict(draft.plan), "form": draft.form.as_dict()}
    target = folder / DRAFT_NAME
    if not _is_draft_or_absent(target):
        raise ExportError(f"{target} is not a draft (a plan saved under the draft's name?); it is left as it is")
    write_atomic(target, (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8"), force=True)


def read_draft(folder: Path) -> Draft | None:
    """The draft left by a session that did not end cleanly; None when there is none or it is unreadable."""
    target = folder / DRAFT_NAME
    if not target.exists():
        return None

    try:
        data = json.loads(read_bounded(target, MAX_DRAFT_BYTES, "draft"), parse_float=Decimal)
        if data.get("schema") != DRAFT_SCHEMA:
            return None
        return Draft(plan_from_dict(data["plan"], str(target)), FormState.from_dict(data["form"]), data.get("path"),
                     str(data.get("written", "")))
    except (ExportError, PlanError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def discard_draft(folder: Path) -> None:
    target = folder / DRAFT_NAME
    if not _is_draft_or_absent(target):
        return  # a plan the user saved under the draft's name is theirs, not autosave's
    try:
        target.unlink()
    except FileNotFoundError:
        pass


def _is_draft_or_absent(target: Path) -> bool:
    """Autosave replaces or removes only its own drafts, whatever their name: a file it did not write stays."""
    if not os.path.lexists(target):
        return True
    try:
        data = json.loads(read_bounded(target, MAX_DRAFT_BYTES, "draft"))
    except (ExportError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("schema") == DRAFT_SCHEMA


def now_text() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")
