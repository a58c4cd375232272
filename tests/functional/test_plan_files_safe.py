"""Plan files on disk (issue 15, items 3-5): no lost updates with real processes, paths that are what
they seem, all-or-nothing outputs, drafts that never replace a plan, and output safe to show."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from app_helpers import make_app, type_into

from exports import files
from exports.files import ExportError
from planner import bundled_profile
from planner.factory import titration_plan
from tui.autosave import Draft, discard_draft_file, draft_path, write_draft
from tui.cli import main
from tui.form import form_from_plan
from tui.plan_store import PlanChanged, read_plan, write_plan
from tui.screens.dialogs import ChoiceDialog

TODAY = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parents[2]


def _new(path: Path) -> None:
    assert main(["new", "titrate", "-o", str(path), "--tz", "Europe/Berlin"], today=TODAY) == 0


def _taperplan(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tui", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=env, text=True, **kw)


def _snapshot(folder: Path) -> dict:
    return {p.name: (p.lstat().st_mtime_ns, p.read_bytes() if p.is_file() and not p.is_symlink() else None) for p in folder.iterdir()}


def test_twenty_parallel_edits_all_land(tmp_path):
    plan = tmp_path / "p.json"
    _new(plan)
    # Each adds a phase (an adjustment set twice replaces, so it could not show a lost update).
    runs = [_taperplan("phase", "add", str(plan), "maintain", "--days", "1") for _ in range(20)]
    results = [(run.wait(timeout=300), run.stdout.read(), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
    assert all(code == 0 and "wrote" in out for code, out, _ in results), results
    saved = read_plan(plan)
    assert saved.revision == 21
    assert len(saved.phases) == 21 and len({p.id for p in saved.phases}) == 21
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]  # no lock or temporary file left


def test_an_export_and_an_edit_at_once_keep_both(tmp_path):
    plan = tmp_path / "p.json"
    _new(plan)
    runs = [_taperplan("export", str(plan), "--ics", str(tmp_path / "p.ics"), "--issued", "2026-11-27"),
            _taperplan("adjust", "add", str(plan), "--step", "2", "--days", "3")]
    assert [run.wait(timeout=300) for run in runs] == [0, 0], [run.stderr.read() for run in runs]  # type: ignore[union-attr]
    saved = read_plan(plan)
    assert saved.revision == 2 and saved.adjustments[0].days == 3 and "ics" in saved.exports


def test_a_stale_save_is_refused_and_leaves_the_file(tmp_path):
    plan = tmp_path / "p.json"
    _new(plan)
    opened = read_plan(plan)
    assert main(["adjust", "add", str(plan), "--step", "1", "--days", "2"], today=TODAY) == 0
    before = plan.read_bytes()
    with pytest.raises(PlanChanged, match=r"changed on disk since it was read \(revision 1, now 2\); reload it or save as a new file"):
        write_plan(plan, opened.replace(revision=2), force=True, expected_revision=1)
    assert plan.read_bytes() == before


async def test_the_app_does_not_overwrite_a_plan_changed_by_the_command_line(tmp_path):
    plan = tmp_path / "p.json"
    _new(plan)
    app = make_app(tmp_path / "data", plan=read_plan(plan), plan_path=str(plan))
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "patient_name", "Ann Example")
        assert main(["adjust", "add", str(plan), "--step", "1", "--days", "2"], today=TODAY) == 0
        before = plan.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog) and "revision 1, now 2" in app.screen.body
        assert plan.read_bytes() == before
        await pilot.press("escape")
        await pilot.pause()
    assert read_plan(plan).revision == 2 and read_plan(plan).patient.name == ""


def test_a_plan_opened_through_a_symlink_stays_one_record(tmp_path):
    real = tmp_path / "records" / "p.json"
    real.parent.mkdir()
    _new(real)
    link = tmp_path / "p.json"
    link.symlink_to(real)
    assert main(["adjust", "add", str(link), "--step", "1", "--days", "2"], today=TODAY) == 0
    assert link.is_symlink() and read_plan(real).revision == 2


@pytest.mark.parametrize("kind", ["fifo", "device", "dangling"])
def test_an_output_that_is_not_a_file_is_refused_even_with_force(tmp_path, capsys, kind):
    plan = tmp_path / "p.json"
    _new(plan)
    capsys.readouterr()
    out = tmp_path / "out.txt"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "device":
        out.symlink_to("/dev/null")
    else:
        out.symlink_to(tmp_path / "nowhere.txt")
    before = _snapshot(tmp_path)
    assert main(["export", str(plan), "--text", str(out), "--force"], today=TODAY) == 2
    err = capsys.readouterr().err.strip().splitlines()
    expected = "is a symlink to nothing" if kind == "dangling" else "is not a regular file"
    assert len(err) == 1 and err[0].startswith("taperplan: error: ") and expected in err[0]
    assert _snapshot(tmp_path) == before


def test_new_does_not_replace_the_profile_it_read(tmp_path, capsys):
    profile = tmp_path / "x.json"
    profile.write_text(json.dumps(bundled_profile().as_dict()))
    before = _snapshot(tmp_path)
    assert main(["new", "titrate", "--profile", str(profile), "-o", str(profile), "--force", "--tz", "Europe/Berlin"], today=TODAY) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is the profile file this plan was made from" in err[0]
    assert _snapshot(tmp_path) == before


def test_when_one_output_fails_none_is_written(tmp_path, capsys, monkeypatch):
    plan = tmp_path / "p.json"
    _new(plan)
    real_stage = files._stage

    def stage(target, data):
        if target.suffix == ".ics":
            raise ExportError(f"{target}: cannot write (No space left on device)")
        return real_stage(target, data)

    monkeypatch.setattr(files, "_stage", stage)
    before = _snapshot(tmp_path)
    code = main(["export", str(plan), "--text", str(tmp_path / "p.txt"), "--ics", str(tmp_path / "p.ics")], today=TODAY)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and err == [f"taperplan: error: {tmp_path / 'p.ics'}: cannot write (No space left on device)"]
    assert _snapshot(tmp_path) == before


def test_temporary_files_of_a_killed_run_are_removed_on_the_next_write(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    stale = tmp_path / f".t.txt.{gone.stdout.strip()}.abc123.tmp"
    stale.write_bytes(b"half a file")
    live = tmp_path / f".t.txt.{os.getppid()}.def456.tmp"  # a run still going: left alone
    live.write_bytes(b"being written")
    files.write_atomic(tmp_path / "t.txt", b"done")
    assert not stale.exists() and live.exists() and (tmp_path / "t.txt").read_bytes() == b"done"


def _draft_plan():
    return titration_plan(bundled_profile(), plan_id="d", start_date=date(2026, 12, 1), timezone="Europe/Berlin")


def test_autosave_never_replaces_or_removes_a_plan_saved_under_the_drafts_name(tmp_path):
    plan_path = draft_path(tmp_path, _draft_plan().plan_id)
    write_plan(plan_path, _draft_plan())
    before = plan_path.read_bytes()
    draft = Draft(_draft_plan(), form_from_plan(_draft_plan()), None, "2026-11-27 10:00")
    with pytest.raises(ExportError, match="is not a draft"):
        write_draft(tmp_path, draft)
    discard_draft_file(plan_path)
    assert plan_path.read_bytes() == before


async def test_saving_into_the_draft_folder_keeps_the_plan(tmp_path):
    from app_helpers import enter_path

    data = tmp_path / "data"
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "patient_name", "Ann Example")
        data.mkdir(exist_ok=True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = draft_path(data, app.session.plan_id)  # the name autosave gives this plan's draft
        await enter_path(pilot, target)
        if target.exists() and app.session.path is None:  # the draft is there: confirm Replace
            await pilot.click("#ok")
            await pilot.pause()
        assert app.session.path == target and read_plan(target).patient.name == "Ann Example"
        await type_into(pilot, "patient_name", "Ann Changed")  # autosave runs after this edit
        await pilot.pause(0.3)
    assert read_plan(target).patient.name == "Ann Example"


@pytest.mark.parametrize(("env", "args", "expected"), [
    ({"PYTHONIOENCODING": "ascii"}, ["show", "{plan}", "--format", "text"], "encoding (ascii) cannot show the plan's text"),
    ({}, [], "the app needs a terminal"),
    ({}, ["tui", "{plan}"], "the app needs a terminal"),
])
def test_output_that_cannot_be_shown_is_one_line(tmp_path, env, args, expected):
    plan = tmp_path / "p.json"
    assert main(["new", "titrate", "-o", str(plan), "--tz", "Europe/Berlin", "--patient", "Zoë Łukasiewicz"], today=TODAY) == 0
    before = _snapshot(tmp_path)
    run = subprocess.run([sys.executable, "-m", "tui", *[a.replace("{plan}", str(plan)) for a in args]], capture_output=True,
                         text=True, stdin=subprocess.DEVNULL, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2 and len(lines) == 1 and lines[0].startswith("taperplan: error: ") and expected in lines[0]
    assert _snapshot(tmp_path) == before
