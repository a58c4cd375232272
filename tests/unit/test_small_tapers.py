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
    assert [st.daily_mg for st in partial.steps] == [5] and partial.steps[0].holds_until_review


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
    to_mg = grid * draw(st.integers(0, units - 1)) if draw(st.booleans()) else F(0)
    method = draw(st.sampled_from(["step", "percent", "weeks"]))
    amount = {"step": grid * draw(st.integers(1, 3)), "percent": F(draw(st.integers(1, 99))), "weeks": F(draw(st.integers(1, 3)))}[method]
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
    # small doses are often refused (a step or weeks too big for the dose, a first cut that stops);
    # the strategy must still reach valid schedules for every method, not only errors
    # About a third are built; a fifth leaves room for chance, so the test does not flake at 97 of 300.
    assert built >= total // 5, (built, total)
    assert set(outcomes["built"]) == {"step", "percent", "weeks"}
    assert set(outcomes["built"]) == {"step", "percent", "weeks"}


def _percent_warnings(schedule):
    return [w for w in schedule.warnings if w.code == "percent_not_honoured"]


@pytest.mark.parametrize("percent", [2, 10])
def test_a_percent_taper_the_tablets_cannot_honour_says_so_once(make_taper, percent):
    s = build_schedule(make_taper(80, "percent", percent))
    assert [st.daily_mg for st in s.steps] == list(range(75, 0, -5))  # the tablets allow 5 mg steps only
    (warned,) = _percent_warnings(s)
    assert warned.field == "percent" and warned.severity == "warning"
    if percent == 10:
        assert "cuts of 10 % cannot be made below 50 mg a day: from 45 mg a day the cuts are larger, up to 50 %" in warned.message
    else:
        assert "no cut of this taper can be as small as 2 %: every cut is larger, up to 50 %" in warned.message
    assert f"adding sol1 (steps of 0.5 mg) allows {percent} % cuts down to {500 // percent / 10:g} mg a day" in warned.message


def test_the_liquid_moves_the_dose_below_which_cuts_grow(make_taper):
    (warned,) = _percent_warnings(build_schedule(make_taper(80, "percent", 10, products=("tab10", "sol1"))))
    assert "cannot be made below 5 mg a day: from 4.5 mg a day" in warned.message and "adding" not in warned.message


def test_a_percent_taper_the_products_honour_does_not_warn(make_taper):
    assert not _percent_warnings(build_schedule(make_taper(80, "percent", 50)))  # 40, 20, 10, 5: every cut is 50 %
    assert not _percent_warnings(build_schedule(make_taper(80, "step", 5)))
    assert not _percent_warnings(build_schedule(make_taper(80, "percent", 10, to_mg=F(50))))


def test_a_last_phase_with_no_cut_left_is_refused_not_a_crash(make_taper):
    from planner.model import Maintenance, Taper

    plan = make_taper(5, "percent", 50).replace(phases=(Maintenance("p1", 14), Taper("p2", F(0), "percent", F(50), 7)))
    with pytest.raises(PlanError) as info:
        build_schedule(plan)
    assert info.value.first.code == "nothing_to_taper" and info.value.first.phase == 2


def test_the_percent_warning_is_for_the_clinician_not_the_handout(make_taper):
    from planner.phrases.handout import safety_items

    s = build_schedule(make_taper(80, "percent", 10))
    assert _percent_warnings(s)
    assert not any("smallest step" in text for _, text in safety_items(s))


def _own_tablets(tablets):
    """The bundled numbers with a clinician's own tablets (id, mg, may be halved)."""
    import json

    from planner import load_profile

    data = PROFILE.as_dict()
    data["products"] = [{"id": pid, "form": "tablet", "strength_mg": mg, "halves": halves} for pid, mg, halves in tablets]
    data["default_products"] = [pid for pid, _, _ in tablets]
    data["sources"] = {k: v for k, v in data["sources"].items() if not k.startswith("products.")}
    data["sources"].update({f"products.{pid}": "the ward's own stock (test)" for pid, _, _ in tablets})
    return load_profile(json.dumps(data))


STEP_PROFILES = [(PROFILE, ids) for ids in SMALL_PRODUCT_SETS] + [
    (profile, tuple(p.id for p in profile.products)) for profile in (
        _own_tablets([("tab10", 10, False), ("tab5", 5, True), ("tab2", 2, True)]),
        _own_tablets([("tab10", 10, True), ("tab5", 5, False), ("tab2", 2, False)]),
        _own_tablets([("tab5", 5, False), ("tab3", 3, False)]))]


@st.composite
def step_tapers(draw):
    from planner.doses import make_dose

    profile, ids = draw(st.sampled_from(STEP_PROFILES))
    products = tuple(profile.product(p) for p in ids)
    grid = grid_of(products)
    makeable = [grid * k for k in range(1, int(max(F(10), grid) / grid) + 1) if make_dose(grid * k, products) is not None]
    step = draw(st.sampled_from(makeable))  # the asked step can be made, at one dose time
    to_mg = grid * draw(st.integers(0, int(F(20) / grid))) if draw(st.booleans()) else F(0)
    from_mg = to_mg + step + grid * draw(st.integers(1, max(1, int(F(20) / grid))))  # more to cut than one step
    return taper_plan(profile, plan_id="00000000-0000-4000-8000-00000000abcd", start_date=date(2026, 12, 1), timezone="Europe/Berlin",
                      from_mg=from_mg, to_mg=to_mg, method="step", amount=step, every_days=7, products=ids,
                      times=default_times(draw(st.integers(1, 4))))


def test_a_step_taper_cuts_more_than_the_step_asked_only_where_a_warning_says_so():
    from hypothesis import event

    from planner.numbers import fmt

    outcomes = {"refused": 0, "kept": 0, "warned": 0}

    @settings(max_examples=300, deadline=None, database=None)
    @given(step_tapers())
    def check(plan):
        try:
            s = build_schedule(plan)
        except PlanError:
            outcomes["refused"] += 1
            event("refused")
            return
        step = plan.phases[0].amount
        previous = [d.mg for d in s.current]
        for st_ in s.steps:
            assert all(d.mg <= p for d, p in zip(st_.doses, previous))  # keeping the step never raises a dose time
            previous = [d.mg for d in st_.doses]
        dailies = [plan.current.daily_mg] + [st_.daily_mg for st_ in s.steps] + ([F(0)] if s.stop_date else [])
        cuts = [a - b for a, b in zip(dailies, dailies[1:])]
        warned = [w.message for w in s.warnings if w.code == "taper_step_not_kept"]
        for cut in cuts:
            if cut > step:
                assert warned and f"(a cut of {fmt(cut)} mg)" in warned[0], (cuts, warned)
        if not warned:
            assert all(cut == step for cut in cuts[:-1]) and cuts[-1] <= step, cuts
        outcomes["warned" if warned else "kept"] += 1
        event("warned" if warned else "kept")

    check()
    total = sum(outcomes.values())
    # both outcomes of a built taper are reached, and most drawn tapers are built
    assert outcomes["kept"] >= total // 3 and outcomes["warned"] >= 5, outcomes
