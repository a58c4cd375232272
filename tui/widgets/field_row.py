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
        self._shown: tuple[str, str | None] = ("", None)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label(self._label, classes="field-label")
            yield from self._widgets
        # The message line is mounted when there is first something to say: fewer widgets, faster start.

    def show(self, message: str, severity: str | None) -> None:
        """Show `message` under the field ('' clears it); severity is 'error' or 'warning'."""
        if (message, severity) == self._shown:
            return  # an unchanged message costs no layout
        self._shown = (message, severity)
        lines = self.query(".field-message")
        if lines:
            lines.first(Static).update(message)
        elif message:
            self.mount(Static(message, classes="field-message", markup=False))
        self.set_class(bool(message), "-has-message")
        self.set_class(bool(message) and severity == "error", "-error")
        self.set_class(bool(message) and severity == "warning", "-warning")


def unit(text: str) -> Label:
    return Label(text, classes="field-unit")


class FormInput(Input):
    """An input whose `name` is the form key it edits. Each change goes straight to the screen's
    `edit_field` (no message in between), so the re-planned preview is drawn in the same frame
    as the typed character."""

    def watch_value(self, value: str) -> None:
        if not self.is_mounted:
            return  # the initial value, set while the field is built
        edit = getattr(self.screen, "edit_field", None)
        if edit is not None and self.name is not None:
            edit(self.name, value)


def text_input(value: str, key: str, placeholder: str = "", classes: str = "") -> Input:
    return FormInput(value, placeholder=placeholder, name=key, compact=True, classes=classes)


def text_field(value: str, key: str, label: str, unit_text: str = "", *, placeholder: str = "", classes: str = "") -> FieldRow:
    widgets: list[Widget] = [text_input(value, key, placeholder)]
    if unit_text:
        widgets.append(unit(unit_text))
    return FieldRow(key, label, *widgets, classes=classes)
