"""Stable identities: re-exports, revisions, moved dose times and removed doses."""

from __future__ import annotations

import json
from datetime import date, datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from exports.calendar import CalendarError
from planner import default_times, parse_times
from tests.calendar_support import export, parse, reexport, titration

BERLIN = ZoneInfo("Europe/Berlin")


def live(events):
    return {e.uid: e for e in events if e.status != "CANCELLED"}


def cancelled(events):
    return {e.uid: e for e in events if e.status == "CANCELLED"}


def test_same_plan_same_issue_date_gives_identical_bytes_after_the_record_is_kept():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, first, record = export(plan)
    _, second, record_again = reexport(plan, record)
    _, third, _ = reexport(plan, record_again)
    assert first == second == third
    assert record == record_again
    assert json.loads(json.dumps(record)) == record  # the plan file can hold it


def test_a_revision_keeps_uids_raises_sequence_and_cancels_removed_doses():
    plan = titration(date(2027, 3, 20), "Europe/Berlin", review_days=28)
    _, data, record = export(plan)
    before = live(parse(data)[1])
    revised = plan.replace(revision=2, review_days=14)
    _, data, _ = reexport(revised, record)
    after_events = parse(data)[1]
    after, gone = live(after_events), cancelled(after_events)
    assert set(after) - set(before) == {u for u in after if u.endswith("-day-review@taperplan")}
    assert set(gone) == set(before) - set(after)
    assert sum(1 for u in gone if "-dose-" in u) == 14 * 3
    assert all(e.sequence == 2 for e in after_events)
    assert all(e.sequence == 1 for e in before.values())
    for uid, event in gone.items():
        assert event.start == before[uid].start  # the cancellation points at the event it removes
        assert event.triggers == ()


def test_moving_a_dose_time_keeps_its_uids_and_moves_the_events():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, data, record = export(plan)
    before = live(parse(data)[1])
    moved = plan.replace(revision=2, times=parse_times("morning=09:00,afternoon=14:00,bedtime=21:00"))
    _, data, _ = reexport(moved, record)
    events = parse(data)[1]
    assert set(live(events)) == set(before) and not cancelled(events)
    mornings = [e for e in events if "-dose-morning@" in e.uid]
    assert {e.start.astimezone(BERLIN).strftime("%H:%M") for e in mornings} == {"09:00"}
    assert all(e.sequence == 2 for e in events)


def test_a_cancellation_is_repeated_identically_and_survives_a_skipped_revision():
    plan = titration(date(2027, 3, 20), "Europe/Berlin", review_days=28)
    _, _, record1 = export(plan)
    rev2 = plan.replace(revision=2, review_days=20)
    _, data2, record2 = reexport(rev2, record1)
    _, data2_again, _ = reexport(rev2, record2)
    assert data2 == data2_again
    rev3 = plan.replace(revision=3, review_days=10)
    _, data3, _ = reexport(rev3, record2)
    gone2, gone3 = cancelled(parse(data2)[1]), cancelled(parse(data3)[1])
    assert set(gone2) < set(gone3)  # a patient who never imported revision 2 still loses its removed doses
    assert {e.sequence for e in gone3.values()} == {3}


def test_without_a_new_revision_a_cancellation_still_outranks_the_event():
    plan = titration(date(2027, 3, 20), "Europe/Berlin", review_days=28)
    _, _, record = export(plan)
    _, data, record2 = reexport(plan.replace(review_days=27), record)
    gone = cancelled(parse(data)[1])
    assert gone and {e.sequence for e in gone.values()} == {2}
    assert {e.sequence for e in live(parse(data)[1]).values()} == {1}
    _, data_back, _ = reexport(plan, record2)  # the dose comes back: it must outrank its cancellation
    revived = live(parse(data_back)[1])
    assert all(revived[uid].sequence == 3 for uid in gone)


def test_adding_a_dose_time_keeps_the_named_doses():
    plan = titration(date(2027, 3, 20), "Europe/Berlin", times=default_times(3), review_days=5)
    _, data, record = export(plan)
    _, data, _ = reexport(plan.replace(revision=2, times=default_times(4)), record)
    events = parse(data)[1]
    kinds = {uid.split("-dose-")[1].split("@")[0] for uid in live(events) if "-dose-" in uid}
    assert kinds == {"morning", "noon", "evening", "bedtime"}
    assert {uid.split("-dose-")[1].split("@")[0] for uid in cancelled(events) if "-dose-" in uid} == {"afternoon"}


def test_uids_carry_the_plan_the_date_and_the_dose_time_name():
    _, data, _ = export(titration(date(2027, 3, 20), "Europe/Berlin", times=parse_times("Früh=08:00,zur Nacht=21:00"),
                                  target_mg=Fraction(40)))
    uids = {e.uid for e in parse(data)[1]}
    assert "00000000-0000-4000-8000-00000000cafe-20270320-dose-Fr%C3%BCh@taperplan" in uids
    assert "00000000-0000-4000-8000-00000000cafe-20270320-dose-zur%20Nacht@taperplan" in uids
    assert "00000000-0000-4000-8000-00000000cafe-20270320-day-change@taperplan" in uids
    assert all(uid.isascii() for uid in uids)


def test_the_record_stays_small_for_a_year_of_four_doses_a_day():
    plan = titration(date(2027, 1, 1), "Europe/Berlin", times=default_times(4), start_mg=Fraction(20),
                     target_mg=Fraction(40), step_mg=Fraction(20), every_days=1, review_days=363)
    _, _, record = export(plan)
    assert len(record["doses"]) == 4
    assert len(json.dumps(record)) < 2000


@pytest.mark.parametrize("damage", [
    "not a record", {"format": "other"}, {"format": "taperplan.ics/1", "doses": [{"name": "x"}], "days": []},
    {"format": "taperplan.ics/1", "doses": [{"name": "m", "time": "08:00", "timezone": "Europe/Berlin", "from": "2027-01-01",
                                            "to": "9999-12-31", "sequence": 1, "cancelled": False}], "days": []},
    {"format": "taperplan.ics/1", "doses": [{"name": "m", "time": "08:00", "timezone": "Mars/Olympus", "from": "2020-01-01",
                                            "to": "2020-01-02", "sequence": 1, "cancelled": False}], "days": []},
])
def test_a_damaged_record_is_one_clear_error(damage):
    with pytest.raises(CalendarError) as caught:
        reexport(titration(date(2027, 3, 20), "Europe/Berlin"), damage)
    assert "exports.ics" in str(caught.value) and "\n" not in str(caught.value)


def test_cancelled_dose_keeps_its_original_local_time_across_dst():
    plan = titration(date(2027, 3, 20), "Europe/Berlin", review_days=28)
    _, _, record = export(plan)
    _, data, _ = reexport(plan.replace(revision=2, review_days=1), record)
    gone = [e for e in cancelled(parse(data)[1]).values() if "-dose-morning@" in e.uid]
    assert gone and all(e.start.astimezone(BERLIN).hour == 8 for e in gone)
    assert any(e.start.astimezone(BERLIN).date() >= date(2027, 3, 28) for e in gone)
    assert min(e.start for e in gone) > datetime(2027, 3, 20, tzinfo=BERLIN)
