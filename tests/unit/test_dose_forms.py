"""One dose form per dose time: once the plan needs the liquid, it stays on the liquid."""

from datetime import date
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from planner import PlanError, build_schedule, bundled_profile, default_times
from planner.factory import taper_plan

PROFILE = bundled_profile()


def _forms(step):
    """Per dose time: 'liquid', 'solid', 'mixed' or None (no dose)."""
    result = []
    for dose in step.doses:
        kinds = {u.product.is_liquid for u in dose.units}
        result.append(None if not kinds else "mixed" if len(kinds) == 2 else "liquid" if kinds == {True} else "solid")
    return result


def _assert_one_form_per_time(schedule):
    on_liquid = [False] * len(schedule.plan.times)
    for step in schedule.steps:
        forms = _forms(step)
        assert "mixed" not in forms, [d.describe() for d in step.doses]
        taken = [f for f in forms if f]
        assert len(set(taken)) <= 1, (step.number, [d.describe() for d in step.doses])  # one form a day
        for position, form in enumerate(forms):
            assert not (on_liquid[position] and form == "solid"), (step.number, position)  # never back to tablets
            on_liquid[position] = on_liquid[position] or form == "liquid"


def test_the_10_10_20_taper_with_tablets_and_liquid_keeps_each_time_on_one_form(make_taper):
    s = build_schedule(make_taper(40, "percent", 15, current_doses=(F(10), F(10), F(20)), products=("tab10", "sol1")))
    _assert_one_form_per_time(s)
    first = s.steps[0]
    assert [d.describe() for d in first.doses] == ["10 mL of 1 mg/mL oral solution"] * 2 + ["14 mL of 1 mg/mL oral solution"]
    assert [d.describe() for d in s.steps[1].doses][2] == "10 mL of 1 mg/mL oral solution"  # not back to a 10 mg tablet
    assert [d.describe() for d in s.current] == ["1 x 10 mg tablet"] * 2 + ["2 x 10 mg tablets"]  # what the patient has now
    assert all(sum((u.mg for u in d.units), F(0)) == d.mg for step in s.steps for d in step.doses)


def test_tablets_stay_while_every_dose_can_be_made_from_them(make_taper):
    s = build_schedule(make_taper(60, "step", 15, products=("tab5", "tab10", "sol1")))
    assert {f for step in s.steps for f in _forms(step) if f} == {"solid"}
    s = build_schedule(make_taper(60, "percent", 25, products=("tab5", "tab10", "sol1")))
    forms = [set(filter(None, _forms(step))) for step in s.steps]
    switch = forms.index({"liquid"})
    assert switch > 0 and all(f == {"solid"} for f in forms[:switch]) and all(f == {"liquid"} for f in forms[switch:])


@st.composite
def liquid_tapers(draw):
    products = draw(st.sampled_from([("tab10", "sol1"), ("tab5", "tab10", "sol1"), ("tab20", "sol1"), ("gran5", "sol1")]))
    n = draw(st.integers(1, 4))
    current = tuple(F(draw(st.integers(0, 20))) for _ in range(n))
    if not any(current):
        current = (F(5),) * n
    method = draw(st.sampled_from(["step", "percent", "weeks"]))
    amount = {"step": F(draw(st.integers(1, 20)), 2), "percent": F(draw(st.integers(5, 50))), "weeks": F(draw(st.integers(1, 6)))}[method]
    return taper_plan(PROFILE, plan_id="00000000-0000-4000-8000-00000000abcd", start_date=date(2026, 12, 1), timezone="Europe/Berlin",
                      from_mg=sum(current, F(0)), current_doses=current, method=method, amount=amount, every_days=7,
                      products=products, times=default_times(n))


def test_every_taper_with_a_liquid_keeps_one_form_per_dose_time():
    reached = {"built": 0, "liquid": 0, "refused": 0}

    @settings(max_examples=150, deadline=None, database=None)
    @given(liquid_tapers())
    def check(plan):
        try:
            s = build_schedule(plan)
        except PlanError:
            reached["refused"] += 1
            return
        reached["built"] += 1
        reached["liquid"] += any(f == "liquid" for step in s.steps for f in _forms(step))
        _assert_one_form_per_time(s)

    check()
    assert reached["built"] >= 75 and reached["liquid"] >= 40, reached
