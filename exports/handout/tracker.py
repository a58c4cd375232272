"""The tick-box tracker: a row per day, a box to tick for each dose, changes and clock moves marked.

A reportlab Flowable that draws straight on the canvas: a tracker of hundreds of doses as table
cells would be slow (libraries.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.colors import black, white
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from planner import Schedule, Step
from planner.phrases import Voice, patient_voice
from planner.phrases.doses import no_dose, time_name, tracker_amount
from planner.phrases.handout import clocks_forward, label, moved_dose
from planner.times import DoseTime

from .look import BOLD, REGULAR, SHADE, Look
from .printable import capital, cut_to_width, printable


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
