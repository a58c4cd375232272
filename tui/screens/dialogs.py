"""Small modal dialogs: a choice between a few answers, and a file path to open or save."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Static

from ..widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from planner import Plan


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    variant: str = "default"


class ChoiceDialog(ModalScreen[Choice | None]):
    """A question with a few answers; Escape answers None (cancel)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, body: str, choices: tuple[Choice, ...]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.body, self.choices = title, body, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    yield Button(choice.label, name=choice.id, variant=choice.variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(next(c for c in self.choices if c.id == event.button.name))

    def action_cancel(self) -> None:
        self.dismiss(None)


def proposed_name(plan: Plan, folder: Path) -> Path:
    """`baclofen-ann-example-2026-12-01.json`: drug, patient and start date, in plain ASCII,
    numbered so that it names no file already in `folder`."""
    ascii_name = unicodedata.normalize("NFKD", plan.patient.name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "unnamed"
    stem = f"{plan.profile.drug}-{slug}-{plan.start_date.isoformat()}"
    candidate, n = folder / f"{stem}.json", 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}.json", n + 1
    return candidate


def whose_plan(path: Path) -> str:
    """Whose plan a file holds, for the question before replacing it."""
    from ..workflow import PlanFileError, open_plan

    try:
        plan = open_plan(path)
    except (PlanFileError, OSError):
        return "a file that is not a plan taperplan can read"
    name = plan.patient.name.strip() or "a patient with no name given"
    return f"the plan for {name} (revision {plan.revision}, starting {plan.start_date.isoformat()})"


@dataclass(frozen=True)
class PathChoice:
    path: Path
    replace: bool  # the file exists and the clinician agreed to replace it


class PathDialog(ModalScreen[PathChoice | None]):
    """Asks for a plan file to open (`saving=False`) or to save to (`saving=True`)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, initial: str, *, saving: bool) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.initial, self.saving = title, initial, saving
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        plans = sorted(str(p) for p in Path.cwd().glob("*.json"))[:200]
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield OrderedInput(self.initial, placeholder="path/to/plan.json", id="path", suggester=SuggestFromList(plans))
            yield Static("", id="path-message", classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save" if self.saving else "Open", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self) -> None:
        self._submit()

    def on_input_changed(self) -> None:
        self._confirmed = None
        self.query_one("#ok", Button).label = "Save" if self.saving else "Open"
        self._say("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _say(self, text: str) -> None:
        self.query_one("#path-message", Static).update(text)

    def _submit(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._say("Give a file name.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self._say(f"{path} is a folder; give a file name.")
        elif not self.saving and not path.is_file():
            self._say(f"There is no file {path}.")
        elif self.saving and not path.parent.is_dir():
            self._say(f"The folder {path.parent} does not exist.")
        elif self.saving and path.exists() and self._confirmed != path:
            self._confirmed = path
            self.query_one("#ok", Button).label = "Replace"
            self._say(f"{path} already holds {whose_plan(path)}. Replace it? (Cancel keeps it.)")
            self.query_one("#cancel", Button).focus()  # Enter again must not replace another patient's plan
        else:
            self.dismiss(PathChoice(path, path.exists()))
