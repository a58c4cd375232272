"""Small tapers: no input reaches the last-resort guard; the smallest cut is planned or refused."""

from datetime import date
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner import PlanError, build_schedule, bundled_profile, default_times
from planner.doses import grid_of
from planner.factory import taper_plan
from tui.cli import main

PROFILE = bundled_profile()
SMALL_PRODUCT_SETS = [("tab5", "tab10"), ("tab10",), ("tab20",), ("sol1",), ("tab10", "sol1"), ("gran5", "gran10"), ("gran20",)]


@pytest.mark.parametrize(("from_mg", "percent", "products"), [(5, 50, None), (5, 10, None), (F(1, 2), 10, ("sol1",))])
def test_a_taper_whose_first_cut_stops_is_refused_naming_from(make_taper, from_mg, percent, products):
    kw = {} if products is None else {"products": products}
    with pytest.raises(PlanError) as info:
        build_schedule(make_taper(from_mg, "percent", percent, **kw))
    assert info.value.first.code == "nothing_to_taper" and info.value.first.field == "from"
    assert ("add sol1" in info.value.first.message) == (products is None)


def test_the_one_cut_that_exists_is_planned(make_taper):
    s = build_schedule(make_taper(10, "percent", 50))
    assert [st.daily_mg for st in s.steps] == [5]
    partial = build_schedule(make_taper(10, "percent", 10, to_mg=F(5)))
    assert [st.daily_mg for st in partial.steps] == [5] and partial.steps[0].maintenance


def test_the_cli_says_one_line_for_a_taper_that_cannot_cut(tmp_path, capsys):
    plan = tmp_path / "p.json"
    code = main(["new", "taper", "--from", "5", "--percent", "50", "-o", str(plan), "--tz", "Europe/Berlin"], today=date(2026, 11, 27))
    err = capsys.readouterr().err
    assert code == 2 and not plan.exists()
    assert err.count("\n") == 1 and err.startswith("taperplan: error: --from: 5 mg a day") and "unexpected" not in err


@st.composite
def small_tapers(draw):
    products = draw(st.sampled_from(SMALL_PRODUCT_SETS))
    grid = grid_of(tuple(PROFILE.product(p) for p in products))
    units = draw(st.integers(1, 8))
    from_mg = grid * units
    to_mg = grid * draw(st.integers(0, units)) if draw(st.booleans()) else F(0)
    method = draw(st.sampled_from(["step", "percent", "weeks"]))
    amount = {"step": grid * draw(st.integers(1, 4)), "percent": F(draw(st.integers(1, 99))), "weeks": F(draw(st.integers(1, 4)))}[method]
    return taper_plan(PROFILE, plan_id="00000000-0000-4000-8000-00000000abcd", start_date=date(2026, 12, 1), timezone="Europe/Berlin",
                      from_mg=from_mg, to_mg=to_mg, method=method, amount=amount, every_days=draw(st.sampled_from([1, 7])),
                      products=products, times=default_times(draw(st.integers(1, 4))))


def test_small_tapers_give_a_schedule_or_a_plan_error_never_another_exception():
    outcomes: dict[str, list[str]] = {"built": [], "refused": []}

    @settings(max_examples=300, deadline=None, database=None)
    @given(small_tapers())
    def check(plan):
        try:
            s = build_schedule(plan)
        except PlanError as exc:
            assert exc.problems and all(p.message and p.field for p in exc.problems)
            outcomes["refused"].append(exc.first.code)
            return
        assert s.steps and all(step.daily_mg == sum(d.mg for d in step.doses) for step in s.steps)
        outcomes["built"].append(plan.phases[0].method)

    check()
    built, total = len(outcomes["built"]), len(outcomes["built"]) + len(outcomes["refused"])
    # small doses are often refused (a step or weeks too big for the dose, a first cut that stops); the strategy must still reach
    # valid schedules for every method, not only errors
    assert built >= total // 3, (built, total)
    assert set(outcomes["built"]) == {"step", "percent", "weeks"}
