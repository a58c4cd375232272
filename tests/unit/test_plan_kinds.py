"""Maintenance-only plans: a stable dose held until the review, from the command line and the planner."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction

import icalendar
import pytest

from exports.calendar import CalendarOptions, calendar_bytes
from exports.handout.tracker import tracker_days
from planner import CurrentDose, Maintenance, Patient, PlanError, Taper, build_schedule, bundled_profile
from planner.factory import maintenance_plan
from planner.phrases.handout import summary
from planner.times import default_times
from tui.cli import main

TODAY = date(2026, 11, 27)
BASE = ["--tz", "Europe/Berlin", "--start-date", "2026-12-01"]


def run(capsys, *argv):
    code = main(list(argv), today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def dialysis_plan(dose=5, **kw):
    return maintenance_plan(bundled_profile(), plan_id="maintain-1", start_date=date(2026, 12, 1), timezone="Europe/Berlin",
                            dose_mg=Fraction(dose), times=default_times(1), patient=Patient(dialysis=True), **kw)


def test_a_dialysis_plan_of_5_mg_once_a_day_can_be_made(tmp_path, capsys):
    plan = tmp_path / "d.json"
    code, out, err = run(capsys, "new", "maintain", "--dose", "5", "--times", "1", "--dialysis", "-o", str(plan), *BASE)
    assert code == 0, err
    assert "review on 2026-12-29" in out
    data = json.loads(run(capsys, "show", str(plan), "--format", "json")[1])
    assert [(s["daily_mg"], s["maintenance"], s["days"]) for s in data["steps"]] == [(5, True, 29)]
    assert [d["mg"] for d in data["steps"][0]["doses"]] == [5]
    assert data["stop_date"] is None and data["follow_up_date"] is None
    assert any(w["code"] == "dialysis" for w in data["warnings"])


@pytest.mark.parametrize(("argv", "expected"), [
    (["--dose", "10", "--times", "1", "--dialysis"], "--dose: 10 mg a day is above the daily maximum of 5 mg a day"),
    (["--dose", "90"], "--dose: 90 mg a day is above the daily maximum of 80 mg a day"),
    (["--dose", "60", "--times", "2"], "--dose: a single dose of 30 mg is above the 20 mg maximum per dose"),
    (["--dose", "7"], "--dose: 7 mg cannot be made"),
    (["--dose", "30", "--current", "10/10/5"], "--current: the doses must be 0 or more and add up to the daily dose"),
])
def test_the_held_dose_meets_the_limits_of_any_maintenance_dose(tmp_path, capsys, argv, expected):
    plan = tmp_path / "m.json"
    code, _, err = run(capsys, "new", "maintain", *argv, "-o", str(plan), *BASE)
    assert code == 2 and err.startswith("taperplan: error: ") and expected in err
    assert not plan.exists()


def test_per_time_doses_come_from_current_and_set_the_dose_times(tmp_path, capsys):
    plan = tmp_path / "m.json"
    code, _, err = run(capsys, "new", "maintain", "--dose", "40", "--current", "10/10/20", "-o", str(plan), *BASE)
    assert code == 0, err
    data = json.loads(run(capsys, "show", str(plan), "--format", "json")[1])
    assert [d["mg"] for d in data["steps"][0]["doses"]] == [10, 10, 20]


def test_a_taper_can_follow_the_held_dose(tmp_path, capsys):
    plan = tmp_path / "m.json"
    assert run(capsys, "new", "maintain", "--dose", "30", "--review", "14", "-o", str(plan), *BASE)[0] == 0
    code, _, err = run(capsys, "phase", "add", str(plan), "taper", "--step", "10")
    assert code == 0, err
    data = json.loads(run(capsys, "show", str(plan), "--format", "json")[1])
    assert [s["daily_mg"] for s in data["steps"]] == [30, 20, 10]
    assert data["steps"][0]["days"] == 14 and data["stop_date"] == "2026-12-29"


def test_the_planner_refuses_a_held_dose_above_the_limit():
    with pytest.raises(PlanError) as caught:
        build_schedule(dialysis_plan(dose=10))
    assert caught.value.first.code == "above_daily_max" and caught.value.first.field == "from"


def test_holding_the_current_dose_is_not_a_change_on_day_one():
    schedule = build_schedule(dialysis_plan())
    data, _ = calendar_bytes(schedule, CalendarOptions(issued=date(2026, 11, 30)))
    summaries = [str(e.get("SUMMARY")) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert not any("changes" in s.lower() or s.startswith("Start") for s in summaries)
    assert sum(1 for s in summaries if s.startswith("Review")) == 1
    assert not any(day.changed for day in tracker_days(schedule))
    assert summary(schedule) == ("From Tue 1 Dec take 5 mg once a day, and keep taking it until your review "
                                 "on Tue 29 Dec. Do not stop suddenly.")


def test_a_daily_total_held_to_the_review_then_tapered_to_stop():
    """The planner's side of functional/test_app_plan_kinds.py, on the plans that app test makes:
    30 mg a day given as a total only, held 28 days; then cut by 10 mg a week to stop."""
    held = maintenance_plan(bundled_profile(), plan_id="m", start_date=date(2026, 12, 1), timezone="Europe/Berlin",
                            dose_mg=Fraction(30), times=default_times(3))
    assert held.phases == (Maintenance("p1", 28),) and held.current == CurrentDose(Fraction(30))
    schedule = build_schedule(held)
    assert [(s.daily_mg, s.holds_until_review) for s in schedule.steps] == [(30, True)]
    assert (schedule.review_date - schedule.first_day).days == 28
    tapered = held.replace(phases=(Taper("p1", Fraction(0), "step", Fraction(10), 7),))
    schedule = build_schedule(tapered)
    assert [s.daily_mg for s in schedule.steps] == [20, 10] and schedule.stop_date is not None
    assert (schedule.follow_up_date - schedule.last_dose_day).days == 7
    schedule = build_schedule(tapered.replace(follow_up_days=10))
    assert (schedule.follow_up_date - schedule.last_dose_day).days == 10
