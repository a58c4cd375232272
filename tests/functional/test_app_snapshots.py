"""Pictures of the screens, with a fixed clock and zone (regenerate: pytest --snapshot-update)."""

from __future__ import annotations

import pytest
from app_helpers import make_app, steady_cursor, type_into

pytestmark = pytest.mark.draws  # a picture of the drawn screen, from every frame drawn as in a terminal

WIDE, NARROW = (120, 40), (80, 24)


def after(*keys: str, target: str | None = None, theme: str | None = None):
    """A `run_before` that presses `keys` (or types `target` into the first phase's target)
    and waits for a still picture."""

    async def run(pilot) -> None:
        await pilot.pause()
        if theme:
            pilot.app.theme = theme
        if target is not None:
            await type_into(pilot, "phase0.target", target)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        steady_cursor(pilot.app)
        await pilot.pause()

    return run


def test_main_screen_wide(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=WIDE, run_before=after())


def test_main_screen_narrow_shows_the_form_then_the_schedule(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=NARROW, run_before=after())
    assert snap_compare(make_app(tmp_path), terminal_size=NARROW, run_before=after("f2"))


def test_error_state(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=WIDE, run_before=after(target="90"))


def test_export_dialog(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=WIDE, run_before=after("f5"))


def test_help(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=NARROW, run_before=after("f1"))


def test_light_theme(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=WIDE, run_before=after(theme="textual-light"))
