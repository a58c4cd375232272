"""What must stay on screen at 80 and 120 columns (the Taper button, the unsaved mark, F1), and
the dialogs no snapshot shows, drawn."""

from __future__ import annotations

import html
import re

import pytest
from app_helpers import make_app, type_into
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from tui.screens.adjust import AdjustDialog
from tui.screens.dialogs import ChoiceDialog, PathDialog
from tui.widgets.preview import ScheduleTable


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_taper_button_the_unsaved_mark_and_help_stay_visible(tmp_path, size):
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await type_into(pilot, "patient_name", "Hana Example-Longname")
        taper = next(b for b in app.main.query(Button) if b.name == "phase-add:taper")
        taper.scroll_visible(animate=False)
        await pilot.pause()
        pane = app.main.query_one("#form-pane").scrollable_content_region
        assert pane.x <= taper.region.x and taper.region.right <= pane.right
        assert app.sub_title.startswith("● unsaved changes")  # the mark first: a narrow header cuts the end
        title = f"{app.title} — {app.sub_title}"
        assert title.index("unsaved changes") + len("unsaved changes") < size[0] - 4
        keys = {k.key: k for k in app.screen.query(FooterKey)}
        assert keys["f1"].region.right <= size[0] and keys["f1"].region.width > 0


def drawn_text(app) -> str:
    """The words of the screen as drawn (the SVG screenshot without its markup)."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


@pytest.mark.draws
async def test_the_dialogs_no_snapshot_shows_are_drawn_with_their_titles(tmp_path):
    """Most app tests skip drawing frames (tests/functional/conftest.py); this one draws every
    frame of the three dialogs that have no snapshot, so a dialog that cannot be drawn fails here."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.main.query_one(ScheduleTable)
        table.focus()
        table.move_to(1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AdjustDialog) and "Adjust step 2" in drawn_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog) and app.screen.title_text in drawn_text(app)
        await pilot.press("escape")
        await type_into(pilot, "patient_name", "Ida Drawn")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog) and app.screen.title_text in drawn_text(app)
