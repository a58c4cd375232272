"""Individual plans: phases, step adjustments, current regimen, clearance from lab values."""

import json
from datetime import date, timedelta
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner import LabValues, Maintenance, Patient, PlanError, Taper, Titration, build_schedule, bundled_profile, default_times
from planner.edits import add_phase, adjust_step, remove_adjustment, remove_phase, replace_phase
from planner.factory import titration_plan
from planner.plan_format import dumps_plan, loads_plan
from planner.renal import cockcroft_gault
from tui.cli import main

PROFILE = bundled_profile()


def three_phase(start=date(2026, 12, 1)):
    plan = titration_plan(PROFILE, plan_id="x", start_date=start, timezone="Europe/Berlin", target_mg=F(45))
    plan = add_phase(plan, Maintenance("", 42))
    return add_phase(plan, Taper("", F(0), "step", F(5), 7))


def test_titrate_hold_taper_as_one_plan():
    s = build_schedule(three_phase())
    assert [(st.daily_mg, st.days) for st in s.steps] == [(15, 3), (30, 3), (45, 3), (45, 42)] + [(F(d), 7) for d in range(40, 0, -5)]
    assert [st.phase_id for st in s.steps[:5]] == ["p1", "p1", "p1", "p2", "p3"]
    assert s.steps[4].start == date(2026, 12, 10) + timedelta(days=42)
    assert s.stop_date == s.steps[-1].end + timedelta(days=1) and s.review_date is None
    by_hand = PROFILE and titration_plan(PROFILE, plan_id="x", start_date=date(2026, 12, 1), timezone="Europe/Berlin", target_mg=F(45)).replace(
        phases=(Titration("p1", F(45), F(15), 3, F(15)), Maintenance("p2", 42), Taper("p3", F(0), "step", F(5), 7)))
    assert build_schedule(by_hand).steps == s.steps


def test_only_the_last_phase_may_stop():
    plan = three_phase()
    plan = replace_phase(plan, 2, Taper("", F(0), "step", F(15), 7))
    with pytest.raises(PlanError) as info:
        build_schedule(plan)
    assert info.value.first.code == "stop_not_last" and "phase 2" in info.value.first.message


def test_a_later_titration_is_bound_by_limits():
    plan = add_phase(titration_plan(PROFILE, plan_id="x", start_date=date(2026, 12, 1), timezone="UTC", target_mg=F(30)),
                     Titration("", F(90), F(15), 3))
    with pytest.raises(PlanError) as info:
        build_schedule(plan)
    assert info.value.first.code == "above_daily_max" and "in phase 2" in info.value.first.message


def test_lengthening_a_step_shifts_every_later_date():
    plan = three_phase()
    before = build_schedule(plan)
    after = build_schedule(adjust_step(plan, 3, days=4))
    assert after.steps[2].days == before.steps[2].days + 4 and after.steps[2].adjusted
    for a, b in zip(before.steps[3:], after.steps[3:]):
        assert b.start == a.start + timedelta(days=4) and b.daily_mg == a.daily_mg
    assert after.stop_date == before.stop_date + timedelta(days=4)
    shorter = build_schedule(adjust_step(plan, 4, days=-40))
    assert shorter.steps[3].days == 2
    with pytest.raises(PlanError, match="no days"):
        build_schedule(adjust_step(plan, 4, days=-42))


def test_hand_set_doses_are_checked():
    plan = three_phase()
    s = build_schedule(adjust_step(plan, 2, doses=(F(10), F(5), F(15))))
    assert [d.mg for d in s.steps[1].doses] == [10, 5, 15] and s.steps[1].daily_mg == 30
    assert "adjusted_split" in {w.code for w in s.warnings}
    with pytest.raises(PlanError) as info:
        build_schedule(adjust_step(plan, 2, doses=(F(10), F(10), F(25))))
    assert info.value.first.field == "doses" and "20 mg maximum per dose" in info.value.first.message
    with pytest.raises(PlanError):
        build_schedule(adjust_step(plan, 2, doses=(F(10), F(10), F("7.5"))))
    rising = build_schedule(adjust_step(plan, 6, doses=(F(15), F(15), F(15))))
    assert "taper_dose_rises" in {w.code for w in rising.warnings}


def test_editing_an_earlier_phase_orphans_rather_than_moves_an_adjustment():
    plan = adjust_step(three_phase(), 6, days=3)  # the 35 mg step of the taper
    anchored = plan.adjustments[0]
    # a longer hold moves the taper's dates: the adjustment no longer matches and is reported
    moved = replace_phase(plan, 2, Maintenance("", 49))
    s = build_schedule(moved)
    assert s.orphaned == (anchored,) and not any(st.adjusted for st in s.steps)
    assert "orphaned_adjustment" in {w.code for w in s.warnings}
    # a change that keeps the step where it was keeps the adjustment on that same step
    same = replace_phase(plan, 3, Taper("", F(0), "step", F(5), 7))
    s = build_schedule(same)
    assert [st.number for st in s.steps if st.adjusted] == [6] and s.steps[5].daily_mg == 35
    # removing the adjustment clears the report
    assert build_schedule(remove_adjustment(moved, 1)).orphaned == ()


def test_removing_a_phase_keeps_its_adjustments_as_orphans():
    plan = adjust_step(three_phase(), 4, days=7)
    plan = remove_phase(plan, 2)
    s = build_schedule(plan)
    assert len(s.orphaned) == 1 and s.orphaned[0].phase_id == "p2"


def test_cockcroft_gault_by_hand_in_both_units():
    assert cockcroft_gault(70, LabValues(F(70), "male", F(1), "mg/dL")) == F(4900, 72)
    assert cockcroft_gault(70, LabValues(F(70), "male", F("88.4"), "umol/L")) == F(4900, 72)
    assert cockcroft_gault(70, LabValues(F(70), "female", F(1), "mg/dL")) == F(4900, 72) * F(85, 100)
    assert cockcroft_gault(50, LabValues(F(80), "male", F(177), "umol/L")) == F(8840, 177)  # 49.94 mL/min


def test_a_lab_clearance_of_exactly_50_falls_in_the_stricter_band():
    labs = LabValues(F(72), "male", F(2), "mg/dL")
    assert cockcroft_gault(40, labs) == 50
    plan = titration_plan(PROFILE, plan_id="x", start_date=date(2026, 12, 1), timezone="Europe/Berlin", target_mg=F(30),
                          patient=Patient(age=40, crcl_ml_min=cockcroft_gault(40, labs), labs=labs))
    assert build_schedule(plan).max_daily_mg == 40


def test_lab_clearance_sets_the_band_and_names_its_source():
    labs = LabValues(F(70), "male", F(1), "mg/dL")
    plan = titration_plan(PROFILE, plan_id="x", start_date=date(2026, 12, 1), timezone="Europe/Berlin", target_mg=F(45),
                          patient=Patient(age=70, crcl_ml_min=cockcroft_gault(70, labs), labs=labs))
    s = build_schedule(plan)
    assert s.max_daily_mg == 50
    band = next(w for w in s.warnings if w.code == "renal_band")
    assert "68.1 mL/min (Cockcroft-Gault from age 70, 70 kg, male, creatinine 1 mg/dL)" in band.message
    assert loads_plan(dumps_plan(plan)) == plan


def test_cli_phases_round_trip_with_rising_revisions(tmp_path, capsys):
    path = str(tmp_path / "p.json")
    today = date(2026, 11, 27)
    assert main(["new", "titrate", "--target", "45", "-o", path, "--start-date", "2026-12-01", "--tz", "Europe/Berlin"], today=today) == 0
    assert main(["phase", "add", path, "maintain", "--days", "42"], today=today) == 0
    assert main(["phase", "add", path, "taper", "--step", "5"], today=today) == 0
    assert json.loads(open(path).read())["revision"] == 3
    assert build_schedule(loads_plan(open(path).read())).steps == build_schedule(three_phase()).steps
    assert main(["adjust", "add", path, "--step", "3", "--days", "4"], today=today) == 0
    assert main(["phase", "remove", path, "3"], today=today) == 0
    data = json.loads(open(path).read())
    assert data["revision"] == 5 and [p["kind"] for p in data["phases"]] == ["titrate", "maintain"]
    capsys.readouterr()
    assert main(["adjust", "list", path], today=today) == 0
    assert "lengthen by 4 days" in capsys.readouterr().out
    code = main(["phase", "remove", path, "7"], today=today)
    err = capsys.readouterr().err
    assert code == 2 and "phase 7 does not exist" in err
    assert json.loads(open(path).read())["revision"] == 5


def test_cli_lab_values_and_egfr(tmp_path, capsys):
    path = str(tmp_path / "p.json")
    code = main(["new", "titrate", "-o", path, "--tz", "UTC", "--age", "70", "--weight", "70", "--sex", "male", "--creatinine", "88.4umol/L"])
    err = capsys.readouterr().err
    assert code == 2 and "above the daily maximum of 50 mg a day" in err and "Cockcroft-Gault" in err


@st.composite
def phase_sequences(draw):
    """One to four phases after a titration from 15 to 30 mg a day at 4 times, valid by construction:
    a titration rises, a taper falls in at least two cuts, only the last phase may stop, and every
    dose stays within 80 mg a day."""
    daily, phases = 30, []
    count = draw(st.integers(1, 4))
    for number in range(count):
        lowest = 0 if number == count - 1 else 5
        kinds = ["maintain"] + (["titrate"] if daily < 80 else []) + (["taper"] if daily - lowest >= 10 else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "titrate":
            target = 5 * draw(st.integers(daily // 5 + 1, 16))
            phases.append(Titration("", F(target), F(draw(st.sampled_from([5, 10, 15]))), draw(st.integers(1, 7))))
            daily = target
        elif kind == "maintain":
            phases.append(Maintenance("", draw(st.integers(1, 30))))
        else:
            room = daily - lowest
            step = draw(st.sampled_from([cut for cut in (5, 10) if room // cut >= 2]))
            daily -= step * draw(st.integers(2, room // step))
            phases.append(Taper("", F(daily), "step", F(step), 7))
    return phases


@given(phase_sequences(), st.data())
def test_random_phase_sequences_keep_the_core_invariants(phases, data):
    plan = titration_plan(PROFILE, plan_id="x", start_date=date(2027, 3, 20), timezone="Europe/Berlin", start_mg=F(15), target_mg=F(30), times=default_times(4))
    for phase in phases:
        plan = add_phase(plan, phase)
    for _ in range(data.draw(st.integers(0, 3))):
        steps = build_schedule(plan.replace(adjustments=())).steps  # an adjustment sets days against the layout
        number = data.draw(st.integers(1, len(steps)))
        days = data.draw(st.integers(1 - steps[number - 1].days, 5).filter(bool))
        plan = adjust_step(plan, number, days=days)
    s = build_schedule(plan)  # valid by construction: a refusal here is a failure
    assert not s.orphaned
    for a, b in zip(s.steps, s.steps[1:]):
        assert b.start == a.end + timedelta(days=1)
    for step in s.steps:
        assert step.daily_mg == sum(d.mg for d in step.doses) <= s.max_daily_mg
        assert all(d.mg <= s.max_dose_mg and sum(u.mg for u in d.units) == d.mg for d in step.doses)
        if step.phase_kind == "taper":
            index = s.steps.index(step)
            assert index == 0 or step.daily_mg <= s.steps[index - 1].daily_mg
    assert len(s.occurrences) == sum(st.days * st.doses_per_day for st in s.steps)
    assert all((o.at.hour, o.at.minute) == (o.dose.time.clock.hour, o.dose.time.clock.minute) for o in s.occurrences)
    assert loads_plan(dumps_plan(s.plan)) == s.plan
