"""For random valid plans across daylight-saving changes, the calendar holds exactly the planner's doses."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner import PlanError, build_schedule, parse_times
from tests.calendar_support import assert_doses_match, export, milestones, parse, taper, titration

ZONES = ["Europe/Berlin", "America/New_York", "America/Los_Angeles", "Australia/Sydney", "Asia/Tokyo",
         "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Asia/Kolkata", "UTC"]
# days on which some of these zones change their clocks; plans start a few days before
CHANGES = [date(2026, 10, 4), date(2026, 10, 25), date(2026, 11, 1), date(2027, 3, 14), date(2027, 3, 28),
           date(2027, 4, 4), date(2027, 9, 26), date(2027, 10, 31), date(2027, 11, 7)]
TIMES = ["3", "2", "4", "1", "02:30,08:00,21:00", "01:30,12:00", "00:15,06:00,12:00,18:00,23:45", "03:00,14:00,22:30"]


@st.composite
def plans(draw):
    start = draw(st.sampled_from(CHANGES)) - timedelta(days=draw(st.integers(0, 6)))
    tz = draw(st.sampled_from(ZONES))
    times = parse_times(draw(st.sampled_from(TIMES)))
    review = draw(st.integers(1, 6))
    every = draw(st.integers(1, 3))
    if draw(st.booleans()):
        target = draw(st.sampled_from([20, 30, 45, 60]))
        return titration(start, tz, times=times, review_days=review, every_days=every,
                         start_mg=Fraction(10), step_mg=Fraction(draw(st.sampled_from([5, 10, 15]))), target_mg=Fraction(target))
    from_mg = draw(st.sampled_from([15, 20, 30, 40]))
    to_mg = draw(st.sampled_from([0, 5]))
    return taper(start, tz, from_mg=from_mg, amount=5, times=times, review_days=review, every_days=every,
                 to_mg=Fraction(to_mg))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(plans(), st.sampled_from([0, 5, None]))
def test_parsed_events_equal_the_planner_occurrences(plan, reminder):
    try:
        build_schedule(plan)
    except PlanError:
        assume(False)
    schedule, data, _ = export(plan, reminder_minutes=reminder)
    _, events = parse(data)
    assert_doses_match(schedule, events)
    expected_trigger = () if reminder is None else (-timedelta(minutes=reminder),)
    assert all(e.triggers == expected_trigger for e in events if not e.all_day)
    assert len({e.uid for e in events}) == len(events)
    days = milestones(events)
    assert schedule.first_day in days
    assert set(days) <= {s.start for s in schedule.steps} | {schedule.review_date, schedule.last_dose_day, schedule.follow_up_date}
    end = schedule.review_date or schedule.follow_up_date
    assert max(days) == end
    assert (schedule.follow_up_date in days) == (schedule.stop_date is not None)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
