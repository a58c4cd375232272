"""Two voices: the clinician reads reasons, factors and citations; the patient reads plain words.

Every warning has a clinician wording; those the patient must know also have a patient wording,
and only that reaches the handout and the text export."""

from __future__ import annotations

import json
import re
from fractions import Fraction as F

import pytest
from handout_cases import CLINICIAN, ISSUED, PLAN_ID, START, all_text, flat, long_taper, titration

from exports.handout import HandoutOptions, handout_bytes
from planner import Patient, build_schedule, bundled_profile
from planner.factory import titration_plan
from planner.phrases import ENGLISH
from planner.phrases.plan import _generic_warnings, warning_words
from planner.render import schedule_text, schedule_to_dict

# What marks the clinician's wording: citations, factors, clearances, ISO dates, formula names, codes.
CLINICIAN_MARKS = [
    r"\([A-Z][A-Za-z-]+(?:/[A-Za-z]+)? (?:\d{4}|labels)", r"\b\d{4}\)", r"x \d+/\d+", r"mL/min", r"\b\d{4}-\d{2}-\d{2}\b",
    r"Cockcroft", r"clinical judgement", r"neonatal", r"\b[a-z]+_[a-z_]+\b",
]


def _cases():
    return {
        "titration, older, kidneys, pregnant, seizures, pump, UTC": build_schedule(titration_plan(
            bundled_profile(), plan_id=PLAN_ID, start_date=START, timezone="UTC", clinician=CLINICIAN,
            patient=Patient("Ann Example", age=70, crcl_ml_min=F(45), liver=True, pregnant=True, seizures=True, intrathecal=True),
            start_mg=F(15), step_mg=F(15), target_mg=F(40), every_days=2)),
        "titration, older, no kidney function given": titration(patient=Patient("Bo Example", age=80)),
        "taper, very low clearance, pregnant, fast": long_taper(
            patient=Patient("Cy Example", crcl_ml_min=F(20), pregnant=True, seizures=True)),
        "taper, dialysis": long_taper(patient=Patient("Di Example", dialysis=True)),
    }


CASES = _cases()


def _assert_patient_voice(text: str, schedule) -> None:
    for mark in CLINICIAN_MARKS:
        assert not re.search(mark, text), f"clinician wording {mark!r} in: {re.search(mark, text)}"
    for warning in schedule.warnings:
        assert flat(warning.message) not in text
        if warning.patient:
            assert flat(warning.patient) in text, warning.code


@pytest.mark.parametrize("name", list(CASES))
def test_handout_prints_patient_wording_only(name):
    schedule = CASES[name]
    assert any(not w.patient for w in schedule.warnings)
    text = all_text(handout_bytes(schedule, HandoutOptions(issued=ISSUED)))
    assert ("Note on this plan" in text) == any(w.patient for w in schedule.warnings)
    _assert_patient_voice(text, schedule)


@pytest.mark.parametrize("name", list(CASES))
def test_text_export_prints_patient_wording_only(name):
    schedule = CASES[name]
    text = schedule_text(schedule)
    _assert_patient_voice(flat(text), schedule)
    assert sum(line.startswith("Note: ") for line in text.splitlines()) == sum(1 for w in schedule.warnings if w.patient)


def test_json_carries_both_voices():
    schedule = CASES["titration, older, kidneys, pregnant, seizures, pump, UTC"]
    warnings = json.loads(json.dumps(schedule_to_dict(schedule)))["warnings"]
    by_code = {w["code"]: w for w in warnings}
    assert "x 1/2" in by_code["renal_band"]["message"] and "mL/min" in by_code["renal_band"]["message"]
    assert by_code["renal_band"]["patient"] == "Your kidneys clear baclofen more slowly than usual, so your doses are kept lower."
    assert by_code["older_adult"]["patient"] is None and by_code["utc_timezone"]["patient"] is None
    assert {"pregnant_no_stop", "seizures", "intrathecal", "titration_step_high", "titration_too_often"} <= set(by_code)


def test_patient_wordings_are_plain():
    profile = bundled_profile()
    codes = set(_generic_warnings(ENGLISH)) | {code for code, _ in profile.patient_texts("en").warnings}
    assert {"renal_band", "dialysis", "pregnant", "seizures", "intrathecal"} <= codes
    for code in sorted(codes):
        words = warning_words(ENGLISH, code, profile)
        for mark in CLINICIAN_MARKS:
            assert not re.search(mark, words), (code, mark)
        assert words.endswith(".") and words[:1].isupper()
