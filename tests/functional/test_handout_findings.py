"""What a patient trips over in the handout (issue 13), read back from the PDF with pypdf."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from fractions import Fraction

import pytest
from handout_cases import ISSUED, all_text, long_taper, page_texts, reader, titration

from exports.handout import HandoutOptions, handout_bytes
from planner import Maintenance, Taper, build_schedule, bundled_profile, instructions, parse_times
from planner.edits import add_phase
from planner.factory import titration_plan
from planner.phrases import ENGLISH
from planner.phrases.handout import safety_items
from planner.schedule import patient_steps

A4 = HandoutOptions(issued=ISSUED)


def titrate_hold_taper():
    plan = titration_plan(bundled_profile(), plan_id="x", start_date=date(2026, 12, 1), timezone="Europe/Berlin",
                          target_mg=Fraction(45))
    plan = add_phase(plan, Maintenance("", 14))
    return build_schedule(add_phase(plan, Taper("", Fraction(0), "step", Fraction(15), 14)))


def drawn(data: bytes) -> list[tuple[str, str, float]]:
    """(text, font name, size in points) of every piece of text drawn."""
    found: list[tuple[str, str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            found.append((text.strip(), name, abs(size * tm[0] * cm[0]) or size))

    for page in reader(data).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_a_hold_at_the_same_dose_is_one_step_and_one_instruction():
    schedule = titrate_hold_taper()
    merged = patient_steps(schedule)
    assert [s.daily_mg for s in merged] == [15, 30, 45, 30, 15]
    assert merged[2].start == date(2026, 12, 7) and merged[2].end == date(2026, 12, 23)
    lines = instructions(schedule)
    assert sum("45 mg a day" in line for line in lines) == 1
    assert "From Mon 7 Dec to Wed 23 Dec" in lines[2]
    text = all_text(handout_bytes(schedule, A4))
    assert "Step 3: 17 days" in text and "Step 6" not in text


def test_the_tracker_marks_only_days_whose_dose_changes():
    data = handout_bytes(titrate_hold_taper(), A4)
    bold_days = {t for t, font, _ in drawn(data) if "Bold" in font and t.endswith("2026") and t[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
    assert "Mon 7 Dec 2026" in bold_days and "Thu 24 Dec 2026" in bold_days
    assert "Thu 10 Dec 2026" not in bold_days  # maintenance begins; the dose stays 15/15/15


def six_times():
    return build_schedule(titration_plan(bundled_profile(), plan_id="x", start_date=date(2026, 12, 1), timezone="Europe/Berlin",
                                         times=parse_times("06:00,09:00,12:00,15:00,18:00,21:00"), target_mg=Fraction(60)))


CASES = {"label": titration, "tablets and solution": long_taper, "four times": lambda: titration(times=parse_times("4")),
         "six times": six_times}


@pytest.fixture(scope="module", params=[(name, large) for name in CASES for large in (False, True)], ids=str)
def printed(request):
    name, large = request.param
    schedule = CASES[name]()
    return schedule, large, handout_bytes(schedule, HandoutOptions(issued=ISSUED, large_print=large))


def test_every_word_a_patient_reads_is_at_least_the_promised_size(printed):
    _, large, data = printed
    smallest = 14 if large else 12
    too_small = {(text, round(size, 1)) for text, _, size in drawn(data)
                 if size < smallest - 0.01 and not text.startswith("Plan ")}  # the provenance line is for staff
    assert not too_small


def test_no_tablet_count_is_split_from_its_strength(printed):
    _, _, data = printed
    for text, _, _ in drawn(data):
        text = text.replace("\u00a0", " ")
        if re.search(r"(^|\s)x(\s|$)", text):
            assert re.search(r"\d x \d+(\.\d+)? mg", text), text
        assert not re.search(r"(^|\s)x$", text) and not text.startswith("x "), text


def bold_by_page(data: bytes) -> list[list[str]]:
    pages: list[list[str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font and "Bold" in str(font.get("/BaseFont", "")):
            pages[-1].append(text.strip().replace("\u00a0", " "))

    for page in reader(data).pages:
        pages.append([])
        page.extract_text(visitor_text=visit)
    return pages


def test_page_one_holds_more_than_the_header_and_safety_box_keeps_its_title(printed):
    schedule, _, data = printed
    pages = page_texts(data)
    assert "Stay safe" in pages[0] or "Step 1" in pages[0]
    headings = [heading for heading, _ in safety_items(schedule)]
    for page, bold in zip(pages, bold_by_page(data), strict=True):
        found = [h for h in headings if any(piece == h or (len(piece) > 12 and h.startswith(piece)) for piece in bold)]
        if found:
            assert "Stay safe" in bold  # a continued box repeats its title
            assert len(found) >= 2 or found[0] != headings[0]  # never the title with one rule alone at a page's foot
        if "Your doses, step by step" in page:
            assert "Step 1" in page


def test_tracker_cells_give_a_liquid_dose_in_ml():
    data = handout_bytes(long_taper(), A4)
    texts = Counter(text for text, _, _ in drawn(data))
    assert texts["9.5 mL"] >= 14 and texts["0.5 mL"] >= 70  # a week of three doses, and the last weeks
    assert texts["9.5 mg"] == 0 and texts["0.5 mg"] <= 1


def test_a_dose_in_the_skipped_hour_is_explained_on_its_day():
    plan = titration_plan(bundled_profile(), plan_id="x", start_date=date(2027, 3, 25), timezone="Europe/Berlin",
                          times=parse_times("02:30,09:00,21:00"))
    pages = page_texts(handout_bytes(build_schedule(plan), A4))
    note = "Sun 28 Mar 2027 10 mg 10 mg 10 mg The clocks go forward today: take the 02:30 dose at 03:30."
    assert sum(note in page for page in pages) == 1
    assert sum(page.count("clocks go forward") for page in pages) == 1
    plain = build_schedule(plan.replace(times=parse_times("06:00,12:00,21:00")))
    assert "clocks go forward" not in all_text(handout_bytes(plain, A4))


def test_a_half_tablet_picture_shows_its_strength():
    import io

    from reportlab.platypus import SimpleDocTemplate

    from exports.handout.look import Look, register_fonts
    from exports.handout.pictures import DosePicture
    from planner.doses import Unit

    register_fonts()
    buffer = io.BytesIO()
    tab10 = bundled_profile().product("tab10")
    SimpleDocTemplate(buffer, invariant=1).build([DosePicture((Unit(tab10, Fraction(1, 2)),), Look(12.0), ENGLISH)])
    texts = [text for text, _, _ in drawn(buffer.getvalue())]
    assert texts == ["10"]


def test_the_chart_of_a_year_long_plan_labels_every_titration_step():
    data = handout_bytes(titration(review_days=360), A4)
    texts = {text for text, _, _ in drawn(data)}
    assert {"1 Dec", "4 Dec", "7 Dec", "10 Dec"} <= texts


def test_pdf_dates_are_the_issue_date_and_the_author_is_taperplan():
    meta = reader(handout_bytes(titration(), A4)).metadata
    assert meta.author == "taperplan" and meta.creation_date.date() == ISSUED
