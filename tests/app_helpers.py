"""Shared helpers for the app's Pilot tests: a fixed clock and zone, and typing into fields."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import TaperplanApp
from tui.widgets.field_row import FieldRow

TODAY = date(2026, 11, 30)  # plans start tomorrow, 1 December 2026
ZONE = "Europe/Berlin"


def make_app(data: Path, **kw: Any) -> TaperplanApp:
    kw.setdefault("autosave_delay", 0.05)
    return TaperplanApp(today=TODAY, timezone=ZONE, data_folder=data, **kw)


async def type_into(pilot: Pilot[Any], key: str, text: str, *, key_by_key: bool = False) -> None:
    """Focus the field that edits form key `key` and replace its text with `text`: at once (as a
    paste would), or `key_by_key` as typed."""
    widget = pilot.app.main.input_for(key)
    widget.focus()
    await pilot.pause()
    if key_by_key:
        await pilot.press("end", "ctrl+u", *text)
    else:
        widget.value = text
    await settle(pilot)


async def type_burst(pilot: Pilot[Any], *keys: str) -> None:
    """Send `keys` (characters, or names of keys that type nothing, such as "backspace") as events
    that arrive together, as from a fast typist, a terminal that delivers a buffer at once or a
    laggy remote session, then wait once. Pilot.press waits for the app to go idle after every
    key (at least 40 ms each), which made a 52-character name cost 6 s of test time."""
    driver = pilot.app._driver  # the same door Pilot.press uses; Textual is pinned exactly
    assert driver is not None
    for key in keys:
        char = key if len(key) == 1 else None
        event = events.Key(_character_to_key(key) if char and not key.isalnum() else key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await settle(pilot)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until an edit is re-planned: the field posts it, and the screen re-plans once the
    typed text is on screen (a busy machine can need more than one pause for both)."""
    await pilot.pause()
    while pilot.app.main.replan_pending:
        await pilot.pause()


async def replanned(pilot: Pilot[Any]) -> None:
    """Wait for the re-plan an edit queues for after the next refresh: on a loaded machine one
    pause can return before that refresh has happened."""
    for _ in range(500):
        if not pilot.app.main.replan_pending:
            return
        await pilot.pause(0.01)
    raise AssertionError("the re-plan is still pending after 500 pauses")


async def enter_path(pilot: Pilot[Any], path: object) -> None:
    """Fill in the path of the open or save dialog and press Enter."""
    pilot.app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # a save is written in a worker
    await pilot.pause()


def field_row(app: TaperplanApp, key: str) -> FieldRow:
    return next(row for row in app.main.query(FieldRow) if row.key == key)


def field_message(app: TaperplanApp, key: str) -> str:
    message = field_row(app, key).message
    return str(message.render()) if message is not None else ""


def steady_cursor(app: TaperplanApp) -> None:
    """Snapshots: no blinking cursor, so the picture does not depend on timing."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


def table_text(app: TaperplanApp) -> list[list[str]]:
    from tui.widgets.preview import ScheduleTable

    return [list(row) for row in app.main.query_one(ScheduleTable).rows]
