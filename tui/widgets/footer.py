"""The app's footer: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Textual rebuilds its footer whenever the bindings may have changed, which is every time
    focus moves: each field the clinician tabs to mounted the footer's keys again and laid out
    the whole screen. Here the keys are rebuilt only when what they show (key, words, whether
    available) is different."""

    _shown: Hashable = None

    def _what_it_shows(self, screen: Screen[object]) -> Hashable:
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == palette
        ), self.show_command_palette, self.compact

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._what_it_shows(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._bindings_ready and self.is_attached and screen is self.screen and self._shown is not None:
            if self._what_it_shows(screen) == self._shown:
                return
        super().bindings_changed(screen)
