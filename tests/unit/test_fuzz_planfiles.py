"""Fuzzing: random and broken plan and profile files give a plan or the project's own error."""

import json
from datetime import date
from fractions import Fraction as F

from hypothesis import given
from hypothesis import strategies as st

from planner import PlanError, build_schedule, bundled_profile, load_profile
from planner.factory import taper_plan, titration_plan
from planner.plan_format import dumps_plan, loads_plan

PROFILE = bundled_profile()
SEEDS = [
    json.loads(dumps_plan(titration_plan(PROFILE, plan_id="a", start_date=date(2027, 3, 1), timezone="Europe/Berlin"))),
    json.loads(dumps_plan(taper_plan(PROFILE, plan_id="b", start_date=date(2027, 10, 20), timezone="America/New_York",
                                     from_mg=F(40), method="percent", amount=F(20), current_doses=(F(10), F(10), F(20))))),
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


@st.composite
def mutated_plans(draw):
    data = json.loads(json.dumps(draw(st.sampled_from(SEEDS))))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_values)
    return data


def _load_and_build(text):
    try:
        plan = loads_plan(text)
    except PlanError as exc:
        assert exc.problems[0].message and "\n" not in str(exc)
        return None
    try:
        return build_schedule(plan)
    except PlanError as exc:
        assert exc.problems[0].message
        return None


@given(mutated_plans())
def test_mutated_plan_files_load_or_fail_cleanly(data):
    _load_and_build(json.dumps(data, allow_nan=True))


@given(st.sampled_from(SEEDS), st.data())
def test_truncated_plan_files_fail_cleanly(seed, data):
    text = json.dumps(seed)
    cut = data.draw(st.integers(0, len(text) - 1))
    assert _load_and_build(text[:cut]) is None


@given(st.binary(max_size=200))
def test_random_bytes_fail_cleanly(blob):
    assert _load_and_build(blob) is None


@given(st.sampled_from(SEEDS).flatmap(lambda seed: st.just(seed["profile"])), st.data())
def test_mutated_profiles_load_or_fail_cleanly(profile, data):
    profile = json.loads(json.dumps(profile))
    path = data.draw(st.sampled_from([p for p in _paths(profile) if p]))
    parent = profile
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = data.draw(json_values)
    try:
        load_profile(json.dumps(profile, allow_nan=True))
    except PlanError as exc:
        assert "key" in str(exc) or "JSON" in str(exc)


def test_the_unmutated_seeds_build():
    assert all(_load_and_build(json.dumps(seed)) is not None for seed in SEEDS)


wild_mg = st.fractions(min_value=-200, max_value=400, max_denominator=4)
wild_days = st.integers(-5, 400)
wild_phase = st.one_of(
    st.builds(lambda t, s, e, start: __import__("planner").Titration("", t, s, e, start), wild_mg, wild_mg, wild_days, st.none() | wild_mg),
    st.builds(lambda d: __import__("planner").Maintenance("", d), wild_days),
    st.builds(lambda to, m, a, e: __import__("planner").Taper("", to, m, a, e), wild_mg, st.sampled_from(["step", "percent", "weeks", "zigzag"]), wild_mg, wild_days),
)


@given(st.lists(wild_phase, min_size=1, max_size=4), st.none() | wild_mg, st.integers(-3, 200),
       st.lists(st.tuples(st.integers(-1, 30), st.integers(-20, 20)), max_size=2))
def test_wild_parameters_give_a_schedule_or_a_plan_error(phases, current, review, adjustments):
    from planner import CurrentDose
    from planner.edits import add_phase, adjust_step

    plan = titration_plan(PROFILE, plan_id="w", start_date=date(2027, 10, 30), timezone="Europe/London").replace(
        phases=(), current=None if current is None else CurrentDose(current), review_days=review)
    for phase in phases:
        plan = add_phase(plan, phase)
    try:
        for step, days in adjustments:
            plan = adjust_step(plan, step, days=days)
        schedule = build_schedule(plan)
    except PlanError as exc:
        assert exc.problems[0].message
        return
    assert schedule.steps and all(s.daily_mg <= schedule.max_daily_mg or s.phase_kind == "taper" for s in schedule.steps)
