"""The table of steps: a light line-based table with a row cursor, a fixed header and fixed
first columns. (A DataTable renders each cell on its own and cost most of a keystroke's time
on a year-long plan; this draws one line per row.)"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..messages import AdjustStep

HEADER_LINES = 2
GAP = 2
MORE = "▸"  # at the right edge: columns hidden there (Right shows them)
LESS = "◂"  # at the left of the scrolling columns: columns hidden there (Left)


class RowTable(ScrollView, can_focus=True):
    """Rows of cells; `keys[i]` names row i (a step number, or another word for a row that is not
    a step). Enter, or a click on the selected row, asks to adjust the selected step."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("home", "move(-100000)", "First", show=False),
        Binding("end", "move(100000)", "Last", show=False),
        Binding("left", "scroll_left", "Left", show=False),
        Binding("right", "scroll_right", "Right", show=False),
        Binding("enter", "adjust", "Adjust step"),
    ]
    COMPONENT_CLASSES = {"step-table--header", "step-table--cursor", "step-table--cursor-blurred", "step-table--stripe"}
    DEFAULT_CSS = """
    RowTable {
        height: auto;
        max-height: 20;
        scrollbar-size: 1 1;
        overflow-y: scroll;  /* always there: a scrollbar coming and going costs a layout */
    }
    RowTable > .step-table--header {
        color: $text-accent;
        text-style: bold;
    }
    RowTable > .step-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    RowTable > .step-table--cursor-blurred {
        background: $block-cursor-blurred-background;
    }
    RowTable > .step-table--stripe {
        background: $surface;
    }
    """

    def __init__(self, *, fixed_columns: int = 0, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fixed_columns = fixed_columns
        self.header: tuple[tuple[str, ...], ...] = ()
        self.rows: list[tuple[str, ...]] = []
        self.keys: list[str] = []
        self.cursor = 0
        self._lines: list[tuple[str, str]] = []  # (fixed part, scrolling part) per line
        self._starts: list[int] = [0]  # where each scrolling column starts in the scrolling part
        self._rest_width = 0
        self.first_column = 0  # Left and Right move the scrolling columns by whole columns

    # Content.
    def set_rows(self, header: tuple[tuple[str, ...], ...], rows: list[tuple[str, ...]], keys: list[str]) -> None:
        """Replace the table; the cursor stays on the same row number where it can."""
        self.header, self.rows, self.keys = header, rows, keys
        columns = len(header[0]) if header else 0
        widths = [max((len(line[c]) for line in (*header, *rows)), default=0) for c in range(columns)]

        def split(cells: tuple[str, ...]) -> tuple[str, str]:
            padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=True)]
            fixed = " " + (" " * GAP).join(padded[:self.fixed_columns])
            rest = (" " * GAP).join(padded[self.fixed_columns:])
            return fixed + " " * GAP, rest.rstrip()

        self._lines = [split(line) for line in (*header, *rows)]
        self._starts = [0]
        for width in widths[self.fixed_columns:-1]:
            self._starts.append(self._starts[-1] + width + GAP)
        self._rest_width = max((len(b) for _, b in self._lines), default=0)
        self.first_column = min(self.first_column, len(self._starts) - 1)
        self.cursor = max(0, min(self.cursor, len(rows) - 1))
        size = Size(1, len(self._lines))  # no horizontal scrolling: columns move whole (Left, Right)
        if size != self.virtual_size:
            if self.styles.height is not None and not self.styles.height.is_auto and self.is_mounted:
                # A table of fixed height (its scrollbar always shown) looks the same to the rest of
                # the screen whatever its length: only its scrollbar needs to know, and laying out
                # the whole screen again was most of a keystroke's time.
                self.set_reactive(RowTable.virtual_size, size)
                self._scroll_update(size)
            else:
                self.virtual_size = size
        self.refresh()

    @property
    def selected_key(self) -> str | None:
        return self.keys[self.cursor] if self.rows else None

    # Drawing: the header stays at the top, the fixed columns stay at the left.
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_y = self.scroll_offset.y
        if y < HEADER_LINES:
            index, style = y, self.get_component_rich_style("step-table--header")
        else:
            index = y + scroll_y
            row = index - HEADER_LINES
            style = (self.get_component_rich_style("step-table--cursor") if row == self.cursor and self.has_focus
                     else self.get_component_rich_style("step-table--cursor-blurred") if row == self.cursor
                     else self.get_component_rich_style("step-table--stripe") if row % 2 else Style())
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        fixed, rest = self._lines[index]
        text = self._visible(fixed, rest, width, first_line=index == 0).ljust(width)[:width]
        return Strip([Segment(text, self.rich_style + style)], width)

    def _visible(self, fixed: str, rest: str, width: int, *, first_line: bool = False) -> str:
        """The fixed columns, then the scrolling ones from the first shown, cut at a column's
        edge: a column is shown whole or not at all, and each cut is marked (◂ ▸; the first
        line says how many columns are hidden), so no row seems to hold fewer doses than it has."""
        start = self._starts[min(self.first_column, len(self._starts) - 1)]
        if start > 0:
            fixed = fixed[:-1] + LESS
        room = width - len(fixed)
        if self._rest_width - start <= room:
            return fixed + rest[start:]
        end = max((e - GAP for e in self._starts if start < e - GAP <= start + room - 4), default=start)
        more = f"+{sum(1 for e in self._starts if e > end)}{MORE}" if first_line else MORE
        return fixed + rest[start:end].ljust(room - len(more)) + more

    @property
    def columns_hidden(self) -> bool:
        """Whether some scrolling columns are out of view (the table then marks the cut)."""
        if not self._lines:
            return False
        start = self._starts[min(self.first_column, len(self._starts) - 1)]
        return start > 0 or self._rest_width > self.size.width - len(self._lines[0][0])

    def action_scroll_right(self) -> None:
        start = self._starts[min(self.first_column, len(self._starts) - 1)]
        if self._rest_width - start > self.size.width - len(self._lines[0][0]) and self.first_column < len(self._starts) - 1:
            self.first_column += 1
            self.refresh()

    def action_scroll_left(self) -> None:
        if self.first_column > 0:
            self.first_column -= 1
            self.refresh()

    # Moving and choosing.
    def action_move(self, delta: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(self.cursor + delta, len(self.rows) - 1))
        self._follow_cursor()
        self.refresh()

    def move_to(self, row: int) -> None:
        self.cursor = max(0, min(row, len(self.rows) - 1))
        self._follow_cursor()
        self.refresh()

    def _follow_cursor(self) -> None:
        visible = max(self.size.height - HEADER_LINES, 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_adjust(self) -> None:
        key = self.selected_key
        if key and key.isdigit():
            self.post_message(AdjustStep(int(key)))

    def on_click(self, event: events.Click) -> None:
        row = event.y + self.scroll_offset.y - HEADER_LINES
        if event.y < HEADER_LINES or not 0 <= row < len(self.rows):
            return
        if row == self.cursor:
            self.action_adjust()  # like a table row: click to select, click again to open
        else:
            self.move_to(row)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
