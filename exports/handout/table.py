"""The step table: one row per step (the current dose first), a column per dose time.

When the dose columns would be too narrow to read (5 or 6 dose times, or 4 in large print),
the dose times are stacked inside each row instead. The header repeats on every page and no
row is split across pages.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from reportlab.lib.colors import black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from planner import Dose, Schedule
from planner.phrases import Voice, patient_voice
from planner.phrases.doses import NBSP, dose_sum, mg, no_dose, time_name, unit_words
from planner.phrases.handout import label, step_dates, step_heading, stop_row, until
from planner.phrases.plan import current_split_known, current_total, used_products
from planner.schedule import patient_steps
from planner.times import DoseTime

from .look import BOLD, GREY, REGULAR, SHADE, Look, grid, markup, para
from .pictures import DosePicture
from .printable import capital, printable

PAD = 6.0


def step_table(schedule: Schedule, look: Look, width: float) -> list[Flowable]:
    """The heading and the table, moved to a new page unless the first rows fit under the heading."""
    times, v = schedule.plan.times, patient_voice(schedule)
    body = look.body
    date_w = max(width * 0.25, stringWidth(until(v, date(2026, 12, 30)), REGULAR, body) + 2 * PAD)
    total_w = max(width * 0.12, stringWidth(mg(v, Fraction(45, 2)), BOLD, body) + 2 * PAD)
    dose_w = (width - date_w - total_w) / len(times)
    stacked = dose_w - 2 * PAD < _widest_word(schedule, body)
    cells = _Cells(schedule, look, (width - date_w - total_w) - 2 * PAD if stacked else dose_w - 2 * PAD, stacked)

    if stacked:
        header = [para(label(v, "dates"), look, "cell_bold"), para(label(v, "your_doses"), look, "cell_bold")]
        widths = [date_w, width - date_w - total_w, total_w]
    else:
        header = [para(label(v, "dates"), look, "cell_bold")] + [time_header(v, t, look) for t in times]
        widths = [date_w] + [dose_w] * len(times) + [total_w]
    rows: list[list[Any]] = [header + [para(label(v, "total"), look, "cell_bold")]]
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.75, black), ("LINEBELOW", (0, 0), (-1, 0), 2, black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    if schedule.current is not None:
        before = until(v, schedule.first_day - timedelta(days=1))
        daily = sum(d.mg for d in schedule.current)
        if not current_split_known(schedule):
            # Only the daily total was given: a split the planner made up is not shown as fact.
            dose_cells = [para(current_total(v, daily).replace(" ", NBSP, 1), look, "cell_bold")] + [""] * (len(widths) - 3)
            style.append(("SPAN", (1, 1), (-2, 1)))
        else:
            dose_cells = cells.current(schedule.current)
        rows.append([[para(label(v, "current"), look, "cell_bold"), para(before, look)],
                     *dose_cells, para(mg(v, daily), look, "cell_bold")])
        style.append(("BACKGROUND", (0, 1), (-1, 1), SHADE))
    for step in patient_steps(schedule):
        dates = [para(step_heading(v, step, schedule), look, "cell_bold")] + [para(line, look) for line in step_dates(v, step, schedule)]
        rows.append([dates, *cells.doses(step.doses), para(mg(v, step.daily_mg), look, "cell_bold")])
    if schedule.stop_date is not None:
        last = len(rows)
        when, stop = stop_row(v, schedule)
        rows.append([para(when, look, "cell_bold"), para(stop, look, "cell_bold")] + [""] * (len(widths) - 2))
        style.append(("SPAN", (1, last), (-1, last)))
    table = grid(rows, widths, style, repeatRows=1, splitInRow=0)
    heading = Paragraph(label(v, "table"), look.style("heading"))
    first_rows = grid(rows[:2 if stacked else 3], widths, [])  # a stacked row is tall: the header and one row
    needed = heading.wrap(width, 10**6)[1] + heading.getSpaceBefore() + first_rows.wrap(width, 10**6)[1]
    return [CondPageBreak(needed + body), heading, table]


def several_liquids(schedule: Schedule) -> bool:
    return sum(1 for p in used_products(schedule) if p.is_liquid) > 1


def _widest_word(schedule: Schedule, body: float) -> float:
    """The widest piece a dose column must hold on one line at the body size: a dose-time name's
    word, '1 x 10 mg' (never split: '1 x' on one line and '5 mg' on the next misleads) or '= 15 mg'."""
    v, named = patient_voice(schedule), several_liquids(schedule)
    pieces = {w for t in schedule.plan.times for w in capital(time_name(v, t.name)).split()}
    for step in schedule.steps:
        for dose in step.doses:
            pieces.update(unit_words(v, u, form="cell", name_liquid=named) for u in dose.units)
            pieces.add(f"={NBSP}{mg(v, dose.mg)}")
    return max(float(stringWidth(piece, BOLD, body)) for piece in pieces)


def time_header(v: Voice, dose_time: DoseTime, look: Look) -> Paragraph:
    """'Morning' over '08:00', at the body size (the table stacks its dose times when a name's word
    is too wide for a column)."""
    name = capital(printable(time_name(v, dose_time.name), "dose time name"))
    return Paragraph(f"{markup(name)}<br/>{dose_time.hhmm}", look.style("cell_bold"))


class _Cells:
    """The dose cells of one row: a cell per dose time, or one cell with the times stacked."""

    def __init__(self, schedule: Schedule, look: Look, width: float, stacked: bool) -> None:
        self.look, self.v = look, patient_voice(schedule)
        self.stacked = stacked
        self.width = width
        self.named = several_liquids(schedule)

    def _one(self, dose: Dose) -> list[Flowable]:
        if not dose.units:
            return [para(no_dose(self.v), self.look)]
        text = dose_sum(self.v, dose, name_liquid=self.named)  # breaks only at ' + ' and before '='
        return [DosePicture(dose.units, self.look, self.v), para(text, self.look)]

    def doses(self, doses: tuple[Dose, ...]) -> list[Any]:
        return self._arrange([(d.time, self._one(d)) for d in doses])

    def current(self, doses: tuple[Dose, ...]) -> list[Any]:
        # The plan knows the current dose in mg, not which tablets the patient has been using.
        return self._arrange([(d.time, [para(mg(self.v, d.mg) if d.mg else no_dose(self.v), self.look, "cell_bold")])
                              for d in doses])

    def _arrange(self, entries: list[tuple[DoseTime, list[Flowable]]]) -> list[Any]:
        if not self.stacked:
            return [content for _, content in entries]
        label_w = self.width * 0.38
        rows = [[time_header(self.v, t, self.look), content] for t, content in entries]
        inner = grid(rows, [label_w, self.width - label_w], [
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, -2), 0.5, GREY), ("TOPPADDING", (0, 0), (-1, 0), 0),
        ])
        return [inner]
