"""A labelled form field with room for its message underneath."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static


class FieldRow(Vertical):
    """`label  [widgets...]`, then the planner's message about this field, if any.

    `key` is the form key whose problems the row shows (``age``, ``phase1.target``).
    """

    def __init__(self, key: str, label: str, *widgets: Widget, classes: str = "") -> None:
        super().__init__(classes=f"field-row {classes}".strip())
        self.key = key
        self._label = label
        self._widgets = widgets

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label(self._label, classes="field-label")
            yield from self._widgets
        yield Static("", classes="field-message", markup=False)

    def show(self, message: str, severity: str | None) -> None:
        """Show `message` under the field ('' clears it); severity is 'error' or 'warning'."""
        self.query_one(".field-message", Static).update(message)
        self.set_class(bool(message), "-has-message")
        self.set_class(bool(message) and severity == "error", "-error")
        self.set_class(bool(message) and severity == "warning", "-warning")


def unit(text: str) -> Label:
    return Label(text, classes="field-unit")


def text_input(value: str, key: str, placeholder: str = "", classes: str = "") -> Input:
    """A compact input whose `name` is the form key it edits."""
    return Input(value, placeholder=placeholder, name=key, compact=True, classes=classes)


def text_field(value: str, key: str, label: str, unit_text: str = "", *, placeholder: str = "", classes: str = "") -> FieldRow:
    widgets: list[Widget] = [text_input(value, key, placeholder)]
    if unit_text:
        widgets.append(unit(unit_text))
    return FieldRow(key, label, *widgets, classes=classes)
