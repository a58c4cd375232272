"""The app's plain parts: the form reads back into the same plan, problems find their fields,
and adjustment anchors stay on the step as the phases lay it out."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction as F

import pytest

from planner import CurrentDose, LabValues, Maintenance, Patient, PlanError, Taper, Titration, build_schedule, bundled_profile
from planner.edits import adjust_step, step_anchor
from planner.factory import taper_plan, titration_plan
from tui.fields import locate
from tui.form import PlanIdentity, form_from_plan, plan_from_form
from tui.session import Session

PROFILE = bundled_profile()
COMMON = dict(plan_id="00000000-0000-4000-8000-000000000001", start_date=date(2026, 12, 1), timezone="Europe/Berlin")


def three_phase():
    return titration_plan(PROFILE, target_mg=F(45), **COMMON).replace(
        phases=(Titration("p1", F(45), F(15), 3, F(15)), Maintenance("p2", 42), Taper("p3", F(0), "step", F(5), 7)))


def identity(plan):
    return PlanIdentity(plan.plan_id, plan.profile, plan.revision, plan.adjustments, plan.exports)


@pytest.mark.parametrize("plan", [
    titration_plan(PROFILE, **COMMON),
    taper_plan(PROFILE, from_mg=F(60), method="percent", amount=F(10), current_doses=(F(20), F(20), F(20)), **COMMON),
    three_phase(),
    titration_plan(PROFILE, patient=Patient("Ann", 70, F(4900) / F(72 * 150) * F(884, 10),
                                            LabValues(F(70), "male", F(150), "umol/L"), liver=True), **COMMON),
])
def test_form_reads_back_into_the_same_plan(plan):
    read, problems = plan_from_form(form_from_plan(plan), identity(plan))
    assert problems == []
    assert read == plan


def test_unreadable_values_are_reported_against_their_own_fields():
    form = form_from_plan(three_phase())
    form.age, form.phases[2].amount, form.times[1].clock, form.current_doses = "old", "", "25:00", "10/x"
    plan, problems = plan_from_form(form, identity(three_phase()))
    assert plan is None
    assert {p.key for p in problems} == {"age", "phase2.amount", "time1", "current_doses"}


def test_a_limit_in_a_later_phase_is_shown_on_that_phase():
    plan = three_phase().replace(phases=(Titration("p1", F(45), F(15), 3, F(15)), Titration("p2", F(90), F(15), 3)))
    with pytest.raises(PlanError) as caught:
        build_schedule(plan)
    assert locate(caught.value.first, plan, "unknown").key == "phase1.target"


def test_a_computed_clearance_problem_is_shown_on_the_lab_values():
    plan = titration_plan(PROFILE, patient=Patient(age=30, crcl_ml_min=F(400)), **COMMON)
    with pytest.raises(PlanError) as caught:
        build_schedule(plan)
    assert locate(caught.value.first, plan, "labs").key == "creatinine"
    assert locate(caught.value.first, plan, "crcl").key == "crcl"


def test_anchor_of_a_step_stays_where_the_phases_put_it():
    schedule = build_schedule(titration_plan(PROFILE, **COMMON))
    adjusted = adjust_step(schedule.plan, 1, days=2)
    later = step_anchor(build_schedule(adjusted), 3)
    assert later.step.start == date(2026, 12, 9)  # moved by the two extra days
    assert later.adjustment().step_start == date(2026, 12, 7)  # anchored as laid out
    assert later.adjustment().step_daily_mg == 45


def test_an_adjustment_that_changes_nothing_is_removed():
    plan = titration_plan(PROFILE, **COMMON)
    adjusted = adjust_step(plan, 2, days=1)
    assert adjusted.adjustments
    assert adjust_step(adjusted, 2, days=0).adjustments == ()
    laid_out = tuple(d.mg for d in build_schedule(plan).steps[1].doses)
    assert adjust_step(plan, 2, doses=laid_out).adjustments == ()


def test_saving_a_changed_plan_raises_the_revision_and_a_new_plan_starts_at_one(tmp_path):
    session = Session.new(date(2026, 11, 30), "Europe/Berlin")
    assert session.revision == 1 and not session.dirty
    assert session.form.start_date == (date(2026, 11, 30) + timedelta(days=1)).isoformat()
    session.form.patient_name = "Ann"
    assert session.dirty and session.revision == 1
    session.mark_saved(tmp_path / "p.json", 1)
    session.form.phases[0].target = "45"
    assert session.revision == 2
    session.form.phases[0].target = "60"
    assert session.revision == 1 and not session.dirty


def test_current_regimen_alone_gives_the_daily_dose():
    plan = taper_plan(PROFILE, from_mg=F(40), method="step", amount=F(5), **COMMON)
    form = form_from_plan(plan)
    form.current_daily, form.current_doses = "", "10/10/20"
    read, _ = plan_from_form(form, identity(plan))
    assert read.current == CurrentDose(F(40), (F(10), F(10), F(20)))
