"""The planner screen: the form and the preview, side by side or, when narrow, behind tabs.

Every change goes into the session's form and re-plans at once; the planner's problems come
back to the fields they name.

The first frame shows the top of the screen only (tui.first_frame): this module imports no
planner, so the app appears about as fast as a bare Textual app. `start_planning` then builds the
session, the rest of the form and the preview; the planner is imported by the methods that run
from then on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Tab, Tabs

from ..first_frame import FIRST_KEYS
from ..messages import AdjustStep, FieldEdited, FormEdited, RemoveAdjustments
from ..widgets.field_row import FieldRow, text_field
from ..widgets.footer import SteadyFooter
from ..widgets.header import PlanHeader
from ..widgets.plan_form import PlanForm

if TYPE_CHECKING:
    from textual.widgets import Checkbox, Select, SelectionList

    from planner import Plan, Problem

    from ..app import TaperplanApp
    from ..form import FieldProblem
    from ..session import Outcome, Session
    from ..widgets.preview import Preview
    from .adjust import AdjustChoice


class MainScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # A plan starts with the patient's name: focused as the screen is built, so that keys typed
    # while the app starts go there (focusing it in on_mount comes after them).
    AUTO_FOCUS = "#form-pane Input"

    def __init__(self, width: int) -> None:
        # The breakpoint class from the start: setting it later would style every widget twice.
        super().__init__(id="main", classes="-show-form " + ("-wide" if width >= 110 else "-narrow"))
        self.outcome: Outcome | None = None
        self._rows: dict[str, FieldRow] | None = None  # the form's fields by key, until the form is rebuilt
        self._form_focus: Widget | None = None
        self._replan_pending = False
        self.preview: Preview | None = None  # mounted by start_planning, after the first frame

    @property
    def taperplan(self) -> TaperplanApp:
        return cast("TaperplanApp", self.app)

    @property
    def session(self) -> Session:
        return self.taperplan.session

    def compose(self) -> ComposeResult:
        first = self.taperplan.first_fields()
        yield PlanHeader()
        with Horizontal(id="when-bar"):
            with Vertical(classes="when-field"):
                yield text_field(first.start_date, "start_date", "Start date", placeholder="YYYY-MM-DD")
            with Vertical(classes="when-field"):
                yield text_field(first.timezone, "timezone", "Time zone", placeholder="e.g. Europe/Berlin")
        if self.has_class("-narrow"):
            yield pane_tabs()  # shown only when narrow: otherwise mounted with the preview
        with Horizontal(id="panes"):
            yield PlanForm(None, patient_name=first.patient_name, id="form-pane")  # filled by start_planning
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        self.call_after_refresh(self.start_planning)

    async def start_planning(self) -> None:
        """After the first frame: the session, the rest of the form and the preview. What was typed
        meanwhile into the fields of the first frame goes into the plan."""
        from ..widgets.preview import Preview

        session = self.taperplan.build_session()
        await self.query_one(PlanForm).fill(session)
        if not self.is_attached:
            return  # the app was closed at once
        self.preview = Preview(id="preview-pane")
        panes = self.query_one("#panes")
        if not self.query(Tabs):
            await self.mount(pane_tabs(), before=panes)
        await panes.mount(self.preview)
        for key in FIRST_KEYS:
            typed = self.input_for(key).value
            if session.form.get(key) != typed:
                session.form.set(key, typed)
        self.replan()
        self.taperplan.planning_started()

    @property
    def planning(self) -> bool:
        """Whether the session, the whole form and the preview are there (just after the first frame)."""
        return self.preview is not None

    async def reload(self) -> None:
        """Show a different session (a plan opened, a new plan, a draft restored)."""
        form_pane = self.query_one(PlanForm)
        form_pane.session = self.session
        await form_pane.recompose()
        self._rows = None
        if self.preview is not None:
            self.preview.reset()
        form = self.session.form
        for key in ("start_date", "timezone"):
            self.input_for(key).value = form.get(key)  # the same values as the form: no re-plan
        self.replan()
        self.input_for("patient_name").focus()

    def input_for(self, key: str) -> Input:
        """The input that edits the form key `key` (its `name`)."""
        return next(widget for widget in self.query(Input) if widget.name == key)

    # Every edit goes into the form, then the plan is built again.
    def edit_field(self, key: str | None, value: Any) -> None:
        if key is None or key not in _EDITABLE and "." not in key:
            return
        if not self.planning:
            return  # typed into the first frame: start_planning reads the field
        if self.session.form.get(key) != value:
            self.session.form.set(key, value)
            self.replan_soon()

    def replan_soon(self) -> None:
        """Re-plan once the typed character is on screen: the echo never waits for the planner,
        and keys that arrive together cost one re-plan."""
        if not self._replan_pending:
            self._replan_pending = True
            self.call_after_refresh(self.replan_if_pending)

    @property
    def replan_pending(self) -> bool:
        return self._replan_pending

    def replan_if_pending(self) -> None:
        """Before anything reads the outcome (export, adjust, save), a re-plan still waiting runs."""
        if self._replan_pending:
            self.replan()

    def on_field_edited(self, message: FieldEdited) -> None:
        self.edit_field(message.key, message.value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.edit_field(event.checkbox.name, event.value)

    async def on_select_changed(self, event: Select.Changed) -> None:
        name, value = event.select.name, "" if event.value is event.select.NULL else event.value
        if name == "drug":
            if value != self.session.profile.drug:
                self.session.select_drug(str(value))
                await self.query_one(PlanForm).recompose()
                self._rows = None
                self.replan()
            return
        if name and name.startswith("interaction:"):
            answers = dict(self.session.form.interactions)
            answers.pop(name.partition(":")[2], None)
            if value:
                answers[name.partition(":")[2]] = str(value)
            self.edit_field("interactions", tuple(sorted(answers.items())))
            return
        self.edit_field(name, value)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = set(event.selection_list.selected)
        self.edit_field("products", tuple(p.id for p in self.session.profile.products if p.id in chosen))

    def on_form_edited(self, message: FormEdited) -> None:
        if message.rebuilt:
            self._rows = None
        self.replan()

    def replan(self) -> None:
        from planner import fmt_crcl

        self._replan_pending = False
        if self.preview is None:
            return  # start_planning plans once the session is there
        outcome = self.session.outcome()
        past = self._start_in_past(outcome)
        if past is not None:
            outcome = replace(outcome, warnings=(past, *outcome.warnings))
        self.outcome = outcome
        self.preview.outcome = outcome
        self._show_field_problems(outcome)
        crcl = outcome.plan.patient.crcl_ml_min if outcome.plan and outcome.plan.patient.labs else None
        said = any(w.key == "creatinine" for w in outcome.warnings)  # the kidney warning already gives it
        self.query_one(PlanForm).show_computed_crcl(
            "" if crcl is None or said else f"Creatinine clearance {fmt_crcl(crcl)} mL/min (Cockcroft-Gault)")
        self.taperplan.plan_changed(outcome)

    def _start_in_past(self, outcome: Outcome) -> FieldProblem | None:
        """A start date before today (the app's clock) is allowed, for a plan written up
        afterwards, but said: the first doses would already be missed."""
        from planner import Problem

        from ..fields import table_dates
        from ..form import FieldProblem

        plan, today = outcome.plan, self.taperplan.today
        if plan is None or plan.start_date >= today:
            return None
        days = (today - plan.start_date).days
        return FieldProblem("start_date", Problem("start_in_past", "start_date",
                                                  f"the start date is {days} day{'s' if days != 1 else ''} in the past (today is "
                                                  f"{table_dates(today.isoformat())}); doses before today cannot be taken as planned",
                                                  severity="warning"))

    def _show_field_problems(self, outcome: Outcome) -> None:
        if self._rows is None:
            self._rows = {row.key: row for row in self.query(FieldRow)}
        rows = self._rows
        shown: dict[str, tuple[list[str], str]] = {}

        def put(item: FieldProblem, severity: str) -> None:
            key = item.key
            if key not in rows and key.startswith("phase"):
                key = key.split(".")[0] + ".kind"
            messages, current = shown.setdefault(key, ([], severity))
            if current == "error" and severity == "warning":
                return
            messages.append(item.problem.message)

        for item in outcome.errors:
            put(item, "error")
        for item in outcome.warnings:
            put(item, "warning")
        changed = False
        for key, row in rows.items():
            messages, severity = shown.get(key, ([], ""))
            changed = row.show("\n".join(messages), severity) or changed
        focused = self.focused
        if changed and focused is not None and self.query_one(PlanForm) in focused.ancestors:
            # Messages appearing around the field being typed in must not push it (or its own
            # message) out of view.
            around = next((a for a in focused.ancestors_with_self if isinstance(a, FieldRow)), None)
            target = around.message if around is not None and around.message is not None else focused
            self.call_after_refresh(target.scroll_visible, animate=False)

    # Narrow screens: one pane at a time.
    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        showing_form = event.tab.id == "tab-form"
        self.set_class(showing_form, "-show-form")
        self.set_class(not showing_form, "-show-preview")

    def toggle_pane(self) -> None:
        """F2: from the form to the table of steps and back (when narrow, switching tabs)."""
        from ..widgets.preview import ScheduleTable

        if self.preview is None or not self.preview.query(ScheduleTable):
            return  # a key typed ahead, before the schedule pane is drawn (just after the first frame)
        narrow = self.has_class("-narrow")
        focused = self.focused
        in_preview = focused is not None and self.preview in focused.ancestors_with_self
        to_schedule = self.has_class("-show-form") if narrow else not in_preview
        if to_schedule and focused is not None and not in_preview:
            self._form_focus = focused
        if narrow:
            self.query_one(Tabs).active = "tab-preview" if to_schedule else "tab-form"
            self.set_class(not to_schedule, "-show-form")
            self.set_class(to_schedule, "-show-preview")
        if to_schedule:
            self.preview.query_one(ScheduleTable).focus()
        elif self._form_focus is not None and self._form_focus.is_attached:
            self._form_focus.focus()
        else:
            self.input_for("patient_name").focus()

    # Adjusting steps.
    def on_adjust_step(self, message: AdjustStep) -> None:
        from planner import PlanError, adjust_step, build_schedule, clear_adjustment, step_anchor

        from ..fields import in_words

        self.replan_if_pending()
        schedule = self.outcome.schedule if self.outcome else None
        if schedule is None:
            self.notify("Fix the errors first: steps can be adjusted on a schedule that passes the checks.", severity="warning")
            return
        number = message.step_number
        anchor = step_anchor(schedule, number)

        def proposed(choice: AdjustChoice) -> Plan:
            """The plan with the step set as chosen: the command line's `adjust` rule (planner.edits)."""
            if choice.as_laid_out:
                return clear_adjustment(schedule.plan, number)
            return adjust_step(schedule.plan, number, days=choice.days, doses=choice.doses)

        def check(choice: AdjustChoice) -> list[Problem]:
            try:
                build_schedule(proposed(choice))
            except PlanError as exc:
                return [in_words(p, schedule.plan.profile) for p in exc.problems]
            return []

        def apply(choice: AdjustChoice | None) -> None:
            if choice is not None:
                self.session.adjustments = proposed(choice).adjustments
                self.replan()

        from .adjust import AdjustDialog

        self.app.push_screen(AdjustDialog(anchor, anchor.current(schedule.plan.adjustments), check), apply)

    def adjust_selected(self) -> None:
        from ..widgets.preview import ScheduleTable

        if self.preview is None:
            return
        tables = self.preview.query(ScheduleTable)
        step = tables.first().selected_step() if tables else None
        if step is not None:
            self.post_message(AdjustStep(step))

    def on_remove_adjustments(self, message: RemoveAdjustments) -> None:
        adjustments = self.session.adjustments
        if not adjustments:
            return
        if message.index is None:
            self.session.remember(f"removing all {len(adjustments)} adjustments")
            self.session.adjustments = ()
        elif 0 <= message.index < len(adjustments):
            self.session.remember("removing an adjustment")
            self.session.adjustments = adjustments[:message.index] + adjustments[message.index + 1:]
        else:
            return
        self.replan()
        self.notify("Removed. Ctrl+Z puts it back.")

    async def undo(self) -> None:
        """Ctrl+Z: the plan as it was before the last removal."""
        what = self.session.undo()
        if what is None:
            self.notify("Nothing to undo: Ctrl+Z undoes removing a phase, a dose time or adjustments.")
            return
        await self.reload()
        self.taperplan.refresh_bindings()
        self.notify(f"Undone: {what}.")


def pane_tabs() -> Tabs:
    return Tabs(Tab("Form", id="tab-form"), Tab("Schedule", id="tab-preview"), id="pane-tabs")


_EDITABLE = {
    "patient_name", "age", "kidney", "crcl", "weight", "sex", "creatinine", "creatinine_unit", "liver", "pregnant", "seizures", "intrathecal", "products", "interactions",
    "current_daily", "current_doses", "review", "follow_up", "start_date", "timezone", "clinician", "contact",
}
