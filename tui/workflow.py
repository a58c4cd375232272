"""What both shells do with a plan: open it, save it, change it, export it.

The command line and the app parse input and show results; the rules live here, once: which
paths an export may write (never the plan file, never one path twice), that nothing is written
half-way, that a save does not overwrite a newer revision, and that a calendar's record goes back
into the plan file. No Textual here: `taperplan show` and `taperplan export` import this module.
The exporters are imported on first use, so start-up does not pay for the calendar and PDF
libraries."""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from exports.files import ExportError, check_writable, write_all
from planner import Plan, Schedule, build_schedule, revised
from planner.phrases import voice
from planner.phrases.plan import texts as patient_texts

from .plan_store import PlanChanged, PlanFileError, plan_lock, read_plan, update_plan, write_plan

__all__ = [
    "ExportError", "ExportReport", "ExportRequest", "OutputExists", "PlanChanged", "PlanFileError",
    "change_plan_file", "export", "open_plan", "plan_lock", "same_file", "save_plan",
]


# Opening, saving and changing a plan file.
def open_plan(path: str | os.PathLike[str]) -> Plan:
    """The plan in `path`, checked as typing is (a PlanFileError says why it cannot be used)."""
    return read_plan(path)


def same_file(one: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    return os.path.realpath(one) == os.path.realpath(other)


def save_plan(path: str | os.PathLike[str], plan: Plan, *, expected_revision: int | None, replace: bool = True) -> Path:
    """Write `plan` to `path` under its lock. With `expected_revision`, the file must still hold
    that revision of the same plan (PlanChanged otherwise): a save never overwrites a newer one.
    Without `replace`, an existing file is left alone (a PlanFileError says so)."""
    return write_plan(path, plan, force=replace, expected_revision=expected_revision)


def change_plan_file(path: str | os.PathLike[str], change: Callable[[Plan], Plan]) -> tuple[Plan, Schedule]:
    """Read the plan, apply `change`, check the result with the planner and write it as the next
    revision, all under the plan's lock: a parallel change waits instead of being lost."""
    built: list[Schedule] = []

    def checked(plan: Plan) -> Plan:
        changed = change(plan)
        built.append(build_schedule(changed))  # a PlanError here writes nothing
        return revised(changed)

    saved = update_plan(path, checked)
    return saved, built[0]


# Exporting.
class OutputExists(ExportError):
    """An output file exists and replacing was not asked for."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: already exists; use --force to replace it")
        self.path = path


@dataclass(frozen=True)
class ExportRequest:
    """What to write and how. `plan_path` is the plan's file, which no output may replace;
    with `record_calendar` the calendar's record is saved into it (the shell says so only when
    the file holds this very plan)."""

    issued: date
    ics_path: str = ""
    pdf_path: str = ""
    text_path: str = ""
    reminder_minutes: int | None = 0
    include_name: bool = False
    discreet: bool = False
    fresh: bool = False
    repeat: bool = False
    paper: Literal["a4", "letter"] = "a4"
    large_print: bool = False
    force: bool = False
    plan_path: str | None = None
    record_calendar: bool = False
    language: str | None = None  # the patient's, for the handout, calendar and text; None: the plan's

    def language_for(self, plan: Plan) -> str:
        return self.language or plan.language

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for p in (self.ics_path, self.pdf_path, self.text_path) if p)


@dataclass(frozen=True)
class ExportReport:
    written: tuple[str, ...]
    calendar_bookkeeping: dict[str, Any] | None
    recorded_in: str | None = None  # the plan file that now records the calendar
    record_problem: str = ""  # why the plan file could not record it (the outputs are written)
    saved_plan: Plan | None = None  # the plan as the plan file now holds it
    language: str = "en"  # the patient's language the outputs speak


def export(schedule: Schedule, request: ExportRequest) -> ExportReport:
    """Check every path, render every file, then write them all or none; then record the calendar
    and the patient's language in the plan file. Raises ExportError (or the planner's PlanError)
    before anything is written."""
    language = request.language_for(schedule.plan)
    relanguaged = language != schedule.plan.language
    if relanguaged:
        patient_texts(voice(language), schedule.profile)  # a language the profile has no words for is refused here
        schedule = dataclasses.replace(schedule, plan=schedule.plan.replace(language=language))
    recording = bool(request.plan_path and request.record_calendar) and (bool(request.ics_path) or relanguaged)
    with plan_lock(request.plan_path) if recording and request.plan_path else nullcontext():
        check_paths(request)
        if recording and request.plan_path:
            check_writable(request.plan_path, force=True)  # the record goes there: writable before anything is
        outputs, bookkeeping = render(schedule, request)
        write_all(list(outputs), force=request.force)  # all or nothing
        written = tuple(path for path, _ in outputs)
        if not recording or request.plan_path is None:
            return ExportReport(written, bookkeeping, language=language)
        # The plan remembers what its calendar held, so a revised calendar can cancel removed doses.
        exports = schedule.plan.exports if bookkeeping is None else {**schedule.plan.exports, "ics": bookkeeping}
        plan = schedule.plan.replace(exports=exports)
        try:
            save_plan(request.plan_path, plan, expected_revision=schedule.plan.revision)
        except PlanFileError as exc:
            return ExportReport(written, bookkeeping, record_problem=str(exc), language=language)
        return ExportReport(written, bookkeeping, recorded_in=request.plan_path, saved_plan=plan, language=language)


def check_paths(request: ExportRequest) -> None:
    """Every output is a writable file of its own, and none is the plan file."""
    if not request.paths:
        raise ExportError("give at least one file to write")
    seen = {os.path.realpath(request.plan_path): "the plan file"} if request.plan_path else {}
    for path in request.paths:
        real = os.path.realpath(path)
        if real in seen:
            raise ExportError(f"{path}: is {seen[real]}; choose another output path")
        seen[real] = "another output of this export"
        if Path(path).is_file() and not request.force:
            raise OutputExists(path)
        check_writable(path, force=request.force)


def render(schedule: Schedule, request: ExportRequest) -> tuple[list[tuple[str, bytes]], dict[str, Any] | None]:
    outputs: list[tuple[str, bytes]] = []
    bookkeeping = None
    if request.text_path:
        from exports.text import text_bytes

        outputs.append((request.text_path, text_bytes(schedule)))
    if request.ics_path:
        calendar = _exporter("exports.calendar", "calendar")
        options = calendar.CalendarOptions(issued=request.issued, reminder_minutes=request.reminder_minutes,
                                           include_name=request.include_name, discreet=request.discreet, fresh=request.fresh,
                                           repeat=request.repeat)
        data, bookkeeping = calendar.calendar_bytes(schedule, options)
        outputs.append((request.ics_path, data))
    if request.pdf_path:
        handout = _exporter("exports.handout", "PDF handout")
        options = handout.HandoutOptions(issued=request.issued, paper=request.paper, large_print=request.large_print)
        outputs.append((request.pdf_path, handout.handout_bytes(schedule, options)))
    return outputs, bookkeeping


def _exporter(module: str, what: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ExportError(f"the {what} export is not part of this version of taperplan") from None
