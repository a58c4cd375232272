"""Plan files on disk: the planner's JSON form, read with a size bound and written atomically.

Every failure is a PlanFileError: a plan file is a record, not an export.

A change to a plan file is a read-modify-write under an advisory lock beside it, and a save is
refused when the file's revision changed since it was read: no update is lost."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from exports.files import ExportError, read_bounded, write_atomic
from planner import MAX_PLAN_BYTES, Plan, PlanError, dumps_plan, loads_plan

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the revision check still refuses a stale save
    fcntl = None  # type: ignore[assignment]


_held: set[Path] = set()


class PlanFileError(Exception):
    """A plan file could not be read, locked or written; the message is one line for the user."""


class PlanChanged(PlanFileError):
    """The plan file changed on disk since it was read; the message says how to go on."""


def read_plan(path: str | os.PathLike[str]) -> Plan:
    try:
        data = read_bounded(path, MAX_PLAN_BYTES, "plan file")
    except ExportError as exc:  # the safe-file helpers speak of exports; here it is the plan
        raise PlanFileError(str(exc)) from None
    try:
        return loads_plan(data, origin=str(path))
    except PlanError as exc:
        raise PlanFileError(exc.first.message) from None


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file beside the plan (beside a symlink's target, so both names share one lock)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


@contextmanager
def plan_lock(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the plan file's advisory lock; every taperplan that changes the file takes it."""
    where = lock_path(path)
    # Held already by this process (the lock is re-entrant), or no plan yet to protect (reading it
    # will say so, or it is being created).
    if fcntl is None or where in _held or not os.path.isfile(path):
        yield
        return
    fd = _acquire(where, path)
    _held.add(where)
    try:
        yield
    finally:
        _held.discard(where)
        # Removed while still held, so the folder keeps no lock file; a waiter that locked the
        # removed file notices (below) and locks afresh.
        try:
            os.unlink(where)
        except OSError:
            pass
        os.close(fd)


def _acquire(where: Path, path: str | os.PathLike[str]) -> int:
    assert fcntl is not None
    while True:
        try:
            fd = os.open(where, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise PlanFileError(f"{path}: cannot lock the plan file ({exc.strerror or exc})") from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.stat(where).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)


def write_plan(path: str | os.PathLike[str], plan: Plan, *, force: bool = False, expected_revision: int | None = None) -> Path:
    """Only a plan that reads back is written: the reader's bounds apply on write too.

    With `expected_revision`, the file on disk must still be that revision of the same plan."""
    text = dumps_plan(plan)
    try:
        loads_plan(text, origin="the plan")
    except PlanError as exc:
        raise PlanFileError(f"{path}: not written, because it would not read back: {exc.first.message}") from None
    with plan_lock(path):
        if expected_revision is not None and Path(path).exists():
            _check_unchanged(path, plan.plan_id, expected_revision)
        try:
            return write_atomic(path, text.encode("utf-8"), force=force)
        except ExportError as exc:
            raise PlanFileError(str(exc)) from None


def _check_unchanged(path: str | os.PathLike[str], plan_id: str, expected_revision: int) -> None:
    try:
        on_disk = read_plan(path)
    except PlanFileError:
        raise PlanChanged(f"{path}: changed on disk and no longer reads as a plan; save as a new file") from None
    if on_disk.plan_id != plan_id:
        raise PlanChanged(f"{path}: now holds another plan; save as a new file")
    if on_disk.revision != expected_revision:
        raise PlanChanged(f"{path}: changed on disk since it was read (revision {expected_revision}, now {on_disk.revision}); "
                          "reload it or save as a new file")


def update_plan(path: str | os.PathLike[str], change: Callable[[Plan], Plan]) -> Plan:
    """Read the plan, apply `change` and write the result, all under the plan's lock."""
    with plan_lock(path):
        plan = read_plan(path)
        changed = change(plan)
        write_plan(path, changed, force=True, expected_revision=plan.revision)
        return changed
