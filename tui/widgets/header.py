"""The app's header: Textual's, with a title that is redrawn without a layout of the screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle


class FixedTitle(HeaderTitle):
    """The title line keeps its size whatever it says ("● unsaved changes" comes and goes as the
    clinician types), so a new title is only redrawn: laying out the whole screen for it was
    most of a keystroke's time."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class PlanHeader(Header):
    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield FixedTitle()
        yield HeaderClockSpace()  # no clock: a clock that ticks would change every screenshot
