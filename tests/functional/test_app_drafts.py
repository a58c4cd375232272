"""Drafts: one per plan, locked while in use; Escape never discards one."""

from __future__ import annotations

from app_helpers import make_app, type_into
from textual.widgets import Button

from tui.autosave import draft_path
from tui.screens.dialogs import ChoiceDialog


async def press_button(pilot, label: str) -> None:
    button = next(b for b in pilot.app.screen.query(Button) if str(b.label) == label)
    button.press()
    await pilot.pause()


async def leave_a_draft(data, name: str):
    """An instance that edits a plan, then ends without quitting (as a crash would)."""
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, ChoiceDialog):
            await pilot.press("escape")  # an earlier draft: not now
        await type_into(pilot, "patient_name", name)
        await pilot.pause(0.2)
    app.draft_lock.release()  # what the system does when the process ends
    return app.session.plan_id


async def test_escape_on_the_recovery_question_keeps_the_draft_to_be_offered_again(tmp_path):
    data = tmp_path / "data"
    plan_id = await leave_a_draft(data, "Dora Example")
    draft = draft_path(data, plan_id)
    assert draft.exists()
    for _ in range(2):
        app = make_app(data)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog) and "Dora Example" in app.screen.body
            await pilot.press("escape")
            await pilot.pause(0.2)  # past the autosave of the new, unedited plan
            assert not isinstance(app.screen, ChoiceDialog)
            assert app.session.form.patient_name == ""
            assert draft.exists()
            await pilot.press("ctrl+q")
        assert draft.exists()  # quitting cleanly removes only this instance's own draft

    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press_button(pilot, "Not now")
        assert draft.exists()
        await pilot.press("ctrl+q")


async def test_a_running_instance_s_draft_is_never_offered_to_another(tmp_path):
    data = tmp_path / "data"
    first = make_app(data)
    async with first.run_test(size=(120, 40)) as pilot_a:
        await type_into(pilot_a, "patient_name", "Ann Running")
        await pilot_a.pause(0.2)
        mine = draft_path(data, first.session.plan_id)
        assert mine.exists()

        second = make_app(data)
        async with second.run_test(size=(120, 40)) as pilot_b:
            await pilot_b.pause()
            assert not isinstance(second.screen, ChoiceDialog)  # A is running: nothing to recover
            await type_into(pilot_b, "patient_name", "Bea Other")
            await pilot_b.pause(0.2)
            theirs = draft_path(data, second.session.plan_id)
            assert theirs.exists() and theirs != mine
            await pilot_b.press("ctrl+q")
            await pilot_b.pause()
            await press_button(pilot_b, "Discard changes")
        assert mine.exists() and not theirs.exists()
        assert first.session.form.patient_name == "Ann Running"


async def test_two_crashed_drafts_are_offered_one_after_the_other(tmp_path):
    data = tmp_path / "data"
    first = await leave_a_draft(data, "Eve First")
    second = await leave_a_draft(data, "Fay Second")
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Fay Second" in app.screen.body  # the newest first
        await press_button(pilot, "Discard it")
        await pilot.pause()
        assert not draft_path(data, second).exists()
        assert "Eve First" in app.screen.body
        await press_button(pilot, "Restore")
        await pilot.pause()
        assert app.session.plan_id == first and app.session.form.patient_name == "Eve First"
        assert app.session.dirty


async def test_lock_files_of_ended_instances_are_cleared_but_not_those_in_use(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "draft-00000000-0000-4000-8000-00000000dead.lock").write_bytes(b"")
    first = make_app(data)
    async with first.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        mine = draft_path(data, first.session.plan_id).with_suffix(".lock")
        assert mine.exists()
        second = make_app(data)
        async with second.run_test(size=(120, 40)) as pilot_b:
            await pilot_b.pause()
            assert mine.exists()  # A's, in use
            assert not (data / "draft-00000000-0000-4000-8000-00000000dead.lock").exists()
            await pilot_b.press("ctrl+q")
        await pilot.press("ctrl+q")
    assert not list(data.glob("draft*"))
