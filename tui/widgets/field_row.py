"""A labelled form field, with room for its message underneath."""

from __future__ import annotations

from typing import Self

from textual.app import ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from planner import PlanError
from planner.times import read_clock


class FieldRow(Widget):
    """`label  [widgets...]` on one line; the planner's message about the field, if any, goes
    on the lines under it.

    `key` is the form key whose problems the row shows (``age``, ``phase1.target``). The message
    is a sibling mounted under the row when there is first something to say: a form of rows
    without extra containers starts noticeably faster.
    """

    def __init__(self, key: str, label: str, *widgets: Widget, classes: str = "") -> None:
        super().__init__(classes=f"field-row {classes}".strip())
        self.key = key
        self._label = label
        self._widgets = widgets
        self._extra_classes = classes
        self._shown: tuple[str, str | None] = ("", None)
        self.message: Static | None = None

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
            self.message = Static(message, classes=f"field-message {self._extra_classes}".strip(), markup=False)
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


class FormInput(Input):
    """An input whose `name` is the form key it edits. Each change goes straight to the screen's
    `edit_field` (no message in between), so the re-planned preview is drawn in the same frame
    as the typed character."""

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
        edit = getattr(self.screen, "edit_field", None)
        if edit is not None and self.name is not None:
            edit(self.name, value)

    def on_blur(self) -> None:
        """A clock time typed as 8am or 0800 reads as 08:00 once the field is left."""
        if self.name is not None and self.name.endswith(".clock"):
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
