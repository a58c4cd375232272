"""The daily dose over time as a small step chart, drawn from zero, with the daily limit marked."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from planner import Schedule, fmt
from planner.phrases import ENGLISH

BLOCKS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class ChartData:
    daily: tuple[Fraction, ...]  # the daily dose, day by day
    limit: Fraction
    first: date
    last: date


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

    def show(self, schedule: Schedule) -> None:
        """Plot every day from the first step to the last dose day (or the review)."""
        daily = tuple(step.daily_mg for step in schedule.steps for _ in range(step.days))
        self.data = ChartData(daily, schedule.max_daily_mg, schedule.first_day, schedule.last_dose_day)

    def clear(self) -> None:
        self.data = None

    def render(self) -> Text:
        data = self.data
        if data is None or not data.daily or self.size.height < 2:
            return Text("")
        scale = max(max(data.daily), data.limit)
        labels = [fmt(scale), "0"]
        axis_width = max(len(x) for x in labels) + 1
        width = max(self.size.width - axis_width, 1)
        height = self.size.height - 1
        bar = self.get_component_rich_style("dose-chart--bar")
        limit = self.get_component_rich_style("dose-chart--limit")
        axis = self.get_component_rich_style("dose-chart--axis")
        columns = self._columns(data.daily, width)
        limit_row = height - 1 - min(math.floor(data.limit / scale * height - Fraction(1, 2)), height - 1)
        text = Text(no_wrap=True, overflow="crop")
        for row in range(height):
            label = labels[0] if row == 0 else labels[1] if row == height - 1 else ""
            text.append(label.rjust(axis_width - 1) + "┤" if label else " " * (axis_width - 1) + "│", axis)
            floor = (height - 1 - row) * 8
            for value in columns:
                eighths = round(value / scale * height * 8)
                fill = min(max(eighths - floor, 0), 8)
                if fill == 0 and row == limit_row:
                    text.append("╌", limit)
                else:
                    text.append(BLOCKS[fill], bar)
            text.append("\n")
        text.append(self._dates(data, axis_width, width), axis)
        return text

    @staticmethod
    def _columns(daily: tuple[Fraction, ...], width: int) -> list[Fraction]:
        """The highest daily dose in each column's share of days (short peaks stay visible)."""
        days = len(daily)
        spans = ((c * days // width, max((c + 1) * days // width, c * days // width + 1)) for c in range(width))
        return [max(daily[lo:hi]) for lo, hi in spans]

    @staticmethod
    def _dates(data: ChartData, axis_width: int, width: int) -> str:
        first = ENGLISH.short_day(data.first, year=True)
        last = ENGLISH.short_day(data.last, year=True)
        limit = f"╌ limit {fmt(data.limit)} mg/day"
        gap = width - len(first) - len(last)
        middle = limit.center(gap) if gap >= len(limit) + 2 else " " * max(gap, 1)
        return " " * axis_width + first + middle + last
