"""A clinic's own drug: a profile written from the README and the schema (tests/data/diazepam-clinic.json,
written from scratch in one round) plans, checks and exports, says on every output that its limits
are its own, and never passes for a drug taperplan bundles."""

from __future__ import annotations

import io
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pypdf
import pytest

from planner import PlanError, build_schedule, load_profile
from planner.factory import taper_plan
from tui.cli import main

PROFILE_FILE = Path(__file__).resolve().parents[1] / "data" / "diazepam-clinic.json"
TODAY = date(2027, 1, 1)


def _profile_data() -> dict:
    return json.loads(PROFILE_FILE.read_text(encoding="utf-8"))


def test_the_clinics_profile_passes_the_check(capsys):
    assert main(["profile", "check", str(PROFILE_FILE)], today=TODAY) == 0
    assert "a valid profile" in capsys.readouterr().out


def test_a_ten_percent_taper_from_15_mg_plans_with_makeable_doses():
    profile = load_profile(PROFILE_FILE.read_text(encoding="utf-8"))
    schedule = build_schedule(taper_plan(profile, plan_id="dzp", start_date=date(2027, 1, 4), timezone="Europe/London",
                                         from_mg=Fraction(15), method="percent", amount=Fraction(10), every_days=14))
    dailies = [step.daily_mg for step in schedule.steps]
    assert dailies[0] < 15 and dailies == sorted(dailies, reverse=True) and schedule.stop_date is not None
    for step in schedule.steps:
        assert step.daily_mg <= profile.max_daily_mg and all(d.mg <= profile.max_dose_mg for d in step.doses)
        for unit in (u for d in step.doses for u in d.units):
            assert unit.count.denominator == 1 or unit.product.id == "tab2"  # only the scored 2 mg tablet is halved
    assert "profile_unknown" in {w.code for w in schedule.warnings}


def test_every_output_names_the_drug_and_says_the_limits_are_the_profiles_own(tmp_path, capsys):
    plan = tmp_path / "dzp.json"
    assert main(["new", "taper", "--profile", str(PROFILE_FILE), "--from", "15", "--percent", "10", "--every", "14",
                 "--tz", "Europe/London", "--start-date", "2027-01-04", "-o", str(plan)], today=TODAY) == 0
    assert "diazepam clinic-2027.1 is not one taperplan ships" in capsys.readouterr().err
    assert main(["export", str(plan), "--text", str(tmp_path / "t.txt"), "--pdf", str(tmp_path / "h.pdf"),
                 "--ics", str(tmp_path / "c.ics")], today=TODAY) == 0
    text = (tmp_path / "t.txt").read_text(encoding="utf-8")
    calendar = (tmp_path / "c.ics").read_text(encoding="utf-8")
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO((tmp_path / "h.pdf").read_bytes())).pages]
    for words in (text, calendar, " ".join(pages)):
        assert "iazepam" in words and "aclofen" not in words and "izanidine" not in words
    assert "anxiety, trouble sleeping and shaking" in text
    assert all("NOT the bundled profile: check the limits" in " ".join(page.split()) for page in pages)


@pytest.mark.parametrize(("key", "name"), [("name", "Baclofen"), ("name", "Tizanidine 4 mg (clinic)")])
def test_a_profile_of_another_drug_may_not_take_a_bundled_drugs_name(key, name):
    data = _profile_data()
    data[key] = name
    with pytest.raises(PlanError) as caught:
        load_profile(json.dumps(data))
    assert f"profile key {key}: {name!r} names" in caught.value.first.message


def test_its_patient_name_may_not_be_a_bundled_drugs_either():
    data = _profile_data()
    data["patient_texts"]["en"]["name"] = "baclofen"
    with pytest.raises(PlanError, match="patient_texts.en.name: 'baclofen' names baclofen"):
        load_profile(json.dumps(data))


def test_its_own_patient_words_are_required():
    data = _profile_data()
    del data["patient_texts"]
    with pytest.raises(PlanError, match="patient_texts.en: is required for 'diazepam'"):
        load_profile(json.dumps(data))


def test_a_keyboard_slip_is_still_caught():
    data = _profile_data()
    data["limits"]["max_daily_mg"] = 4000
    with pytest.raises(PlanError, match="limits.max_daily_mg: 4000 is outside the hard bounds"):
        load_profile(json.dumps(data))


def test_profile_check_names_every_bound_it_crosses_at_once(tmp_path, capsys):
    data = _profile_data()
    data["limits"]["max_daily_mg"], data["limits"]["max_dose_mg"] = 4000, 2000
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(data), encoding="utf-8")
    assert main(["profile", "check", str(mine)], today=TODAY) == 2
    err = capsys.readouterr().err
    assert "limits.max_daily_mg: 4000 is outside" in err and "limits.max_dose_mg: 2000 is outside" in err
