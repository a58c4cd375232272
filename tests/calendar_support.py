"""Shared by the calendar tests: plans, an export, and the file read back by `icalendar`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import strategies as st

from exports.calendar import CalendarOptions, calendar_bytes
from planner import Plan, Schedule, build_schedule, bundled_profile, parse_times
from planner.factory import taper_plan, titration_plan
from planner.numbers import fmt

PLAN_ID = "00000000-0000-4000-8000-00000000cafe"
ISSUED = date(2027, 3, 1)


def titration(start: date, tz: str, **kw: Any) -> Plan:
    return titration_plan(bundled_profile(), plan_id=PLAN_ID, start_date=start, timezone=tz, **kw)


def taper(start: date, tz: str, from_mg: int = 30, amount: int = 10, **kw: Any) -> Plan:
    return taper_plan(bundled_profile(), plan_id=PLAN_ID, start_date=start, timezone=tz,
                      from_mg=Fraction(from_mg), method="step", amount=Fraction(amount), **kw)


def export(plan: Plan, issued: date = ISSUED, **options: Any) -> tuple[Schedule, bytes, dict[str, Any]]:
    schedule = build_schedule(plan)
    data, record = calendar_bytes(schedule, CalendarOptions(issued=issued, **options))
    return schedule, data, record


def reexport(plan: Plan, record: dict[str, Any], issued: date = ISSUED, **options: Any) -> tuple[Schedule, bytes, dict[str, Any]]:
    """What the CLI does next time: the plan file carries the record of the last export."""
    return export(plan.replace(exports={**plan.exports, "ics": record}), issued, **options)


@dataclass(frozen=True)
class Parsed:
    uid: str
    summary: str
    description: str
    start: datetime | date
    end: datetime | date
    sequence: int
    status: str | None
    triggers: tuple[timedelta, ...]
    alarm_texts: tuple[str, ...]

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def parse(data: bytes) -> tuple[icalendar.Calendar, list[Parsed]]:
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        alarms = event.walk("VALARM")
        events.append(Parsed(
            uid=str(event["UID"]), summary=str(event["SUMMARY"]), description=str(event.get("DESCRIPTION", "")),
            start=event["DTSTART"].dt, end=event["DTEND"].dt, sequence=int(event["SEQUENCE"]),
            status=str(event["STATUS"]) if "STATUS" in event else None,
            triggers=tuple(a["TRIGGER"].dt for a in alarms), alarm_texts=tuple(str(a["DESCRIPTION"]) for a in alarms),
        ))
    return calendar, events


def doses(events: list[Parsed]) -> list[Parsed]:
    return [e for e in events if not e.all_day and e.status != "CANCELLED"]


def milestones(events: list[Parsed]) -> dict[date, list[str]]:
    found: dict[date, list[str]] = {}
    for e in events:
        if e.all_day and e.status != "CANCELLED":
            assert isinstance(e.start, date)
            found.setdefault(e.start, []).append(e.summary)
    return found


def assert_doses_match(schedule: Schedule, events: list[Parsed]) -> None:
    """Every dose event is the planner's occurrence: same instant, same clock time in the plan's zone."""
    zone = ZoneInfo(schedule.plan.timezone)
    timed = doses(events)
    assert len(timed) == len(schedule.occurrences)
    for event, occurrence in zip(timed, schedule.occurrences, strict=True):
        assert isinstance(event.start, datetime)
        assert event.start == occurrence.at.astimezone(UTC)  # aware times in a repeated hour never compare equal across zones
        local = event.start.astimezone(zone)
        assert (local.date(), local.hour, local.minute) == (occurrence.day, occurrence.at.hour, occurrence.at.minute)
        assert event.summary.startswith(f"{schedule.profile.name} {fmt(occurrence.dose.mg)} mg: ")


# Random plans that start a few days before some zone changes its clocks (shared by the calendar properties).
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
