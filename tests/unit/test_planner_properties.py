"""Invariants of the planner over random valid inputs (Hypothesis)."""

from datetime import date, timedelta
from fractions import Fraction as F

from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st

from planner import Patient, PlanError, build_schedule, bundled_profile, default_times
from planner.doses import grid_of
from planner.factory import taper_plan, titration_plan
from planner.plan_format import dumps_plan, loads_plan
from planner.times import DoseTime

PROFILE = bundled_profile()
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "America/Los_Angeles", "Europe/London", "UTC"]
PRODUCT_SETS = [("tab5", "tab10"), ("tab10",), ("tab20",), ("tab5", "tab10", "tab20"), ("sol1",), ("tab10", "sol1"), ("gran5", "gran10")]

common = st.fixed_dictionaries({
    "plan_id": st.just("00000000-0000-4000-8000-00000000abcd"),
    "start_date": st.dates(date(2026, 1, 1), date(2030, 12, 31)),
    "timezone": st.sampled_from(ZONES),
    "products": st.sampled_from(PRODUCT_SETS),
    "times": st.integers(1, 4).map(default_times),
    "review_days": st.integers(1, 60),
    "patient": st.builds(Patient, age=st.none() | st.integers(18, 100),
                         crcl_ml_min=st.none() | st.integers(5, 150).map(F), liver=st.booleans()),
})


def _grid(products):
    return grid_of(tuple(PROFILE.product(p) for p in products))


@st.composite
def titrations(draw):
    kw = draw(common)
    g = _grid(kw["products"])
    start = g * draw(st.integers(1, 16))
    target = start + g * draw(st.integers(1, 30))
    step = g * draw(st.integers(1, 10))
    return titration_plan(PROFILE, start_mg=start, target_mg=target, step_mg=step, every_days=draw(st.integers(1, 14)), **kw)


@st.composite
def tapers(draw):
    kw = draw(common)
    g = _grid(kw["products"])
    n = len(kw["times"])
    from_mg = g * draw(st.integers(2, 24)) * n
    to_mg = g * draw(st.integers(0, int(from_mg / g) - 1)) if draw(st.booleans()) else F(0)
    method = draw(st.sampled_from(["step", "percent", "weeks"]))
    amount = {"step": g * draw(st.integers(1, 6)), "percent": F(draw(st.integers(1, 99))), "weeks": F(draw(st.integers(1, 30)))}[method]
    return taper_plan(PROFILE, from_mg=from_mg, to_mg=to_mg, method=method, amount=amount, every_days=draw(st.sampled_from([1, 3, 7, 14])), **kw)


def _check_common(s):
    g = _grid(s.plan.products)
    for a, b in zip(s.steps, s.steps[1:]):
        assert b.start == a.end + timedelta(days=1)
    assert s.steps[0].start == s.plan.start_date
    for step in s.steps:
        assert step.days >= 1
        assert step.daily_mg == sum(d.mg for d in step.doses)
        assert len(step.doses) == len(s.plan.times)
        for dose in step.doses:
            assert sum((u.mg for u in dose.units), F(0)) == dose.mg
            assert (dose.mg / g).denominator == 1
            assert all(u.product.id in s.plan.products for u in dose.units)
    assert len(s.occurrences) == sum(st.days * st.doses_per_day for st in s.steps)
    for occ in s.occurrences:
        assert occ.at.date() == occ.day
        wanted = occ.dose.time.clock
        if (occ.at.hour, occ.at.minute) != (wanted.hour, wanted.minute):
            # only a clock time inside a spring-forward gap may move, and only forward
            assert occ.at.replace(tzinfo=None) > occ.at.replace(tzinfo=None, hour=wanted.hour, minute=wanted.minute)
    assert loads_plan(dumps_plan(s.plan)) == s.plan


def _built_or_refused(plan):
    """The schedule with the common invariants checked, or None when the planner refused the plan
    with a message."""
    try:
        s = build_schedule(plan)
    except PlanError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return None
    _check_common(s)
    return s


@given(titrations())
def test_titration_invariants(plan):
    s = _built_or_refused(plan)
    assume(s is not None)  # a refusal was checked above; test_the_strategies_reach_valid_schedules_not_only_errors keeps this reachable
    dailies = [st.daily_mg for st in s.steps]
    assert dailies == sorted(dailies) and dailies[-1] == plan.phases[0].target_mg
    for step in s.steps:
        assert step.daily_mg <= s.max_daily_mg
        assert all(d.mg <= s.max_dose_mg for d in step.doses)
    assert s.steps[-1].holds_until_review and s.review_date == s.steps[-1].end and s.stop_date is None


@given(tapers())
def test_taper_invariants(plan):
    s = _built_or_refused(plan)
    assume(s is not None)  # a refusal was checked above; test_the_strategies_reach_valid_schedules_not_only_errors keeps this reachable
    phase = plan.phases[0]
    g = _grid(plan.products)
    previous = plan.current.daily_mg
    previous_doses = None
    for step in s.steps:
        assert step.daily_mg < previous or (step.holds_until_review and step.daily_mg == phase.to_mg)
        if phase.method == "percent" and step.daily_mg < previous:
            cut = previous - step.daily_mg
            assert cut <= previous * phase.amount / 100 or cut == g or step.daily_mg == phase.to_mg
        if previous_doses is not None:
            assert all(d.mg <= p for d, p in zip(step.doses, previous_doses))
        previous, previous_doses = step.daily_mg, [d.mg for d in step.doses]
    if phase.to_mg == 0:
        assert s.stop_date == s.steps[-1].end + timedelta(days=1) and s.review_date is None
    else:
        assert s.steps[-1].daily_mg == phase.to_mg and s.steps[-1].holds_until_review
        assert s.steps[-1].daily_mg <= s.max_daily_mg


@given(common, st.lists(st.sampled_from(["07:00", "09:15", "11:30", "13:45", "16:00", "18:15", "20:30", "22:45"]), min_size=1, max_size=6, unique=True))
def test_custom_times_round_trip_and_split(kw, clocks):
    from planner.times import parse_clock

    kw = dict(kw, times=tuple(DoseTime(f"t{i}", parse_clock(c)) for i, c in enumerate(sorted(clocks))))
    assume(_built_or_refused(titration_plan(PROFILE, **kw)) is not None)


def test_the_strategies_reach_valid_schedules_not_only_errors():
    from hypothesis import find

    def builds(plan):
        try:
            return len(build_schedule(plan).steps) > 2
        except PlanError:
            return False

    # Generate only: any plan that builds answers the question; shrinking it to the smallest such plan
    # took ~10 s of CPU and proved nothing more. find raises NoSuchExample if none is found.
    search = settings(phases=[Phase.generate], max_examples=200, database=None)  # about 1 in 4 builds
    assert find(titrations(), builds, settings=search) and find(tapers(), builds, settings=search)
