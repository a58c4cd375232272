"""Nothing lost: save and reopen, the unsaved-changes question, and the autosaved draft."""

from __future__ import annotations

import json

from app_helpers import enter_path, make_app, type_into
from textual.widgets import Button

from tui.autosave import draft_path
from tui.plan_store import read_plan
from tui.screens.dialogs import ChoiceDialog, PathDialog


async def press_button(pilot, label: str) -> None:
    button = next(b for b in pilot.app.screen.query(Button) if str(b.label) == label)
    button.press()
    await pilot.pause()


async def save_as(pilot, path) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PathDialog)
    await enter_path(pilot, path)


async def test_save_and_reopen_give_the_same_plan_and_a_changed_plan_saves_as_the_next_revision(tmp_path):
    path = tmp_path / "ann.json"
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "patient_name", "Ann Example")
        await type_into(pilot, "age", "58")
        await type_into(pilot, "phase0.target", "45")
        await save_as(pilot, path)
        assert path.exists() and not app.session.dirty
        saved = read_plan(path)
        assert saved == app.outcome.plan
        assert saved.revision == 1 and len(saved.plan_id) == 36
        form = app.session.form.copy()
        await type_into(pilot, "phase0.step", "5")
        assert app.session.dirty
        await pilot.press("ctrl+s")  # the file is known: no question
        await pilot.pause()
        assert read_plan(path).revision == 2 and read_plan(path).phases[0].step_mg == 5
        await pilot.press("ctrl+s")  # nothing changed since: the revision stays
        await pilot.pause()
        assert read_plan(path).revision == 2

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await enter_path(pilot, tmp_path / "missing.json")
        assert "no file" in str(app.screen.query_one("#path-message").render()).lower()
        await enter_path(pilot, path)
        assert app.session.path == path and not app.session.dirty
        assert app.main.input_for("patient_name").value == "Ann Example"
        assert app.session.form.phases[0].step == "5"
        form.phases[0].step = "5"
        assert app.session.form == form


async def test_quitting_or_starting_anew_with_unsaved_changes_asks_first(tmp_path):
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        plan_id = app.session.plan_id
        await type_into(pilot, "patient_name", "Ann")
        await type_into(pilot, "phase0.target", "30")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog) and "Ann" in app.screen.body
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.session.form.patient_name == "Ann"
        await pilot.press("ctrl+n")
        await pilot.pause()
        await press_button(pilot, "Cancel")
        assert app.session.form.patient_name == "Ann"
        await pilot.press("ctrl+n")
        await pilot.pause()
        await press_button(pilot, "Discard changes")
        await pilot.pause()
        assert app.session.plan_id != plan_id and not app.session.dirty
        assert app.main.input_for("phase0.target").value == "60"
        assert app.outcome.schedule.steps[-1].daily_mg == 60
        await type_into(pilot, "patient_name", "Bea")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await press_button(pilot, "Discard changes")
    assert app.return_value == 0
    assert not list((tmp_path / "data").glob("draft*.json"))


async def test_a_draft_left_by_a_crash_is_offered_back_and_never_touches_the_plan_file(tmp_path):
    data, path = tmp_path / "data", tmp_path / "plan.json"
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "patient_name", "Cleo Example")
        await save_as(pilot, path)
        draft = draft_path(data, app.session.plan_id)
        on_disk = path.read_bytes()
        await type_into(pilot, "phase0.target", "45")
        await type_into(pilot, "age", "7")  # kept as typed, though refused
        await pilot.pause(0.2)  # the draft is written after a short quiet spell
        assert draft.exists()
        # The test ends here without quitting: as if the terminal had closed.
    app.draft_lock.release()  # what the system does when the process ends
    assert path.read_bytes() == on_disk
    assert json.loads(draft.read_text())["form"]["age"] == "7"

    again = make_app(data)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ChoiceDialog)
        assert "Cleo Example" in again.screen.body and str(path) in again.screen.body
        await press_button(pilot, "Restore")
        await pilot.pause()
        assert again.session.form.age == "7"
        assert again.main.input_for("phase0.target").value == "45"
        assert again.session.dirty and again.session.path == path
        assert again.session.revision == 2  # saving it will make the next revision of plan.json
        assert [e.key for e in again.outcome.errors] == ["age"]  # 7 years is refused, as before the crash
    again.draft_lock.release()  # ended without quitting, as before

    third = make_app(data)
    async with third.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press_button(pilot, "Discard it")
        assert not draft.exists()
        assert third.session.form.patient_name == ""


async def test_a_new_plan_proposes_its_own_file_name_and_never_replaces_another_patient_s_plan_by_enter(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "patient_name", "Zoë O'Neill")
        await pilot.press("ctrl+s")
        await pilot.pause()
        proposed = app.screen.query_one("#path").value
        assert proposed == str(tmp_path / "baclofen-zoe-o-neill-2026-12-01.json")
        await pilot.press("enter")
        await pilot.pause()
        ann = tmp_path / "baclofen-zoe-o-neill-2026-12-01.json"
        assert ann.exists() and app.session.path == ann
        on_disk = ann.read_bytes()

        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_into(pilot, "patient_name", "Zoë O'Neill")  # a namesake: the name is numbered
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#path").value == str(tmp_path / "baclofen-zoe-o-neill-2026-12-01-2.json")
        await pilot.press("escape")
        await pilot.pause()
        await type_into(pilot, "patient_name", "Bob")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await enter_path(pilot, ann)  # the clinician types the other file's name
        assert isinstance(app.screen, PathDialog)
        message = str(app.screen.query_one("#path-message").render())
        assert "the plan for Zoë O'Neill" in message and "Replace it?" in message
        assert app.screen.focused is app.screen.query_one("#cancel")
        await pilot.press("enter")  # Enter, Enter: nothing is replaced
        await pilot.pause()
        assert not isinstance(app.screen, PathDialog)
        assert ann.read_bytes() == on_disk and app.session.path is None and app.session.dirty
