"""Small things found in a trial: focus, a past start date, help at its top, names not ids."""

from __future__ import annotations

from app_helpers import field_message, field_row, make_app, type_burst, type_into
from textual.widgets import Button, SelectionList

from tui.screens.help import HelpScreen


async def test_a_new_plan_starts_at_the_patient_s_name(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.focused is app.main.input_for("patient_name")
        await type_into(pilot, "age", "50")
        app.main.input_for("phase0.target").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        next(b for b in app.screen.query(Button) if str(b.label) == "Discard changes").press()
        await pilot.pause()
        await pilot.pause()
        assert app.focused is app.main.input_for("patient_name")


async def test_a_start_date_in_the_past_warns_at_the_field(tmp_path):
    app = make_app(tmp_path)  # today is 30 Nov 2026
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert field_message(app, "start_date") == ""
        await type_into(pilot, "start_date", "2026-11-27")
        assert field_row(app, "start_date").has_class("-warning")
        assert "3 days in the past (today is 30 Nov)" in field_message(app, "start_date")
        assert app.outcome.schedule is not None  # a warning, not a refusal
        await type_into(pilot, "start_date", "2026-11-30")
        assert field_message(app, "start_date") == ""


async def test_help_opens_at_its_top(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#help-dialog").scroll_offset.y == 0


async def test_messages_name_products_not_their_ids(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        products = app.main.query_one(SelectionList)
        products.deselect_all()
        products.select("tab20")
        await pilot.pause()
        message = field_message(app, "phase0.start")
        assert "15 mg cannot be made from 20 mg tablet" in message and "tab20" not in message
        checks = str(app.main.query_one("#problems-text").render())
        assert "20 mg tablet" in checks and "tab20" not in checks


async def test_keys_that_arrive_together_edit_in_the_order_typed(tmp_path):
    """A laggy remote session delivers keystrokes in bursts. Textual runs an editing key such as
    Backspace only after it has bubbled up to the app, so a character typed just after it was
    inserted first and then deleted ("6", "0", Backspace, "5" gave 60, not 65)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        target = app.main.input_for("phase0.target")
        target.focus()
        await pilot.pause()
        await type_burst(pilot, "end", "ctrl+u", "6", "0", "backspace", "5")
        assert target.value == "65"
        assert app.outcome.plan is not None and app.outcome.plan.phases[0].target_mg == 65
        name = app.main.input_for("patient_name")
        name.focus()
        await pilot.pause()
        await type_burst(pilot, "A", "n", "n", "ctrl+u", "B", "o", "left", "b")
        assert name.value == "Bbo" and app.session.form.patient_name == "Bbo"
