"""What start-up and typing leave out to be fast, and that leaving it out loses nothing on screen.
(The timings themselves are in benchmarks/bench_app.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from app_helpers import make_app, settle, type_burst, type_into
from textual.widgets import Input

from planner import bundled_profile, default_times
from planner.factory import taper_plan
from tui.screens.dialogs import PathDialog
from tui.widgets.preview import ScheduleTable


def long_taper():
    return taper_plan(bundled_profile(), plan_id="00000000-0000-4000-8000-000000000001", start_date=date(2026, 12, 1),
                      timezone="Europe/Berlin", from_mg=Fraction(80), method="weeks", amount=Fraction(52), every_days=7,
                      times=default_times(4), products=("tab10", "sol1"))


def test_the_first_screen_loads_no_dialog_and_no_time_zone_library(tmp_path):
    code = (
        "import asyncio, sys\n"
        "from app_helpers import make_app\n"
        "async def main():\n"
        f"    app = make_app({str(tmp_path)!r})\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.outcome.schedule is not None\n"
        "    later = {'dateutil.tz', 'ctypes', 'tui.screens.export', 'tui.screens.help', 'tui.screens.adjust', 'reportlab', 'ics',"
        " 'arrow', 'exports.calendar', 'exports.handout', 'exports.text'}\n"
        "    print(sorted(later & set(sys.modules)))\n"
        "asyncio.run(main())\n"
    )
    here = Path(__file__).parent
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": f"{here}{os.pathsep}{here.parent}"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# What only an export needs: the libraries that write the files, and the writers themselves.
EXPORTERS = ("reportlab", "ics", "arrow", "exports.calendar", "exports.handout", "exports.text")


# What the first frame does without: the planner (and jsonschema, which checks the drug profiles)
# load just after it, with the session.
AFTER_THE_FIRST_FRAME = ("planner", "jsonschema", "exports", "dateutil", "tui.session", "tui.form", "tui.widgets.preview",
                         "tui.widgets.form_sections")


def test_importing_the_app_loads_no_exporter_and_no_planner():
    """`import tui.app` pays for what the first frame shows, not for the planner, writing PDFs or calendars."""
    code = ("import sys\nimport tui.app\n"
            f"print(sorted(m for m in sys.modules if m.startswith({EXPORTERS + AFTER_THE_FIRST_FRAME!r})))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.draws  # counts the frames drawn
async def test_the_first_frame_shows_the_form_and_the_schedule_follows(tmp_path):
    """The schedule pane and the first re-plan come just after the first frame; nothing is lost."""
    from textual.screen import Screen

    seen: list[tuple[bool, bool]] = []
    original = Screen._compositor_refresh

    def frame(self: Screen) -> None:  # type: ignore[type-arg]
        original(self)
        if self.id == "main" and not seen:
            names = [field.name for field in self.query("FormInput")]
            seen.append((names == ["start_date", "timezone", "patient_name"], bool(self.query("#steps"))))

    Screen._compositor_refresh = frame  # type: ignore[method-assign]
    try:
        app = make_app(tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert seen == [(True, False)]  # the top of the form at once, the rest and the schedule not yet
            assert app.main.input_for("phase0.target").value == "60"
            assert len(app.main.query_one(ScheduleTable).rows) > 1
            assert app.outcome is not None and app.outcome.schedule is not None
            assert app.focused is app.main.input_for("patient_name")
    finally:
        Screen._compositor_refresh = original  # type: ignore[method-assign]


@pytest.mark.draws  # counts the frames drawn
async def test_typing_that_brings_the_unsaved_mark_back_and_forth_never_redraws_the_whole_screen(tmp_path):
    """The header's title changes with the unsaved mark; Textual would repaint every widget for
    that, which was most of a keystroke's time on a year-long plan."""
    from textual._compositor import Compositor

    app = make_app(tmp_path, plan=long_taper())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.main.input_for("phase0.amount")
        field.focus()
        await pilot.press("end")
        await pilot.pause()
        whole = 0
        original = Compositor.render_full_update

        def count(self: Compositor, simplify: bool = False):  # type: ignore[no-untyped-def]
            nonlocal whole
            whole += 1
            return original(self, simplify)

        Compositor.render_full_update = count  # type: ignore[method-assign]
        try:
            marks = []
            for key in ("backspace", "2", "backspace", "2"):
                await pilot.press(key)
                await settle(pilot)
                marks.append("unsaved" in app.sub_title)
        finally:
            Compositor.render_full_update = original  # type: ignore[method-assign]
        assert marks == [True, False, True, False]  # 52 weeks is what the plan says: the mark goes
        assert whole == 0


async def test_a_table_that_grows_and_shrinks_while_typing_scrolls_over_exactly_its_rows(tmp_path):
    app = make_app(tmp_path, plan=long_taper())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.main.query_one(ScheduleTable)
        assert len(table.rows) == 1 + 52  # the current dose, then a step a week
        long_range = table.max_scroll_y
        assert long_range == 53 + 2 - table.scrollable_content_region.height  # two header lines
        await type_into(pilot, "phase0.amount", "5", key_by_key=True)
        assert len(table.rows) == 1 + 5
        assert table.max_scroll_y == 0 and table.scroll_y == 0
        assert table.vertical_scrollbar.window_virtual_size == 6 + 2
        await type_into(pilot, "phase0.amount", "52", key_by_key=True)
        assert len(table.rows) == 53 and table.max_scroll_y == long_range
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == 52 and table.scroll_y == long_range  # the last step is in view


async def test_text_longer_than_its_field_scrolls_to_keep_the_cursor_in_view(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        name = "Bartholomew Alexander Featherstonehaugh-Cholmondeley"
        field = app.main.input_for("patient_name")
        field.focus()
        await type_burst(pilot, *name)
        assert field.value == name and len(name) > field.content_region.width
        assert field.scroll_x > 0 and field.render_line(0).text.rstrip().endswith("-Cholmondeley")
        await pilot.press("home")
        await pilot.pause()
        assert field.scroll_x == 0 and field.render_line(0).text.startswith("Bartholomew")


async def test_a_form_field_tells_whatever_holds_it_by_a_message():
    """The field needs no particular screen: any app that holds it hears what was typed."""
    from textual.app import App, ComposeResult

    from tui.messages import FieldEdited
    from tui.widgets.field_row import text_field

    class Holder(App[None]):
        def __init__(self) -> None:
            super().__init__()
            self.heard: list[tuple[str, str]] = []

        def compose(self) -> ComposeResult:
            yield text_field("", "phase1.target", "Up to", "mg/day")

        def on_field_edited(self, message: FieldEdited) -> None:
            self.heard.append((message.key, message.value))

    app = Holder()
    async with app.run_test() as pilot:
        await pilot.click("Input")
        await pilot.press("4", "5")
        await pilot.pause()
        assert app.heard == [("phase1.target", "4"), ("phase1.target", "45")]


async def test_the_header_shows_the_unsaved_mark_as_it_comes_and_goes(tmp_path):
    from textual.widgets._header import HeaderTitle

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        title = app.main.query_one(HeaderTitle)
        assert "unsaved" not in str(title.render())
        await type_into(pilot, "patient_name", "Ann Example", key_by_key=True)
        await pilot.pause()
        assert "● unsaved changes · Ann Example" in str(title.render())
        await type_into(pilot, "patient_name", "", key_by_key=True)
        await pilot.pause()
        assert "unsaved" not in str(title.render()) and "new patient" in str(title.render())


async def test_what_is_typed_before_the_plan_is_built_is_kept(tmp_path, monkeypatch):
    """The first frame shows the top of the form before the planner is loaded; the session, the
    rest of the form and the schedule follow just after. A name typed, F2 and Ctrl+S pressed in
    that moment are not lost: the name goes into the plan, F2 shows the schedule once it is
    there, and the save asks where to save the plan that has the name."""
    from tui.screens.main import MainScreen

    early: list[bool] = []
    original = MainScreen.on_mount

    def on_mount(self: MainScreen) -> None:
        original(self)
        early.append(self.planning)
        self.input_for("patient_name").value = "Ann Typed-Early"
        self.taperplan.action_toggle_pane()
        self.adjust_selected()  # nothing to adjust yet: nothing happens
        self.taperplan.action_save()

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert early == [False]
        assert app.session.form.patient_name == "Ann Typed-Early"
        assert "Ann Typed-Early" in app.sub_title and "unsaved" in app.sub_title
        assert app.outcome is not None and app.outcome.schedule is not None
        assert isinstance(app.screen, PathDialog)
        assert "ann-typed-early" in app.screen.query_one("#path", Input).value
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, ScheduleTable)


async def test_keys_typed_while_the_app_starts_go_to_the_patient_s_name(tmp_path, monkeypatch):
    """Keys typed before the screen is up (read from the terminal when the app starts) land in
    the name field, where a plan starts; they went into the start date before."""
    from textual import events

    from tui.screens.main import MainScreen

    original = MainScreen.on_mount

    def on_mount(self: MainScreen) -> None:
        driver = self.app._driver
        assert driver is not None
        for char in "Bo":
            event = events.Key(char, char)
            event.set_sender(self.app)
            driver.send_message(event)
        original(self)

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main.input_for("patient_name").value == "Bo"
        assert app.main.input_for("start_date").value == "2026-12-01"
        assert app.session.form.patient_name == "Bo"


async def test_the_footer_is_rebuilt_when_its_keys_change_and_not_when_focus_moves(tmp_path):
    from textual.widgets._footer import FooterKey

    def export_key():
        return next(key for key in app.screen.query(FooterKey) if key.action == "export")

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = export_key()
        assert not shown.has_class("-disabled")
        for key in ("age", "patient_name", "phase0.target"):
            app.main.input_for(key).focus()
            await pilot.pause()
        assert export_key() is shown  # the same key widget: focus moving rebuilt nothing
        await type_into(pilot, "phase0.target", "90")  # above the limit: nothing to export
        await pilot.pause()
        assert export_key().has_class("-disabled")
        await type_into(pilot, "phase0.target", "45")
        await pilot.pause()
        assert not export_key().has_class("-disabled")
