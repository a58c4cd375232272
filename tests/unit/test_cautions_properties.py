"""Properties of the kidney-scaled titration defaults and of the patient's voice (Hypothesis).

The strategy builds only plans the planner accepts (the target is kept under the patient's
limit), so every example reaches a schedule; the build is not wrapped in a try."""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st
from test_two_voices import CLINICIAN_MARKS

from planner import Patient, build_schedule, bundled_profile, default_times
from planner.cautions import default_titration
from planner.doses import grid_of
from planner.factory import titration_plan
from planner.numbers import floor_to
from planner.renal import renal_status
from planner.render import schedule_text

PROFILE = bundled_profile()
PRODUCT_SETS = [("tab5", "tab10"), ("tab10",), ("sol1",), ("tab10", "sol1"), ("gran5", "gran10")]
PACE = {"titration_start_high", "titration_step_high", "titration_too_often"}

patients = st.builds(
    Patient, name=st.just("Pat Example"), age=st.none() | st.integers(18, 100),
    crcl_ml_min=st.none() | st.integers(5, 200).map(F), liver=st.booleans(), pregnant=st.booleans(),
    seizures=st.booleans(), intrathecal=st.booleans())


@st.composite
def default_titrations(draw):
    patient, products = draw(patients), draw(st.sampled_from(PRODUCT_SETS))
    grid = grid_of(tuple(PROFILE.product(p) for p in products))
    cap = renal_status(patient, PROFILE, grid).max_daily_mg
    start, _ = default_titration(PROFILE, patient, products)
    target = draw(st.integers(1, 20).map(lambda k: start + grid * k).filter(lambda t: t <= min(cap, 60)))
    return titration_plan(PROFILE, plan_id="x", start_date=date(2027, 3, 1), timezone="Europe/Berlin", patient=patient,
                          products=products, target_mg=target, times=default_times(draw(st.sampled_from([3, 4]))))


@settings(max_examples=60, deadline=None)
@given(st.none() | st.integers(1, 300).map(F), st.sampled_from(PRODUCT_SETS))
def test_scaled_defaults_sit_on_the_grid_and_never_above_the_label(crcl, products):
    patient = Patient(crcl_ml_min=crcl)
    grid = grid_of(tuple(PROFILE.product(p) for p in products))
    renal = renal_status(patient, PROFILE, grid)
    for value, label in zip(default_titration(PROFILE, patient, products), (PROFILE.titration_start_mg, PROFILE.titration_step_mg)):
        if not renal.reduced:
            assert value == label
            continue
        assert renal.factor is not None
        assert (value / grid).denominator == 1 and grid <= value <= label
        assert value >= label * renal.factor and (value == grid or value - grid < label * renal.factor)  # rounded up, once
        assert value <= floor_to(PROFILE.max_daily_mg * renal.factor, grid)


@settings(max_examples=40, deadline=None)
@given(default_titrations())
def test_default_pace_never_warns_and_the_patient_reads_only_plain_words(plan):
    schedule = build_schedule(plan)
    codes = {w.code for w in schedule.warnings}
    assert not PACE & codes
    assert ("older_no_kidney_function" in codes) == (plan.patient.age is not None and plan.patient.age >= 65
                                                      and plan.patient.crcl_ml_min is None)
    text = re.sub(r"\s+", " ", schedule_text(schedule))
    for mark in CLINICIAN_MARKS:
        assert not re.search(mark, text)
    for warning in schedule.warnings:
        assert warning.message and warning.message not in text
        if warning.patient:
            assert warning.patient in text
