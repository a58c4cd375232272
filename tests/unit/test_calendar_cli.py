"""`taperplan export PLAN --ics FILE` as a user runs it: files, refusals, the record in the plan."""

from __future__ import annotations

import json
import os
import stat
from datetime import date

import pytest

from tests.calendar_support import parse
from tui.cli import main

TODAY = date(2027, 3, 1)


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    assert main(["new", "titrate", "-o", str(path), "--start-date", "2027-03-20", "--tz", "Europe/Berlin",
                 "--patient", "Anna Beispiel", "--clinician", "Dr Roe", "--contact", "+49 30 1234; ward 7"], today=TODAY) == 0
    return path


def error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("taperplan: error: ")
    return err


def test_export_writes_a_private_calendar_and_records_it_in_the_plan(plan_file, tmp_path):
    ics = tmp_path / "plan.ics"
    assert main(["export", str(plan_file), "--ics", str(ics), "--issued", "2027-03-15"], today=TODAY) == 0
    assert stat.S_IMODE(os.stat(ics).st_mode) == 0o600
    _, events = parse(ics.read_bytes())
    assert len(events) > 100
    record = json.loads(plan_file.read_text())["exports"]["ics"]
    assert record["format"] == "taperplan.ics/1"
    assert b"Anna" not in ics.read_bytes()


def test_existing_file_needs_force_and_reexport_is_identical(plan_file, tmp_path, capsys):
    ics = tmp_path / "plan.ics"
    assert main(["export", str(plan_file), "--ics", str(ics), "--issued", "2027-03-15"], today=TODAY) == 0
    first = ics.read_bytes()
    capsys.readouterr()
    assert main(["export", str(plan_file), "--ics", str(ics), "--issued", "2027-03-15"], today=TODAY) == 2
    assert "already exists; use --force" in error_line(capsys)
    assert main(["export", str(plan_file), "--ics", str(ics), "--issued", "2027-03-15", "--force"], today=TODAY) == 0
    assert ics.read_bytes() == first


def test_issue_date_defaults_to_today(plan_file, tmp_path):
    ics = tmp_path / "plan.ics"
    assert main(["export", str(plan_file), "--ics", str(ics)], today=date(2027, 3, 2)) == 0
    assert b"DTSTAMP:20270302T000000Z\r\n" in ics.read_bytes()


@pytest.mark.parametrize("where", ["missing/plan.ics", "."])
def test_unwritable_path_is_one_line_and_nothing_is_written(plan_file, tmp_path, capsys, where):
    before = plan_file.read_bytes()
    text = tmp_path / "plan.txt"
    capsys.readouterr()
    assert main(["export", str(plan_file), "--text", str(text), "--ics", str(tmp_path / where)], today=TODAY) == 2
    error_line(capsys)
    assert not text.exists()
    assert plan_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


@pytest.mark.parametrize(("value", "message"), [("20000", "give 0 to 10080"), ("1.5", "whole number of minutes"), ("-5", "give 0 to 10080")])
def test_bad_reminder_minutes_names_the_flag(plan_file, tmp_path, capsys, value, message):
    capsys.readouterr()
    assert main(["export", str(plan_file), "--ics", str(tmp_path / "p.ics"), f"--reminder-minutes={value}"], today=TODAY) == 2
    line = error_line(capsys)
    assert "--reminder-minutes" in line and message in line
    assert not (tmp_path / "p.ics").exists()


def test_reminder_options_and_name(plan_file, tmp_path):
    quiet, early = tmp_path / "quiet.ics", tmp_path / "early.ics"
    assert main(["export", str(plan_file), "--ics", str(quiet), "--no-reminders", "--ics-name"], today=TODAY) == 0
    assert b"BEGIN:VALARM" not in quiet.read_bytes()
    assert b"X-WR-CALNAME:Baclofen plan for Anna Beispiel\r\n" in quiet.read_bytes()
    assert main(["export", str(plan_file), "--ics", str(early), "--reminder-minutes", "10"], today=TODAY) == 0
    assert b"TRIGGER:-PT10M\r\n" in early.read_bytes()


def test_a_revised_plan_file_cancels_what_it_removed(plan_file, tmp_path):
    ics = tmp_path / "plan.ics"
    assert main(["export", str(plan_file), "--ics", str(ics), "--issued", "2027-03-15"], today=TODAY) == 0
    data = json.loads(plan_file.read_text())
    data["revision"], data["review_days"] = 2, 7
    plan_file.write_text(json.dumps(data))
    assert main(["export", str(plan_file), "--ics", str(ics), "--issued", "2027-03-16", "--force"], today=TODAY) == 0
    _, events = parse(ics.read_bytes())
    gone = [e for e in events if e.status == "CANCELLED"]
    assert len([e for e in gone if "-dose-" in e.uid]) == 21 * 3
    assert {e.sequence for e in events} == {2}
