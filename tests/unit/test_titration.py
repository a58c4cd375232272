from datetime import date
from fractions import Fraction as F

import pytest

from planner import Patient, PlanError, build_schedule, instructions
from planner.render import schedule_to_dict


def test_label_titration_exactly(make_titration):
    s = build_schedule(make_titration())
    rows = [(st.start, st.end, st.daily_mg, tuple(d.mg for d in st.doses), st.holds_until_review) for st in s.steps]
    assert rows == [
        (date(2026, 12, 1), date(2026, 12, 3), 15, (5, 5, 5), False),
        (date(2026, 12, 4), date(2026, 12, 6), 30, (10, 10, 10), False),
        (date(2026, 12, 7), date(2026, 12, 9), 45, (15, 15, 15), False),
        (date(2026, 12, 10), date(2027, 1, 7), 60, (20, 20, 20), True),
    ]
    assert s.review_date == date(2027, 1, 7) and s.stop_date is None
    assert s.warnings == ()
    text = instructions(s)
    assert text[0] == "From Tue 1 Dec to Thu 3 Dec: take 1 x 5 mg tablet at 08:00, 14:00 and 21:00 (15 mg a day)."
    assert text[-1].startswith("From Thu 10 Dec until your review on Thu 7 Jan: take 2 x 10 mg tablets at 08:00, 14:00 and 21:00 (60 mg a day).")
    assert "do not stop suddenly" in text[-1]
    # 9 days of 5 mg tablets (3 a day on days 1-3, 3 a day on days 7-9) and 10 mg tablets for the rest
    assert [(d.product.id, d.amount) for d in s.dispense] == [("tab5", 18), ("tab10", 3 * 3 + 3 * 3 + 29 * 6)]


def test_last_step_is_clipped_to_the_target(make_titration):
    s = build_schedule(make_titration(start_mg=F(15), target_mg=F(50), step_mg=F(15)))
    assert [st.daily_mg for st in s.steps] == [15, 30, 45, 50]
    assert s.steps[-1].holds_until_review


def test_review_days_set_the_review_date(make_titration):
    s = build_schedule(make_titration(review_days=14))
    assert s.review_date == date(2026, 12, 24)


def test_renal_cap_at_crcl_40(make_titration):
    with pytest.raises(PlanError) as info:
        build_schedule(make_titration(patient=Patient(crcl_ml_min=F(40))))
    assert info.value.first.code == "above_daily_max"
    assert "above the daily maximum of 40 mg a day" in info.value.first.message
    s = build_schedule(make_titration(target_mg=F(40), patient=Patient(crcl_ml_min=F(40))))
    assert max(st.daily_mg for st in s.steps) == 40
    assert {"renal_band", "renal_short_steps"} <= {w.code for w in s.warnings}


@pytest.mark.parametrize(("crcl", "cap"), [(F(81), 80), (F(80), 50), (F(51), 50), (F(50), 40), (F(31), 40), (F(30), 25), (F(5), 25)])
def test_renal_band_boundaries_take_the_stricter_band(make_titration, crcl, cap):
    s = build_schedule(make_titration(target_mg=F(20), start_mg=F(5), step_mg=F(5), patient=Patient(crcl_ml_min=crcl)))
    assert s.max_daily_mg == cap


def test_dialysis_makes_the_label_titration_an_error(make_titration):
    with pytest.raises(PlanError) as info:
        build_schedule(make_titration(patient=Patient(dialysis=True)))
    assert info.value.first.code == "above_daily_max"


def test_per_dose_maximum_binds_increases(make_titration):
    with pytest.raises(PlanError) as info:
        build_schedule(make_titration(target_mg=F(75)))
    assert info.value.first.code == "above_dose_max"


def test_under_18_is_refused_and_65_warns(make_titration):
    with pytest.raises(PlanError, match="adults"):
        build_schedule(make_titration(patient=Patient(age=17)))
    s = build_schedule(make_titration(patient=Patient(age=70, crcl_ml_min=F(55)), target_mg=F(45)))
    codes = {w.code for w in s.warnings}
    assert "older_adult" in codes and "older_low_crcl_high_start" not in codes
    s = build_schedule(make_titration(patient=Patient(age=70, crcl_ml_min=F(55)), start_mg=F(20), step_mg=F(5), target_mg=F(30)))
    assert "older_low_crcl_high_start" in {w.code for w in s.warnings}


def test_liver_and_utc_warn(make_titration):
    s = build_schedule(make_titration(patient=Patient(liver=True), timezone="UTC"))
    assert {"liver", "utc_timezone"} <= {w.code for w in s.warnings}


def test_schedule_json_lists_every_time_in_every_step(make_titration):
    data = schedule_to_dict(build_schedule(make_titration(start_mg=F(5), step_mg=F(5), target_mg=F(15))))
    assert data["schema"] == "taperplan.schedule/1"
    assert [[d["mg"] for d in st["doses"]] for st in data["steps"]] == [[0, 0, 5], [5, 0, 5], [5, 5, 5]]
    assert data["steps"][0]["doses"][0]["units"] == []


def test_titration_with_only_10mg_tablets_uses_halves(make_titration):
    s = build_schedule(make_titration(products=("tab10",)))
    assert s.steps[0].doses[0].units[0].count == F(1, 2)
    assert "1/2 x 10 mg tablet (break along the line)" in instructions(s)[0]
