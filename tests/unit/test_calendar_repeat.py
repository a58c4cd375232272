"""`repeat`: one daily series per step and dose time, in the plan's zone, keyed and cancelled like doses."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from exports.calendar import CalendarError
from planner import Schedule, bundled_profile, default_times, parse_times
from planner.factory import maintenance_plan
from planner.schedule import patient_steps
from tests.calendar_support import PLAN_ID, export, reexport, taper, titration
from tui.cli import main


def components(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def live(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in components(data) if str(e.get("STATUS", "")) != "CANCELLED"}


def cancelled(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in components(data) if str(e.get("STATUS", "")) == "CANCELLED"}


def timed_starts(data: bytes) -> list[datetime]:
    """Every live dose's start, each series expanded by its RRULE (dateutil, on the zone-aware DTSTART)."""
    starts = []
    for event in live(data).values():
        start = event["DTSTART"].dt
        if not isinstance(start, datetime):
            continue
        if "RRULE" in event:
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
            starts += list(rule)
        else:
            starts.append(start)
    return sorted(starts, key=lambda at: at.astimezone(UTC))


def assert_same_doses(schedule: Schedule, data: bytes) -> None:
    """The expanded series are the planner's doses: same instants, same clock times in the plan's zone."""
    zone = ZoneInfo(schedule.plan.timezone)
    starts = timed_starts(data)
    assert [s.astimezone(UTC) for s in starts] == [o.at.astimezone(UTC) for o in schedule.occurrences]
    for start, occurrence in zip(starts, schedule.occurrences, strict=True):
        local = start.astimezone(zone)
        assert (local.date(), local.time()) == (occurrence.day, occurrence.at.time())


def vtimezone_offsets(data: bytes, name: str) -> list[tuple[datetime, timedelta]]:
    """(onset in UTC, offset from then on) for each observance of the file's VTIMEZONE `name`, read from the raw text."""
    text = data.decode().replace("\r\n ", "")
    block = re.search(rf"BEGIN:VTIMEZONE\r\nTZID:{re.escape(name)}\r\n(.*?)END:VTIMEZONE", text, re.S)
    assert block is not None, f"no VTIMEZONE for {name}"
    onsets = []
    for start, before, after in re.findall(r"DTSTART:(\d{8}T\d{6})\r\nTZOFFSETFROM:([+-]\d{4})\r\nTZOFFSETTO:([+-]\d{4})", block.group(1)):
        def offset(text: str) -> timedelta:
            return (1 if text[0] == "+" else -1) * timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))
        onsets.append((datetime.strptime(start, "%Y%m%dT%H%M%S").replace(tzinfo=UTC) - offset(before), offset(after)))
    return sorted(onsets)


@pytest.mark.parametrize("zone, start", [("Europe/Berlin", date(2027, 3, 14)), ("America/New_York", date(2027, 3, 1)),
                                         ("Australia/Sydney", date(2027, 3, 25)), ("Australia/Sydney", date(2027, 9, 25)),
                                         ("Europe/Berlin", date(2027, 10, 20)), ("Asia/Tokyo", date(2027, 3, 14))])
def test_series_give_every_dose_at_its_clock_time_across_daylight_saving(zone, start):
    schedule, data, _ = export(taper(start, zone, from_mg=60, amount=10, times=default_times(4)), repeat=True)
    assert_same_doses(schedule, data)
    events = live(data)
    series = [e for e in events.values() if "RRULE" in e]
    assert len(series) == sum(s.doses_per_day for s in patient_steps(schedule))  # no clock time falls in a change
    assert len([e for e in events.values() if isinstance(e["DTSTART"].dt, datetime)]) == len(series)
    text = data.decode()
    assert f"DTSTART;TZID={zone}:" in text and "DTSTART;TZID" in text.split("BEGIN:VEVENT", 1)[1]
    onsets = vtimezone_offsets(data, zone)
    for occurrence in schedule.occurrences:  # the file's own zone rules give each dose the zone database's offset
        instant = occurrence.at.astimezone(UTC)
        in_force = [offset for onset, offset in onsets if onset <= instant]
        assert in_force and in_force[-1] == occurrence.at.utcoffset()


def test_each_series_repeats_daily_for_its_steps_days():
    schedule, data, _ = export(taper(date(2027, 3, 20), "Europe/Berlin", from_mg=30, amount=10), repeat=True)
    steps = {s.start: s for s in patient_steps(schedule)}
    raw = data.decode().replace("\r\n ", "")
    for uid, event in live(data).items():
        if "RRULE" not in event:
            continue
        first = event["DTSTART"].dt
        step = steps[first.date()]
        assert event["RRULE"]["FREQ"] == ["DAILY"] and event["RRULE"]["COUNT"] == [step.days]
        assert f"RRULE:FREQ=DAILY;COUNT={step.days}\r\n" in raw.split(f"UID:{uid}")[0].rsplit("BEGIN:VEVENT", 1)[1]
        assert uid.endswith(f"-{step.start:%Y%m%d}-series-{ {'08:00': 'morning', '14:00': 'afternoon', '21:00': 'bedtime'}[f'{first:%H:%M}'] }@taperplan")
        assert [a["TRIGGER"].dt for a in event.walk("VALARM")] == [timedelta(0)]


def test_a_dose_in_the_skipped_or_repeated_hour_is_a_single_event_in_utc_and_the_series_resumes_after_it():
    # Parsers disagree on a series' time in those hours, so those days are single events, as without repeat.
    times = parse_times("night=02:30,afternoon=14:30")
    for day, instant in ((date(2027, 3, 28), datetime(2027, 3, 28, 1, 30, tzinfo=UTC)),   # 02:30 does not exist: 03:30 CEST
                         (date(2027, 10, 31), datetime(2027, 10, 31, 0, 30, tzinfo=UTC))):  # 02:30 twice: the first, CEST
        plan = maintenance_plan(bundled_profile(), plan_id=PLAN_ID, start_date=day - timedelta(days=3), timezone="Europe/Berlin",
                                dose_mg=Fraction(20), times=times, review_days=7)
        schedule, data, _ = export(plan, repeat=True)
        assert_same_doses(schedule, data)
        events = live(data)
        single = [e for e in events.values() if "RRULE" not in e and isinstance(e["DTSTART"].dt, datetime)]
        assert [e["DTSTART"].dt for e in single] == [instant]
        assert f"-{day:%Y%m%d}-dose-night@taperplan" in str(single[0]["UID"])
        nights = sorted(e["DTSTART"].dt.date() for e in events.values() if "RRULE" in e and "-series-night@" in str(e["UID"]))
        assert nights == [day - timedelta(days=3), day + timedelta(days=1)]


def test_a_year_at_four_doses_a_day_is_a_handful_of_events():
    plan = titration(date(2027, 1, 1), "Europe/Berlin", times=default_times(4), start_mg=Fraction(20), target_mg=Fraction(40),
                     step_mg=Fraction(20), every_days=1, review_days=363)
    schedule, data, _ = export(plan, repeat=True)
    _, every_dose, _ = export(plan)
    assert len(schedule.occurrences) == 1460
    assert data.count(b"BEGIN:VEVENT") < 20 < 1400 < every_dose.count(b"BEGIN:VEVENT")
    assert len(data) * 50 < len(every_dose)
    assert_same_doses(schedule, data)


def test_re_export_is_identical_and_a_revision_keeps_series_uids_and_raises_sequence():
    plan = titration(date(2027, 3, 20), "Europe/Berlin", review_days=28)
    _, first, record = export(plan, repeat=True)
    _, again, record_again = reexport(plan, record, repeat=True)
    assert first == again and record == record_again
    assert record["options"]["repeat"] is True and record["series"]
    longer = plan.replace(revision=2, review_days=40)
    schedule, data, _ = reexport(longer, record, repeat=True)
    before = {uid: e for uid, e in live(first).items() if "-series-" in uid}
    after = {uid: e for uid, e in live(data).items() if "-series-" in uid}
    assert set(after) == set(before) and all("-day-review@" in uid for uid in cancelled(data))
    assert {int(e["SEQUENCE"]) for e in after.values()} == {2}
    last = max((e for e in after.values() if "RRULE" in e), key=lambda e: e["DTSTART"].dt)
    assert last["RRULE"]["COUNT"] == [patient_steps(schedule)[-1].days] != before[str(last["UID"])]["RRULE"]["COUNT"]
    assert_same_doses(schedule, data)


def test_series_whose_step_moved_are_cancelled_as_series():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, first, record = export(plan, repeat=True)
    moved = plan.replace(revision=2, start_date=date(2027, 3, 22))
    schedule, data, _ = reexport(moved, record, repeat=True)
    gone = cancelled(data)
    old = {uid: e for uid, e in live(first).items() if "RRULE" in e}
    assert set(old) <= set(gone)
    for uid, event in old.items():
        cancellation = gone[uid]
        assert cancellation["RRULE"] == event["RRULE"] and cancellation["DTSTART"].dt == event["DTSTART"].dt
        assert int(cancellation["SEQUENCE"]) > int(event["SEQUENCE"])
        assert not cancellation.walk("VALARM")
    assert_same_doses(schedule, data)
    assert "BEGIN:VTIMEZONE" in data.decode()


def test_switching_between_repeat_and_one_event_per_dose_leaves_no_duplicates():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    schedule, single, record = export(plan)
    _, series, record = reexport(plan, record, repeat=True)
    assert_same_doses(schedule, series)  # every single dose event is cancelled, the series replace them
    assert set(cancelled(series)) == {uid for uid in live(single) if "-dose-" in uid}
    sequences = {(uid.split("-")[-2], int(e["SEQUENCE"])) for uid, e in live(series).items()}
    assert sequences == {("series", 1), ("day", 2)}  # new events; milestones raised as the options changed at the same revision
    _, back, record = reexport(plan, record)
    assert "repeat" not in record["options"]
    assert set(cancelled(back)) == {uid for uid in live(series) if "-series-" in uid}
    back_doses = {uid: e for uid, e in live(back).items() if "-dose-" in uid}
    assert set(back_doses) == {uid for uid in live(single) if "-dose-" in uid}  # the same events come back ...
    assert {int(e["SEQUENCE"]) for e in back_doses.values()} == {3}  # ... above their cancellation
    assert len(back_doses) == len(schedule.occurrences)


def test_fresh_repeat_leaves_out_the_cancelled_single_doses():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    schedule, _, record = export(plan)
    _, data, _ = reexport(plan, record, repeat=True, fresh=True)
    assert not cancelled(data)
    assert_same_doses(schedule, data)


def test_discreet_series_show_no_drug_or_dose():
    _, data, _ = export(titration(date(2027, 3, 20), "Europe/Berlin"), repeat=True, discreet=True)
    series = [e for e in live(data).values() if "RRULE" in e]
    assert series and {str(e["SUMMARY"]) for e in series} == {"Medicine: morning dose", "Medicine: afternoon dose", "Medicine: bedtime dose"}
    assert all("Baclofen" in str(e["DESCRIPTION"]) for e in series)


def test_a_damaged_series_record_is_refused_with_a_message():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, _, record = export(plan, repeat=True)
    record["series"][0]["days"] = 0
    with pytest.raises(CalendarError, match="series of 0 days"):
        reexport(plan, record, repeat=True)


def test_cli_export_repeat_writes_series_and_records_the_option(tmp_path):
    plan = tmp_path / "plan.json"
    ics = tmp_path / "plan.ics"
    assert main(["new", "titrate", "-o", str(plan), "--start-date", "2027-03-20", "--tz", "Europe/Berlin"], today=date(2027, 3, 1)) == 0
    assert main(["export", str(plan), "--ics", str(ics), "--repeat", "--issued", "2027-03-15"], today=date(2027, 3, 1)) == 0
    text = ics.read_bytes().decode()
    assert "RRULE:FREQ=DAILY;COUNT=" in text and "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n" in text
    assert "-dose-" not in text
    assert '"repeat": true' in plan.read_text()
    assert time(8) == datetime.strptime(re.search(r"DTSTART;TZID=Europe/Berlin:(\d{8}T\d{6})", text).group(1), "%Y%m%dT%H%M%S").time()


def test_a_series_record_naming_an_unknown_zone_is_refused_with_a_message():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, _, record = export(plan, repeat=True)
    record["series"][0]["timezone"] = "Mars/Olympus"
    with pytest.raises(CalendarError, match="Mars/Olympus"):
        reexport(plan.replace(revision=2, start_date=date(2027, 3, 25)), record, repeat=True)


def test_moving_a_dose_time_keeps_the_series_uid_and_moves_the_series():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, first, record = export(plan, repeat=True)
    moved = plan.replace(revision=2, times=parse_times("morning=09:00,afternoon=14:00,bedtime=21:00"))
    schedule, data, _ = reexport(moved, record, repeat=True)
    assert set(live(data)) == set(live(first)) and not cancelled(data)
    mornings = [e for uid, e in live(data).items() if "-series-morning@" in uid]
    assert mornings and {e["DTSTART"].dt.strftime("%H:%M") for e in mornings} == {"09:00"}
    assert_same_doses(schedule, data)


def test_random_plans_across_clock_changes_expand_to_the_planner_doses():
    from hypothesis import HealthCheck, assume, given, settings
    from hypothesis import strategies as st

    from planner import PlanError, build_schedule
    from tests.calendar_support import plans

    reached = []

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
    @given(plans(), st.sampled_from([0, 15, None]))
    def check(plan, reminder):
        try:
            build_schedule(plan)
        except PlanError:
            assume(False)
        reached.append(plan.timezone)
        schedule, data, _ = export(plan, repeat=True, reminder_minutes=reminder)
        assert_same_doses(schedule, data)
        expected = [] if reminder is None else [-timedelta(minutes=reminder)]
        assert all([a["TRIGGER"].dt for a in e.walk("VALARM")] == expected
                   for e in live(data).values() if isinstance(e["DTSTART"].dt, datetime))
        if "RRULE:" in data.decode():
            onsets = vtimezone_offsets(data, plan.timezone)
            for occurrence in schedule.occurrences:
                in_force = [offset for onset, offset in onsets if onset <= occurrence.at.astimezone(UTC)]
                assert in_force[-1] == occurrence.at.utcoffset()

    check()
    assert len(reached) >= 20 and len(set(reached)) >= 4  # the valid plans, across several zones, were checked
