"""A labelled form field, with room for its message underneath."""

from __future__ import annotations

from typing import Self

from textual.app import ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from ..messages import FieldEdited
from .ordered_input import OrderedInput


class FieldMessage(Static):
    """The planner's message about a field, under its row (red for an error, yellow for a warning)."""

    DEFAULT_CSS = """
    FieldMessage {
        display: none;
        padding-left: 16;
        height: auto;
        &.-has-message {
            display: block;
        }
        &.-error {
            color: $text-error;
        }
        &.-warning {
            color: $text-warning;
        }
    }
    """


class FieldRow(Widget):
    """`label  [widgets...]` on one line; the planner's message about the field, if any, goes
    on the lines under it.

    `key` is the form key whose problems the row shows (``age``, ``phase1.target``). The message
    is a sibling mounted under the row when there is first something to say: a form of rows
    without extra containers starts noticeably faster.
    """

    DEFAULT_CSS = """
    FieldRow {
        layout: horizontal;
        height: auto;
    }
    FieldRow .field-label {
        width: 16;
        color: $text-muted;
    }
    FieldRow .field-unit {
        width: auto;
        padding: 0 0 0 1;
        color: $text-muted;
    }
    FieldRow Input {
        width: 1fr;
        min-width: 6;
        height: 1;  /* a fixed size: typing then costs no layout of the whole screen */
    }
    FieldRow Select {
        width: 1fr;
    }
    FieldRow .unit-select {
        width: 12;
        margin-left: 1;
    }
    FieldRow Input.clock {
        width: 8;
    }
    FieldRow Input.time-name {
        margin-left: 1;
    }
    FieldRow Button {
        margin-left: 1;
        min-width: 6;
    }
    FieldRow.phase-add-row .field-label {
        width: auto;  /* all three buttons, Taper too, fit a 46-column form */
    }
    FieldRow SelectionList {
        width: 1fr;
        height: auto;
        max-height: 8;
    }
    FieldRow.phase-head .field-label {
        width: 22;
        color: $text;
        text-style: bold;
    }
    FieldRow.-error .field-label {  /* after .phase-head: an error is red there too */
        color: $text-error;
        text-style: bold;
    }
    """

    def __init__(self, key: str, label: str, *widgets: Widget, classes: str = "") -> None:
        super().__init__(classes=f"field-row {classes}".strip())
        self.key = key
        self._label = label
        self._widgets = widgets
        self._extra_classes = classes
        self._shown: tuple[str, str | None] = ("", None)
        self.message: FieldMessage | None = None

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field-label")
        yield from self._widgets

    def show(self, message: str, severity: str | None) -> bool:
        """Show `message` under the field ('' clears it); severity is 'error' or 'warning'.
        Returns whether anything changed."""
        if (message, severity) == self._shown:
            return False  # an unchanged message costs no layout
        self._shown = (message, severity)
        if self.message is None and message and isinstance(self.parent, Widget):
            self.message = FieldMessage(message, classes=f"field-message {self._extra_classes}".strip(), markup=False)
            self.parent.mount(self.message, after=self)
        elif self.message is not None:
            self.message.update(message)
        for widget in (self, self.message):
            if widget is not None:
                widget.set_class(bool(message), "-has-message")
                widget.set_class(bool(message) and severity == "error", "-error")
                widget.set_class(bool(message) and severity == "warning", "-warning")
        return True


def unit(text: str) -> Label:
    return Label(text, classes="field-unit")


class FormInput(OrderedInput):
    """An input whose `name` is the form key it edits; each change is posted as `FieldEdited`
    for the screen, which re-plans once the typed character is on screen."""

    _keeping_size = False

    def _watch_value(self, value: str) -> None:
        # Input's own watcher sets `virtual_size`, which asks for a layout of the whole screen on
        # every keystroke; a field one line high changes nothing around it (the size itself is
        # still set, for scrolling the text within the field).
        self._keeping_size = True
        try:
            super()._watch_value(value)
        finally:
            self._keeping_size = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        return super().refresh(*regions, repaint=repaint, layout=layout and not self._keeping_size, recompose=recompose)

    def watch_value(self, value: str) -> None:
        if not self.is_mounted:
            return  # the initial value, set while the field is built
        if self.name is not None:
            self.post_message(FieldEdited(self.name, value))

    def on_blur(self) -> None:
        """A clock time typed as 8am or 0800 reads as 08:00 once the field is left."""
        if self.name is not None and self.name.endswith(".clock"):
            from planner import PlanError, read_clock  # clock fields exist only once the planner is loaded

            try:
                shown = read_clock(self.value).strftime("%H:%M")
            except PlanError:
                return
            if shown != self.value:
                self.value = shown


def text_input(value: str, key: str, placeholder: str = "", classes: str = "") -> Input:
    return FormInput(value, placeholder=placeholder, name=key, compact=True, classes=classes)


def text_field(value: str, key: str, label: str, unit_text: str = "", *, placeholder: str = "", classes: str = "") -> FieldRow:
    widgets: list[Widget] = [text_input(value, key, placeholder)]
    if unit_text:
        widgets.append(unit(unit_text))
    return FieldRow(key, label, *widgets, classes=classes)
