"""What a patient trips over in the handout (issue 13), read back from the PDF with pypdf."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from handout_cases import ISSUED, all_text, long_taper, reader, titration

from exports.handout_pdf import HandoutOptions, handout_bytes
from planner import Maintenance, Taper, build_schedule, bundled_profile, instructions
from planner.edits import add_phase
from planner.factory import titration_plan
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
