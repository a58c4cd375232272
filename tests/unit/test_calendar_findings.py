"""What a patient's calendar app trips over (issue 13): reminders, cancellations, privacy."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

from tests.calendar_support import export, parse, reexport, taper, titration
from tui.cli import main


def live(events):
    return {e.uid: e for e in events if e.status != "CANCELLED"}


def test_sequence_rises_when_the_reminders_change_and_stays_when_they_do_not():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, data, record = export(plan)
    first = live(parse(data)[1])
    assert {e.sequence for e in first.values()} == {1}
    assert record["options"] == {"reminder_minutes": 0, "discreet": False} and record["revision"] == 1

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


def test_fresh_leaves_out_cancellations_but_the_record_keeps_them():
    plan = titration(date(2027, 3, 20), "Europe/Berlin", review_days=28)
    _, _, record = export(plan)
    shorter = plan.replace(revision=2, phases=(replace(plan.phases[0], target_mg=plan.phases[0].target_mg - 15),))
    _, revised, kept = reexport(shorter, record)
    _, fresh, fresh_record = reexport(shorter, record, fresh=True)
    cancelled = [e for e in parse(revised)[1] if e.status == "CANCELLED"]
    assert cancelled and b"CANCELLED" not in fresh and b"Cancelled" not in fresh
    assert live(parse(fresh)[1]) == live(parse(revised)[1])
    assert fresh_record == kept  # a later ordinary export still cancels them in the patient's old calendar


def test_discreet_titles_and_reminders_name_no_drug_or_dose():
    plan = titration(date(2027, 3, 20), "Europe/Berlin")
    _, data, record = export(plan, discreet=True, reminder_minutes=10)
    calendar, events = parse(data)
    assert str(calendar["X-WR-CALNAME"]) == "Medicine plan"
    summaries = {e.summary for e in events} | {t for e in events for t in e.alarm_texts}
    assert "Medicine: morning dose" in summaries and "Medicine: dose changes today" in summaries
    for text in summaries:
        assert "aclofen" not in text and " mg" not in text, text
    assert all(e.description.startswith("Baclofen ") for e in events if not e.all_day)  # the full title opens the detail
    assert any("Take 1 x 5 mg tablet (5 mg) at 08:00 (morning)" in e.description for e in events)
    _, plain, _ = reexport(plan, record, reminder_minutes=10)
    assert {e.sequence for e in live(parse(plain)[1]).values()} == {2}  # new titles: a higher SEQUENCE


def test_the_cli_offers_discreet_and_fresh(tmp_path):
    path = tmp_path / "plan.json"
    assert main(["new", "titrate", "-o", str(path), "--start-date", "2027-03-20", "--tz", "Europe/Berlin"], today=date(2027, 3, 1)) == 0
    ics = tmp_path / "plan.ics"
    assert main(["export", str(path), "--ics", str(ics), "--issued", "2027-03-15", "--discreet", "--fresh"], today=date(2027, 3, 1)) == 0
    _, events = parse(ics.read_bytes())
    assert events and all(e.summary.startswith("Medicine: ") for e in events)
    assert json.loads(path.read_text())["exports"]["ics"]["options"]["discreet"] is True


def test_a_discreet_follow_up_names_neither_drug_nor_dose():
    _, data, _ = export(taper(date(2027, 3, 20), "Europe/Berlin"), discreet=True)
    follow_up = [e for e in parse(data)[1] if e.all_day and "follow-up" in e.uid]
    assert [e.summary for e in follow_up] == ["Medicine: follow-up with your clinician"]
