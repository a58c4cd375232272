"""F5: the export dialog writes the files in a worker and reports what it wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import make_app
from textual.widgets import Button, Checkbox, Input

from planner.render import schedule_text
from tui.screens.export import ExportDialog


async def export(pilot, **paths: str) -> ExportDialog:
    await pilot.press("f5")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    for widget_id in ("ics-path", "pdf-path", "text-path"):
        dialog.query_one(f"#{widget_id}", Input).value = paths.get(widget_id.replace("-path", ""), "")
    dialog.query_one("#export", Button).press()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return dialog


def message(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-message").render())


async def test_text_export_writes_the_instructions_and_replaces_a_file_only_when_asked(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("keep me")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dialog = await export(pilot, text=str(target))
        assert "already exists" in str(dialog.query_one("#text-path-problem").render())  # at its field
        assert "marked above" in message(dialog)
        dialog.query_one("#reminder", Input).value = "-5"
        dialog.query_one("#export", Button).press()
        await pilot.pause()
        assert "0 or more minutes" in str(dialog.query_one("#reminder-problem").render())
        assert str(dialog.query_one("#text-path-problem").render()) == ""
        dialog.query_one("#reminder", Input).value = "0"
        assert target.read_text() == "keep me"
        dialog.query_one("#force", Checkbox).value = True
        dialog.query_one("#export", Button).press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text() == schedule_text(app.outcome.schedule)
        assert str(target) in message(dialog)


async def test_calendar_and_handout_are_written_and_parse(tmp_path):
    pytest.importorskip("exports.calendar")
    pytest.importorskip("exports.handout")
    import icalendar
    import pypdf

    ics, pdf = tmp_path / "plan.ics", tmp_path / "plan.pdf"
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dialog = await export(pilot, ics=str(ics), pdf=str(pdf))
        assert str(ics) in message(dialog) and str(pdf) in message(dialog)
        assert "Save the plan (Ctrl+S)" in message(dialog)  # what remains to save
        await pilot.press("escape")
        await pilot.pause()
        calendar = icalendar.Calendar.from_ical(ics.read_bytes())
        events = [c for c in calendar.walk() if c.name == "VEVENT"]
        assert len(events) >= len(app.outcome.schedule.occurrences)  # a reminder for every dose
        assert len(pypdf.PdfReader(pdf).pages) >= 1
        assert "ics" in app.session.exports and app.session.dirty  # the plan records its calendar
        assert "calendar record not saved" in app.sub_title and "unsaved changes" not in app.sub_title


async def test_exporting_a_saved_plan_records_the_calendar_in_its_file_and_leaves_nothing_unsaved(tmp_path):
    pytest.importorskip("exports.calendar")
    from app_helpers import type_into

    from tui.plan_store import read_plan

    path = tmp_path / "plan.json"
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Not saved yet" in str(app.main.query_one("#summary").render())  # no revision before a save
        assert "Revision 1" not in str(app.main.query_one("#summary").render())
        await type_into(pilot, "patient_name", "Gus Example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert "Revision 1;" in str(app.main.query_one("#summary").render())
        dialog = await export(pilot, ics=str(tmp_path / "plan.ics"))
        assert f"The plan file {path} now records this calendar." in message(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.session.dirty and "unsaved" not in app.sub_title and "not saved" not in app.sub_title
        saved = read_plan(path)
        assert saved.revision == 1 and saved.exports["ics"] == app.session.exports["ics"]


def test_exporters_are_not_loaded_at_start_up(tmp_path):
    code = (
        "import asyncio, sys\n"
        "from app_helpers import make_app\n"
        "async def main():\n"
        f"    app = make_app({str(tmp_path)!r})\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.outcome.schedule is not None\n"
        "    print(sorted({'ics', 'reportlab', 'exports.calendar', 'exports.handout'} & set(sys.modules)))\n"
        "asyncio.run(main())\n"
    )
    tests = Path(__file__).resolve().parents[1]  # app_helpers lives there
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": f"{tests}{os.pathsep}{tests.parent}"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


async def test_the_compact_calendar_box_writes_repeating_events(tmp_path):
    pytest.importorskip("exports.calendar")
    ics = tmp_path / "plan.ics"
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        pilot.app.screen.query_one("#repeat", Checkbox).value = True
        dialog = await export(pilot, ics=str(ics))
        assert str(ics) in message(dialog)
        text = ics.read_bytes()
        assert b"RRULE:FREQ=DAILY;COUNT=" in text and b"-dose-" not in text
        assert text.count(b"BEGIN:VEVENT") < len(app.outcome.schedule.occurrences)
        assert app.session.exports["ics"]["options"]["repeat"] is True
