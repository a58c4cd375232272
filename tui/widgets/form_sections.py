"""The form below the patient's name, which needs the planner and the drug profile: mounted by
PlanForm just after the first frame (see tui.first_frame).

Every input's `name` is the form key it edits; the screen writes each change into the
session's form and re-plans. These widgets only build the fields and change the form's shape
(rows added, removed or moved).
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from planner import bundled_profile_names

from ..form import AMOUNT_UNITS, KIDNEY_CHOICES, PLAN_KINDS, SEVERAL_PHASES, TAPER_METHODS, phase_key, time_key
from ..messages import FormEdited
from ..session import Session
from .field_row import FieldRow, text_field, text_input
from .plan_form import section

PHASE_TITLES = {"titrate": "Titration (up)", "maintain": "Maintenance (hold)", "taper": "Taper (down)"}
AMOUNT_LABELS = {"step": "Cut by", "percent": "Cut by", "weeks": "Spread over"}


def form_body(session: Session) -> Iterator[Widget]:
    """Everything under the name field: the rest of the patient, the medication and the lower form."""
    form, profile = session.form, session.profile
    yield text_field(form.age, "age", "Age", "years")
    kidney = Select([(label, value) for value, label in KIDNEY_CHOICES], value=form.kidney, allow_blank=False,
                    compact=True, name="kidney")
    yield FieldRow("kidney", "Kidney function", kidney)
    yield KidneyFields(session)
    yield FieldRow("liver", "Liver", Checkbox("liver impairment", form.liver, name="liver", compact=True))
    yield FieldRow("pregnant", "Pregnancy", Checkbox("pregnant", form.pregnant, name="pregnant", compact=True))
    yield FieldRow("seizures", "Seizures", Checkbox("history of seizures", form.seizures, name="seizures", compact=True))
    yield FieldRow("intrathecal", "Pump", Checkbox("intrathecal pump", form.intrathecal, name="intrathecal", compact=True))

    yield section("Medication")
    drugs = sorted(set(bundled_profile_names()) | {profile.drug})
    if len(drugs) > 1:
        drug: Widget = Select([(d.capitalize(), d) for d in drugs], value=profile.drug, allow_blank=False, compact=True, name="drug")
    else:
        drug = Label(f"{profile.name} (drug profile {profile.version})")
    yield FieldRow("drug", "Drug", drug)
    choices = [Selection(p.label + (", may be quartered" if p.quarters else ", may be halved" if p.halves else ""), p.id,
                         p.id in form.products) for p in profile.products]
    yield FieldRow("products", "Products", SelectionList[str](*choices, name="products", compact=True))
    answers = dict(form.interactions)
    for interaction in profile.interactions:  # the drug's own questions (e.g. CYP1A2 inhibitors)
        options = [("not asked", "")] + [(level, level) for level in interaction.level_ids]
        ask = Select(options, value=answers.get(interaction.id, ""), allow_blank=False, compact=True,
                     name=f"interaction:{interaction.id}", tooltip=interaction.question)
        yield FieldRow("interactions", interaction.id.upper(), ask)

    yield LowerForm(session)


class LowerForm(Vertical):
    """Dose times, current dose, phases and clinician."""

    DEFAULT_CSS = """
    LowerForm {
        height: auto;
    }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        form = self.session.form
        yield section("Dose times")
        yield TimesEditor(self.session)

        yield section("Current dose")
        yield text_field(form.current_daily, "current_daily", "Taking now", "mg/day", placeholder="blank: not taking it")
        yield text_field(form.current_doses, "current_doses", "Per dose time", "mg", placeholder="optional, e.g. 10/10/20")

        yield section("Phases")
        yield PhasesEditor(self.session)
        yield FieldRow("phases", "Add a phase", Button("Titration", name="phase-add:titrate", compact=True, classes="phase-add"),
                       Button("Maintenance", name="phase-add:maintain", compact=True, classes="phase-add"),
                       Button("Taper", name="phase-add:taper", compact=True, classes="phase-add"), classes="phase-add-row")
        yield text_field(form.review, "review", "Review after", "days on the last dose")
        yield text_field(form.follow_up, "follow_up", "Follow-up after", "days after the last dose",
                         placeholder=str(self.session.profile.follow_up_days))

        yield section("Clinician")
        yield text_field(form.clinician, "clinician", "Name")
        yield text_field(form.contact, "contact", "Contact", placeholder="telephone or address for the patient")


class KidneyFields(Vertical):
    """The fields of the chosen kind of kidney function only (built again when it changes)."""

    DEFAULT_CSS = """
    KidneyFields {
        height: auto;
    }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(id="kidney-fields")
        self.session = session

    def compose(self) -> ComposeResult:
        form = self.session.form
        if form.kidney == "crcl":
            yield text_field(form.crcl, "crcl", "Clearance", "mL/min")
        elif form.kidney == "labs":
            yield text_field(form.weight, "weight", "Weight", "kg")
            sex = Select([("female", "female"), ("male", "male")], value=form.sex or Select.NULL, prompt="choose",
                         compact=True, name="sex")
            yield FieldRow("sex", "Sex", sex)
            units = Select([("µmol/L", "umol/L"), ("mg/dL", "mg/dL")], value=form.creatinine_unit, allow_blank=False,
                           compact=True, name="creatinine_unit", classes="unit-select")
            yield FieldRow("creatinine", "Creatinine", text_input(form.creatinine, "creatinine"), units)
            yield Static("", id="computed-crcl", classes="field-note", markup=False)


class TimesEditor(Vertical):
    """One row per dose time: clock, name and a remove button."""

    DEFAULT_CSS = """
    TimesEditor {
        height: auto;
    }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(id="times-editor")
        self.session = session

    def compose(self) -> ComposeResult:
        for i, row in enumerate(self.session.form.times):
            yield FieldRow(time_key(i), f"Dose {i + 1}", text_input(row.clock, time_key(i, "clock"), "HH:MM", "clock"),
                           text_input(row.name, time_key(i, "name"), "name", "time-name"),
                           Button("Remove", name=f"time-remove:{i}", compact=True, classes="row-button"))
        yield FieldRow("times", "", Button("Add a dose time", name="time-add", compact=True))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        action, _, arg = (event.button.name or "").partition(":")
        if action == "time-add":
            self.session.add_time()
        elif action == "time-remove":
            self.session.remove_time(int(arg))
        else:
            return
        event.stop()
        await self.recompose()
        self.post_message(FormEdited(rebuilt=True))
        clocks = self.query(".clock")
        if action == "time-add" or not clocks:
            (clocks.last() if clocks else self.query(Button).last()).focus()
        else:
            clocks[min(int(arg), len(clocks) - 1)].focus()


class PhasesEditor(Vertical):
    """One block per phase, with its own fields; phases can be moved and removed."""

    DEFAULT_CSS = """
    PhasesEditor {
        height: auto;
    }
    PhasesEditor .phase-block {
        height: auto;
        margin-top: 1;
        padding-left: 1;
        border-left: thick $primary 50%;
    }
    PhasesEditor .phase-block.phase-taper {
        border-left: thick $secondary 60%;
    }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(id="phases-editor")
        self.session = session

    def compose(self) -> ComposeResult:
        phases = self.session.form.phases
        kinds = [(label, value) for value, label in PLAN_KINDS]
        if self.session.plan_kind == SEVERAL_PHASES:
            kinds.append(("several phases (add, move or remove below)", SEVERAL_PHASES))
        yield FieldRow("plan_kind", "Plan kind", Select(kinds, value=self.session.plan_kind, allow_blank=False,
                                                        compact=True, name="plan_kind"))
        for i, row in enumerate(phases):
            key = phase_key(i, "")
            with Vertical(classes=f"phase-block phase-{row.kind}"):
                yield FieldRow(phase_key(i, "kind"), f"{i + 1}. {PHASE_TITLES.get(row.kind, row.kind)}",
                               Button("Up", name=f"phase-move:{i}:-1", compact=True, disabled=i == 0),
                               Button("Down", name=f"phase-move:{i}:1", compact=True, disabled=i == len(phases) - 1),
                               Button("Remove", name=f"phase-remove:{i}", compact=True), classes="phase-head")
                if row.kind == "titrate":
                    yield text_field(row.start, key + "start", "Start at", "mg/day", placeholder="current + step")
                    yield text_field(row.target, key + "target", "Up to", "mg/day")
                    yield text_field(row.step, key + "step", "Step up by", "mg/day")
                    yield text_field(row.every, key + "every", "Every", "days")
                elif row.kind == "maintain":
                    yield text_field(row.days, key + "days", "Hold for", "days")
                else:
                    method = Select([(label, value) for value, label in TAPER_METHODS], value=row.method, allow_blank=False,
                                    compact=True, name=key + "method")
                    yield FieldRow(key + "method", "Method", method)
                    yield text_field(row.amount, key + "amount", AMOUNT_LABELS.get(row.method, "Amount"),
                                     AMOUNT_UNITS.get(row.method, ""), placeholder="choose")
                    yield text_field(row.to, key + "to", "Down to", "mg/day", placeholder="0 = stop")
                    yield text_field(row.every, key + "every", "Every", "days")
        if not phases:
            yield Static("No phases yet: add one below.", classes="field-note")

    async def on_select_changed(self, event: Select.Changed) -> None:
        name = event.select.name or ""
        if name == "plan_kind":
            event.stop()
            if isinstance(event.value, str) and event.value not in (SEVERAL_PHASES, self.session.plan_kind):
                self.session.set_plan_kind(event.value)
                await self.recompose()
                self.post_message(FormEdited(rebuilt=True))
            return
        if not name.endswith(".method") or not isinstance(event.value, str):
            return
        amount_key = name.replace(".method", ".amount")
        for row in self.query(FieldRow):
            if row.key == amount_key:
                row.query_one(".field-label", Static).update(AMOUNT_LABELS.get(event.value, "Amount"))
                row.query_one(".field-unit", Static).update(AMOUNT_UNITS.get(event.value, ""))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        parts = (event.button.name or "").split(":")
        if parts[0] == "phase-move":
            self.session.move_phase(int(parts[1]), int(parts[2]))
        elif parts[0] == "phase-remove":
            self.session.remove_phase(int(parts[1]))
        else:
            return
        event.stop()
        await self.recompose()
        self.post_message(FormEdited(rebuilt=True))
        # Keep the keyboard where the clinician was: on the moved phase, or on the phase (or the
        # add buttons) that took the removed one's place.
        index = int(parts[1]) + (int(parts[2]) if parts[0] == "phase-move" else 0)
        blocks = self.query(".phase-block")
        if blocks:
            blocks[min(index, len(blocks) - 1)].query(Input).first().focus()
        else:
            self.screen.query(".phase-add").first().focus()
        if parts[0] == "phase-remove":
            self.notify(f"Phase {int(parts[1]) + 1} removed. Ctrl+Z puts it back.")
