"""The dialog to lengthen or shorten one step, or set its per-time doses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from planner import Adjustment, PlanError, Problem, StepAnchor, day_label, fmt, to_fraction, to_int

from ..widgets.ordered_input import OrderedInput


@dataclass(frozen=True)
class AdjustChoice:
    """The step as the clinician set it: `days` longer than laid out and these per-time doses
    (planner.edits.adjust_step's rule); `as_laid_out` undoes the step's adjustment."""

    days: int = 0
    doses: tuple[Fraction, ...] = ()
    as_laid_out: bool = False


class AdjustDialog(ModalScreen[AdjustChoice | None]):
    """`check` returns the planner's errors for a proposed adjustment; the dialog stays open
    until there are none, so a refused dose is explained where it was typed."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, anchor: StepAnchor, current: Adjustment | None, check: Callable[[AdjustChoice], list[Problem]]) -> None:
        super().__init__(classes="dialog-screen")
        self.step_anchor, self.current, self.check = anchor, current, check

    def compose(self) -> ComposeResult:
        step, nominal = self.step_anchor.step, self.step_anchor.nominal
        kind = {"titrate": "titration", "maintain": "maintenance", "taper": "taper"}.get(step.phase_kind, step.phase_kind)
        until = "until the review" if step.holds_until_review else f"to {day_label(step.end)}"
        with Vertical(classes="dialog", id="adjust-dialog"):
            yield Static(f"Adjust step {step.number}", classes="dialog-title", markup=False)
            yield Static(f"{kind.capitalize()} ({step.phase_id}): from {day_label(step.start)} {until}, {step.days} day{'' if step.days == 1 else 's'}, "
                         f"{fmt(step.daily_mg)} mg a day.\nAs the phases lay it out: from {day_label(nominal.start)}, "
                         f"{nominal.days} day{'' if nominal.days == 1 else 's'}, {fmt(nominal.daily_mg)} mg a day.", classes="dialog-body", markup=False)
            days = self.current.days if self.current else 0
            with Horizontal(classes="field-line"):
                yield Label("Lengthen by", classes="field-label")
                yield OrderedInput(f"{days:+d}" if days else "0", id="days", compact=True)
                yield Label("days (a minus sign shortens the step)", classes="field-unit")
            yield Static("", id="days-message", classes="field-problem", markup=False)
            yield Static("Doses at each time:", classes="dialog-body")
            doses = self.current.doses if self.current and self.current.doses else tuple(d.mg for d in nominal.doses)
            for position, (dose, mg) in enumerate(zip(step.doses, doses, strict=True)):
                with Horizontal(classes="field-line"):
                    yield Label(f"{dose.time.hhmm} {dose.time.name}", classes="field-label")
                    yield OrderedInput(fmt(mg), name=f"dose{position}", classes="dose-input", compact=True)
                    yield Label("mg", classes="field-unit")
            yield Static("", id="adjust-message", classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                if self.current is not None:
                    yield Button("Undo this adjustment", id="undo")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#days", Input).focus()

    def on_input_submitted(self) -> None:
        self._apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self._apply()
        elif event.button.id == "undo":
            self.dismiss(AdjustChoice(as_laid_out=True))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _read(self) -> AdjustChoice:
        days = to_int(self.query_one("#days", Input).value.strip().lstrip("+") or "0", "days", what="a whole number of days")
        doses = tuple(to_fraction(i.value or "0", "doses", what="a dose in mg") for i in self.query(".dose-input").results(Input))
        return AdjustChoice(days, doses)

    def _apply(self) -> None:
        """Each problem goes under the field it is about: the days, or the doses."""
        at_days, at_doses = self.query_one("#days-message", Static), self.query_one("#adjust-message", Static)
        self._say(at_days, "")
        at_doses.update("")
        try:
            choice = self._read()
        except PlanError as exc:
            if exc.first.field == "days":
                self._say(at_days, exc.first.message)
            else:
                at_doses.update(exc.first.message)
            return
        problems = self.check(choice)
        about_doses = choice.doses != tuple(d.mg for d in self.step_anchor.nominal.doses)
        for target, mine in ((at_days, [p for p in problems if p.field == "days" or not about_doses]),
                             (at_doses, [p for p in problems if p.field != "days" and about_doses])):
            if mine:
                self._say(target, "Refused: " + "; ".join(p.message for p in mine))
        if not problems:
            self.dismiss(choice)

    @staticmethod
    def _say(target: Static, text: str) -> None:
        target.update(text)
        target.set_class(bool(text), "-shown")  # the days' line takes no room until there is something to say
