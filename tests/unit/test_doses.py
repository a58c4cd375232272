from fractions import Fraction as F

import pytest

from planner.doses import grid_of, make_dose, split_capped, split_daily


def _words(units):
    return " + ".join(u.describe() for u in units)


@pytest.mark.parametrize(("total", "expected"), [(20, (5, 5, 10)), (40, (15, 10, 15)), (50, (15, 15, 20)), (10, (5, 0, 5)), (5, (0, 0, 5))])
def test_split_rule_examples(total, expected):
    assert split_daily(F(total), 3, F(5)) == tuple(F(x) for x in expected)


def test_split_with_four_times_cuts_midday_first():
    assert split_daily(F(35), 4, F(5)) == (F(10), F(5), F(10), F(10))
    assert split_daily(F(25), 4, F(5)) == (F(5), F(5), F(5), F(10))
    assert split_daily(F(15), 4, F(5)) == (F(5), F(0), F(5), F(5))


def test_grid_follows_the_chosen_products(profile):
    p = profile.product
    assert grid_of((p("tab5"), p("tab10"))) == 5
    assert grid_of((p("tab10"),)) == 5
    assert grid_of((p("tab20"),)) == 10
    assert grid_of((p("tab5"),)) == 5
    assert grid_of((p("tab10"), p("sol1"))) == F(1, 2)
    assert grid_of((p("gran10"), p("gran20"))) == 10


def test_units_avoid_splitting_then_use_fewest_pieces(profile):
    p = profile.product
    assert _words(make_dose(F(15), (p("tab5"), p("tab10")))) == "1 x 10 mg tablet + 1 x 5 mg tablet"
    assert _words(make_dose(F(15), (p("tab10"),))) == "1 1/2 x 10 mg tablets (break along the line)"
    assert _words(make_dose(F(5), (p("tab10"),))) == "1/2 x 10 mg tablet (break along the line)"
    assert _words(make_dose(F(20), (p("tab5"), p("tab10"), p("tab20")))) == "1 x 20 mg tablet"
    assert _words(make_dose(F(10), (p("tab10"), p("tab20")))) == "1 x 10 mg tablet"
    assert _words(make_dose(F(5, 2), (p("sol1"),))) == "2.5 mL of 1 mg/mL oral solution"
    assert _words(make_dose(F(15), (p("gran5"), p("gran10")))) == "1 x 10 mg granule packet + 1 x 5 mg granule packet"


def test_a_dose_the_products_cannot_make_is_none(profile):
    p = profile.product
    assert make_dose(F(5), (p("tab20"),)) is None
    assert make_dose(F(5, 2), (p("tab5"), p("tab10"))) is None
    assert make_dose(F(5), (p("gran10"),)) is None


def test_capped_split_never_raises_a_time_above_its_cap():
    assert split_capped(F(30), (F(0), F(20), F(20)), F(5)) == (F(0), F(15), F(15))
    assert split_capped(F(35), (F(10), F(10), F(20)), F(5)) == (F(10), F(10), F(15))


def test_tablets_are_used_before_a_liquid_when_they_make_the_dose_whole(profile):
    p = profile.product
    both = (p("tab5"), p("tab10"), p("sol1"))
    assert _words(make_dose(F(20), both)) == "2 x 10 mg tablets"
    assert _words(make_dose(F(15), both)) == "1 x 10 mg tablet + 1 x 5 mg tablet"
    assert _words(make_dose(F(14), both)) == "14 mL of 1 mg/mL oral solution"
    assert _words(make_dose(F(5), (p("tab10"), p("sol1")))) == "5 mL of 1 mg/mL oral solution"  # rather than a split tablet
