"""The patient's calendar (.ics): one reminder per dose, all-day milestones, identities that survive
a revision, so that importing a revised file updates the patient's calendar instead of doubling it.

Events are built and serialised by `ics` 0.7. Where it falls short of RFC 5545 this module fills
the gap thinly on its output (see lines.py):
- UID: derived from the plan id, the date and the dose time's name (ics would make random ones);
- SEQUENCE (ics has no attribute): an extra content line; DTSTAMP: `created=` set to the issue date;
- VALARM: serialised on its own and placed after the event's properties (ics puts it first, through
  a deprecated call), with `TRIGGER:P` (ics's zero offset) rewritten as `TRIGGER:PT0S`;
- event order: ics keeps a set, so events are serialised one by one and put in time order;
- X-WR-CALNAME, line folding at 75 octets and CRLF after every line, including the last.
Times are written in UTC (ics's only form), each converted from the plan's zone first.

With `repeat`, each patient step's dose time is one daily series instead (RRULE COUNT, the step's
days), written in the plan's zone with a VTIMEZONE (zone.py; ics writes neither), so the
dose keeps its clock time across daylight-saving changes; it is keyed and cancelled like a dose.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import quote

from dateutil import tz as dateutil_tz
from ics import Calendar, DisplayAlarm, Event
from ics.grammar.parse import ContentLine

from planner import Dose, Occurrence, PlanError, Schedule, Step
from planner.errors import error
from planner.phrases import calendar as words
from planner.schedule import patient_steps
from planner.times import local_dose_time, zone

from .errors import CalendarError
from .ledger import Key, Record, Where, Written, ledger_from_json, ledger_to_json, next_ledger
from .lines import file_bytes, insert_before_end, plain_text, valid_trigger
from .zone import vtimezone

MAX_REMINDER_MINUTES = 7 * 24 * 60
DOSE_EVENT = timedelta(minutes=5)


@dataclass(frozen=True)
class CalendarOptions:
    issued: date
    reminder_minutes: int | None = 0  # None: events without reminders
    include_name: bool = False
    discreet: bool = False  # titles and reminders without drug or dose, for a locked phone's screen
    fresh: bool = False  # for a new, empty calendar: no cancelled events (the record still keeps them)
    repeat: bool = False  # one repeating event per step and dose time instead of one event per dose


@dataclass(frozen=True)
class _Entry:
    key: Key
    summary: str
    description: str
    start: datetime | None = None  # a dose's (a series' first) instant in UTC; None: an all-day event on key.day
    where: Where | None = None  # where.days set: a daily series from key.day


def calendar_bytes(schedule: Schedule, options: CalendarOptions) -> tuple[bytes, dict[str, Any]]:
    """The .ics file, and the record of what it holds for plan.exports["ics"].

    Events the previous export held (read from that record) and this plan no longer has are
    written as cancelled. The same plan, record and issue date always give the same bytes.
    """
    _check(options)
    previous = _previous(schedule)
    live = {entry.key: entry for entry in (_series(schedule) if options.repeat else _doses(schedule)) + _milestones(schedule)}
    if options.discreet:
        live = {key: _discreet(schedule, entry) for key, entry in live.items()}
    recorded = _recorded_options(options, schedule.plan.language)
    ledger = next_ledger(previous, {key: entry.where for key, entry in live.items()}, schedule.plan.revision, recorded)
    stamp = datetime.combine(options.issued, time(), UTC)
    placed = []
    spans: dict[str, tuple[date, date]] = {}  # each zone a series is written in: the days it must cover
    for key, written in ledger.items():
        if written.cancelled and options.fresh:
            continue
        if written.where is not None and written.where.days is not None:
            first, last = spans.get(written.where.timezone, (key.day, key.day))
            spans[written.where.timezone] = min(first, key.day), max(last, key.day + timedelta(days=written.where.days - 1))
        entry = _cancelled(schedule, key, written) if written.cancelled else live[key]
        uid = _uid(schedule.plan.plan_id, key)
        order = (key.day, entry.start is not None, entry.start or stamp, uid)  # a day's milestones before its doses
        placed.append((order, _event(entry, uid, written, stamp, options.reminder_minutes)))
    placed.sort(key=lambda pair: pair[0])
    zones = ["\r\n".join(vtimezone(name, *span)) for name, span in sorted(spans.items())]
    return _file(schedule, options, zones + [text for _, text in placed]), ledger_to_json(ledger, schedule.plan.revision, recorded)


def _recorded_options(options: CalendarOptions, language: str) -> dict[str, Any]:
    """The options that change what an event says or does: when they change, SEQUENCE rises.
    `repeat` and the language are recorded only when they differ from the default, so that records
    written before these options existed still match."""
    recorded: dict[str, Any] = {"reminder_minutes": options.reminder_minutes, "discreet": options.discreet}
    if options.repeat:
        recorded["repeat"] = True
    return recorded | ({"language": language} if language != "en" else {})


def _check(options: CalendarOptions) -> None:
    minutes = options.reminder_minutes
    if minutes is None:
        return
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= MAX_REMINDER_MINUTES:
        raise PlanError(error("bad_reminder", "reminder_minutes",
                              f"{minutes} minutes; give 0 to {MAX_REMINDER_MINUTES} minutes (one week) before the dose"))


def _previous(schedule: Schedule) -> Record:
    try:
        return ledger_from_json(schedule.plan.exports.get("ics"))
    except ValueError as exc:
        raise CalendarError(f"the plan file's record of its last calendar export (exports.ics) is damaged: {exc}; "
                            "delete that entry to start the calendar afresh") from None


def _doses(schedule: Schedule, occurrences: tuple[Occurrence, ...] | None = None) -> list[_Entry]:
    """One event per dose: every dose of the schedule, or those given."""
    zone_name = schedule.plan.timezone
    summaries: dict[Dose, str] = {}
    held_in = _patient_step_of(schedule)
    entries = []
    for occurrence in schedule.occurrences if occurrences is None else occurrences:
        dose = occurrence.dose
        summary = summaries.get(dose)
        if summary is None:
            summary = summaries[dose] = words.dose_summary(schedule, dose)
        entries.append(_Entry(
            Key("dose", occurrence.day, dose.time.name), summary, words.dose_description(schedule, occurrence, held_in[occurrence.step.number]),
            occurrence.at.astimezone(UTC), Where(dose.time.clock, zone_name)))
    return entries


def _series(schedule: Schedule) -> list[_Entry]:
    """The same doses as _doses in fewer events: one daily series per patient step, dose time and
    run of days on which the clock time is unique. A dose in the hour the clocks skip or repeat
    stays a single event in UTC: parsers expand such a time differently (ical.js and vobject put
    a skipped 02:30 at 01:30, icalendar and khal at 03:30; a repeated 02:30 is the first one in
    icalendar and vobject, the second in ical.js and khal)."""
    zone_name, tzinfo = schedule.plan.timezone, schedule.tzinfo
    held_in = _patient_step_of(schedule)
    runs: dict[tuple[int, str], list[list[Occurrence]]] = {}
    single: list[Occurrence] = []
    for occurrence in schedule.occurrences:
        clock = occurrence.dose.time.clock
        if occurrence.at.time() != clock or dateutil_tz.datetime_ambiguous(datetime.combine(occurrence.day, clock), tzinfo):
            single.append(occurrence)
            continue
        step_runs = runs.setdefault((held_in[occurrence.step.number].number, occurrence.dose.time.name), [])
        if step_runs and (occurrence.day - step_runs[-1][-1].day).days == 1:
            step_runs[-1].append(occurrence)
        else:
            step_runs.append([occurrence])
    entries = _doses(schedule, tuple(single))
    for step_runs in runs.values():
        for run in step_runs:
            first = run[0]
            entries.append(_Entry(Key("series", first.day, first.dose.time.name), words.dose_summary(schedule, first.dose),
                                  words.series_description(schedule, first.dose, held_in[first.step.number]),
                                  first.at.astimezone(UTC), Where(first.dose.time.clock, zone_name, len(run))))
    return entries


def _patient_step_of(schedule: Schedule) -> dict[int, Step]:
    """Each planner step's number to the patient's step that holds it."""
    merged = patient_steps(schedule)
    return {step.number: next(m for m in merged if m.start <= step.start <= m.end) for step in schedule.steps}


def _milestones(schedule: Schedule) -> list[_Entry]:
    entries = []
    # A plan that first holds the current dose (maintain-only) does not change it on day 1.
    before = None if schedule.current is None else tuple(d.mg for d in schedule.current)
    for step in patient_steps(schedule):
        doses = tuple(d.mg for d in step.doses)
        if doses != before:
            entries.append(_Entry(Key("day", step.start, "change"), words.change_summary(schedule, step),
                                  words.change_description(schedule, step)))
        before = doses
    if schedule.stop_date is not None:
        entries.append(_Entry(Key("day", schedule.last_dose_day, "last"), words.last_day_summary(schedule),
                              words.last_day_description(schedule)))
    if schedule.follow_up_date is not None:
        entries.append(_Entry(Key("day", schedule.follow_up_date, "follow-up"), words.follow_up_summary(schedule),
                              words.follow_up_description(schedule)))
    if schedule.review_date is not None:
        entries.append(_Entry(Key("day", schedule.review_date, "review"), words.review_summary(schedule),
                              words.review_description(schedule)))
    return entries


def _discreet(schedule: Schedule, entry: _Entry) -> _Entry:
    """A title that shows no drug or dose (it is the reminder's text too); the full title opens the description."""
    kind = "dose" if entry.key.kind == "series" else entry.key.kind
    summary = words.discreet_summary(schedule, kind, entry.key.name, entry.key.day)
    return dataclasses.replace(entry, summary=summary, description=f"{entry.summary}\n{entry.description}")


def _cancelled(schedule: Schedule, key: Key, written: Written) -> _Entry:
    start = None
    if written.where is not None:
        try:
            tzinfo = zone(written.where.timezone)
        except PlanError as exc:
            raise CalendarError(f"the plan file's record of its last calendar export (exports.ics) names {exc.first.message}") from None
        start = local_dose_time(key.day, written.where.clock, tzinfo).astimezone(UTC)
    return _Entry(key, words.cancelled_summary(schedule), words.cancelled_description(schedule), start, written.where)


def _uid(plan_id: str, key: Key) -> str:
    """Stable across exports: moving a dose from 08:00 to 09:00 updates the same event."""
    return f"{quote(plan_id, safe='')}-{key.day:%Y%m%d}-{key.kind}-{quote(key.name, safe='')}@taperplan"


def _event(entry: _Entry, uid: str, written: Written, stamp: datetime, reminder_minutes: int | None) -> str:
    event = Event(name=plain_text(entry.summary), uid=uid, description=plain_text(entry.description), created=stamp,
                  transparent=True, classification="PRIVATE", status="CANCELLED" if written.cancelled else None)
    if entry.where is not None and entry.where.days is not None:  # a series, in the plan's zone
        first = datetime.combine(entry.key.day, entry.where.clock)
        tzid = {"TZID": [entry.where.timezone]}
        event.extra += [ContentLine("DTSTART", params=tzid, value=f"{first:%Y%m%dT%H%M%S}"),
                        ContentLine("DTEND", params=tzid, value=f"{first + DOSE_EVENT:%Y%m%dT%H%M%S}"),
                        ContentLine("RRULE", value=f"FREQ=DAILY;COUNT={entry.where.days}")]
    elif entry.start is None:
        event.begin = entry.key.day  # a plain date: ics would shift an aware midnight east of UTC by a day
        event.make_all_day()
        event.end = entry.key.day + timedelta(days=1)
    else:
        event.begin = entry.start
        event.end = entry.start + DOSE_EVENT
    event.extra.append(ContentLine("SEQUENCE", value=str(written.sequence)))
    text: str = event.serialize()
    if entry.key.kind in ("dose", "series") and not written.cancelled and reminder_minutes is not None:
        alarm = DisplayAlarm(trigger=-timedelta(minutes=reminder_minutes), display_text=plain_text(entry.summary))
        text = insert_before_end(text, [valid_trigger(alarm.serialize())])
    return text


def _file(schedule: Schedule, options: CalendarOptions, events: list[str]) -> bytes:
    calendar = Calendar(creator=f"-//taperplan//taperplan {_version()}//EN")
    calendar.scale = "GREGORIAN"
    calendar.method = "PUBLISH"
    name = ContentLine("X-WR-CALNAME", value=plain_text(words.calendar_name(schedule, options.include_name, options.discreet)))
    return file_bytes([insert_before_end(calendar.serialize(), [str(name), *events])])


def _version() -> str:
    try:
        return version("taperplan")
    except PackageNotFoundError:
        return "dev"
