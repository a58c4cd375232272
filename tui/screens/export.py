"""The export dialog: file paths and options, written in a worker so the screen never freezes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from planner import PlanError, Problem, Schedule, parse_date, to_int

from ..widgets.ordered_input import OrderedInput
from ..workflow import ExportError, ExportReport, ExportRequest, OutputExists, PlanFileError, export


def default_paths(plan_path: Path | None, schedule: Schedule) -> tuple[str, str]:
    """Next to the plan file, with its name; for an unsaved plan, in the current folder, named as
    its plan file would be (drug, patient, start date), so that no two patients share a default."""
    if plan_path is not None:
        stem = plan_path.with_suffix("")
    else:
        from .dialogs import proposed_name

        stem = proposed_name(schedule.plan, Path()).with_suffix("")
    return str(stem) + ".ics", str(stem) + ".pdf"


class ExportDialog(ModalScreen[ExportReport | None]):
    """Returns the report of the last export that succeeded (None if none did)."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, schedule: Schedule, plan_path: Path | None, today: date,
                 record: Callable[[ExportReport], str] | None = None, *, record_in_plan: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.schedule, self.plan_path, self.today = schedule, plan_path, today
        self.record = record  # keeps the calendar's record in the session; says what remains to save
        self.record_in_plan = record_in_plan  # the plan file holds this plan: the export records the calendar in it
        self.report: ExportReport | None = None

    def compose(self) -> ComposeResult:
        ics, pdf = default_paths(self.plan_path, self.schedule)
        with VerticalScroll(classes="dialog", id="export-dialog"):
            yield Static("Export the schedule", classes="dialog-title")
            yield Static("Blank paths are skipped. Nothing is written if any file fails.", classes="dialog-body")
            yield self._line("Calendar (.ics)", OrderedInput(ics, id="ics-path", compact=True))
            yield self._problem("ics-path")
            yield self._line("Reminder", OrderedInput("0", id="reminder", compact=True, placeholder="blank: none"),
                             Label("minutes before each dose (blank: no reminders)", classes="field-unit"))
            yield self._problem("reminder")
            yield self._line("", Checkbox("patient's name in the calendar", False, id="include-name", compact=True))
            yield self._line("", Checkbox("titles without drug or dose", False, id="discreet", compact=True))
            yield self._line("", Checkbox("for a new calendar: no cancellations", False, id="fresh", compact=True))
            yield self._line("", Checkbox("compact: repeating events, for long plans", False, id="repeat", compact=True))
            yield self._line("Handout (PDF)", OrderedInput(pdf, id="pdf-path", compact=True))
            yield self._problem("pdf-path")
            yield self._line("Paper", Select([("A4", "a4"), ("Letter", "letter")], value="a4", allow_blank=False,
                                             id="paper", compact=True),
                             Checkbox("large print", False, id="large-print", compact=True))
            yield self._line("Language", Select([("English", "en"), ("Español (Spanish)", "es")], value=self.schedule.plan.language,
                                                          allow_blank=False, id="language", compact=True))
            yield self._line("Text", OrderedInput("", id="text-path", compact=True, placeholder="optional: instructions as text"))
            yield self._problem("text-path")
            yield self._line("Issue date", OrderedInput(self.today.isoformat(), id="issued", compact=True))
            yield self._problem("issued")
            yield self._line("", Checkbox("replace existing files", False, id="force", compact=True))
            yield Static("", id="export-message", classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Close", id="close")

    @staticmethod
    def _line(label: str, *widgets: Input | Label | Checkbox | Select[str]) -> Horizontal:
        return Horizontal(Label(label, classes="field-label"), *widgets, classes="field-line")

    @staticmethod
    def _problem(field_id: str) -> Static:
        return Static("", id=f"{field_id}-problem", classes="field-problem", markup=False)

    def _say_at(self, field_id: str | None, text: str) -> bool:
        """Put `text` under the field `field_id`; clear the others. False if there is no such field."""
        for widget in self.query(".field-problem").results(Static):
            mine = widget.id == f"{field_id}-problem"
            widget.update(text if mine else "")
            widget.set_class(mine and bool(text), "-shown")
        return field_id is not None and bool(self.query(f"#{field_id}-problem"))

    def on_mount(self) -> None:
        self.query_one("#ics-path", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.start_export()
        else:
            self.action_close()

    def on_input_submitted(self) -> None:
        self.start_export()

    def action_close(self) -> None:
        self.dismiss(self.report)

    def request(self) -> ExportRequest:
        """The options as typed; a PlanError names the value that does not read."""
        def value(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value.strip()

        def checked(widget_id: str) -> bool:
            return self.query_one(f"#{widget_id}", Checkbox).value

        reminder = value("reminder")
        minutes = to_int(reminder, "reminder_minutes", what="a whole number of minutes") if reminder else None
        if minutes is not None and minutes < 0:
            raise PlanError(Problem("bad_reminder", "reminder_minutes", "the reminder must be 0 or more minutes before the dose"))
        paper = self.query_one("#paper", Select).value
        language = self.query_one("#language", Select).value
        return ExportRequest(
            issued=parse_date(value("issued"), "issued"), ics_path=value("ics-path"), pdf_path=value("pdf-path"),
            text_path=value("text-path"), reminder_minutes=minutes, include_name=checked("include-name"),
            discreet=checked("discreet"), fresh=checked("fresh"), repeat=checked("repeat"),
            paper="letter" if paper == "letter" else "a4", large_print=checked("large-print"), force=checked("force"),
            plan_path=str(self.plan_path) if self.plan_path is not None else None, record_calendar=self.record_in_plan,
            language=language if isinstance(language, str) else "en",
        )

    def start_export(self) -> None:
        try:
            request = self.request()
        except PlanError as exc:
            at = {"reminder_minutes": "reminder", "issued": "issued"}.get(exc.first.field)
            self._say_at(at, exc.first.message)
            self._say("Not exported: " + ("see the field marked above." if at else exc.first.message), error=True)
            return
        self._say_at(None, "")
        self.query_one("#export", Button).disabled = True
        self._say("Writing…", error=False)
        self.run_worker(lambda: export(self.schedule, request), thread=True, exclusive=True, name="export", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "export" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.query_one("#export", Button).disabled = False
        if event.state == WorkerState.SUCCESS:
            self.report = event.worker.result
            assert self.report is not None
            remains = self.record(self.report) if self.record is not None else ""
            self._say("Written:\n" + "\n".join(self.report.written) + (f"\n{remains}" if remains else ""), error=False)
            return
        error = event.worker.error
        if isinstance(error, PlanError):
            text = "; ".join(p.message for p in error.problems)
        elif isinstance(error, (ExportError, PlanFileError)):
            text = f"{error.path}: already exists; tick 'replace existing files' to replace it" if isinstance(error, OutputExists) else str(error)
            paths = {"ics-path": self.query_one("#ics-path", Input).value.strip(),
                     "pdf-path": self.query_one("#pdf-path", Input).value.strip(),
                     "text-path": self.query_one("#text-path", Input).value.strip()}
            at = next((field_id for field_id, path in paths.items() if path and text.startswith(path)), None)
            if at is not None and self._say_at(at, text):
                text = "see the file marked above."
        else:
            text = f"unexpected problem ({error.__class__.__name__}: {error}); nothing more was written"
        self._say("Not exported: " + text, error=True)

    def _say(self, text: str, *, error: bool) -> None:
        message = self.query_one("#export-message", Static)
        message.update(text)
        message.set_class(error, "-error")

