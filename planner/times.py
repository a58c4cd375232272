"""Dose times of day, time zones, and the aware datetimes of doses."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import PlanError, error
from .text import first_unsafe

DEFAULT_TIMES: dict[int, tuple[tuple[str, str], ...]] = {
    1: (("bedtime", "21:00"),),
    2: (("morning", "08:00"), ("bedtime", "21:00")),
    3: (("morning", "08:00"), ("afternoon", "14:00"), ("bedtime", "21:00")),
    4: (("morning", "08:00"), ("noon", "12:00"), ("evening", "17:00"), ("bedtime", "21:00")),
}
UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
     "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "GMT+0", "GMT-0", "Etc/GMT+0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich"}
)
# Dates a plan may use: far enough from year 1 and 9999 that no date arithmetic overflows.
MIN_PLAN_DATE, MAX_PLAN_DATE = date(1900, 1, 1), date(2199, 12, 31)
# Files in the zone database that are not places: the system's own zone, a placeholder, a template.
_NOT_PATIENT_ZONES = frozenset({"localtime", "Factory", "posixrules", "posix", "right"})
# What a patient calls a time of day, by the hour it starts (clinical judgement: plain usage).
_DAY_PARTS = ((0, "night"), (5, "morning"), (11, "midday"), (14, "afternoon"), (17, "evening"), (20, "bedtime"))
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
# As people type a time: 8:00, 0800, 8am, 8.30pm, 12 noon is 12pm, 12am is midnight.
_TYPED_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_NAME = re.compile(r"^[^\x00-\x1f\x7f=,]{1,24}$")


@dataclass(frozen=True)
class DoseTime:
    name: str
    clock: time

    @property
    def hhmm(self) -> str:
        return self.clock.strftime("%H:%M")


def parse_clock(text: str, field: str = "times") -> time:
    match = _CLOCK.match(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise PlanError(error("bad_time", field, f"{text!r} is not a clock time; use HH:MM from 00:00 to 23:59"))
    return time(int(match.group(1)), int(match.group(2)))


def read_clock(text: str, field: str = "times") -> time:
    """A clock time as typed: `08:00`, `8:00`, `0800`, `8am`, `8.30pm`; a bare hour needs am or pm."""
    match = _TYPED_CLOCK.match(text.strip())
    if match:
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower().replace(".", "")
        bare_hour = match.group(2) is None and not half
        if half and 1 <= hour <= 12 and minute <= 59:
            return time(hour % 12 + (12 if half == "pm" else 0), minute)
        if not half and not bare_hour and hour <= 23 and minute <= 59:
            return time(hour, minute)
    raise PlanError(error("bad_time", field, f"{text!r} is not a clock time; use HH:MM from 00:00 to 23:59 (or e.g. 8am, 0800)"))


def default_times(count: int) -> tuple[DoseTime, ...]:
    if count not in DEFAULT_TIMES:
        raise PlanError(error("bad_times", "times", f"there are default times for 1 to 4 doses a day, not {count}; give HH:MM times"))
    return tuple(DoseTime(name, parse_clock(clock)) for name, clock in DEFAULT_TIMES[count])


def parse_times(text: str, max_times: int = 6) -> tuple[DoseTime, ...]:
    """`3`, `08:00,14:00,21:00`, `8am,2pm,9pm` or `morning=08:00,bedtime=21:00`; checked by `check_times`."""
    text = text.strip()
    if text.isdigit() and len(text) <= 2:
        return default_times(int(text))
    entries = [e.strip() for e in text.split(",")]
    if not text or any(not e for e in entries):
        raise PlanError(error("bad_times", "times", "give one or more times, e.g. 08:00,14:00,21:00 or morning=08:00"))
    if len(entries) > max_times:
        raise PlanError(error("too_many_times", "times", f"{len(entries)} dose times; at most {max_times} a day"))
    names: list[str | None] = []
    clocks: list[time] = []
    for entry in entries:
        name, _, clock = entry.rpartition("=")
        names.append(name.strip() or None)
        clocks.append(read_clock(clock))
    return named_times(names, clocks)


def day_part(clock: time) -> str:
    """'morning', 'midday', 'afternoon', 'evening', 'bedtime' or 'night', from the clock time."""
    return [name for hour, name in _DAY_PARTS if clock.hour >= hour][-1]


def named_times(names: list[str | None], clocks: list[time]) -> tuple[DoseTime, ...]:
    """Dose times, each unnamed one named after its clock time: two in the same part of the day
    become 'early' and 'late' (three or more are numbered), never a name given to another."""
    given = {n for n in names if n}
    parts = [day_part(clock) for clock in clocks]
    result = []
    for i, (name, clock) in enumerate(zip(names, clocks)):
        if not name:
            part = parts[i]
            shared = [j for j, p in enumerate(parts) if p == part and not names[j]]
            if len(shared) == 1:
                name = part
            elif len(shared) == 2:
                name = ("early " if shared[0] == i else "late ") + part
            else:
                name = f"{part} {shared.index(i) + 1}"
            if name in given:
                name = f"{part} {clock.strftime('%H:%M')}"
        result.append(DoseTime(name, clock))
    return tuple(result)


def check_times(times: tuple[DoseTime, ...], min_gap_hours: int, max_times: int) -> None:
    if not 1 <= len(times) <= max_times:
        raise PlanError(error("bad_times", "times", f"{len(times)} dose times; give 1 to {max_times} a day"))
    names = [t.name for t in times]
    for name in names:
        if not _NAME.match(name) or first_unsafe(name) is not None:
            raise PlanError(error("bad_time_name", "times", f"name {name!r} must be 1-24 characters of plain text without '=' or ','"))
    if len(set(names)) != len(names):
        raise PlanError(error("duplicate_time_name", "times", "each dose time needs its own name"))
    for earlier, later in zip(times, times[1:]):
        if later.clock == earlier.clock:
            raise PlanError(error("duplicate_time", "times", f"{later.hhmm} is given twice"))
        if later.clock < earlier.clock:
            raise PlanError(error("unordered_times", "times", f"{later.hhmm} comes after {earlier.hhmm}; list times from morning to bedtime"))
        gap = (later.clock.hour * 60 + later.clock.minute) - (earlier.clock.hour * 60 + earlier.clock.minute)
        if gap < min_gap_hours * 60:
            raise PlanError(error("times_too_close", "times", f"{earlier.hhmm} and {later.hhmm} are less than {min_gap_hours} hours apart"))


def zone(name: str) -> ZoneInfo:
    """The IANA zone for `name`, or a PlanError naming the field."""
    if (not name or len(name) > 64 or name.startswith(("/", "posix/", "right/")) or ".." in name
            or name in _NOT_PATIENT_ZONES):
        raise PlanError(error("unknown_timezone", "timezone", f"{name!r} is not an IANA time zone such as Europe/Berlin"))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise PlanError(error("unknown_timezone", "timezone", f"{name!r} is not an IANA time zone such as Europe/Berlin")) from None


@functools.cache
def _dateutil_tz() -> Any:  # dateutil ships no types
    """dateutil.tz, imported when first needed: with ctypes (for Windows zones) it was a tenth of
    the app's start-up, and the first screen is drawn before any dose time is needed."""
    from dateutil import tz

    return tz


def local_dose_time(day: date, clock: time, tzinfo: ZoneInfo) -> datetime:
    """The aware datetime of a dose at `clock` on `day` in the plan's zone.

    A clock time in a spring-forward gap moves forward by the gap (02:30 becomes 03:30);
    a clock time that occurs twice in autumn takes its first occurrence (fold=0).
    """
    dateutil_tz = _dateutil_tz()
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=tzinfo, fold=0)
    if dateutil_tz.datetime_exists(aware):
        return aware
    resolved: datetime = dateutil_tz.resolve_imaginary(aware)
    return resolved


def parse_date(text: str, field: str) -> date:
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", text.strip()):
        raise PlanError(error("bad_date", field, f"{text!r} is not a date; use YYYY-MM-DD"))
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError(error("bad_date", field, f"{text!r} is not a real date")) from None
    if not MIN_PLAN_DATE <= day <= MAX_PLAN_DATE:
        raise PlanError(error("bad_date", field, f"{text!r} is outside the years {MIN_PLAN_DATE.year} to {MAX_PLAN_DATE.year}"))
    return day
