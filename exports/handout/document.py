"""The printable discharge handout (PDF): what to take when, in words and pictures, with the
safety rules, a chart, a tick-box tracker and the pharmacist's totals.

Deterministic (same schedule and issue date, same bytes); every font embedded; a character the
font cannot draw is refused with a HandoutError rather than printed as a box.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from planner import Schedule
from planner.phrases import patient_voice
from planner.phrases.doses import dispense_rows, product_line
from planner.phrases.handout import label, page_label, pharmacist_notes, provenance, safety_items, summary, title, tracker_end
from planner.phrases.plan import drug_word, used_products

from .chart import StepChart
from .errors import HandoutError
from .look import BOLD, REGULAR, SHADE, Look, grid, markup, para
from .pictures import product_picture
from .printable import cut_to_width, printable
from .table import step_table
from .tracker import Tracker, tracker_days

__all__ = ["HandoutOptions", "handout_bytes"]

PAPERS = {"a4": A4, "letter": LETTER}
_SIDE, _TOP, _BOTTOM = 15 * mm, 14 * mm, 22 * mm


@dataclass(frozen=True)
class HandoutOptions:
    issued: date
    paper: str = "a4"  # "a4" | "letter"
    large_print: bool = False


def handout_bytes(schedule: Schedule, options: HandoutOptions) -> bytes:
    """The handout as PDF bytes, or a HandoutError (one line) saying what cannot be printed."""
    if options.paper not in PAPERS:
        raise HandoutError(f"paper: {options.paper!r} is not a paper size; use a4 or letter")
    _check_printable(schedule)
    look = Look(14.0 if options.large_print else 12.0)
    plan = schedule.plan
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=PAPERS[options.paper], leftMargin=_SIDE, rightMargin=_SIDE, topMargin=_TOP,
        bottomMargin=_BOTTOM, invariant=1, initialFontName=REGULAR,
        title=title(patient_voice(schedule), schedule), author="taperplan",
        subject=f"{schedule.profile.name} plan {plan.plan_id} revision {plan.revision}, issued {options.issued.isoformat()}",
        creator="taperplan", keywords="",
    )
    paper = PAPERS[options.paper]
    doc.addPageTemplates([_template("page", paper), _template("wide", landscape(paper))])
    footer = _footer(schedule, options, look)
    doc.build(_story(schedule, options, look, doc.width, doc.height, landscape(paper)[0] - 2 * _SIDE), canvasmaker=_numbered_canvas(footer, options.issued))
    return buffer.getvalue()


def _template(name: str, size: tuple[float, float]) -> PageTemplate:
    return PageTemplate(id=name, pagesize=size, frames=[Frame(
        _SIDE, _BOTTOM, size[0] - 2 * _SIDE, size[1] - _TOP - _BOTTOM, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)])


def _check_printable(schedule: Schedule) -> None:
    """Refuse, before drawing anything, every text the font cannot print."""
    plan = schedule.plan
    printable(plan.patient.name, "patient name")
    printable(plan.clinician.name, "clinician name")
    printable(plan.clinician.contact, "clinician contact")
    printable(schedule.profile.name, "drug name")
    printable(f"{schedule.profile.drug} {schedule.profile.version}", "drug profile")
    for dose_time in plan.times:
        printable(dose_time.name, "dose time name")
    for warning in schedule.warnings:
        printable(warning.patient, "warning")


def _height(flowables: list[Flowable], width: float) -> float:
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, 10**6)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _needed(part: list[Flowable]) -> float:
    """The room a part asks for before it starts (its leading CondPageBreak)."""
    first = part[0]
    return float(first.height) if isinstance(first, CondPageBreak) else 0.0


def _story(schedule: Schedule, options: HandoutOptions, look: Look, width: float, height: float, wide: float) -> list[Flowable]:
    v = patient_voice(schedule)
    story: list[Flowable] = [Paragraph(markup(title(v, schedule)), look.style("title"))]
    story.append(_details(schedule, options, look, width))
    story += _products(schedule, look, width)
    story.append(_boxed(Paragraph(markup(summary(schedule)), look.style("summary")), width, look))
    table, safety = step_table(schedule, look, width), _safety(schedule, look, width)
    room = height - _height(story, width)
    # A table whose heading and first row would leave page 1 nearly empty follows the safety box,
    # which splits between its rules and so fills the page.
    story += safety + table if _needed(table) > room >= _needed(safety) else table + safety
    story.append(KeepTogether([Paragraph(label(v, "chart"), look.style("heading")), StepChart(schedule, look)]))
    story += _pharmacist(schedule, look, width)
    story += _tracker(schedule, look, width, wide)
    return story


def _details(schedule: Schedule, options: HandoutOptions, look: Look, width: float) -> Table:
    """Patient, issue date and clinician; an empty field is a line to write on."""
    plan, v = schedule.plan, patient_voice(schedule)
    blank = "_" * 24
    rows = [
        (label(v, "patient"), printable(plan.patient.name, "patient name") or blank),
        (label(v, "issued"), v.day(options.issued, year=True)),
        (label(v, "clinician"), printable(plan.clinician.name, "clinician name") or blank),
        (label(v, "contact"), printable(plan.clinician.contact, "clinician contact") or blank),
    ]
    label_w = width * 0.26
    return grid([[para(k, look, "cell_bold"), para(v, look)] for k, v in rows], [label_w, width - label_w], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), look.body * 0.15), ("TOPPADDING", (0, 0), (-1, -1), 0)])


def _products(schedule: Schedule, look: Look, width: float) -> list[Flowable]:
    v = patient_voice(schedule)
    drug = drug_word(v, schedule).capitalize()
    rows = [[product_picture(p, look, v), para(product_line(v, p, drug), look)] for p in used_products(schedule)]
    picture_w = look.icon * 4.2
    table = grid(rows, [picture_w, width - picture_w], [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, -1), 0)])
    return [Paragraph(label(v, "medicine"), look.style("heading")), table]


def _boxed(content: Flowable, width: float, look: Look) -> Table:
    pad = look.body * 0.6
    box = grid([[content]], [width], [("BOX", (0, 0), (-1, -1), 2, black), ("LEFTPADDING", (0, 0), (-1, -1), pad),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), pad), ("TOPPADDING", (0, 0), (-1, -1), pad)])
    box.spaceBefore = look.body * 0.8
    return box


def _safety(schedule: Schedule, look: Look, width: float) -> list[Flowable]:
    """The rules that prevent harm, in a heavy box; it may break between rules, never inside one."""
    rows = [[para(label(patient_voice(schedule), "stay_safe"), look, "heading")]]
    rows += [[[para(heading, look, "cell_bold"), para(text, look)]] for heading, text in safety_items(schedule)]
    pad = look.body * 0.6
    commands = [("BOX", (0, 0), (-1, -1), 2.5, black), ("LINEBELOW", (0, 0), (-1, -2), 0.5, black),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    box = grid(rows, [width], commands, repeatRows=1, splitInRow=0)
    box.spaceBefore = look.body
    # Never the title and one rule alone at a page's foot: the title and the first two rules together.
    needed = grid(rows[:3], [width], commands).wrap(width, 10**6)[1] + box.spaceBefore
    return [CondPageBreak(needed), box]


def _pharmacist(schedule: Schedule, look: Look, width: float) -> list[Flowable]:
    v = patient_voice(schedule)
    intro, notes = pharmacist_notes(schedule, profile_warnings=[w.message for w in schedule.warnings
                                                                                if w.code.startswith("profile_")])
    rows = [[para(product, look), para(amount, look, "cell_bold")] for product, amount in dispense_rows(v, schedule.dispense)]
    table = grid(rows, [width * 0.55, width * 0.45], [("GRID", (0, 0), (-1, -1), 0.75, black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    table.spaceAfter = look.body * 0.5
    block: list[Flowable] = [Paragraph(label(v, "pharmacist"), look.style("heading")), para(intro, look, "body"), table]
    return [KeepTogether(block + [para(note, look, "body") for note in notes])]


def _tracker(schedule: Schedule, look: Look, width: float, wide: float) -> list[Flowable]:
    """The tracker, on landscape pages when its columns cannot hold every word at the body size."""
    v = patient_voice(schedule)
    tracker = Tracker(tracker_days(schedule), schedule.plan.times, look, v)
    turn: list[Flowable] = []
    if not tracker.fits(width) and tracker.fits(wide):
        turn = [NextPageTemplate("wide"), PageBreak()]
    return [
        *turn,
        CondPageBreak(look.body * 20),  # the heading, its note and a week of days
        Paragraph(label(v, "tracker"), look.style("heading")),
        para(label(v, "tracker_note"), look, "body"),
        tracker,
        Spacer(0, look.body * 0.6),
        para(tracker_end(schedule), look, "summary"),
    ]


def _footer(schedule: Schedule, options: HandoutOptions, look: Look) -> Callable[[Canvas, int, int], None]:
    """Page N of M and the patient's name (so a loose page finds its owner), then where the plan came from."""
    plan = schedule.plan
    name = printable(plan.patient.name, "patient name")
    untrusted = any(w.code.startswith("profile_") for w in schedule.warnings)
    origin = provenance(schedule, options.issued, untrusted=untrusted)
    v = patient_voice(schedule)

    def draw(canvas: Canvas, page: int, pages: int) -> None:
        width = canvas._pagesize[0]  # portrait, or landscape for a wide tracker
        size, body = look.small, look.body  # the patient reads the page and their name; the provenance is for staff
        y = _BOTTOM - size * 2.2
        canvas.saveState()
        canvas.setFillColor(black)
        canvas.setFont(BOLD, body)
        page_text = page_label(v, page, pages)
        canvas.drawString(_SIDE, y, page_text)
        room = width - 2 * _SIDE - stringWidth(page_text, BOLD, body) - size * 2
        canvas.drawRightString(width - _SIDE, y, cut_to_width(name, BOLD, body, room))
        small = min(size, size * (width - 2 * _SIDE) / stringWidth(origin, REGULAR, size))
        canvas.setFont(REGULAR, small)
        canvas.drawString(_SIDE, y - size * 1.4, origin)
        canvas.restoreState()

    return draw


def _numbered_canvas(footer: Callable[[Canvas, int, int], None], issued: date) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each footer can say 'page N of M'; its
    creation date is the issue date (still the same bytes every time)."""
    stamp = f"D:{issued:%Y%m%d}000000+00'00'"

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_: stamp)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._held:
                self.__dict__.update(state)
                footer(self, self._pageNumber, len(self._held))
                super().showPage()
            super().save()

    return NumberedCanvas
