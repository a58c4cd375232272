"""What the calendar exports of a plan have held, so the next export can update or cancel each event.

The plan file keeps it (plan.exports["ics"]) as runs of days, so a ten-year plan stays small.
Every event ever exported stays in the ledger: a patient who skipped a revision still gets the
cancellation of a dose that two revisions removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

LEDGER_FORMAT = "taperplan.ics/1"
MAX_ITEMS = 200_000  # far above any valid plan's history; bounds the work a damaged file can cause


@dataclass(frozen=True, order=True)
class Key:
    """One event's identity: a dose (`kind` "dose", `name` the dose time's name), a daily series of
    one dose time from its first day (`kind` "series"), or an all-day milestone (`kind` "day",
    `name` what it marks). Never the clock time."""

    kind: str
    day: date
    name: str


@dataclass(frozen=True)
class Where:
    """Where a dose event sits, so that its cancellation can say so later. `days`: for a series
    (key kind "series", from key.day), how many days it repeats; None for a single dose."""

    clock: time
    timezone: str
    days: int | None = None


@dataclass(frozen=True)
class Written:
    sequence: int
    cancelled: bool = False
    where: Where | None = None


Ledger = dict[Key, Written]


@dataclass(frozen=True)
class Record:
    """The ledger with what the export that wrote it was made of: the plan's revision and the
    options that change the events (reminders, wording). None: a record from before they were kept."""

    ledger: Ledger
    revision: int | None = None
    options: dict[str, Any] | None = None


def next_ledger(previous: Record, current: dict[Key, Where | None], revision: int, options: dict[str, Any]) -> Ledger:
    """The events of this export with their SEQUENCE: the plan's revision, raised past the last one
    written wherever a client would otherwise ignore the change: an event cancelled or revived,
    a new revision after an earlier raise, or other reminders or wording (`options`) at the same
    revision. Events in `previous` but not in `current` come out cancelled.

    Applying it twice to the same plan and options gives the same ledger, so a re-export is
    byte-identical.
    """
    reworded = previous.options != options
    revised = previous.revision is not None and previous.revision != revision
    result: Ledger = {}
    for key, where in current.items():
        before = previous.ledger.get(key)
        if before is None:
            sequence = revision
        else:
            sequence = max(revision, before.sequence + (before.cancelled or reworded or revised))
        result[key] = Written(sequence, False, where)
    for key, before in previous.ledger.items():
        if key not in current:
            sequence = max(revision, before.sequence + (not before.cancelled))
            result[key] = Written(sequence, True, before.where)
    return result


def ledger_to_json(ledger: Ledger, revision: int, options: dict[str, Any]) -> dict[str, Any]:
    runs: dict[tuple[str, str, str, int, bool], list[date]] = {}
    days = []
    series: list[dict[str, Any]] = []
    for key, written in ledger.items():
        if key.kind == "series":
            assert written.where is not None and written.where.days is not None
            series.append({"name": key.name, "time": written.where.clock.strftime("%H:%M"), "timezone": written.where.timezone,
                           "from": key.day.isoformat(), "days": written.where.days, "sequence": written.sequence,
                           "cancelled": written.cancelled})
        elif key.kind == "dose":
            assert written.where is not None
            group = (key.name, written.where.clock.strftime("%H:%M"), written.where.timezone, written.sequence, written.cancelled)
            runs.setdefault(group, []).append(key.day)
        else:
            days.append({"kind": key.name, "date": key.day.isoformat(), "sequence": written.sequence, "cancelled": written.cancelled})
    doses = []
    for (name, clock, zone, sequence, cancelled), dates in runs.items():
        for first, last in _consecutive(sorted(dates)):
            doses.append({"name": name, "time": clock, "timezone": zone, "from": first.isoformat(), "to": last.isoformat(),
                          "sequence": sequence, "cancelled": cancelled})
    doses.sort(key=lambda run: (run["from"], run["name"], run["to"]))
    days.sort(key=lambda item: (item["date"], item["kind"]))
    record: dict[str, Any] = {"format": LEDGER_FORMAT, "revision": revision, "options": options, "doses": doses, "days": days}
    if series:  # only then: a record without series reads the same in versions that predate them
        series.sort(key=lambda run: (run["from"], run["name"]))
        record["series"] = series
    return record


def ledger_from_json(data: object) -> Record:
    """The record a plan file holds (None: no export yet); ValueError saying what is wrong."""
    if data is None:
        return Record({}, None, None)
    if not isinstance(data, dict) or data.get("format") != LEDGER_FORMAT:
        raise ValueError(f"it is not a {LEDGER_FORMAT} record")
    ledger: Ledger = {}
    for run in _list(data, "doses"):
        where = Where(_clock(_field(run, "time", str)), _field(run, "timezone", str))
        first, last = _day(_field(run, "from", str)), _day(_field(run, "to", str))
        if last < first or (last - first).days + len(ledger) >= MAX_ITEMS:
            raise ValueError(f"the run from {first} to {last} is not a usable range of days")
        written = Written(_sequence(run), _field(run, "cancelled", bool), where)
        name = _field(run, "name", str)
        for offset in range((last - first).days + 1):
            ledger[Key("dose", first + timedelta(days=offset), name)] = written
    for run in _list(data, "series") if "series" in data else []:
        days = _field(run, "days", int)
        if not 1 <= days <= MAX_ITEMS:
            raise ValueError(f"a series of {days} days is out of range")
        where = Where(_clock(_field(run, "time", str)), _field(run, "timezone", str), days)
        ledger[Key("series", _day(_field(run, "from", str)), _field(run, "name", str))] = Written(
            _sequence(run), _field(run, "cancelled", bool), where)
    for item in _list(data, "days"):
        ledger[Key("day", _day(_field(item, "date", str)), _field(item, "kind", str))] = Written(
            _sequence(item), _field(item, "cancelled", bool))
    if len(ledger) > MAX_ITEMS:
        raise ValueError(f"it lists more than {MAX_ITEMS:,} events")
    revision = data.get("revision")
    if revision is not None and (isinstance(revision, bool) or not isinstance(revision, int) or not 0 <= revision < 2**31):
        raise ValueError("'revision' is not a revision number")
    options = data.get("options")
    if options is not None and not isinstance(options, dict):
        raise ValueError("'options' is not a record")
    return Record(ledger, revision, options)


def _consecutive(dates: list[date]) -> list[tuple[date, date]]:
    runs: list[tuple[date, date]] = []
    for day in dates:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _list(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ValueError(f"{key!r} is not a list of records")
    return value


def _field(record: dict[str, Any], key: str, kind: type) -> Any:
    value = record.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"a record has no valid {key!r}")
    return value


def _sequence(record: dict[str, Any]) -> int:
    value: int = _field(record, "sequence", int)
    if not 0 <= value < 2**31:
        raise ValueError(f"sequence {value} is out of range")
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date") from None


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a clock time") from None
