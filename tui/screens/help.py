"""F1: how to draft a plan, in a few lines, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

HELP = """\
How to draft a plan

1. Patient: age, and kidney function as a creatinine clearance, as lab values
   (weight, sex, creatinine: Cockcroft-Gault) or dialysis. Reduced kidney
   function lowers the daily limit and the starting dose. Pregnancy, a history
   of seizures and an intrathecal baclofen pump are warned about: taperplan
   plans oral baclofen only, never a pump's dose.
2. Medication: the products the patient will use; doses are made from them.
3. Dose times: clock times from morning to bedtime; rename them freely.
4. Current dose: what the patient takes now, before a taper.
5. Phases: titration up, maintenance, taper down (fixed step, percentage or
   over a number of weeks; 0 mg stops the medicine). Up and Down reorder them.
6. Start date and time zone, at the top, are always visible.

The schedule on the right updates as you type. A value that breaks a limit is
refused: the reason shows under the field and in Checks, and the schedule is
marked out of date until it is fixed. Warnings do not stop a plan.

To change one step: select it in the table and press Enter (or Adjust step).
Lengthen or shorten it, or set its doses; the same limits apply.

Keys
  Tab, Shift+Tab    next, previous field
  Enter             in the table of steps: adjust the selected step
  Ctrl+S            save (Save as: in Ctrl+P)
  Ctrl+O, Ctrl+N    open a plan, start a new plan
  F5                export: calendar (.ics), handout (PDF), text
  F2                switch between form and schedule (narrow screens)
  Ctrl+P            all commands, including the light or dark theme
  F1                this help
  Ctrl+Q            quit

Your work is saved automatically as a draft and offered back if taperplan
closes unexpectedly; it is never written over your plan file.
taperplan checks the limits in its drug profile; it does not replace clinical
judgement.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "close", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help-dialog"):
            yield Static(HELP, markup=False, id="help-text")
            yield Button("Close", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus(scroll_visible=False)  # the help opens at its top

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
