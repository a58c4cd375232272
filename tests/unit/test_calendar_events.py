"""The exported events, read back by `icalendar`, against the planner's occurrences."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from planner import Clinician, Patient, PlanError, parse_times
from tests.calendar_support import assert_doses_match, doses, export, milestones, parse, taper, titration


@pytest.mark.parametrize(("tz", "start", "change_day"), [
    ("Europe/Berlin", date(2027, 3, 20), date(2027, 3, 28)),        # spring forward
    ("Europe/Berlin", date(2027, 10, 25), date(2027, 10, 31)),      # fall back
    ("America/New_York", date(2027, 3, 8), date(2027, 3, 14)),
    ("America/New_York", date(2027, 11, 1), date(2027, 11, 7)),
])
def test_titration_keeps_clock_times_across_daylight_saving_changes(tz, start, change_day):
    schedule, data, _ = export(titration(start, tz))
    _, events = parse(data)
    assert_doses_match(schedule, events)
    zone = ZoneInfo(tz)
    for day in (change_day - timedelta(days=1), change_day + timedelta(days=1)):
        clocks = [e.start.astimezone(zone).strftime("%H:%M") for e in doses(events) if e.start.astimezone(zone).date() == day]
        assert clocks == ["08:00", "14:00", "21:00"]
    before = next(e for e in doses(events) if e.start.astimezone(zone).date() == change_day - timedelta(days=1))
    after = next(e for e in doses(events) if e.start.astimezone(zone).date() == change_day + timedelta(days=1))
    assert before.start.astimezone(zone).utcoffset() != after.start.astimezone(zone).utcoffset()


def test_taper_in_new_york_across_november_change():
    schedule, data, _ = export(taper(date(2027, 10, 25), "America/New_York", from_mg=60, amount=15, times=parse_times("2")))
    _, events = parse(data)
    assert_doses_match(schedule, events)
    utc_hours = {e.start.date(): e.start.hour for e in doses(events) if e.start.astimezone(ZoneInfo("America/New_York")).hour == 8}
    assert utc_hours[date(2027, 11, 6)] == 12 and utc_hours[date(2027, 11, 8)] == 13


def test_dose_in_spring_gap_moves_forward_and_repeated_hour_takes_first():
    spring = titration(date(2027, 3, 27), "Europe/Berlin", times=parse_times("02:30,08:00,21:00"))
    schedule, data, _ = export(spring)
    _, events = parse(data)
    assert_doses_match(schedule, events)
    gap_day = [e for e in doses(events) if e.start.astimezone(ZoneInfo("Europe/Berlin")).date() == date(2027, 3, 28)]
    assert gap_day[0].start == datetime(2027, 3, 28, 1, 30, tzinfo=ZoneInfo("UTC"))  # 03:30 summer time
    assert "at 03:30 (night)" in gap_day[0].description
    assert "The clocks go forward today: this dose is at 03:30 instead of 02:30." in gap_day[0].description
    autumn = titration(date(2027, 11, 6), "America/New_York", times=parse_times("01:30,08:00,21:00"))
    schedule, data, _ = export(autumn)
    _, events = parse(data)
    assert_doses_match(schedule, events)
    repeated = next(e for e in doses(events) if e.start.astimezone(ZoneInfo("America/New_York")).date() == date(2027, 11, 7))
    assert repeated.start == datetime(2027, 11, 7, 5, 30, tzinfo=ZoneInfo("UTC"))  # 01:30 daylight time, the first


@pytest.mark.parametrize("tz", ["Australia/Sydney", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_milestones_fall_on_the_plan_dates_east_and_west_of_utc(tz):
    schedule, data, _ = export(titration(date(2026, 12, 1), tz))
    _, events = parse(data)
    assert_doses_match(schedule, events)
    assert milestones(events) == {
        date(2026, 12, 1): ["Start baclofen today: 15 mg a day"],
        date(2026, 12, 4): ["Dose changes today: 30 mg a day"],
        date(2026, 12, 7): ["Dose changes today: 45 mg a day"],
        date(2026, 12, 10): ["Dose changes today: 60 mg a day"],
        date(2027, 1, 7): ["Review with your clinician: keep taking 60 mg a day until then"],
    }
    for event in events:
        if event.all_day:
            assert event.end == event.start + timedelta(days=1)
    first = doses(events)[0]
    assert first.start.astimezone(ZoneInfo(tz)).date() == date(2026, 12, 1)


def test_taper_in_sydney_ends_with_last_day_follow_up_and_no_review():
    schedule, data, _ = export(taper(date(2027, 3, 29), "Australia/Sydney", from_mg=30, amount=10))  # crosses 4 April
    _, events = parse(data)
    assert_doses_match(schedule, events)
    assert milestones(events) == {
        date(2027, 3, 29): ["Dose changes today: 20 mg a day"],
        date(2027, 4, 5): ["Dose changes today: 10 mg a day"],
        date(2027, 4, 11): ["Last day of baclofen: last dose at 21:00"],
        date(2027, 4, 18): ["Follow-up with your clinician after stopping baclofen"],
    }
    last = doses(events)[-1]
    assert last.start.astimezone(ZoneInfo("Australia/Sydney")).replace(tzinfo=None) == datetime(2027, 4, 11, 21, 0)


def test_summary_and_description_name_dose_step_rules_and_contact():
    clinician = Clinician("Dr Jane Roe", "+49 30 1234-567")
    schedule, data, _ = export(titration(date(2026, 12, 1), "Europe/Berlin", clinician=clinician))
    _, events = parse(data)
    on_7_dec = [e for e in doses(events) if e.start.astimezone(ZoneInfo("Europe/Berlin")).date() == date(2026, 12, 7)]
    event = on_7_dec[0]
    assert event.summary == "Baclofen 15 mg: 1 x 10 mg + 1 x 5 mg tablet"
    assert "Take 1 x 10 mg tablet + 1 x 5 mg tablet (15 mg) at 08:00 (morning)." in event.description
    assert "Step 3 of 4, 7-9 Dec, 45 mg a day." in event.description
    assert "Missed dose: Take it as soon as you remember. If your next dose is due within 2 hours, skip the missed dose." in event.description
    assert "Do not stop suddenly." in event.description
    assert "Clinician: Dr Jane Roe, +49 30 1234-567" in event.description
    last_step = doses(events)[-1]
    assert "Step 4 of 4, 10 Dec 2026-7 Jan 2027, 60 mg a day: keep taking it until your review on Thu 7 Jan." in last_step.description
    assert all(len(e.summary) <= 50 for e in doses(events))  # fits a phone notification


def test_no_clinician_line_without_a_clinician_and_halved_tablets_say_so():
    _, data, _ = export(taper(date(2026, 12, 1), "Europe/Berlin", from_mg=15, amount=5, times=parse_times("3")))
    _, events = parse(data)
    assert not any("Clinician" in e.description for e in events)
    half = taper(date(2026, 12, 1), "Europe/Berlin", from_mg=20, amount=5, times=parse_times("2"), products=("tab10",))
    _, data, _ = export(half)
    summaries = {e.summary for e in doses(parse(data)[1])}
    assert "Baclofen 5 mg: 1/2 x 10 mg tablet" in summaries


@pytest.mark.parametrize(("minutes", "trigger"), [(0, timedelta(0)), (15, timedelta(minutes=-15)), (10080, timedelta(days=-7))])
def test_each_dose_has_one_display_alarm_and_milestones_none(minutes, trigger):
    _, data, _ = export(titration(date(2026, 12, 1), "Asia/Tokyo"), reminder_minutes=minutes)
    _, events = parse(data)
    for event in events:
        if event.all_day:
            assert event.triggers == ()
        else:
            assert event.triggers == (trigger,)
            assert event.alarm_texts == (event.summary,)


def test_no_reminders_means_no_alarms():
    _, data, _ = export(titration(date(2026, 12, 1), "Europe/Berlin"), reminder_minutes=None)
    assert b"BEGIN:VALARM" not in data
    assert all(e.triggers == () for e in parse(data)[1])


@pytest.mark.parametrize("minutes", [-1, 10081, True])
def test_reminder_minutes_out_of_range_is_refused_naming_the_field(minutes):
    with pytest.raises(PlanError) as caught:
        export(titration(date(2026, 12, 1), "Europe/Berlin"), reminder_minutes=minutes)
    assert caught.value.first.field == "reminder_minutes"
    assert "\n" not in str(caught.value)


def test_patient_name_only_with_include_name():
    plan = titration(date(2026, 12, 1), "Europe/Berlin", patient=Patient(name="Zoë Ångström"))
    _, data, _ = export(plan)
    calendar, _ = parse(data)
    assert "Zoë".encode() not in data and "Ångström".encode() not in data
    assert str(calendar["X-WR-CALNAME"]) == "Baclofen plan"
    _, data, _ = export(plan, include_name=True)
    assert str(parse(data)[0]["X-WR-CALNAME"]) == "Baclofen plan for Zoë Ångström"


def test_dtstamp_is_the_issue_date_on_every_event():
    _, data, _ = export(titration(date(2026, 12, 1), "Europe/Berlin"), issued=date(2026, 11, 27))
    calendar, _ = parse(data)
    stamps = {e["DTSTAMP"].dt for e in calendar.walk("VEVENT")}
    assert stamps == {datetime.combine(date(2026, 11, 27), time(), ZoneInfo("UTC"))}
