"""Planner invariants over both bundled drugs (Hypothesis): increases never pass the limits, tapers
never rise, every dose is made from the plan's products, broken only where that product allows it,
and products of different families are never mixed."""

from datetime import date
from fractions import Fraction as F

from hypothesis import HealthCheck, assume, event, find, given, settings
from hypothesis import strategies as st

from planner import Patient, PlanError, build_schedule, bundled_profile, default_times
from planner.doses import grid_of
from planner.factory import taper_plan, titration_plan

PROFILES = {name: bundled_profile(name) for name in ("baclofen", "tizanidine")}
PRODUCTS = {
    "baclofen": [("tab5", "tab10"), ("tab10",), ("tab20",), ("sol1",), ("gran5", "gran10")],
    "tizanidine": [("tab2",), ("tab4",), ("tab4q",), ("tab4w",), ("tab2", "tab4"), ("tab2", "tab4q"),
                   ("cap2", "cap4"), ("cap2", "cap4", "cap6"), ("cap6",)],
}
ANSWERS = {"baclofen": (), "tizanidine": (("cyp1a2", "none"),)}
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def plans(draw, kind):
    drug = draw(st.sampled_from(sorted(PROFILES)))
    profile = PROFILES[drug]
    products = draw(st.sampled_from(PRODUCTS[drug]))
    grid = grid_of(tuple(profile.product(p) for p in products))
    times = default_times(draw(st.integers(1, min(3, profile.max_times_per_day))))
    crcl = draw(st.none() | st.integers(10, 150).map(F))
    kw = dict(plan_id="00000000-0000-4000-8000-00000000abcd", start_date=date(2027, 1, 4), timezone="Europe/Berlin",
              products=products, times=times, patient=Patient(crcl_ml_min=crcl, interactions=ANSWERS[drug]))
    if kind == "titrate":
        start = grid * draw(st.integers(1, 8))
        return titration_plan(profile, start_mg=start, target_mg=start + grid * draw(st.integers(1, 20)),
                              step_mg=grid * draw(st.integers(1, 4)), every_days=draw(st.integers(1, 7)), **kw)
    from_mg = grid * draw(st.integers(2, 18)) * len(times)
    method = draw(st.sampled_from(["step", "percent", "weeks"]))
    amount = {"step": grid * draw(st.integers(1, 4)), "percent": F(draw(st.integers(5, 50))), "weeks": F(draw(st.integers(1, 8)))}[method]
    return taper_plan(profile, from_mg=from_mg, to_mg=F(0), method=method, amount=amount,
                      every_days=draw(st.sampled_from([1, 3, 7])), **kw)


def _built(plan):
    try:
        s = build_schedule(plan)
    except PlanError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        event(f"{plan.profile.drug}: refused ({exc.problems[0].code})")
        return None
    event(f"{plan.profile.drug}: built")
    _check_doses(s)
    return s


def _check_doses(s):
    chosen = {p: s.profile.product(p) for p in s.plan.products}
    assert len({p.family for p in chosen.values() if p.family}) <= 1
    for step in s.steps:
        for dose in step.doses:
            assert sum((u.mg for u in dose.units), F(0)) == dose.mg
            for unit in dose.units:
                assert unit.product.id in chosen
                if unit.product.is_liquid:
                    assert (unit.count / unit.product.step_ml).denominator == 1
                else:  # a half only where halves are allowed, a quarter only where quarters are
                    assert (unit.count * unit.product.pieces).denominator == 1


@SETTINGS
@given(plans("titrate"))
def test_increases_never_pass_the_limits(plan):
    s = _built(plan)
    assume(s is not None)  # refusals were checked for a message; test_both_drugs_reach_valid_schedules keeps this reachable
    dailies = [step.daily_mg for step in s.steps]
    assert dailies == sorted(dailies)
    for step in s.steps:
        assert step.daily_mg <= s.max_daily_mg <= s.profile.max_daily_mg
        assert all(d.mg <= s.max_dose_mg <= s.profile.max_dose_mg for d in step.doses)
        assert sum(1 for d in step.doses if d.mg > 0) <= s.profile.max_times_per_day


@SETTINGS
@given(plans("taper"))
def test_tapers_never_rise(plan):
    s = _built(plan)
    assume(s is not None)  # as above
    previous = plan.current.daily_mg
    previous_doses = None
    for step in s.steps:
        assert step.daily_mg < previous
        if previous_doses is not None:
            assert all(d.mg <= p for d, p in zip(step.doses, previous_doses))
        previous, previous_doses = step.daily_mg, [d.mg for d in step.doses]
    assert s.stop_date is not None


def test_both_drugs_reach_valid_schedules_and_quarters_and_capsules():
    """The strategies above reach built schedules for each drug, including a quartered tablet and capsules."""
    for kind in ("titrate", "taper"):
        for drug in PROFILES:
            found = find(plans(kind), lambda p, d=drug: p.profile.drug == d and _quiet_build(p) is not None,
                         settings=settings(max_examples=400, database=None))
            assert found.profile.drug == drug
    quartered = find(plans("taper"), lambda p: _uses(p, lambda u: (u.count * 4).denominator == 1 and (u.count * 2).denominator != 1),
                     settings=settings(max_examples=600, database=None))
    assert "tab4q" in quartered.products
    capsules = find(plans("titrate"), lambda p: _uses(p, lambda u: u.product.form == "capsule"), settings=settings(max_examples=400, database=None))
    assert capsules.products[0].startswith("cap")


def _quiet_build(plan):
    try:
        return build_schedule(plan)
    except PlanError:
        return None


def _uses(plan, test):
    s = _quiet_build(plan)
    return s is not None and any(test(u) for step in s.steps for d in step.doses for u in d.units)
