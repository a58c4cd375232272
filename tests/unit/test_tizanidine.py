"""Tizanidine, the second bundled drug: what baclofen does not exercise."""

from datetime import date
from fractions import Fraction as F

import pytest

from planner import PlanError, build_schedule, bundled_profile, default_times
from planner.doses import make_dose
from planner.factory import taper_plan, titration_plan
from planner.model import Patient
from tui.cli import main

TIZ = bundled_profile("tizanidine")
TODAY = date(2026, 12, 1)
NONE = (("cyp1a2", "none"),)


def _kw(**extra):
    kw = dict(plan_id="00000000-0000-4000-8000-00000000abcd", start_date=date(2027, 1, 4), timezone="Europe/Berlin")
    return kw | extra


def _codes(problems):
    return [p.code for p in problems]


def test_the_limits_are_the_labels():
    assert (TIZ.max_daily_mg, TIZ.max_dose_mg, TIZ.min_gap_hours, TIZ.max_times_per_day) == (36, 12, 6, 3)
    assert (TIZ.titration_start_mg, TIZ.titration_step_mg, TIZ.titration_every_days) == (2, 2, 1)
    assert TIZ.taper_max_step_mg == 4


def test_scoring_is_per_product():
    tab2, tab4, tab4q, tab4w = (TIZ.product(p) for p in ("tab2", "tab4", "tab4q", "tab4w"))
    assert make_dose(F(1), (tab2,))[0].count == F(1, 2)
    assert make_dose(F(1), (tab4,)) is None  # no US label says the 4 mg quarters are equal doses
    assert make_dose(F(1), (tab4q,))[0].count == F(1, 4)
    assert make_dose(F(3), (tab4q,))[0].describe() == "3/4 x 4 mg tablet (break along both lines into quarters)"
    assert make_dose(F(2), (tab4w,)) is None  # the UK score is not for equal doses
    assert make_dose(F(2), (tab4,))[0].describe() == "1/2 x 4 mg tablet (break along the line)"


def test_capsules_and_tablets_are_never_mixed():
    with pytest.raises(PlanError) as caught:
        build_schedule(titration_plan(TIZ, products=("tab4", "cap2"), patient=Patient(interactions=NONE), **_kw()))
    assert "mixed_products" in _codes(caught.value.problems)
    s = build_schedule(titration_plan(TIZ, products=("cap2", "cap4", "cap6"), target_mg=F(18), patient=Patient(interactions=NONE), **_kw()))
    assert {u.product.form for st in s.steps for d in st.doses for u in d.units} == {"capsule"}


def test_a_default_titration_starts_at_2_mg_and_rises_2_mg_a_day_to_three_doses():
    s = build_schedule(titration_plan(TIZ, patient=Patient(interactions=NONE), **_kw()))
    dailies = [st.daily_mg for st in s.steps]
    assert dailies == [2, 4, 6, 8, 10, 12]
    assert all(st.days == 1 for st in s.steps[:-1])
    assert max(d.mg for st in s.steps for d in st.doses) <= 12 and len(s.plan.times) == 3
    assert not [w for w in s.warnings if w.code.startswith("titration_")]


def test_above_12_mg_a_dose_or_36_mg_a_day_is_refused():
    with pytest.raises(PlanError) as caught:
        build_schedule(titration_plan(TIZ, target_mg=F(40), patient=Patient(interactions=NONE), **_kw()))
    assert "above_daily_max" in _codes(caught.value.problems)
    with pytest.raises(PlanError) as caught:
        build_schedule(titration_plan(TIZ, target_mg=F(28), times=default_times(2), patient=Patient(interactions=NONE), **_kw()))
    assert "above_dose_max" in _codes(caught.value.problems)


def test_a_strong_cyp1a2_inhibitor_refuses_the_plan_and_another_warns():
    with pytest.raises(PlanError) as caught:
        build_schedule(titration_plan(TIZ, patient=Patient(interactions=(("cyp1a2", "strong"),)), **_kw()))
    assert caught.value.problems[0].code == "contraindicated" and "fluvoxamine" in caught.value.problems[0].message
    other = build_schedule(titration_plan(TIZ, patient=Patient(interactions=(("cyp1a2", "other"),)), **_kw()))
    assert "interaction_cyp1a2" in _codes(other.warnings)
    unasked = build_schedule(titration_plan(TIZ, **_kw()))
    assert "interaction_not_asked" in _codes(unasked.warnings)
    with pytest.raises(PlanError, match="cyp1a2 must be one of strong, other, none"):
        build_schedule(titration_plan(TIZ, patient=Patient(interactions=(("cyp1a2", "maybe"),)), **_kw()))


def test_an_interaction_question_the_profile_does_not_ask_is_refused():
    with pytest.raises(PlanError, match="not asked for Baclofen"):
        build_schedule(titration_plan(bundled_profile("baclofen"), patient=Patient(interactions=NONE), **_kw()))


def test_low_clearance_halves_the_maximum_and_asks_for_size_before_frequency():
    patient = Patient(crcl_ml_min=F(20), interactions=NONE)
    s = build_schedule(titration_plan(TIZ, patient=patient, **_kw()))
    assert s.max_daily_mg == 18
    assert "renal_note" in _codes(s.warnings) and "renal_frequency_first" in _codes(s.warnings)
    once = build_schedule(titration_plan(TIZ, patient=patient, target_mg=F(8), times=default_times(1), **_kw()))
    assert "renal_frequency_first" not in _codes(once.warnings)
    assert [st.daily_mg for st in once.steps] == [2, 4, 6, 8]


def test_dialysis_has_no_rule_in_the_profile_and_is_refused():
    with pytest.raises(PlanError) as caught:
        build_schedule(titration_plan(TIZ, patient=Patient(dialysis=True, interactions=NONE), **_kw()))
    assert "no_dialysis_rule" in _codes(caught.value.problems)


def test_liver_and_stopping_warnings_are_tizanidine_words():
    s = build_schedule(taper_plan(TIZ, from_mg=F(24), method="step", amount=F(6), every_days=1,
                                  patient=Patient(liver=True, interactions=NONE), **_kw()))
    words = {w.code: w.message for w in s.warnings}
    assert "ALT/AST at baseline and 1 month after the maximum dose" in words["liver"]
    assert "rebound high blood pressure" in words["taper_too_fast"]
    assert "2-4 mg a day at most" in words["taper_step_large"]


def test_a_taper_of_2_mg_a_day_from_24_mg_cuts_daily_and_stops_after_11_days():
    s = build_schedule(taper_plan(TIZ, from_mg=F(24), method="step", amount=F(2), every_days=1, patient=Patient(interactions=NONE), **_kw()))
    dailies = [st.daily_mg for st in s.steps]
    assert dailies == list(range(22, 0, -2)) and all(st.days == 1 for st in s.steps)
    assert s.stop_date == date(2027, 1, 15)
    assert "taper_step_large" not in _codes(s.warnings)
    assert "taper_too_fast" in _codes(s.warnings)  # from 20 mg a day or more: at least 14 days (clinical judgement)


def test_the_cli_builds_exports_and_refuses(tmp_path, capsys):
    plan = tmp_path / "t.json"
    base = ["--drug", "tizanidine", "--tz", "Europe/Berlin", "--start-date", "2027-01-04", "-o", str(plan)]
    assert main(["new", "titrate", "--target", "12", "--interaction", "cyp1a2=none", *base], today=TODAY) == 0
    assert main(["export", str(plan), "--pdf", str(tmp_path / "t.pdf"), "--ics", str(tmp_path / "t.ics"),
                 "--text", str(tmp_path / "t.txt")], today=TODAY) == 0
    text = (tmp_path / "t.txt").read_text(encoding="utf-8")
    assert "izanidine" in text and "aclofen" not in text
    assert "fast heartbeat, high blood pressure" in text  # its own withdrawal signs, from its profile
    ics = (tmp_path / "t.ics").read_text(encoding="utf-8")
    assert "izanidine" in ics and "aclofen" not in ics
    # In Spanish its own words, and no article of the other gender ("el tizanidina") from the catalogue.
    assert main(["export", str(plan), "--text", str(tmp_path / "es.txt"), "--language", "es"], today=TODAY) == 0
    spanish = (tmp_path / "es.txt").read_text(encoding="utf-8")
    assert "Plan de tizanidina" in spanish and "latido rápido del corazón" in spanish
    assert "aclofen" not in spanish and "el tizanidina" not in spanish.lower() and "del tizanidina" not in spanish.lower()
    capsys.readouterr()
    assert main(["new", "titrate", "--interaction", "cyp1a2=strong", "--force", *base], today=TODAY) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "contraindicated" in err[0]


def test_the_answers_travel_in_the_plan_file_and_are_checked_on_load():
    import json

    from planner.plan_format import dumps_plan, loads_plan

    plan = titration_plan(TIZ, patient=Patient(interactions=(("cyp1a2", "other"),)), **_kw())
    assert loads_plan(dumps_plan(plan)) == plan
    data = json.loads(dumps_plan(plan))
    data["patient"]["interactions"] = {"cyp1a2": 5}
    with pytest.raises(PlanError, match="patient.interactions"):
        loads_plan(json.dumps(data))
    data["patient"]["interactions"] = {"cyp1a2": "strong"}
    with pytest.raises(PlanError, match="contraindicated"):
        build_schedule(loads_plan(json.dumps(data)))


def test_a_finer_product_is_never_suggested_across_families():
    from planner.doses import finer_product

    capsules = tuple(TIZ.product(p) for p in ("cap2", "cap4", "cap6"))
    assert finer_product(TIZ, capsules) is None  # 2 mg capsules are the finest; tablets may not be added
    assert finer_product(TIZ, (TIZ.product("tab4"),)).id in ("tab2", "tab4q")
