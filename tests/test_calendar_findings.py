"""What a patient's calendar app trips over (issue 13): reminders, cancellations, privacy."""

from __future__ import annotations

from datetime import date, timedelta

from tests.calendar_support import export, parse, reexport, titration


def live(events):
    return {e.uid: e for e in events if e.status != "CANCELLED"}


def test_sequence_rises_when_the_reminders_change_and_stays_when_they_do_not():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, data, record = export(plan)
    first = live(parse(data)[1])
    assert {e.sequence for e in first.values()} == {1}
    assert record["options"] == {"reminder_minutes": 0} and record["revision"] == 1

    _, earlier, record = reexport(plan, record, reminder_minutes=15)
    second = live(parse(earlier)[1])
    assert second.keys() == first.keys()
    assert {e.sequence for e in second.values()} == {2}
    assert {t for e in second.values() for t in e.triggers} == {timedelta(minutes=-15)}
    _, again, record = reexport(plan, record, reminder_minutes=15)
    assert again == earlier  # the same options again: the same bytes

    _, silent, record = reexport(plan, record, reminder_minutes=None)
    third = live(parse(silent)[1])
    assert {e.sequence for e in third.values()} == {3} and not any(e.triggers for e in third.values())

    # A new revision after those raises still outranks them.
    _, revised, _ = reexport(plan.replace(revision=2), record, reminder_minutes=None)
    assert {e.sequence for e in live(parse(revised)[1]).values()} == {4}


def test_a_record_without_options_raises_sequence_once():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, data, record = export(plan)
    old = {k: v for k, v in record.items() if k not in ("options", "revision")}
    _, upgraded, record = reexport(plan, old)
    assert {e.sequence for e in live(parse(upgraded)[1]).values()} == {2}
    _, again, _ = reexport(plan, record)
    assert again == upgraded
