"""VTIMEZONE components: `ics` 0.7 writes every time in UTC and no VTIMEZONE, but a repeating
event must be written in the plan's zone (a daily 08:00 in UTC would move by an hour at each
daylight-saving change), and ical.js reads a TZID without a VTIMEZONE as floating time.

The component lists the zone's actual changes (from the installed IANA database) over the days
it must cover, one observance each, with no RRULE: nothing for a parser to extrapolate.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.times import zone

_LOOK_BACK = timedelta(days=400)  # far enough to find the change in force at the start in any zone with daylight saving
_DAY = timedelta(days=1)


def vtimezone(name: str, first: date, last: date) -> list[str]:
    """The content lines of a VTIMEZONE for zone `name` covering local days `first` to `last`."""
    tzinfo = zone(name)
    start = datetime.combine(first, time(), UTC) - _DAY  # a day either side covers every offset
    end = datetime.combine(last, time(), UTC) + 2 * _DAY
    before = _changes(tzinfo, start - _LOOK_BACK, start)
    onsets = before[-1:] + _changes(tzinfo, start, end)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    if not before:  # no change in the year before the start: the offset in force then has held since at least then
        lines += _observance(tzinfo, start - _LOOK_BACK, _offset(tzinfo, start - _LOOK_BACK))
    for instant, previous in onsets:
        lines += _observance(tzinfo, instant, previous)
    return lines + ["END:VTIMEZONE"]


def _changes(tzinfo: ZoneInfo, start: datetime, end: datetime) -> list[tuple[datetime, timedelta]]:
    """Each instant in [start, end) at which the zone's UTC offset (or its name) changes, with the offset before it.
    No zone changes twice within a day, so a daily scan finds each change and a bisection its second."""
    found = []
    moment = start
    while moment < end:
        following = moment + _DAY
        if _state(tzinfo, moment) != _state(tzinfo, following):
            low, high = moment, following  # state(low) is the old one, state(high) the new one
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if _state(tzinfo, middle) == _state(tzinfo, low):
                    low = middle
                else:
                    high = middle
            found.append((high, _offset(tzinfo, low)))
        moment = following
    return found


def _state(tzinfo: ZoneInfo, instant: datetime) -> tuple[timedelta | None, str | None]:
    local = instant.astimezone(tzinfo)
    return local.utcoffset(), local.tzname()


def _offset(tzinfo: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(tzinfo).utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return offset


def _observance(tzinfo: ZoneInfo, instant: datetime, previous: timedelta) -> list[str]:
    """One STANDARD or DAYLIGHT sub-component whose onset is `instant`; its DTSTART is local time
    in the offset before it (RFC 5545 3.6.5)."""
    local = instant.astimezone(tzinfo)
    kind = "DAYLIGHT" if local.dst() else "STANDARD"
    onset = (instant + previous).replace(tzinfo=None)
    return [f"BEGIN:{kind}", f"DTSTART:{onset:%Y%m%dT%H%M%S}", f"TZOFFSETFROM:{_hhmm(previous)}",
            f"TZOFFSETTO:{_hhmm(_offset(tzinfo, instant))}", f"TZNAME:{local.tzname()}", f"END:{kind}"]


def _hhmm(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")
