"""The app's Pilot tests run headless. Textual still draws every frame there and then throws it
away (App._display writes nothing without a terminal): that drawing was 40 % of the CPU time of
an app start. A test that reads the drawn screen (snapshots, frame counts, the dialogs without
a snapshot) says so with ``@pytest.mark.draws``; the others check the app's state, its widgets'
own renders and the layout, which are all still computed."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _frames_drawn_only_where_read(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("draws"):
        return
    from textual.screen import Screen

    original = Screen._compositor_refresh

    def refresh_undrawn(screen: Screen) -> None:  # type: ignore[type-arg]
        if not screen.app.is_headless:
            original(screen)
            return
        screen._compositor._dirty_regions.clear()  # what the frame would have drawn, as after drawing it
        screen._dirty_widgets.clear()
        screen.app._update_mouse_over(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", refresh_undrawn)
