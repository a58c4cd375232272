"""The PDF handout read back as a patient, a pharmacist and a PDF viewer would."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from handout_cases import ISSUED, all_text, flat, long_taper, page_texts, reader, titration

from exports.handout import HandoutError, HandoutOptions, handout_bytes
from planner import Patient
from planner.numbers import fmt
from planner.phrases import ENGLISH
from planner.phrases import doses as phrase_doses

A4 = HandoutOptions(issued=ISSUED)


def day_text(day, *, year=True):
    return ENGLISH.day(day, year=year)


def dose_sum(dose):
    return phrase_doses.dose_sum(ENGLISH, dose)


@pytest.fixture(scope="module")
def titration_schedule():
    return titration()


@pytest.fixture(scope="module")
def taper_schedule():
    return long_taper()


@pytest.fixture(scope="module")
def titration_pdf(titration_schedule):
    return handout_bytes(titration_schedule, A4)


@pytest.fixture(scope="module")
def taper_pdf(taper_schedule):
    return handout_bytes(taper_schedule, A4)


def _expect_every_step(schedule, text):
    for step in schedule.steps:
        assert f"Step {step.number}" in text
        assert day_text(step.start) in text
        assert day_text(step.end) in text
        assert f"{fmt(step.daily_mg)} mg" in text
        for dose in step.doses:
            assert flat(dose_sum(dose)) in text


def test_titration_handout_has_patient_steps_review_and_dispensing(titration_schedule, titration_pdf):
    text = all_text(titration_pdf)
    assert "Your baclofen plan" in text
    assert "Zoë Łukasiewicz" in text
    assert "Issued Fri 27 Nov 2026" in text
    assert "Dr Ana Silva" in text and "+49 30 1234 5678" in text
    _expect_every_step(titration_schedule, text)
    assert "1 x 10 mg + 1 x 5 mg = 15 mg" in text
    assert "until your review on Thu 7 Jan 2027" in text
    assert ("From Tue 1 Dec to Mon 7 Dec your dose goes up every 3 days. From Thu 10 Dec take 20 mg three times a day, and keep taking it "
            "until your review on Thu 7 Jan. Do not stop suddenly.") in text
    assert "Baclofen 10 mg tablets: you may break these in half along the line where this plan shows 1/2." in text
    assert "5 mg tablets 18 tablets" in text and "10 mg tablets 192 tablets" in text


def test_taper_handout_has_current_dose_steps_stop_and_liquid(taper_schedule, taper_pdf):
    text = all_text(taper_pdf)
    assert len(taper_schedule.steps) == 24 and taper_schedule.stop_date == date(2027, 5, 18)
    assert "Юлия Смирнова" in text
    assert "Your current dose to Mon 30 Nov 2026 10 mg 10 mg 20 mg 40 mg" in text
    _expect_every_step(taper_schedule, text)
    assert "From Tue 18 May 2027 Stop: take no more baclofen." in text
    assert "From Tue 1 Dec your dose goes down every 7 days; your last dose is on Mon 17 May. Do not stop sooner." in text
    assert "9.5 mL = 9.5 mg" in text
    # once the bedtime dose needs the liquid (14 mL), every dose is the liquid: no tablets to dispense
    assert "1704.5 mL" in text and [d.product.id for d in taper_schedule.dispense] == ["sol1"]
    assert "Withdrawal signs during the taper?" in text
    assert "Very sleepy, confused or weak after a dose increase?" not in text


@pytest.mark.parametrize("needle", [
    "If your next dose is due within 2 hours, skip the missed dose. Never take 2 doses at once",
    "Do not stop suddenly",
    "get urgent medical help",
    "Do not take the next increase. Stay on the dose you take now and call Dr Ana Silva on +49 30 1234 5678.",
    "Signs of overdose: call emergency services now",
    "slow or shallow breathing",
    "Alcohol and medicines that make you sleepy",
    "Do not drive or use machines until you know how baclofen affects you",
    "liver and kidney blood tests every 3 to 6 months",
    "Swallow tablets whole. Break a tablet only where this plan shows 1/2",
])
def test_safety_box_says(titration_pdf, needle):
    assert needle in all_text(titration_pdf)


def test_missed_dose_hours_come_from_the_profile(titration_schedule):
    profile = replace(titration_schedule.profile, missed_dose_hours=3)
    schedule = replace(titration_schedule, plan=titration_schedule.plan.replace(profile=profile))
    assert "due within 3 hours" in all_text(handout_bytes(schedule, A4))


def test_every_warning_for_the_patient_is_printed_in_plain_words():
    schedule = titration(patient=Patient("Old Patient", age=70, liver=True))
    for_patient = [w for w in schedule.warnings if w.patient]
    assert for_patient and len(for_patient) < len(schedule.warnings)  # "use a very cautious dose schedule" is the clinician's
    text = all_text(handout_bytes(schedule, A4))
    for warning in schedule.warnings:
        if warning.patient:
            assert flat(warning.patient) in text
        assert flat(warning.message) not in text


@pytest.mark.parametrize("name", ["Zoë Łukasiewicz", "Δημήτρης Παπαδόπουλος", "Юлия Смирнова", "Ångström-Øster Ñúñez"])
def test_names_in_latin_greek_and_cyrillic_survive(name):
    data = handout_bytes(titration(patient=Patient(name)), A4)
    texts = page_texts(data)
    assert name in texts[0]
    assert all(name in page for page in texts), "the name is in every page's footer"


def test_decomposed_accents_are_printed_composed():
    text = all_text(handout_bytes(titration(patient=Patient("Zoe\u0308  Smith\tJones")), A4))
    assert "Zoë Smith Jones" in text


def test_markup_in_a_name_is_printed_as_written():
    text = all_text(handout_bytes(titration(patient=Patient("<b>Al & Bo</b>")), A4))
    assert "<b>Al & Bo</b>" in text


@pytest.mark.parametrize(("patient", "clinician_name", "field", "char"), [
    ("李小龍", "", "patient name", "李"),
    ("Ann", "محمد", "clinician name", "م"),
])
def test_unprintable_characters_are_refused_by_field(patient, clinician_name, field, char):
    from planner import Clinician

    schedule = titration(patient=Patient(patient), clinician=Clinician(clinician_name, ""))
    with pytest.raises(HandoutError) as caught:
        handout_bytes(schedule, A4)
    assert str(caught.value) == f"{field}: character {char!r} cannot be printed with the handout font"


def test_control_characters_are_refused_before_the_handout():
    """The planner refuses them in every shell (issue 15), so they never reach a terminal or a file."""
    from planner import PlanError

    with pytest.raises(PlanError, match="U\\+0007"):
        titration(patient=Patient("Ann\x07"))


def test_unknown_paper_is_refused(titration_schedule):
    with pytest.raises(HandoutError, match="paper"):
        handout_bytes(titration_schedule, HandoutOptions(issued=ISSUED, paper="a5"))


def _fonts(data: bytes) -> list[dict]:
    fonts = []
    for page in reader(data).pages:
        for ref in page["/Resources"]["/Font"].values():
            fonts.append(ref.get_object())
    return fonts


def test_every_font_is_embedded_and_none_is_helvetica(taper_pdf):
    fonts = _fonts(taper_pdf)
    assert fonts
    for font in fonts:
        assert "Helvetica" not in str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
    assert {str(f["/BaseFont"]).split("+")[1] for f in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}


def test_same_plan_and_issue_date_give_the_same_bytes(titration_schedule, titration_pdf):
    assert handout_bytes(titration_schedule, A4) == titration_pdf
    assert handout_bytes(titration_schedule, HandoutOptions(issued=ISSUED + timedelta(days=1))) != titration_pdf


def test_same_bytes_in_a_fresh_process(titration_pdf):
    script = ("import sys; sys.path[:0] = ['tests', '.']; from handout_cases import *; "
              "from exports.handout import *; "
              "sys.stdout.buffer.write(handout_bytes(titration(), HandoutOptions(issued=ISSUED)))")
    root = Path(__file__).resolve().parents[2]
    fresh = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, check=True).stdout
    assert fresh == titration_pdf


def test_metadata(titration_pdf):
    meta = reader(titration_pdf).metadata
    assert meta.title == "Your baclofen plan"
    assert meta.author == "taperplan"  # the program made it; the clinician is named on the page
    assert meta.creation_date.date() == ISSUED and meta.modification_date.date() == ISSUED
    assert meta.subject == "Baclofen plan 00000000-0000-4000-8000-000000000001 revision 1, issued 2026-11-27"


def test_footer_numbers_pages_and_names_plan_and_profile(taper_pdf):
    texts = page_texts(taper_pdf)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert ("Plan 00000000-0000-4000-8000-000000000001, revision 1. Drug profile baclofen 2026.12.3. "
                "Issued Fri 27 Nov 2026. Wording 2026.12.2 (en).") in text  # which catalogue the patient was given


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(titration_schedule, paper, size):
    data = handout_bytes(titration_schedule, HandoutOptions(issued=ISSUED, paper=paper))
    box = reader(data).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_page_counts_are_sensible(titration_schedule, titration_pdf, taper_schedule, taper_pdf):
    assert 4 <= len(reader(titration_pdf).pages) <= 6
    assert 8 <= len(reader(taper_pdf).pages) <= 14
    large = handout_bytes(taper_schedule, HandoutOptions(issued=ISSUED, large_print=True))
    letter = handout_bytes(taper_schedule, HandoutOptions(issued=ISSUED, paper="letter"))
    assert len(reader(large).pages) > len(reader(taper_pdf).pages)
    assert len(reader(letter).pages) >= len(reader(taper_pdf).pages)


def test_step_table_header_repeats_and_no_row_splits(taper_schedule, taper_pdf):
    texts = page_texts(taper_pdf)
    step_pages = [i for i, text in enumerate(texts) if "Step " in text and "days" in text and "Tick each" not in text]
    assert len(step_pages) >= 2
    for i in step_pages:
        assert "Dates Morning 08:00 Afternoon 14:00 Bedtime 21:00 Total a day" in texts[i]
    for step in taper_schedule.steps:
        row = f"Step {step.number}: 7 days {day_text(step.start)} to {day_text(step.end)}"
        assert sum(row in text for text in texts) == 1, f"step {step.number} is split or missing"


def test_tracker_has_a_box_for_every_day_through_the_last_dose(taper_schedule, taper_pdf):
    texts = page_texts(taper_pdf)
    tracker = " ".join(t for t in texts if "Date Morning 08:00" in t)
    day = taper_schedule.first_day
    while day <= taper_schedule.last_dose_day:
        assert day_text(day) in tracker
        day += timedelta(days=1)
    assert "From Tue 18 May 2027: take no more baclofen." in " ".join(texts)


def test_titration_tracker_runs_through_the_review(titration_schedule, titration_pdf):
    text = all_text(titration_pdf)
    assert "Thu 7 Jan 2027 20 mg 20 mg 20 mg" in text
    assert "Thu 7 Jan 2027: your review." in text


def _text_sizes(data: bytes) -> dict[str, float]:
    """The font size of each piece of text, as drawn."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = min(size * tm[0], sizes.get(text.strip(), 99.0))

    for page in reader(data).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize(("large", "smallest"), [(False, 12), (True, 14)])
def test_body_text_size(titration_schedule, large, smallest):
    data = handout_bytes(titration_schedule, HandoutOptions(issued=ISSUED, large_print=large))
    sizes = _text_sizes(data)
    body = [text for text in sizes if text.startswith(("Take it as soon", "Baclofen 5 mg tablets", "Fri 4 Dec 2026", "1 x 10 mg"))]
    assert body
    assert all(sizes[text] >= smallest for text in body)


def test_chart_has_labelled_axes(titration_pdf):
    text = all_text(titration_pdf)
    assert "Your daily dose over time" in text and "mg a day" in text and "date" in text


def test_several_phases_render(titration_schedule):
    from planner import Maintenance, Taper, build_schedule

    plan = titration_schedule.plan.replace(phases=(
        replace(titration_schedule.plan.phases[0], target_mg=Fraction(45)), Maintenance("p2", 14),
        Taper("p3", Fraction(0), "step", Fraction(15), 7)))
    text = all_text(handout_bytes(build_schedule(plan), A4))
    assert ("From Tue 1 Dec to Mon 7 Dec your dose goes up every 3 days. From Mon 7 Dec to Wed 23 Dec take 15 mg "
            "three times a day. From Thu 24 Dec your dose goes down every 7 days; your last dose is on Wed 6 Jan. "
            "Do not stop sooner.") in text


def test_a_long_name_is_cut_in_the_footer_and_whole_on_page_one():
    name = "Maximilian Alexander Wolfgang von und zu Hohenzollern-Sigmaringen-Württemberg der Dritte"
    texts = page_texts(handout_bytes(titration(patient=Patient(name)), A4))
    assert name in texts[0]
    assert name not in texts[1] and "Maximilian Alexander" in texts[1] and "…" in texts[1]
