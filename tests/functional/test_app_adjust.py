"""Adjusting a step: select it, lengthen it or set its doses; the planner checks every change."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F

from app_helpers import make_app, table_text, type_burst, type_into
from textual.widgets import Button, Input, OptionList

from planner import Adjustment
from tui.screens.adjust import AdjustDialog
from tui.widgets.preview import ScheduleTable


async def open_step(pilot, number: int) -> AdjustDialog:
    table = pilot.app.main.query_one(ScheduleTable)
    table.focus()
    table.move_to(number - 1)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AdjustDialog)
    return pilot.app.screen


async def fill(pilot, dialog: AdjustDialog, days: str | None = None, doses: tuple[str, ...] | None = None) -> None:
    if days is not None:
        dialog.query_one("#days", Input).value = days
    if doses is not None:
        for widget, value in zip(dialog.query(".dose-input").results(Input), doses, strict=True):
            widget.value = value
    dialog.query_one("#apply", Button).press()
    await pilot.pause()


async def test_lengthening_a_step_is_anchored_to_the_step_as_laid_out_and_can_be_undone(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await fill(pilot, await open_step(pilot, 2), days="+2")
        assert app.session.adjustments == (Adjustment("p1", date(2026, 12, 4), F(30), 2, None),)
        steps = app.outcome.schedule.steps
        assert steps[1].days == 5 and steps[1].adjusted
        assert steps[2].start == date(2026, 12, 9)
        assert table_text(app)[1][0] == "2*" and table_text(app)[1][1] == "4–8 Dec"
        line = str(app.main.query_one("#adjustments", OptionList).get_option_at_index(0).prompt)
        assert "lengthen by 2 days" in line and "from 4 Dec (p1)" in line  # the table's date style
        dialog = await open_step(pilot, 2)
        assert dialog.query_one("#days", Input).value == "+2"
        dialog.query_one("#undo", Button).press()
        await pilot.pause()
        assert app.session.adjustments == ()
        assert app.outcome.schedule.steps[1].days == 3


async def test_a_refused_dose_is_explained_in_the_dialog_and_not_applied(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dialog = await open_step(pilot, 4)
        await fill(pilot, dialog, doses=("20", "20", "30"))
        assert app.screen is dialog
        assert "30 mg is above the 20 mg maximum per dose" in str(dialog.query_one("#adjust-message").render())
        assert str(dialog.query_one("#days-message").render()) == ""  # the problem is at the doses
        await fill(pilot, dialog, days="two")
        assert "not 'two'" in str(dialog.query_one("#days-message").render())
        assert str(dialog.query_one("#adjust-message").render()) == ""
        dialog.query_one("#days", Input).value = "0"
        assert app.session.adjustments == ()
        await fill(pilot, dialog, doses=("15", "20", "25"))
        assert app.screen is dialog  # still above 20 mg at bedtime
        await fill(pilot, dialog, doses=("15", "20", "20"))
        assert app.screen is not dialog
        assert app.outcome.schedule.steps[3].daily_mg == 55
        assert any(w.problem.code == "adjusted_split" for w in app.outcome.warnings)


async def test_an_orphaned_adjustment_is_flagged_and_all_can_be_removed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await fill(pilot, await open_step(pilot, 2), days="1")
        await type_into(pilot, "phase0.step", "5")  # step 2 is now 20 mg a day: the adjustment no longer fits
        assert app.outcome.schedule.orphaned == app.session.adjustments
        listing = app.main.query_one("#adjustments", OptionList)
        assert "NOT APPLIED" in str(listing.get_option_at_index(0).prompt)
        assert any(w.problem.code == "orphaned_adjustment" for w in app.outcome.warnings)
        next(b for b in app.main.query(Button) if b.id == "remove-adjustments").press()
        await pilot.pause()
        assert app.session.adjustments == () and app.outcome.warnings == ()


async def test_a_dose_typed_in_a_burst_in_the_dialog_is_the_dose_typed(tmp_path):
    """The dialog's fields apply Backspace in the order typed, as the form's do."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dialog = await open_step(pilot, 2)
        first_dose = next(iter(dialog.query(".dose-input").results(Input)))
        first_dose.focus()
        await pilot.pause()
        await type_burst(pilot, "end", "ctrl+u", "1", "5", "backspace", "2")
        assert first_dose.value == "12"
