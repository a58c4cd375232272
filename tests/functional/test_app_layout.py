"""What must stay on screen at 80 and 120 columns: the Taper button, the unsaved mark, F1."""

from __future__ import annotations

import pytest
from app_helpers import make_app, type_into
from textual.widgets import Button
from textual.widgets._footer import FooterKey


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
