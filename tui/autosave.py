"""The working drafts, autosaved to the user's data folder so a crash loses nothing.

One draft per plan (``draft-<plan id>.json``), apart from the user's plan files, never replacing
one of them. A running instance holds a lock on the draft of the plan it edits, so another
instance never offers (or discards) a draft that is still in use.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows: drafts are kept, without the lock
    fcntl = None  # type: ignore[assignment]

from exports.files import ExportError, read_bounded, write_atomic
from planner import Plan, PlanError, plan_from_dict, plan_to_dict

from .form import FormState

DRAFT_SCHEMA = "taperplan.draft/1"
DRAFT_NAME = "draft.json"  # the single draft of earlier versions, still offered back
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


def draft_path(folder: Path, plan_id: str) -> Path:
    """The draft file of plan `plan_id` (an id that is not a plain uuid is hashed: it names a file)."""
    safe = plan_id if plan_id and all(c.isalnum() or c == "-" for c in plan_id) and len(plan_id) <= 64 else (
        hashlib.sha256(plan_id.encode("utf-8")).hexdigest()[:32])
    return folder / f"draft-{safe}.json"


class DraftLock:
    """An advisory lock on one draft, held while an instance edits (or offers) that plan.

    The lock is on a side file, taken with flock: the system drops it when the process ends,
    so a crash leaves the draft free to be offered back.
    """

    def __init__(self, draft: Path) -> None:
        self.draft = draft
        self._file: Any = None

    def acquire(self) -> bool:
        """Whether this instance now holds the draft (False: another running instance does)."""
        if self._file is not None:
            return True
        try:
            self.draft.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle = open(self.draft.with_suffix(".lock"), "a+b")  # noqa: SIM115 (held open while locked)
        except OSError:
            return True  # a folder we cannot lock in: the draft is still worth keeping
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                return False
        self._file = handle
        return True

    @property
    def held(self) -> bool:
        return self._file is not None

    def release(self, *, remove: bool = False) -> None:
        """Let the draft go; `remove` also deletes the lock file (while still holding it, so no
        other instance can hold the file being removed)."""
        if self._file is not None:
            if remove:
                self.draft.with_suffix(".lock").unlink(missing_ok=True)
            self._file.close()  # closing drops the flock
            self._file = None

    def __del__(self) -> None:
        self.release()


def write_draft(folder: Path, draft: Draft) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    data: dict[str, Any] = {"schema": DRAFT_SCHEMA, "written": draft.written, "path": draft.path,
                            "plan": plan_to_dict(draft.plan), "form": draft.form.as_dict()}
    target = draft_path(folder, draft.plan.plan_id)
    if not _is_draft_or_absent(target):
        raise ExportError(f"{target} is not a draft (a plan saved under the draft's name?); it is left as it is")
    write_atomic(target, (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8"), force=True)


def read_draft_file(target: Path) -> Draft | None:
    """The draft in `target`; None when there is none or it is unreadable."""
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


@dataclass(frozen=True)
class OrphanDraft:
    """A draft no running instance owns, with the lock this instance now holds on it."""

    file: Path
    draft: Draft
    lock: DraftLock


def orphan_drafts(folder: Path, *, skip: str | None = None) -> list[OrphanDraft]:
    """Drafts left by sessions that did not end cleanly, newest first, each locked for this
    instance; drafts of running instances (and of plan `skip`) are left alone."""
    if not folder.is_dir():
        return []
    for stale in folder.glob("draft*.lock"):
        if not stale.with_suffix(".json").exists():
            lock = DraftLock(stale.with_suffix(".json"))
            if lock.acquire():
                lock.release(remove=True)  # left by an instance that ended with nothing to keep
    files = sorted((p for p in folder.glob("draft*.json") if p.is_file()), key=_modified, reverse=True)
    found = []
    for file in files:
        if skip is not None and file == draft_path(folder, skip):
            continue
        lock = DraftLock(file)
        if not lock.acquire():
            continue  # another running instance is editing this plan
        draft = read_draft_file(file)
        if draft is None:
            lock.release()
            continue
        found.append(OrphanDraft(file, draft, lock))
    return found


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def discard_draft_file(target: Path) -> None:
    """Remove a draft (its lock file stays while the lock is held); a plan the user saved under a
    draft's name is theirs, not autosave's, and stays."""
    if _is_draft_or_absent(target):
        target.unlink(missing_ok=True)


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
