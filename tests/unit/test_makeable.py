"""Only doses the products can make: a clinician's own tablets leave gaps the grid does not see."""

import json
from datetime import date
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner import PlanError, build_schedule, bundled_profile, default_times, load_profile
from planner.doses import grid_of, make_dose
from planner.factory import taper_plan, titration_plan
from tui.cli import main

TABLETS_10_5_2 = [("tab10", 10, True), ("tab5", 5, True), ("tab2", 2, True)]  # 1.5 mg cannot be made
UNSCORED_5_2 = [("tab10", 10, True), ("tab5", 5, False), ("tab2", 2, False)]  # 1 and 3 mg cannot be made


def own_profile(tablets):
    """A clinician's profile file: the bundled numbers with their own tablets."""
    data = bundled_profile().as_dict()
    data["products"] = [{"id": pid, "form": "tablet", "strength_mg": mg, "halves": halves} for pid, mg, halves in tablets]
    data["default_products"] = [pid for pid, _, _ in tablets]
    data["sources"] = {k: v for k, v in data["sources"].items() if not k.startswith("products.")}
    data["sources"].update({f"products.{pid}": "the ward's own stock (test)" for pid, _, _ in tablets})
    return json.dumps(data)


def _plan(profile, **kw):
    kw.setdefault("plan_id", "00000000-0000-4000-8000-00000000abcd")
    kw.setdefault("start_date", date(2026, 12, 1))
    kw.setdefault("timezone", "Europe/Berlin")
    return taper_plan(profile, **kw)


@pytest.mark.parametrize("tablets", [TABLETS_10_5_2, UNSCORED_5_2])
def test_a_ten_percent_taper_from_15_with_the_clinicians_tablets_uses_only_makeable_doses(tablets):
    profile = load_profile(own_profile(tablets))
    s = build_schedule(_plan(profile, from_mg=F(15), method="percent", amount=F(10)))
    products = tuple(profile.product(p) for p in s.plan.products)
    previous = [d.mg for d in s.current]
    for step in s.steps:
        for dose in step.doses:
            assert make_dose(dose.mg, products) is not None and sum((u.mg for u in dose.units), F(0)) == dose.mg
            assert all(u.count.denominator == 1 or u.product.halves for u in dose.units)
        assert all(d.mg <= p for d, p in zip(step.doses, previous))  # a taper never raises a dose time
        previous = [d.mg for d in step.doses]
    dailies = [st.daily_mg for st in s.steps]
    assert dailies == sorted(dailies, reverse=True) and len(set(dailies)) == len(dailies)
    assert dailies[0] == (F(27, 2) if tablets is TABLETS_10_5_2 else 14)  # the first cut is the 10 % asked


def test_the_cli_plans_it_from_a_profile_file(tmp_path, capsys):
    profile_file = tmp_path / "ward.json"
    profile_file.write_text(own_profile(TABLETS_10_5_2), encoding="utf-8")
    plan = tmp_path / "p.json"
    code = main(["new", "taper", "--from", "15", "--percent", "10", "--profile", str(profile_file), "-o", str(plan),
                 "--tz", "Europe/Berlin"], today=date(2026, 11, 27))
    err = capsys.readouterr().err
    assert code == 0 and plan.exists() and "error" not in err


def test_an_unmakeable_value_names_the_nearest_makeable_ones(make_taper):
    with pytest.raises(PlanError) as info:
        build_schedule(make_taper(F(25, 2), "step", 5))
    assert info.value.first.field == "from" and "(nearest: 10 mg or 15 mg)" in info.value.first.message
    profile = load_profile(own_profile(TABLETS_10_5_2))
    with pytest.raises(PlanError) as info:
        build_schedule(_plan(profile, from_mg=F(9, 2), current_doses=(F(3, 2),) * 3, method="percent", amount=F(10)))
    assert info.value.first.field == "current" and info.value.first.message.endswith("nearest that can: 1 mg or 2 mg")
    with pytest.raises(PlanError) as info:
        build_schedule(_plan(profile, from_mg=F(1, 2), method="percent", amount=F(10)))
    assert info.value.first.code == "unmakeable_daily" and info.value.first.message.endswith("nearest that can: 1 mg")
    with pytest.raises(PlanError) as info:  # a titration's step lands on a dose the tablets cannot split
        build_schedule(titration_plan(profile, plan_id="00000000-0000-4000-8000-00000000abcd", start_date=date(2026, 12, 1),
                                      timezone="Europe/Berlin", start_mg=F(1), step_mg=F(1, 2), target_mg=F(2), times=default_times(1)))
    assert info.value.first.field == "step"
    assert info.value.first.message == "1.5 mg a day cannot be made from tab10, tab5, tab2 in 1 dose; nearest that can: 1 mg or 2 mg"


GAPPY = [[(10, True), (5, True), (2, True)], [(10, True), (5, False), (2, False)], [(5, False), (3, False)],
         [(5, False), (2, False)], [(10, False), (4, True)]]


def _solid_products():
    piece = st.tuples(st.sampled_from([1, 2, 3, 4, 5, 10, 20]), st.booleans())
    return st.sampled_from(GAPPY) | st.lists(piece, min_size=1, max_size=3, unique_by=lambda p: p[0])


@st.composite
def own_product_tapers(draw):
    pieces = draw(_solid_products())
    tablets = [(f"tab{mg}", mg, halves) for mg, halves in pieces]
    profile = load_profile(own_profile(tablets))
    products = tuple(profile.product(p) for p in profile.default_products)
    grid = grid_of(products)
    n = draw(st.integers(1, 4))
    from_mg = grid * draw(st.integers(min(4, int(60 / grid)), int(60 / grid)))
    method = draw(st.sampled_from(["step", "percent", "weeks"]))
    amount = {"step": grid * draw(st.integers(1, 3)), "percent": F(draw(st.integers(5, 60))), "weeks": F(draw(st.integers(1, 4)))}[method]
    return _plan(profile, from_mg=from_mg, method=method, amount=amount, times=default_times(n), every_days=7)


def test_tapers_with_any_tablets_use_only_makeable_doses_and_never_rise():
    seen = {"built": 0, "refused": 0, "gapped": 0}

    @settings(max_examples=120, deadline=None, database=None)
    @given(own_product_tapers())
    def check(plan):
        try:
            s = build_schedule(plan)
        except PlanError as exc:
            assert exc.problems and all(p.message and p.field for p in exc.problems)
            # a percent taper from a dose the products can split always finds its cuts
            if plan.phases[0].method == "percent":
                assert exc.first.field == "from", exc
            seen["refused"] += 1
            return
        seen["built"] += 1
        products = tuple(plan.profile.product(p) for p in plan.products)
        grid = grid_of(products)
        seen["gapped"] += any(make_dose(grid * k, products) is None for k in range(1, int(20 / grid)))
        previous, previous_doses = plan.current.daily_mg, [d.mg for d in s.current]
        for step in s.steps:
            assert all(sum((u.mg for u in d.units), F(0)) == d.mg for d in step.doses)
            assert all(u.count.denominator == 1 or u.product.halves for d in step.doses for u in d.units)
            assert step.daily_mg < previous and all(d.mg <= p for d, p in zip(step.doses, previous_doses))
            previous, previous_doses = step.daily_mg, [d.mg for d in step.doses]

    check()
    assert seen["built"] >= 60 and seen["gapped"] >= 10, seen


def test_a_measured_half_millilitre_is_not_a_split_tablet(profile):
    half_scored = load_profile(own_profile([("tab1", 1, True)])).product("tab1")
    sol1 = profile.product("sol1")
    assert [u.describe() for u in make_dose(F(1, 2), (half_scored, sol1))] == ["0.5 mL of 1 mg/mL oral solution"]
    assert [u.describe() for u in make_dose(F(1, 2), (half_scored,))] == ["1/2 x 1 mg tablet (break along the line)"]


def test_a_step_taper_skips_the_daily_doses_the_tablets_cannot_split():
    profile = load_profile(own_profile([("tab5", 5, False), ("tab3", 3, False)]))  # 1, 2, 4 and 7 mg cannot be made
    s = build_schedule(_plan(profile, from_mg=F(20), method="step", amount=F(1)))
    dailies = [st.daily_mg for st in s.steps]
    assert dailies == [19, 18, 16, 15, 13, 11, 9, 6, 3]  # 1 mg steps where a split exists, larger where none does
    products = tuple(profile.product(p) for p in s.plan.products)
    assert all(make_dose(d.mg, products) is not None for st in s.steps for d in st.doses)


def test_a_makeable_split_keeps_the_rule_cutting_midday_first():
    from planner.makeable import split_makeable

    profile = load_profile(own_profile(TABLETS_10_5_2))
    products = tuple(profile.product(p) for p in profile.default_products)
    assert split_makeable(F(5), 3, F(1, 2), products) == (2, 1, 2)  # the rule's 1.5/1.5/2 has no 1.5 mg
    assert split_makeable(F(2), 3, F(1, 2), products) == (1, 0, 1)
    assert split_makeable(F(9, 2), 3, F(1, 2), products) == (1, 1, F(5, 2))
    assert split_makeable(F(1, 2), 3, F(1, 2), products) is None


WHOLE_10_HALVED_5_2 = [("tab10", 10, False), ("tab5", 5, True), ("tab2", 2, True)]  # 2.5 mg: only half a 5 mg tablet


def _cuts(s):
    dailies = [s.plan.current.daily_mg] + [st.daily_mg for st in s.steps] + ([F(0)] if s.stop_date else [])
    return [a - b for a, b in zip(dailies, dailies[1:])]


def test_a_step_the_tablets_can_make_is_kept_to_the_stop():
    """The clinician's report: 15 mg by 2.5 mg went 5, 3, stop, because 5 mg split 2 + 1 + 2 mg left no
    dose time able to hold half a 5 mg tablet without rising."""
    profile = load_profile(own_profile(WHOLE_10_HALVED_5_2))
    s = build_schedule(_plan(profile, from_mg=F(15), method="step", amount=F(5, 2), every_days=14))
    assert [st.daily_mg for st in s.steps] == [F(25, 2), 10, F(15, 2), 5, F(5, 2)]
    assert _cuts(s) == [F(5, 2)] * 6
    previous = [d.mg for d in s.current]
    for step in s.steps:
        assert all(d.mg <= p for d, p in zip(step.doses, previous))  # still no dose time rises
        previous = [d.mg for d in step.doses]
    assert [(d.mg, [(u.product.id, u.count) for u in d.units]) for d in s.steps[-1].doses if d.mg] == [(F(5, 2), [("tab5", F(1, 2))])]
    assert "taper_step_not_kept" not in {w.code for w in s.warnings}


def test_the_cli_plans_the_reported_taper_with_the_step_asked(tmp_path, capsys):
    profile_file = tmp_path / "ward.json"
    profile_file.write_text(own_profile(WHOLE_10_HALVED_5_2), encoding="utf-8")
    plan = tmp_path / "p.json"
    assert main(["new", "taper", "--from", "15", "--step", "2.5", "--every", "14", "--profile", str(profile_file), "-o", str(plan),
                 "--tz", "Europe/London"], today=date(2027, 1, 3)) == 0
    capsys.readouterr()
    assert main(["show", str(plan), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "(2.5 mg a day)" in out and "(3 mg a day)" not in out


def test_a_step_the_tablets_cannot_keep_is_a_warning_naming_the_step_and_the_cuts():
    profile = load_profile(own_profile([("tab5", 5, False), ("tab3", 3, False)]))  # 1, 2, 4 and 7 mg cannot be made
    s = build_schedule(_plan(profile, from_mg=F(10), method="step", amount=F(1), every_days=14, times=default_times(1)))
    assert [st.daily_mg for st in s.steps] == [9, 8, 6, 5, 3]
    (warned,) = [w for w in s.warnings if w.code == "taper_step_not_kept"]
    assert warned.field == "step" and warned.severity == "warning" and warned.patient == ""
    assert warned.message == ("the 1 mg step asked is not kept: 8 to 6 mg a day on 2026-12-29 (a cut of 2 mg), "
                              "5 to 3 mg a day on 2027-01-26 (a cut of 2 mg), 3 to 0 mg a day on 2027-02-09 (a cut of 3 mg); "
                              "7 mg a day cannot be made from tab5, tab3 in 1 dose")


def test_a_step_taper_that_keeps_its_step_does_not_warn(make_taper):
    for s in (build_schedule(make_taper(60, "step", 15)), build_schedule(make_taper(60, "step", 25)),
              build_schedule(make_taper(60, "step", 10, to_mg=F(30)))):
        assert "taper_step_not_kept" not in {w.code for w in s.warnings}
