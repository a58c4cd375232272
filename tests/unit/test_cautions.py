"""Clinical judgement: titration pace, kidney-scaled starts, and who the patient is."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

from planner import Patient, PlanError, build_schedule
from planner.cautions import default_titration
from planner.plan_format import dumps_plan, loads_plan
from tui.cli import main

BASE = ["--tz", "Europe/Berlin", "--start-date", "2026-12-01"]


def _codes(schedule):
    return {w.code: w for w in schedule.warnings}


# Item 2: titration start and speed.
def test_the_label_titration_passes_without_a_pace_warning(make_titration):
    assert not {"titration_start_high", "titration_step_high", "titration_too_often"} & set(_codes(build_schedule(make_titration())))


def test_a_high_start_warns_naming_the_label_start(make_titration):
    warnings = _codes(build_schedule(make_titration(start_mg=F(30), target_mg=F(60))))
    assert warnings["titration_start_high"].message == "starts at 30 mg a day, above the label's 15 mg a day"
    assert warnings["titration_start_high"].field == "start" and not warnings["titration_start_high"].patient
    assert "titration_start_high" not in _codes(build_schedule(make_titration(start_mg=F(10), step_mg=F(10), target_mg=F(60))))


def test_cli_titration_that_starts_high_or_rises_fast_warns(tmp_path, capsys):
    plan = str(tmp_path / "p.json")
    assert main(["new", "titrate", "--start", "60", "--step", "15", "--target", "75", "--times", "4", "-o", plan, *BASE]) == 0
    err = capsys.readouterr().err
    assert "warning: --start: starts at 60 mg a day, above the label's 15 mg a day" in err
    assert main(["new", "titrate", "--every", "1", "-o", plan, "--force", *BASE]) == 0
    err = capsys.readouterr().err
    assert "warning: --every: raises the dose after 1 day; the label raises it every 3 days at the soonest" in err
    assert main(["new", "titrate", "--step", "30", "--target", "75", "--times", "4", "-o", plan, "--force", *BASE]) == 0
    err = capsys.readouterr().err
    assert "warning: --step: rises by 30 mg a day at once, more than the label's 15 mg a day" in err


def test_a_later_titration_that_jumps_from_the_current_dose_warns_on_its_start(make_taper):
    from planner.edits import add_phase
    from planner.model import Titration

    plan = add_phase(make_taper(40, amount=10, to_mg=F(20)), Titration("", F(60), F(10), 3, F(50)))
    warning = _codes(build_schedule(plan))["titration_step_high"]
    assert warning.field == "start" and warning.phase == 2 and "rises by 30 mg a day at once" in warning.message


# Item 3: kidney function scales the start and the step.
@pytest.mark.parametrize(("crcl", "start", "step"), [(None, 15, 15), (F(90), 15, 15), (F(60), 10, 10), (F(40), 10, 10), (F(10), 5, 5)])
def test_default_start_and_step_follow_the_kidney_band(profile, crcl, start, step):
    assert default_titration(profile, Patient(crcl_ml_min=crcl), ("tab5", "tab10")) == (start, step)


def test_a_liquid_scales_to_its_finer_grid(profile):
    assert default_titration(profile, Patient(crcl_ml_min=F(40)), ("sol1",)) == (F(15, 2), F(15, 2))
    assert default_titration(profile, Patient(dialysis=True), ("tab5", "tab10")) == (5, 5)


def test_crcl_10_starts_at_5_and_rises_5_at_a_time(tmp_path, capsys):
    plan = tmp_path / "p.json"
    assert main(["new", "titrate", "--crcl", "10", "--target", "25", "-o", str(plan), *BASE]) == 0
    err = capsys.readouterr().err
    assert "titration" not in err and "--start" not in err and "--step" not in err
    assert main(["show", str(plan), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["daily_mg"] for s in data["steps"]] == [5, 10, 15, 20, 25]


def test_an_explicit_start_or_step_above_the_scaled_value_warns(make_titration):
    warnings = _codes(build_schedule(make_titration(patient=Patient(crcl_ml_min=F(10)), start_mg=F(15), step_mg=F(10), target_mg=F(25))))
    assert warnings["titration_start_high"].message == (
        "starts at 15 mg a day, above 5 mg a day (the label's 15 mg a day x 1/3 for creatinine clearance 10 mL/min, "
        "rounded up to a dose the products make)")
    assert warnings["titration_step_high"].field == "step" and "more than 5 mg a day" in warnings["titration_step_high"].message


def test_older_patient_without_kidney_function_is_asked_for_it(make_titration):
    warnings = _codes(build_schedule(make_titration(patient=Patient(age=70))))
    assert warnings["older_no_kidney_function"].field == "crcl"
    assert "enter the creatinine clearance" in warnings["older_no_kidney_function"].message
    assert "older_no_kidney_function" not in _codes(build_schedule(make_titration(patient=Patient(age=70, crcl_ml_min=F(90)))))
    assert "older_no_kidney_function" not in _codes(build_schedule(make_titration(patient=Patient(age=64))))


# Item 9: who the patient is.
def test_pregnancy_asks_for_a_taper_that_stops(make_titration, make_taper):
    warnings = _codes(build_schedule(make_titration(patient=Patient(pregnant=True))))
    assert "pregnant_no_stop" in warnings and "does not stop it" in warnings["pregnant_no_stop"].message
    assert "stopped before your baby is born" in warnings["pregnant_no_stop"].patient
    stops = _codes(build_schedule(make_taper(60, amount=10, every_days=7, patient=Patient(pregnant=True))))
    assert "pregnant" in stops and "pregnant_no_stop" not in stops


def test_seizures_and_a_pump_warn_both_voices(make_titration):
    warnings = _codes(build_schedule(make_titration(patient=Patient(seizures=True, intrathecal=True))))
    assert "seizures" in warnings["seizures"].message and "(fits)" in warnings["seizures"].patient
    assert "oral baclofen only" in warnings["intrathecal"].message
    assert warnings["intrathecal"].patient == "This plan is only for the baclofen you take by mouth. It does not change the baclofen from your pump."


def test_new_patient_fields_travel_in_the_plan_file_and_old_files_still_load(make_titration):
    plan = make_titration(patient=Patient("A", pregnant=True, seizures=True, intrathecal=True))
    again = loads_plan(dumps_plan(plan))
    assert again == plan
    data = json.loads(dumps_plan(make_titration()))
    for key in ("pregnant", "seizures", "intrathecal"):
        del data["patient"][key]  # a plan file written before these fields existed
    old = loads_plan(json.dumps(data))
    assert not (old.patient.pregnant or old.patient.seizures or old.patient.intrathecal)
    data["patient"]["seizures"] = "yes"
    with pytest.raises(PlanError, match="patient.seizures has the wrong type"):
        loads_plan(json.dumps(data))


def test_cli_patient_flags(tmp_path, capsys):
    plan = tmp_path / "p.json"
    assert main(["new", "titrate", "--pregnant", "--seizures", "--intrathecal", "-o", str(plan), *BASE]) == 0
    err = capsys.readouterr().err
    assert "--pregnant: pregnant: taper and stop baclofen before delivery" in err
    assert "--seizures: history of seizures" in err and "--intrathecal: intrathecal baclofen (pump)" in err
    patient = json.loads(plan.read_text())["patient"]
    assert patient["pregnant"] and patient["seizures"] and patient["intrathecal"]


@pytest.mark.parametrize(("creatinine", "hint"), [
    ("106mg/dL", "--creatinine: 106 mg/dL is not a plausible serum creatinine (give 0.1 to 25 mg/dL); is it 106 umol/L?"),
    ("1.0umol/L", "--creatinine: 1 umol/L is not a plausible serum creatinine (give 9 to 2200 umol/L); is it 1 mg/dL?"),
])
def test_implausible_creatinine_is_refused_with_the_unit_hint(tmp_path, capsys, creatinine, hint):
    code = main(["new", "titrate", "--age", "50", "--weight", "70", "--sex", "male", "--creatinine", creatinine,
                 "-o", str(tmp_path / "p.json"), *BASE])
    assert code == 2 and capsys.readouterr().err == f"taperplan: error: {hint}\n"
    assert not (tmp_path / "p.json").exists()


def test_a_plan_file_with_an_implausible_creatinine_is_refused_on_load(make_titration):
    from planner.model import LabValues

    plan = make_titration(patient=Patient(age=50, labs=LabValues(F(70), "male", F(106), "mg/dL"), crcl_ml_min=F(1)),
                          target_mg=F(20), start_mg=F(5), step_mg=F(5))
    with pytest.raises(PlanError) as info:
        build_schedule(loads_plan(dumps_plan(plan)))
    assert "patient.labs.creatinine" in info.value.first.message
    assert "106 mg/dL is not a plausible serum creatinine" in info.value.first.message and "106 umol/L?" in info.value.first.message


def test_pregnant_with_sex_male_is_refused(make_titration):
    from planner.model import LabValues

    plan = make_titration(patient=Patient(age=30, labs=LabValues(F(70), "male", F(1), "mg/dL"), crcl_ml_min=F(107), pregnant=True))
    with pytest.raises(PlanError) as info:
        build_schedule(plan)
    assert info.value.first.code == "pregnant_male"


def test_phase_add_titrate_takes_the_kidney_scaled_step(tmp_path, capsys):
    plan = tmp_path / "p.json"
    assert main(["new", "taper", "--from", "20", "--to", "10", "--step", "5", "--crcl", "10", "-o", str(plan), *BASE]) == 0
    assert main(["phase", "add", str(plan), "titrate", "--target", "25"]) == 0
    phases = json.loads(plan.read_text())["phases"]
    assert phases[1]["step_mg"] == 5 and phases[1]["start_mg"] is None
    assert "titration_step_high" not in capsys.readouterr().err
