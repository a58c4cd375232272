"""The raw file: RFC 5545 line ends, folding, escaping, trigger, order; read by `icalendar` as well."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from exports.calendar.lines import fold, plain_text, valid_trigger
from planner import Clinician, Patient
from tests.calendar_support import export, parse, taper, titration

CONTACT = "Dr. Ødegård; Station 7, Zimmer 3; Тел. +7 495 123-45-67, 東京都千代田区 (医師), د. سمير, δρ. Παπαδόπουλος; back\\slash"


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


@pytest.fixture(scope="module")
def long_text_file() -> bytes:
    plan = titration(date(2026, 12, 1), "Europe/Berlin", clinician=Clinician("Dr. Ødegård-Łukasiewicz", CONTACT),
                     patient=Patient(name="Zoë, Ångström; Jr."))
    return export(plan, include_name=True)[1]


def test_every_line_ends_in_crlf_including_the_last(long_text_file):
    assert long_text_file.endswith(b"END:VCALENDAR\r\n")
    assert long_text_file.count(b"\n") == long_text_file.count(b"\r\n")
    assert long_text_file.count(b"\r") == long_text_file.count(b"\r\n")


def test_lines_are_folded_at_75_octets_without_splitting_a_character(long_text_file):
    lines = physical_lines(long_text_file)
    assert max(len(line) for line in lines) == 75  # long descriptions were folded right up to the limit
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # a split character would not decode
    assert any(line.startswith(b" ") and not line.isascii() for line in lines)


def test_folded_text_escapes_and_reads_back_exactly(long_text_file):
    calendar, events = parse(long_text_file)
    for event in events:
        assert event.description.endswith(f"Clinician: Dr. Ødegård-Łukasiewicz, {CONTACT}")
    assert str(calendar["X-WR-CALNAME"]) == "Baclofen plan for Zoë Ångström Jr."  # nothing a client must unescape
    raw = "\n".join(unfolded(long_text_file))
    assert r"Station 7\, Zimmer 3\; Тел. +7 495 123-45-67\, 東京都千代田区 (医師)\, د. سمير" in raw
    assert r"back\\slash" in raw


def test_header_names_taperplan_and_the_calendar():
    _, data, _ = export(titration(date(2026, 12, 1), "Europe/Berlin"))
    head = unfolded(data)[:6]
    assert head[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in head
    assert any(re.fullmatch(r"PRODID:-//taperplan//taperplan \S+//EN", line) for line in head)
    assert "X-WR-CALNAME:Baclofen plan" in head


def test_zero_trigger_is_valid_and_alarm_follows_the_event_properties():
    _, data, _ = export(titration(date(2026, 12, 1), "Europe/Berlin"), reminder_minutes=0)
    lines = unfolded(data)
    assert "TRIGGER:P" not in lines
    triggers = [line for line in lines if line.startswith("TRIGGER")]
    assert triggers and set(triggers) == {"TRIGGER:PT0S"}
    event = lines[lines.index("BEGIN:VEVENT", lines.index("BEGIN:VALARM") - 20):]
    event = event[:event.index("END:VEVENT") + 1]
    assert event[-6:] == ["BEGIN:VALARM", "ACTION:DISPLAY", event[-4], "TRIGGER:PT0S", "END:VALARM", "END:VEVENT"]
    assert event[-4].startswith("DESCRIPTION:Baclofen ")


def test_reminder_trigger_before_the_dose():
    _, data, _ = export(titration(date(2026, 12, 1), "Europe/Berlin"), reminder_minutes=90)
    assert {line for line in unfolded(data) if line.startswith("TRIGGER")} == {"TRIGGER:-PT1H30M"}


def test_events_are_in_time_order_with_milestones_first_on_their_day():
    _, data, _ = export(taper(date(2026, 12, 1), "Australia/Sydney", from_mg=40, amount=10))
    _, events = parse(data)
    sydney = ZoneInfo("Australia/Sydney")
    keys = [(e.start if e.all_day else e.start.astimezone(sydney).date(), not e.all_day, None) for e in events]
    days = [k[0] for k in keys]
    assert days == sorted(days)
    timed = [e.start for e in events if not e.all_day]
    assert timed == sorted(timed)
    for (day, is_timed, _), (next_day, next_timed, _) in zip(keys, keys[1:], strict=False):
        if day == next_day:
            assert (is_timed, next_timed) != (True, False)


def test_every_event_has_uid_dtstamp_sequence_and_dtstart_once():
    _, data, _ = export(titration(date(2026, 12, 1), "Europe/Berlin"))
    text = "\n".join(unfolded(data))
    for block in text.split("BEGIN:VEVENT")[1:]:
        block = block.split("END:VEVENT")[0].split("BEGIN:VALARM")[0]
        names = [line.split(":")[0].split(";")[0] for line in block.strip().split("\n")]
        for required in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE"):
            assert names.count(required) == 1


def test_fold_keeps_short_lines_and_splits_multibyte_text_on_character_boundaries():
    assert fold("SUMMARY:short") == "SUMMARY:short"
    for text in ("DESCRIPTION:" + "é" * 100, "DESCRIPTION:" + "東" * 60, "X:" + "😀" * 40, "X:" + "a" * 73 + "é"):
        folded = fold(text)
        pieces = folded.encode("utf-8").split(b"\r\n")
        assert all(len(p) <= 75 for p in pieces)
        assert all(p.startswith(b" ") for p in pieces[1:])
        assert folded.replace("\r\n ", "") == text
    assert fold("X:" + "a" * 73) == "X:" + "a" * 73  # exactly 75 octets stays one line


def test_plain_text_removes_what_text_values_cannot_carry():
    assert plain_text("a\r\nb\rc\x00d\x1be\tf") == "a\nb\nc d e\tf"


def test_valid_trigger_rewrites_only_the_empty_duration():
    alarm = "BEGIN:VALARM\r\nTRIGGER:P\r\nEND:VALARM"
    assert valid_trigger(alarm) == "BEGIN:VALARM\r\nTRIGGER:PT0S\r\nEND:VALARM"
    assert valid_trigger("TRIGGER:-PT15M\r\n") == "TRIGGER:-PT15M\r\n"
    assert valid_trigger("TRIGGER:P1W\r\n") == "TRIGGER:P1W\r\n"
