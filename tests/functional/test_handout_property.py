"""For random valid plans, the handout's text names every step: its dates, its daily total and
every dose written out."""

from datetime import date
from fractions import Fraction as F

from handout_cases import all_text
from hypothesis import given, settings
from hypothesis import strategies as st
from test_handout_pdf import _expect_every_step

from exports.handout import HandoutOptions, handout_bytes
from planner import build_schedule, bundled_profile, default_times
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


@st.composite
def plans(draw):
    """Titrations and percent tapers that are valid by construction: no dose above 20 mg a time."""
    kw = draw(common)
    most = min(16, 4 * len(kw["times"]))  # in 5 mg units: 20 mg a dose, 80 mg a day
    if draw(st.booleans()):
        start = draw(st.integers(1, most - 1))
        target = draw(st.integers(start + 1, most))
        return titration_plan(PROFILE, start_mg=F(5 * start), step_mg=F(5), target_mg=F(5 * target), every_days=draw(st.integers(1, 7)), **kw)
    return taper_plan(PROFILE, from_mg=F(5 * draw(st.integers(2, most))), method="percent", amount=F(draw(st.integers(10, 50))), **kw)


@settings(max_examples=12, deadline=None)
@given(plans())
def test_handout_text_contains_every_step(plan):
    schedule = build_schedule(plan)  # valid by construction: a refusal fails the test
    _expect_every_step(schedule, all_text(handout_bytes(schedule, HandoutOptions(issued=date(2026, 11, 27)))))
