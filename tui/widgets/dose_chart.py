"""The daily dose over time as a small step chart, drawn from zero, with the daily limit marked."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from planner import Schedule, fmt
from planner.phrases import ENGLISH

BLOCKS = " ▁▂▃▄▅▆▇█"
LIMIT_MARK = "╌"


@dataclass(frozen=True)
class ChartData:
    daily: tuple[Fraction, ...]  # the daily dose, day by day
    limit: Fraction
    first: date
    last: date


def chart_rows(data: ChartData, width: int, height: int) -> list[list[tuple[str, str]]]:
    """The chart as rows of (text, part) runs, part being "axis", "bar" or "limit": `height`
    rows in all, the last one the dates. Exact arithmetic, done once per column."""
    scale = max(max(data.daily), data.limit)
    labels = [fmt(scale), "0"]
    axis_width = max(len(x) for x in labels) + 1
    columns = max(width - axis_width, 1)
    bars = height - 1
    # Each distinct daily dose is scaled once (a year-long plan has a few dozen, not 365); the
    # scaling keeps the order, so a column's highest dose is its highest bar.
    height_of = {value: round(value / scale * bars * 8) for value in set(data.daily)}
    eighths = _columns(tuple(height_of[value] for value in data.daily), columns)
    limit_row = bars - 1 - min(math.floor(data.limit / scale * bars - Fraction(1, 2)), bars - 1)
    rows: list[list[tuple[str, str]]] = []
    for row in range(bars):
        label = labels[0] if row == 0 else labels[1] if row == bars - 1 else ""
        runs = [(label.rjust(axis_width - 1) + "┤" if label else " " * (axis_width - 1) + "│", "axis")]
        floor = (bars - 1 - row) * 8
        for filled in eighths:
            fill = min(max(filled - floor, 0), 8)
            text, part = (LIMIT_MARK, "limit") if fill == 0 and row == limit_row else (BLOCKS[fill], "bar")
            if runs[-1][1] == part:
                runs[-1] = (runs[-1][0] + text, part)
            else:
                runs.append((text, part))
        rows.append(runs)
    rows.append([(_dates(data, axis_width, columns), "axis")])
    return rows


def _columns(daily: tuple[int, ...], width: int) -> list[int]:
    """The highest bar in each column's share of days (short peaks stay visible)."""
    days = len(daily)
    spans = ((c * days // width, max((c + 1) * days // width, c * days // width + 1)) for c in range(width))
    return [max(daily[lo:hi]) for lo, hi in spans]


def _dates(data: ChartData, axis_width: int, width: int) -> str:
    first = ENGLISH.short_day(data.first, year=True)
    last = ENGLISH.short_day(data.last, year=True)
    limit = f"{LIMIT_MARK} limit {fmt(data.limit)} mg/day"
    gap = width - len(first) - len(last)
    middle = limit.center(gap) if gap >= len(limit) + 2 else " " * max(gap, 1)
    return " " * axis_width + first + middle + last


class DoseChart(Widget):
    COMPONENT_CLASSES = {"dose-chart--bar", "dose-chart--limit", "dose-chart--axis"}
    DEFAULT_CSS = """
    DoseChart {
        height: 5;
        margin-top: 1;
    }
    DoseChart > .dose-chart--bar {
        color: $accent;
    }
    DoseChart > .dose-chart--limit {
        color: $error;
    }
    DoseChart > .dose-chart--axis {
        color: $text-muted;
    }
    """

    data: reactive[ChartData | None] = reactive(None)
    """What is plotted; a new value that differs redraws the chart."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # The drawn lines and the (data, size) they were drawn for: a keystroke that changes the
        # plan draws the chart once, as strips, not once per line or per frame.
        self._drawn: tuple[object, list[Strip]] = (None, [])

    def show(self, schedule: Schedule) -> None:
        """Plot every day from the first step to the last dose day (or the review)."""
        daily = tuple(step.daily_mg for step in schedule.steps for _ in range(step.days))
        self.data = ChartData(daily, schedule.max_daily_mg, schedule.first_day, schedule.last_dose_day)

    def clear(self) -> None:
        self.data = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = (None, [])  # a new theme: the same lines in new colours

    def lines(self) -> list[Strip]:
        """The chart's lines at the widget's size (none without data or room)."""
        width, height = self.size
        key = (self.data, width, height)
        if self._drawn[0] != key:
            self._drawn = (key, self._draw(width, height))
        return self._drawn[1]

    def _draw(self, width: int, height: int) -> list[Strip]:
        data = self.data
        if data is None or not data.daily or height < 2 or width < 1:
            return []
        base = self.rich_style
        styles: dict[str, Style] = {part: base + self.get_component_rich_style(f"dose-chart--{part}")
                                    for part in ("axis", "bar", "limit")}
        strips = []
        for runs in chart_rows(data, width, height):
            strips.append(Strip([Segment(text, styles[part]) for text, part in runs]).adjust_cell_length(width, base))
        return strips

    def render_line(self, y: int) -> Strip:
        lines = self.lines()
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.rich_style)
