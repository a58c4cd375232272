"""For random valid plans, the handout's text names every step: its dates, its daily total and
every dose written out."""

from datetime import date
from fractions import Fraction as F

from handout_cases import all_text
from hypothesis import given, settings
from hypothesis import strategies as st
from test_handout_pdf import _expect_every_step

from exports.handout_pdf import HandoutOptions, handout_bytes
from planner import PlanError, build_schedule, bundled_profile, default_times
from planner.factory import taper_plan, titration_plan

PROFILE = bundled_profile()
common = st.fixed_dictionaries({
    "plan_id": st.just("00000000-0000-4000-8000-0000000000ff"),
    "start_date": st.dates(date(2026, 1, 1), date(2029, 12, 31)),
    "timezone": st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Sydney"]),
    "products": st.sampled_from([("tab5", "tab10"), ("tab10",), ("tab10", "tab20"), ("tab5", "tab10", "sol1")]),
    "times": st.integers(1, 4).map(default_times),
    "review_days": st.integers(1, 40),
})
plans = st.one_of(
    st.builds(lambda kw, start, steps, every: titration_plan(PROFILE, start_mg=F(5 * start), step_mg=F(5), target_mg=F(5 * (start + steps)), every_days=every, **kw),
              common, st.integers(1, 6), st.integers(1, 6), st.integers(1, 7)),
    st.builds(lambda kw, units, pct: taper_plan(PROFILE, from_mg=F(5 * units), method="percent", amount=F(pct), **kw),
              common, st.integers(2, 12), st.integers(10, 50)),
)


@settings(max_examples=12, deadline=None)
@given(plans)
def test_handout_text_contains_every_step(plan):
    try:
        schedule = build_schedule(plan)
    except PlanError:
        return
    _expect_every_step(schedule, all_text(handout_bytes(schedule, HandoutOptions(issued=date(2026, 11, 27)))))
