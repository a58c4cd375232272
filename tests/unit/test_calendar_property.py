"""For random valid plans across daylight-saving changes, the calendar holds exactly the planner's doses."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner import PlanError, build_schedule
from tests.calendar_support import assert_doses_match, export, milestones, parse, plans


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
