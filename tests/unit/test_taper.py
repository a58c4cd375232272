from datetime import date
from fractions import Fraction as F

import pytest

from planner import Patient, PlanError, build_schedule, instructions


def _daily(s):
    return [st.daily_mg for st in s.steps]


def test_fixed_step_taper_to_stop(make_taper):
    s = build_schedule(make_taper(60, "step", 15))
    assert _daily(s) == [45, 30, 15]
    assert [st.days for st in s.steps] == [7, 7, 7]
    assert s.stop_date == date(2026, 12, 22) and s.review_date is None
    assert instructions(s)[-1] == "Your last dose is on Mon 21 Dec at 21:00. From Tue 22 Dec take no more baclofen."
    assert "taper_too_fast" in {w.code for w in s.warnings}


def test_fixed_step_that_does_not_divide_ends_at_to(make_taper):
    assert _daily(build_schedule(make_taper(60, "step", 25))) == [35, 10]


def test_percentage_taper_rounds_up_and_cuts_at_least_one_grid_step(make_taper):
    s = build_schedule(make_taper(60, "percent", 25))
    assert _daily(s) == [45, 35, 30, 25, 20, 15, 10, 5]
    assert s.stop_date == date(2027, 1, 26)


def test_weeks_taper_spreads_cuts_larger_first(make_taper):
    s = build_schedule(make_taper(60, "weeks", 4))
    assert _daily(s) == [45, 30, 20, 10]
    assert s.stop_date == date(2026, 12, 29)
    with pytest.raises(PlanError) as info:
        build_schedule(make_taper(60, "weeks", 3, every_days=5))
    assert info.value.first.code == "weeks_not_whole"
    with pytest.raises(PlanError) as info:
        build_schedule(make_taper(10, "weeks", 4))
    assert info.value.first.code == "weeks_too_many_steps"


def test_partial_taper_continues_until_review(make_taper):
    s = build_schedule(make_taper(60, "step", 10, to_mg=F(30)))
    assert _daily(s) == [50, 40, 30]
    assert s.steps[-1].holds_until_review and s.stop_date is None
    assert (s.review_date - s.steps[-1].start).days == 28


def test_taper_from_above_the_limit_warns_and_never_rises(make_taper):
    s = build_schedule(make_taper(60, "step", 10, patient=Patient(crcl_ml_min=F(40))))
    assert "taper_above_limit" in {w.code for w in s.warnings}
    assert all(a.daily_mg > b.daily_mg for a, b in zip(s.steps, s.steps[1:]))
    assert s.steps[0].daily_mg < 60


def test_partial_taper_to_a_maintenance_dose_above_the_limit_is_an_error(make_taper):
    with pytest.raises(PlanError) as info:
        build_schedule(make_taper(80, "step", 10, to_mg=F(60), patient=Patient(crcl_ml_min=F(40))))
    assert info.value.first.code == "above_daily_max"


def test_taper_from_uneven_current_regimen_never_raises_a_dose_time(make_taper):
    s = build_schedule(make_taper(40, "step", 5, current_doses=(F(10), F(10), F(20))))
    previous = (F(10), F(10), F(20))
    for step in s.steps:
        now = tuple(d.mg for d in step.doses)
        assert all(n <= p for n, p in zip(now, previous)), (previous, now)
        previous = now
    assert [d.mg for d in s.current] == [10, 10, 20]


def test_big_cut_warns(make_taper):
    s = build_schedule(make_taper(60, "step", 35))
    assert "big_cut" in {w.code for w in s.warnings}


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        (dict(from_mg=60, method="step", amount=60), "step_too_big"),
        (dict(from_mg=60, method="step", amount=70), "step_too_big"),
        (dict(from_mg=60, method="percent", amount=100), "bad_percent"),
        (dict(from_mg=60, method="percent", amount=0), "bad_percent"),
        (dict(from_mg=60, method="step", amount=F(15, 2)), "off_grid"),
        (dict(from_mg=60, method="step", amount=10, to_mg=F(60)), "to_not_below_from"),
        (dict(from_mg=F(25, 2), method="step", amount=5), "off_grid"),
    ],
)
def test_bad_taper_parameters(make_taper, kw, code):
    with pytest.raises(PlanError) as info:
        build_schedule(make_taper(**kw))
    assert info.value.first.code == code
