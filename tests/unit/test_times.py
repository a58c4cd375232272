from datetime import date, time, timedelta
from fractions import Fraction as F
from zoneinfo import ZoneInfo

import pytest

from planner import PlanError, build_schedule, parse_times
from planner.times import check_times, local_dose_time


def test_default_times_by_count():
    assert [(t.name, t.hhmm) for t in parse_times("1")] == [("bedtime", "21:00")]
    assert [(t.name, t.hhmm) for t in parse_times("4")] == [("morning", "08:00"), ("noon", "12:00"), ("evening", "17:00"), ("bedtime", "21:00")]
    assert [(t.name, t.hhmm) for t in parse_times("07:00,13:00,22:00")] == [("morning", "07:00"), ("midday", "13:00"), ("bedtime", "22:00")]
    assert [t.name for t in parse_times("wake=06:00,lunch=12:00,21:00")] == ["wake", "lunch", "bedtime"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("25:00", "bad_time"), ("13pm", "bad_time"), ("08:00,08:00", "duplicate_time"), ("14:00,08:00", "unordered_times"),
     ("08:00,09:30", "times_too_close"), ("06:00,08:00,10:00,12:00,14:00,16:00,18:00", "too_many_times"), ("", "bad_times"),
     ("08:00,,21:00", "bad_times"), ("a=08:00,a=21:00", "duplicate_time_name")],
)
def test_bad_times_are_refused(text, code):
    with pytest.raises(PlanError) as info:
        check_times(parse_times(text), 2, 6)
    assert info.value.first.code == code and info.value.first.field == "times"


def test_spring_gap_moves_forward_and_autumn_takes_first():
    berlin = ZoneInfo("Europe/Berlin")
    spring = local_dose_time(date(2027, 3, 28), time(2, 30), berlin)
    assert (spring.hour, spring.minute, spring.utcoffset()) == (3, 30, timedelta(hours=2))
    autumn = local_dose_time(date(2027, 10, 31), time(2, 30), berlin)
    assert autumn.fold == 0 and autumn.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati"])
def test_occurrences_keep_clock_time_and_date_across_dst(make_titration, zone):
    s = build_schedule(make_titration(start_date=date(2027, 3, 1), timezone=zone, review_days=250))
    for occ in s.occurrences:
        assert occ.at.tzinfo is not None and str(occ.at.tzinfo) == zone
        assert occ.at.date() == occ.day
        assert (occ.at.hour, occ.at.minute) == (occ.dose.time.clock.hour, occ.dose.time.clock.minute)
    offsets = {occ.at.utcoffset() for occ in s.occurrences}
    assert len(offsets) == (1 if zone in ("Asia/Tokyo", "Pacific/Kiritimati") else 2)


def test_occurrences_count_days_times_doses(make_taper):
    s = build_schedule(make_taper(40, "step", 5))
    assert len(s.occurrences) == sum(st.days * st.doses_per_day for st in s.steps)
    assert [o.at for o in s.occurrences] == sorted(o.at for o in s.occurrences)


def test_unknown_zone_and_fractional_review(make_titration):
    with pytest.raises(PlanError) as info:
        build_schedule(make_titration(timezone="Mars/Olympus"))
    assert info.value.first.field == "timezone"
    with pytest.raises(PlanError):
        build_schedule(make_titration(timezone="../../etc/passwd"))
    assert build_schedule(make_titration(target_mg=F(30))).review_date == date(2027, 1, 1)


@pytest.mark.parametrize(("text", "names"), [
    ("02:30,09:00,21:00", ["night", "morning", "bedtime"]),
    ("00:30,08:00,16:00", ["night", "morning", "afternoon"]),
    ("06:00,09:00,12:00,15:00,18:00,21:00", ["early morning", "late morning", "midday", "afternoon", "evening", "bedtime"]),
    ("morning=06:00,09:00,21:00", ["morning", "morning 09:00", "bedtime"]),
    ("05:00,07:00,09:00", ["morning 1", "morning 2", "morning 3"]),
])
def test_unnamed_times_are_named_after_their_clock_time(text, names):
    times = parse_times(text)
    assert [t.name for t in times] == names
    check_times(times, 2, 6)


def test_clock_times_are_read_as_people_type_them():
    from datetime import time as clock

    from planner.times import read_clock

    for typed, meant in [("08:00", clock(8)), ("8:00", clock(8)), ("0800", clock(8)), ("8am", clock(8)),
                         ("8 AM", clock(8)), ("8.30pm", clock(20, 30)), ("12pm", clock(12)), ("12am", clock(0)),
                         ("2130", clock(21, 30)), ("9p.m.", clock(21))]:
        assert read_clock(typed) == meant, typed
    for refused in ["8", "13pm", "0am", "2400", "8:60", "eight", "", "08:00:00", "8:0"]:
        with pytest.raises(PlanError, match="not a clock time"):
            read_clock(refused)


def test_a_list_of_typed_times_reads_as_the_same_times_as_hh_mm():
    from planner.times import parse_times

    assert [t.hhmm for t in parse_times("8am,2pm,9pm")] == ["08:00", "14:00", "21:00"]
    assert [t.hhmm for t in parse_times("0800,2100")] == ["08:00", "21:00"]
    assert [t.hhmm for t in parse_times("3")] == ["08:00", "14:00", "21:00"]
