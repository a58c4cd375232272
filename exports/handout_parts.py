"""Drawn parts of the handout: tablet pictures, the dose chart and the tick-box tracker.

Each is a reportlab Flowable that draws straight on the canvas: a tracker of hundreds of doses
as table cells would be slow (libraries.md), and pictures need shapes, not text.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from reportlab.lib.colors import Color, black, white
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from planner import Schedule, Step
from planner.doses import Unit
from planner.numbers import fmt
from planner.phrases import Voice, patient_voice
from planner.phrases.doses import no_dose, time_name, tracker_amount, volume
from planner.phrases.handout import clocks_forward, label, moved_dose
from planner.profile import Product
from planner.schedule import patient_steps
from planner.times import DoseTime

from .handout_style import BOLD, REGULAR, Look, capital, cut_to_width, printable

GREY = Color(0.45, 0.45, 0.45)
SHADE = Color(0.92, 0.92, 0.92)


def _pieces(units: tuple[Unit, ...]) -> list[tuple[str, Unit]]:
    """One entry per thing to draw: each whole tablet or packet, a half tablet, a measured liquid."""
    pieces: list[tuple[str, Unit]] = []
    for unit in units:
        if unit.product.is_liquid:
            pieces.append(("liquid", unit))
            continue
        whole = math.floor(unit.count)
        pieces += [({"granules": "packet", "capsule": "capsule"}.get(unit.product.form, "whole"), unit)] * whole
        if unit.count != whole:
            pieces.append(("half", unit))
    return pieces


class DosePicture(Flowable):  # type: ignore[misc]
    """The tablets of one dose drawn in a row (wrapping when the column is narrow)."""

    def __init__(self, units: tuple[Unit, ...], look: Look, voice: Voice) -> None:
        super().__init__()
        self.pieces = _pieces(units)
        self.look, self.v = look, voice
        self.gap = look.icon * 0.3
        self.rows: list[list[tuple[str, Unit, float]]] = []

    def _width(self, kind: str, unit: Unit) -> float:
        s = self.look.icon
        if kind == "liquid":
            label: float = stringWidth(volume(self.v, unit.count), BOLD, self.look.body)
            return s * 1.8 + label
        return {"packet": s * 0.8, "syringe": s * 1.6}.get(kind, s)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.rows = [[]]
        used = 0.0
        for kind, unit in self.pieces:
            width = self._width(kind, unit)
            if kind == "liquid" and width > avail_width:  # no room for the volume: the words below give it
                kind, width = "syringe", self._width("syringe", unit)
            if self.rows[-1] and used + self.gap + width > avail_width:
                self.rows.append([])
                used = 0.0
            used += (self.gap if self.rows[-1] else 0) + width
            self.rows[-1].append((kind, unit, width))
        self.width = avail_width
        self.height = len(self.rows) * (self.look.icon + self.gap) if self.pieces else 0
        return self.width, self.height

    def draw(self) -> None:
        s = self.look.icon
        for row_index, row in enumerate(self.rows):
            y = self.height - (row_index + 1) * (s + self.gap) + self.gap / 2
            x = 0.0
            for kind, unit, width in row:
                if kind == "liquid":
                    _liquid(self.canv, x, y, s, unit, self.look, volume(self.v, unit.count))
                else:
                    draw = {"whole": _whole, "half": _half, "packet": _packet, "capsule": _capsule, "syringe": _syringe}[kind]
                    draw(self.canv, x, y, s, unit, self.look)
                x += width + self.gap


def _outline(canv: Canvas, look: Look, fill: Color = white) -> None:
    """Black outlines, heavy enough to survive a poor photocopy."""
    canv.setStrokeColor(black)
    canv.setFillColor(fill)
    canv.setLineWidth(1.3 * look.scale)


def _label(canv: Canvas, x: float, y: float, text: str, size: float) -> None:
    canv.setFillColor(black)
    canv.setFont(BOLD, size)
    canv.drawCentredString(x, y - size * 0.36, text)


def _whole(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    c = canv
    cx, cy, r = x + s / 2, y + s / 2, s / 2
    _outline(c, look)
    c.circle(cx, cy, r, stroke=1, fill=1)
    if unit.product.halves:  # the score line, interrupted by the strength
        c.setLineWidth(0.8 * look.scale)
        c.line(cx, cy + r, cx, cy + r * 0.5)
        c.line(cx, cy - r, cx, cy - r * 0.5)
        if unit.product.quarters:  # the second score line of a tablet that may be quartered
            c.line(cx - r, cy, cx - r * 0.5, cy)
            c.line(cx + r, cy, cx + r * 0.5, cy)
    _label(c, cx, cy, fmt(unit.product.strength_mg), look.body)


def _half(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    c = canv
    cx, cy, r = x + s / 2, y + s / 2, s / 2
    c.setLineWidth(0.8 * look.scale)
    c.setStrokeColor(GREY)
    taken = float(unit.count - math.floor(unit.count)) * 360  # a half, or a quarter or three where allowed
    c.setDash(2, 2)  # the part that stays in the pack, dashed
    c.wedge(cx - r, cy - r, cx + r, cy + r, 90 + taken, 360 - taken, stroke=1, fill=0)
    c.setDash()
    _outline(c, look)
    c.wedge(cx - r, cy - r, cx + r, cy + r, 90, taken, stroke=1, fill=1)
    _label(c, cx, cy, fmt(unit.product.strength_mg), look.body)  # the strength of the tablet it is half of


def _capsule(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    """A capsule lying down: a rounded bar, one end shaded, taken whole."""
    c = canv
    h = s * 0.55
    by = y + (s - h) / 2
    _outline(c, look, SHADE)
    c.roundRect(x, by, s / 2, h, h / 2, stroke=1, fill=1)
    _outline(c, look)
    c.roundRect(x + s / 2 - h / 2, by, s / 2 + h / 2, h, h / 2, stroke=1, fill=1)
    _label(c, x + s * 0.72, y + s / 2, fmt(unit.product.strength_mg), look.body * 0.8)


def _packet(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    c = canv
    w, top = s * 0.8, y + s
    _outline(c, look)
    path = c.beginPath()
    path.moveTo(x, y)
    path.lineTo(x + w, y)
    path.lineTo(x + w, top - s * 0.1)
    teeth = 4
    for i in range(teeth, 0, -1):  # a torn-off zigzag top, as on a sachet
        path.lineTo(x + w * (i - 0.5) / teeth, top)
        path.lineTo(x + w * (i - 1) / teeth, top - s * 0.1)
    path.close()
    c.drawPath(path, stroke=1, fill=1)
    _label(c, x + w / 2, y + s * 0.45, fmt(unit.product.strength_mg), look.body)


def _liquid(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look, volume: str) -> None:
    """An oral syringe, then the volume in bold."""
    _syringe(canv, x, y, s, unit, look)
    canv.setFillColor(black)
    canv.setFont(BOLD, look.body)
    canv.drawString(x + s * 1.8, y + s / 2 - look.body * 0.36, volume)


def _syringe(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    """An oral syringe, filled in part."""
    c = canv
    barrel_x, barrel_w, barrel_h = x + s * 0.3, s * 1.1, s * 0.42
    by = y + (s - barrel_h) / 2
    _outline(c, look, SHADE)
    c.rect(barrel_x + barrel_w * 0.45, by, barrel_w * 0.55, barrel_h, stroke=0, fill=1)
    c.rect(barrel_x, by, barrel_w, barrel_h, stroke=1, fill=0)
    c.line(x, y + s / 2, barrel_x + barrel_w * 0.45, y + s / 2)
    c.line(x, by - s * 0.05, x, by + barrel_h + s * 0.05)
    c.rect(barrel_x + barrel_w, y + s / 2 - s * 0.07, s * 0.2, s * 0.14, stroke=1, fill=0)


def product_picture(product: Product, look: Look, voice: Voice) -> DosePicture:
    """One whole piece of `product` (1 mL of a liquid), for the key under the header."""
    return DosePicture((Unit(product, Fraction(1)),), look, voice)


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


@dataclass(frozen=True)
class TrackerDay:
    day: date
    step: Step
    changed: bool  # some dose differs from the day before
    note: str = ""  # a dose the clock change moves (a spring-forward gap)


def tracker_days(schedule: Schedule) -> list[TrackerDay]:
    """Every day from the first dose to the last (the review day included). A day is a change when
    some dose in mg differs from the day before; the first day only when the patient already
    takes a different dose."""
    days = []
    moved = moved_doses(schedule)
    before = None if schedule.current is None else tuple(d.mg for d in schedule.current)
    for step in schedule.steps:
        doses = tuple(d.mg for d in step.doses)
        for offset in range(step.days):
            day = step.start + timedelta(days=offset)
            days.append(TrackerDay(day, step, offset == 0 and before is not None and doses != before, moved.get(day, "")))
        before = doses
    return days


def moved_doses(schedule: Schedule) -> dict[date, str]:
    """Days with a dose in the hour the clocks skip, and what the patient does: the calendar moves
    such a dose forward by the gap (planner.times.local_dose_time)."""
    v = patient_voice(schedule)
    moves: dict[date, list[str]] = {}
    for occurrence in schedule.occurrences:
        clock = occurrence.dose.time.clock
        if (occurrence.at.hour, occurrence.at.minute) != (clock.hour, clock.minute):
            at = f"{occurrence.at.hour:02d}:{occurrence.at.minute:02d}"
            moves.setdefault(occurrence.day, []).append(moved_dose(v, occurrence.dose.time.hhmm, at))
    return {day: clocks_forward(v, what) for day, what in moves.items()}


class Tracker(Flowable):  # type: ignore[misc]
    """Day-by-day rows with a box to tick for each dose; splits between days, header on each part.
    Every word is drawn at the body size: `fits` says whether a width holds the columns so."""

    def __init__(self, days: list[TrackerDay], times: tuple[DoseTime, ...], look: Look, voice: Voice,
                 amounts: frozenset[str] | None = None) -> None:
        super().__init__()
        self.days, self.v = days, voice
        self.times = times
        self.look = look
        self.row_h = look.body * 1.9
        # Every amount as printed, found once: the parts a long tracker splits into share it.
        self.amounts = amounts if amounts is not None else frozenset(
            tracker_amount(voice, d) for step in {day.step.number: day.step for day in days}.values() for d in step.doses if d.mg > 0)
        self.width = -1.0

    def _columns(self, width: float) -> tuple[float, float, float]:
        """(date column, dose column, room for the amount beside the box)."""
        body = self.look.body
        date_w = stringWidth(self.v.day(date(2026, 9, 30), year=True), BOLD, body) + body * 0.6
        col_w = (width - date_w) / len(self.times)
        return date_w, col_w, col_w - body * 0.6 - body * 1.05 - body * 0.3

    def fits(self, width: float) -> bool:
        """True when every amount, 'no dose' and each word of the dose-time names fit at the body size."""
        body = self.look.body
        _, col_w, room = self._columns(width)
        words = [w for t in self.times for w in capital(time_name(self.v, t.name)).split()] + [t.hhmm for t in self.times]
        return (max((stringWidth(a, BOLD, body) for a in self.amounts), default=0.0) <= room
                and max(stringWidth(w, BOLD, body) for w in words) <= col_w - body * 0.6
                and stringWidth(no_dose(self.v), REGULAR, body) <= col_w - body * 0.6)

    def _lay_out(self, width: float) -> None:
        if width == self.width:
            return
        body = self.look.body
        self.width = width
        self.date_w, self.col_w, room = self._columns(width)
        inner = self.col_w - body * 0.6
        self.names = [_fit_lines(capital(printable(time_name(self.v, t.name), "dose time name")), body, inner) for t in self.times]
        self.head_h = body * (1.3 * max(len(lines) for lines in self.names) + 1.9)
        self.box = body * 1.05
        widest = max((stringWidth(a, BOLD, body) for a in self.amounts), default=0.0)
        # Only a width `fits` refused comes here smaller: better small than overlapping.
        self.dose_size = body if widest <= room else body * room / widest

    def _day_h(self, day: TrackerDay) -> float:
        return self.row_h + (self.look.body * 1.4 if day.note else 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._lay_out(avail_width)
        self.height = self.head_h + sum(self._day_h(day) for day in self.days)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._lay_out(avail_width)
        fits, used = 0, self.head_h
        while fits < len(self.days) and used + self._day_h(self.days[fits]) <= avail_height:
            used += self._day_h(self.days[fits])
            fits += 1
        if fits < 3 or fits >= len(self.days):
            return []
        return [Tracker(self.days[:fits], self.times, self.look, self.v, self.amounts),
                Tracker(self.days[fits:], self.times, self.look, self.v, self.amounts)]

    def draw(self) -> None:
        c, body = self.canv, self.look.body
        top = self.height
        c.setFillColor(black)
        c.setFont(BOLD, body)
        c.drawString(body * 0.3, top - self.head_h + body * 0.6, label(self.v, "date"))
        for i, dose_time in enumerate(self.times):
            x = self.date_w + i * self.col_w + body * 0.3
            c.setFont(BOLD, body)
            for k, line in enumerate(self.names[i]):
                c.drawString(x, top - body * (1.2 + 1.3 * k), line)
            c.drawString(x, top - self.head_h + body * 0.6, dose_time.hhmm)
        c.setLineWidth(1.5)
        c.line(0, top - self.head_h, self.width, top - self.head_h)
        y = top - self.head_h
        inner = [self.date_w + i * self.col_w for i in range(len(self.times))]
        c.setLineWidth(0.5)
        for x in inner:
            c.line(x, y, x, top)
        for day in self.days:
            y -= self._day_h(day)
            self._draw_day(c, day, y)
            c.setLineWidth(0.5)
            c.setStrokeColor(black)
            for x in inner:  # not through a note
                c.line(x, y + self._day_h(day) - self.row_h, x, y + self._day_h(day))
        c.line(0, 0, self.width, 0)
        c.line(0, 0, 0, top)
        c.line(self.width, 0, self.width, top)

    def _draw_day(self, c: Canvas, day: TrackerDay, y: float) -> None:
        body, box = self.look.body, self.box
        if day.day.weekday() >= 5:
            c.setFillColor(SHADE)
            c.rect(0, y, self.width, self._day_h(day), stroke=0, fill=1)
        c.setStrokeColor(black)
        c.setLineWidth(2.2 if day.changed else 0.5)
        c.line(0, y + self._day_h(day), self.width, y + self._day_h(day))
        note_y = y + body * 0.45
        if day.note:  # below the boxes, across the row
            y += body * 1.4
        text_y = y + self.row_h / 2 - body * 0.36
        weight = BOLD if day.changed else REGULAR
        c.setFillColor(black)
        c.setFont(weight, body)
        c.drawString(body * 0.3, text_y, self.v.day(day.day, year=True))
        for i, dose in enumerate(day.step.doses):
            x = self.date_w + i * self.col_w + body * 0.3
            if dose.mg == 0:
                c.setFont(REGULAR, body)
                c.drawString(x, text_y, no_dose(self.v))
                continue
            c.setLineWidth(1.2)
            c.setFillColor(white)
            c.rect(x, y + (self.row_h - box) / 2, box, box, stroke=1, fill=1)
            c.setFillColor(black)
            c.setFont(weight, self.dose_size)
            c.drawString(x + box + body * 0.3, text_y, tracker_amount(self.v, dose))
        if day.note:
            c.setFillColor(black)
            c.setFont(BOLD, body)
            c.drawString(body * 0.3, note_y, cut_to_width(day.note, BOLD, body, self.width - body * 0.6))


def _fit_lines(text: str, size: float, width: float) -> list[str]:
    """`text` in bold on at most 3 lines of `width` at `size`, the last cut with an ellipsis if
    need be: a dose-time name can have 24 characters; its clock time is never cut."""
    lines: list[str] = simpleSplit(text, BOLD, size, width)
    if len(lines) <= 3 and all(stringWidth(line, BOLD, size) <= width for line in lines):
        return lines
    kept = [line for line in lines[:2] if stringWidth(line, BOLD, size) <= width]
    rest = " ".join(lines[len(kept):])
    return kept + [cut_to_width(rest, BOLD, size, width)]
