"""One workflow for both shells: the command line and the app export, adjust and record the
calendar through tui.workflow and planner.edits, so they cannot disagree."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from app_helpers import TODAY, make_app
from textual.widgets import Button, Checkbox, Input

from planner import build_schedule
from tui.cli import main
from tui.screens.adjust import AdjustDialog
from tui.screens.export import ExportDialog
from tui.workflow import ExportError, ExportRequest, export, open_plan

ROOT = Path(__file__).resolve().parents[2]
NEW = ["new", "titrate", "--tz", "Europe/Berlin", "--start-date", "2026-12-01"]


def _new_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "p.json"
    assert main([*NEW, "-o", str(plan)], today=TODAY) == 0
    return plan


def test_show_and_export_run_without_loading_textual(tmp_path):
    plan = _new_plan(tmp_path)
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"assert main(['show', {str(plan)!r}]) == 0\n"
        f"assert main(['show', {str(plan)!r}, '--format', 'json']) == 0\n"
        f"assert main(['export', {str(plan)!r}, '--text', {str(tmp_path / 'p.txt')!r}, '--issued', '2026-11-30']) == 0\n"
        "print('LOADED', sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "LOADED []" in run.stdout
    assert (tmp_path / "p.txt").read_text().strip()  # the export did run


def test_no_export_may_replace_the_plan_file_whichever_shell_asks(tmp_path):
    plan = _new_plan(tmp_path)
    before = plan.read_bytes()
    schedule = build_schedule(open_plan(plan))
    # What the app's export dialog sends: the plan's own path as the text output, replacing allowed.
    request = ExportRequest(issued=TODAY, text_path=str(plan), force=True, plan_path=str(plan))
    with pytest.raises(ExportError, match="is the plan file"):
        export(schedule, request)
    assert main(["export", str(plan), "--text", str(plan), "--force"], today=TODAY) == 2
    assert plan.read_bytes() == before


async def test_the_app_refuses_to_export_over_its_plan_file(tmp_path):
    plan = _new_plan(tmp_path)
    before = plan.read_bytes()
    app = make_app(tmp_path / "data", plan=open_plan(plan), plan_path=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#ics-path", Input).value = ""
        dialog.query_one("#pdf-path", Input).value = ""
        dialog.query_one("#text-path", Input).value = str(plan)
        dialog.query_one("#force", Checkbox).value = True
        dialog.query_one("#export", Button).press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(dialog.query_one("#text-path-problem").render())
        assert "is the plan file" in shown
    assert plan.read_bytes() == before


async def _adjust_in_app(pilot, number: int, days: str) -> None:
    from tui.widgets.preview import ScheduleTable

    table = pilot.app.main.query_one(ScheduleTable)
    table.focus()
    table.move_to(number - 1)
    await pilot.press("enter")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, AdjustDialog)
    dialog.query_one("#days", Input).value = days
    dialog.query_one("#apply", Button).press()
    await pilot.pause()


async def test_adjusting_a_step_twice_gives_the_same_plan_in_both_shells(tmp_path):
    by_cli = _new_plan(tmp_path)
    for _ in range(2):
        assert main(["adjust", "add", str(by_cli), "--step", "2", "--days", "3"], today=TODAY) == 0
    cli_adjustments = open_plan(by_cli).adjustments
    assert [(a.phase_id, a.step_start, a.days) for a in cli_adjustments] == [("p1", date(2026, 12, 4), 3)]

    (tmp_path / "app").mkdir()
    app = make_app(tmp_path / "data", plan=open_plan(_new_plan(tmp_path / "app")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _adjust_in_app(pilot, 2, "+3")
        await _adjust_in_app(pilot, 2, "+3")
        assert app.session.adjustments == cli_adjustments
        assert app.outcome is not None and app.outcome.schedule is not None
        assert app.outcome.schedule.steps[1].days == build_schedule(open_plan(by_cli)).steps[1].days


def test_a_second_days_value_replaces_the_first_and_doses_stay(tmp_path):
    plan = _new_plan(tmp_path)
    assert main(["adjust", "add", str(plan), "--step", "2", "--doses", "10/5/15"], today=TODAY) == 0
    assert main(["adjust", "add", str(plan), "--step", "2", "--days", "4"], today=TODAY) == 0
    assert main(["adjust", "add", str(plan), "--step", "2", "--days", "-1"], today=TODAY) == 0
    (adjustment,) = open_plan(plan).adjustments
    assert adjustment.days == -1 and adjustment.doses is not None and [str(d) for d in adjustment.doses] == ["10", "5", "15"]


def test_the_command_line_records_the_calendar_in_the_plan_file(tmp_path):
    pytest.importorskip("exports.calendar")
    plan = _new_plan(tmp_path)
    assert main(["export", str(plan), "--ics", str(tmp_path / "p.ics"), "--issued", "2026-11-30"], today=TODAY) == 0
    saved = open_plan(plan)
    assert saved.exports["ics"]  # what the calendar held, for the next export to update it
    assert saved.revision == 1  # recording the calendar is not a new prescription


async def test_the_app_records_the_calendar_in_the_plan_file_it_opened(tmp_path):
    pytest.importorskip("exports.calendar")
    plan = _new_plan(tmp_path)
    app = make_app(tmp_path / "data", plan=open_plan(plan), plan_path=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#ics-path", Input).value = str(tmp_path / "p.ics")
        dialog.query_one("#pdf-path", Input).value = ""
        dialog.query_one("#export", Button).press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "now records this calendar" in str(dialog.query_one("#export-message").render())
        assert not app.session.dirty
    saved = open_plan(plan)
    assert saved.exports["ics"] == app.session.exports["ics"] and saved.revision == 1


async def test_saving_runs_off_the_screen_and_marks_saved_what_was_written(tmp_path, monkeypatch):
    import threading

    from app_helpers import type_into

    import tui.workflow

    real_save, release = tui.workflow.save_plan, threading.Event()

    def slow_disk(*args, **kw):
        assert release.wait(30)
        return real_save(*args, **kw)

    monkeypatch.setattr(tui.workflow, "save_plan", slow_disk)
    path = tmp_path / "plan.json"
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_into(pilot, "patient_name", "Gus Example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        # The disk is slow: the screen still answers, and the plan is not yet marked saved.
        assert not path.exists() and "unsaved changes" in app.sub_title
        await type_into(pilot, "patient_name", "Gus Example-Typed")
        assert app.main.input_for("patient_name").value == "Gus Example-Typed"
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert open_plan(path).patient.name == "Gus Example"
        assert app.session.path == path and app.session.saved.on_disk
        assert app.session.dirty and "unsaved changes" in app.sub_title  # typed during the save: not saved
        assert str(path) in app.sub_title
