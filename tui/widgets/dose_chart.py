"""The daily dose over time as a small step chart, drawn from zero, with the daily limit marked."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

from rich.text import Text
from textual.widget import Widget

from planner import Schedule
from planner.numbers import fmt
from planner.phrases import ENGLISH

BLOCKS = " ▁▂▃▄▅▆▇█"


class DoseChart(Widget):
    COMPONENT_CLASSES = {"dose-chart--bar", "dose-chart--limit", "dose-chart--axis"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._daily: list[Fraction] = []
        self._limit = Fraction(0)
        self._first: date | None = None
        self._last: date | None = None

    def show(self, schedule: Schedule) -> None:
        """Plot every day from the first step to the last dose day (or the review)."""
        daily = [step.daily_mg for step in schedule.steps for _ in range(step.days)]
        shown = (daily, schedule.max_daily_mg, schedule.first_day, schedule.last_dose_day)
        if shown != (self._daily, self._limit, self._first, self._last):
            self._daily, self._limit, self._first, self._last = shown
            self.refresh()

    def clear(self) -> None:
        self._daily, self._first, self._last = [], None, None
        self.refresh()

    def render(self) -> Text:
        if not self._daily or self.size.height < 2:
            return Text("")
        scale = max(max(self._daily), self._limit)
        labels = [fmt(scale), "0"]
        axis_width = max(len(x) for x in labels) + 1
        width = max(self.size.width - axis_width, 1)
        height = self.size.height - 1
        bar = self.get_component_rich_style("dose-chart--bar")
        limit = self.get_component_rich_style("dose-chart--limit")
        axis = self.get_component_rich_style("dose-chart--axis")
        columns = self._columns(width)
        limit_row = height - 1 - min(math.floor(self._limit / scale * height - Fraction(1, 2)), height - 1)
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
        text.append(self._dates(axis_width, width), axis)
        return text

    def _columns(self, width: int) -> list[Fraction]:
        """The highest daily dose in each column's share of days (short peaks stay visible)."""
        days = len(self._daily)
        spans = ((c * days // width, max((c + 1) * days // width, c * days // width + 1)) for c in range(width))
        return [max(self._daily[lo:hi]) for lo, hi in spans]

    def _dates(self, axis_width: int, width: int) -> str:
        assert self._first is not None and self._last is not None
        first = ENGLISH.short_day(self._first, year=True)
        last = ENGLISH.short_day(self._last, year=True)
        limit = f"╌ limit {fmt(self._limit)} mg/day"
        gap = width - len(first) - len(last)
        middle = limit.center(gap) if gap >= len(limit) + 2 else " " * max(gap, 1)
        return " " * axis_width + first + middle + last
