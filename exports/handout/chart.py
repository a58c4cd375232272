"""The dose chart: the daily dose over time as a step line, with labelled axes."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction

from reportlab.lib.colors import black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from planner import Schedule
from planner.numbers import fmt
from planner.phrases import patient_voice
from planner.phrases.handout import label
from planner.schedule import patient_steps

from .look import BOLD, REGULAR, SHADE, Look


class StepChart(Flowable):  # type: ignore[misc]
    """The daily dose over time as a step line, with labelled axes."""

    def __init__(self, schedule: Schedule, look: Look) -> None:
        super().__init__()
        self.schedule = schedule
        self.look = look

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.look.body * 16
        return self.width, self.height

    def draw(self) -> None:
        c, look, schedule = self.canv, self.look, self.schedule
        v = patient_voice(schedule)
        size = look.body
        left, bottom = size * 4.5, size * 3.6
        plot_w, plot_h = self.width - left - size * 1.5, self.height - bottom - size * 1.2
        first = schedule.first_day
        end = schedule.stop_date or (schedule.last_dose_day + timedelta(days=1))
        along = _time_axis(schedule, end + timedelta(days=3 if schedule.stop_date else 0), plot_w,
                           stringWidth("30 May", REGULAR, size) + size)
        top_mg = max(s.daily_mg for s in schedule.steps)
        tick = _nice_tick(top_mg)
        y_max = (math.floor(top_mg / tick) + 1) * tick  # headroom above the highest step for the label

        def px(day: date) -> float:
            return left + along(day)

        def py(mg: Fraction) -> float:
            return bottom + plot_h * float(mg / y_max)

        c.setFont(REGULAR, size)
        c.setLineWidth(0.5)
        for k in range(int(y_max / tick) + 1):
            value = tick * k
            c.setStrokeColor(SHADE if k else black)
            c.line(left, py(value), left + plot_w, py(value))
            c.setFillColor(black)
            c.drawRightString(left - size * 0.4, py(value) - size * 0.35, fmt(value))
        c.setStrokeColor(black)
        c.setLineWidth(1)
        c.line(left, bottom, left, bottom + plot_h)
        for day in _date_ticks(schedule, px, size):
            c.line(px(day), bottom, px(day), bottom - size * 0.4)
            c.drawCentredString(px(day), bottom - size * 1.4, v.short_day(day))
        c.setFont(BOLD, size)
        c.drawCentredString(left + plot_w / 2, bottom - size * 2.9, label(v, "chart_x"))
        c.saveState()
        c.translate(size * 1.1, bottom + plot_h / 2)
        c.rotate(90)
        c.drawCentredString(0, 0, label(v, "chart_y"))
        c.restoreState()
        path = c.beginPath()
        path.moveTo(px(first), py(schedule.steps[0].daily_mg))
        for step in schedule.steps:
            path.lineTo(px(step.start), py(step.daily_mg))
            path.lineTo(px(step.end + timedelta(days=1)), py(step.daily_mg))
        if schedule.stop_date is not None:
            path.lineTo(px(schedule.stop_date), py(Fraction(0)))
            path.lineTo(left + plot_w, py(Fraction(0)))
        c.setLineWidth(2.5 * look.scale)
        c.drawPath(path, stroke=1, fill=0)
        marker, mark = ((schedule.review_date, label(v, "review")) if schedule.review_date else (schedule.stop_date, label(v, "stop")))
        if marker is not None:
            c.setLineWidth(1)
            c.setDash(3, 2)
            c.line(px(marker), bottom, px(marker), bottom + plot_h)
            c.setDash()
            c.setFont(BOLD, size)
            c.drawRightString(px(marker) - size * 0.3, bottom + plot_h - size, mark)


def _nice_tick(top: Fraction) -> Fraction:
    for tick in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if top / tick <= 6:
            return Fraction(tick)
    return Fraction(math.ceil(top / 6))


def _time_axis(schedule: Schedule, end: date, width: float, label: float) -> Callable[[date], float]:
    """Where a day falls along the chart: each step gets room for its date label and a share of
    the rest by its length, so a short titration before a year's hold still shows its steps."""
    edges = [s.start for s in patient_steps(schedule)] + [end]
    days = [(b - a).days for a, b in zip(edges, edges[1:])]
    base = min(label, width / len(days))
    total = sum(days)
    widths = [base + (width - base * len(days)) * d / total for d in days]
    starts = [sum(widths[:i]) for i in range(len(widths))]

    def along(day: date) -> float:
        for i in range(len(days) - 1, -1, -1):
            if day >= edges[i]:
                return starts[i] + widths[i] * min((day - edges[i]).days, days[i]) / days[i]
        return 0.0

    return along


def _date_ticks(schedule: Schedule, px: Callable[[date], float], size: float) -> list[date]:
    """Step starts and the end, thinned so that no two labels touch."""
    candidates = [s.start for s in patient_steps(schedule)] + [schedule.stop_date or schedule.last_dose_day]
    room = stringWidth(patient_voice(schedule).short_day(date(2026, 5, 30)), REGULAR, size) + size
    kept: list[date] = []
    for day in candidates:
        if kept and px(day) - px(kept[-1]) < room:
            if day != candidates[-1]:
                continue
            if len(kept) > 1:
                kept.pop()
        kept.append(day)
    return kept
