"""The handout's wording, read without drawing anything."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from handout_cases import flat, long_taper, titration

from exports.handout import HandoutError
from exports.handout.printable import printable
from planner import Clinician, Patient, bundled_profile
from planner.phrases import ENGLISH
from planner.phrases import doses as dose_phrases
from planner.phrases.handout import safety_items, summary
from planner.phrases.plan import used_products
from planner.schedule import Dose
from planner.times import DoseTime, parse_clock


def day_text(day, *, year=True):
    return ENGLISH.day(day, year=year)


def dose_sum(dose):
    return dose_phrases.dose_sum(ENGLISH, dose)


def regimen_words(doses):
    return dose_phrases.regimen_words(ENGLISH, doses)


def product_line(product, drug):
    return dose_phrases.product_line(ENGLISH, product, drug)


def dispense_rows(schedule):
    return dose_phrases.dispense_rows(ENGLISH, schedule.dispense)


def test_day_text_has_weekday_date_and_month_word():
    assert day_text(date(2026, 12, 1)) == "Tue 1 Dec 2026"
    assert day_text(date(2027, 1, 7), year=False) == "Thu 7 Jan"


def test_summary_of_the_label_titration():
    assert summary(titration()) == ("From Tue 1 Dec to Mon 7 Dec your dose goes up every 3 days. From Thu 10 Dec take 20 mg three times a day, "
                                    "and keep taking it until your review on Thu 7 Jan. Do not stop suddenly.")


def test_summary_of_a_taper_to_stop():
    assert summary(long_taper()) == (
        "From Tue 1 Dec your dose goes down every 7 days; your last dose is on Mon 17 May. Do not stop sooner. "
        "Your follow-up is on Mon 24 May, 7 days after your last dose: see or call Dr Ana Silva on +49 30 1234 5678. "
        "Withdrawal signs usually begin 1 to 2 days after the last dose: if you notice any, get urgent medical help "
        "at once; do not wait for this date.")


def test_summary_of_a_taper_to_a_lower_dose():
    from planner import build_schedule
    from planner.factory import taper_plan

    schedule = build_schedule(taper_plan(bundled_profile(), plan_id="x", start_date=date(2026, 12, 1), timezone="Europe/Berlin",
                                         from_mg=Fraction(60), to_mg=Fraction(15), method="step", amount=Fraction(15)))
    assert summary(schedule) == ("From Tue 1 Dec to Tue 8 Dec your dose goes down every 7 days. From Tue 15 Dec take 5 mg three times a day, and keep "
                                 "taking it until your review on Tue 12 Jan. Do not stop suddenly.")


def test_summary_ends_a_rise_on_the_day_of_the_last_rise_and_holds_from_then():
    # Titration to 60 mg every 3 days from Tue 1 Dec: rises on 4, 7 and 10 Dec; 60 mg from Thu 10 Dec, held by a phase of its own.
    from planner import Maintenance, build_schedule

    schedule = titration()
    schedule = build_schedule(schedule.plan.replace(phases=(*schedule.plan.phases, Maintenance("p2", 14))))
    assert summary(schedule).startswith(
        "From Tue 1 Dec to Thu 10 Dec your dose goes up every 3 days. From Thu 10 Dec take 20 mg three times a day, "
        "and keep taking it until your review on ")


def _dose(mg, units):
    return Dose(DoseTime("morning", parse_clock("08:00")), 0, Fraction(mg), units)


def test_dose_sums_write_every_tablet_and_the_total():
    profile = bundled_profile()
    tab5, tab10, sol = profile.product("tab5"), profile.product("tab10"), profile.product("sol1")
    from planner.doses import Unit

    assert flat(dose_sum(_dose(15, (Unit(tab10, Fraction(1)), Unit(tab5, Fraction(1)))))) == "1 x 10 mg + 1 x 5 mg = 15 mg"
    assert flat(dose_sum(_dose(5, (Unit(tab10, Fraction(1, 2)),)))) == "1/2 x 10 mg = 5 mg"
    assert flat(dose_sum(_dose(15, (Unit(tab10, Fraction(3, 2)),)))) == "1 1/2 x 10 mg = 15 mg"
    assert flat(dose_sum(_dose(Fraction(19, 2), (Unit(sol, Fraction(19, 2)),)))) == "9.5 mL = 9.5 mg"
    assert dose_sum(_dose(0, ())) == "no dose"


def test_regimen_words():
    schedule = long_taper()
    assert regimen_words(schedule.steps[0].doses) == "34 mg a day: 10 mg at 08:00, 10 mg at 14:00 and 14 mg at 21:00"
    assert regimen_words(schedule.steps[-1].doses) == "0.5 mg once a day at 21:00"
    assert regimen_words(titration().steps[-1].doses) == "20 mg three times a day"


def test_products_are_those_the_patient_handles_with_their_rule():
    schedule = long_taper()
    # the current dose is 10 mg tablets; every step is the liquid once one dose needs it
    assert [p.id for p in used_products(schedule)] == ["tab10", "sol1"]
    _, sol = used_products(schedule)
    tab5 = schedule.profile.product("tab5")
    assert product_line(tab5, "Baclofen") == "Baclofen 5 mg tablets: swallow these whole; do not break them."
    assert "1 mg in each mL" in product_line(sol, "Baclofen")


def test_safety_items_follow_the_plan():
    titration_items = dict(safety_items(titration(clinician=Clinician("", ""))))
    assert "call your clinician." in titration_items["Very sleepy, confused or weak after a dose increase?"]
    assert "Liquid" not in titration_items
    taper_items = dict(safety_items(long_taper()))
    assert "Withdrawal signs during the taper?" in taper_items and "Liquid" in taper_items


def test_dispense_rows():
    assert dispense_rows(long_taper()) == [("1 mg/mL oral solution", "1704.5 mL")]
    assert dispense_rows(titration()) == [("5 mg tablets", "18 tablets"), ("10 mg tablets", "192 tablets")]


def test_printable_tidies_and_refuses():
    assert printable("  Zoe\u0308\n Smith ", "patient name") == "Zoë Smith"
    assert printable("", "patient name") == ""
    with pytest.raises(HandoutError, match=r"^dose time name: character '李' cannot be printed with the handout font$"):
        printable("李", "dose time name")
    with pytest.raises(HandoutError, match="character '\\\\u200b'"):
        printable("Ann\u200bBo", "patient name")


def test_used_products_ignore_unused_plan_products():
    assert [p.id for p in used_products(titration(patient=Patient("")))] == ["tab5", "tab10"]


def test_summary_names_the_year_of_a_date_far_ahead():
    assert summary(titration(review_days=400)).endswith("until your review on Fri 14 Jan 2028. Do not stop suddenly.")
