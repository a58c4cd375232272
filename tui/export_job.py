"""Exporting a schedule from the app: every file is rendered first, then all are written.

Runs in a worker thread; the exporters are imported here, on first use, so that start-up
does not pay for the calendar and PDF libraries.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from exports.files import ExportError, check_writable, write_all
from planner import Schedule
from planner.phrases import voice
from planner.phrases.plan import texts as patient_texts


@dataclass(frozen=True)
class ExportRequest:
    issued: date
    ics_path: str = ""
    pdf_path: str = ""
    text_path: str = ""
    reminder_minutes: int | None = 0
    include_name: bool = False
    discreet: bool = False
    fresh: bool = False
    paper: Literal["a4", "letter"] = "a4"
    large_print: bool = False
    force: bool = False
    language: str = "en"  # the patient's, for the handout, calendar and text

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for p in (self.ics_path, self.pdf_path, self.text_path) if p)


@dataclass(frozen=True)
class ExportReport:
    written: tuple[str, ...]
    calendar_bookkeeping: dict[str, Any] | None
    language: str = "en"


def render(schedule: Schedule, request: ExportRequest) -> tuple[list[tuple[str, bytes]], dict[str, Any] | None]:
    outputs: list[tuple[str, bytes]] = []
    bookkeeping = None
    if request.ics_path:
        calendar = _exporter("exports.calendar_file", "calendar")
        options = calendar.CalendarOptions(issued=request.issued, reminder_minutes=request.reminder_minutes,
                                           include_name=request.include_name, discreet=request.discreet, fresh=request.fresh)
        data, bookkeeping = calendar.calendar_bytes(schedule, options)
        outputs.append((request.ics_path, data))
    if request.pdf_path:
        handout = _exporter("exports.handout_pdf", "PDF handout")
        options = handout.HandoutOptions(issued=request.issued, paper=request.paper, large_print=request.large_print)
        outputs.append((request.pdf_path, handout.handout_bytes(schedule, options)))
    if request.text_path:
        from exports.text import text_bytes

        outputs.append((request.text_path, text_bytes(schedule)))
    return outputs, bookkeeping


def run_export(schedule: Schedule, request: ExportRequest) -> ExportReport:
    """Write the requested files; on any error nothing is written (an ExportError or PlanError)."""
    if not request.paths:
        raise ExportError("give at least one file to write")
    if len(set(request.paths)) != len(request.paths):
        raise ExportError("give each file its own name")
    for path in request.paths:
        if Path(path).is_file() and not request.force:
            raise ExportError(f"{path}: already exists; tick 'replace existing files' to replace it")
        check_writable(path, force=request.force)
    if request.language != schedule.plan.language:
        patient_texts(voice(request.language), schedule.profile)  # refused before anything is written
        schedule = dataclasses.replace(schedule, plan=schedule.plan.replace(language=request.language))
    outputs, bookkeeping = render(schedule, request)
    written = tuple(str(path) for path in write_all(list(outputs), force=request.force))  # all or nothing
    return ExportReport(written, bookkeeping, request.language)


def _exporter(module: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ExportError(f"the {what} export is not part of this version of taperplan") from None
