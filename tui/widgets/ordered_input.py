"""Textual's Input, with its editing keys applied in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """Textual runs an editing key (Backspace, Ctrl+U, the arrows) only once it has bubbled up
    to the app, while a character is inserted at once: keys that arrive together, as from a
    laggy remote session, were applied out of order ("60", Backspace, "5" gave 60, not 65).
    The input's own bindings run here, in order, as Textual's open fix does (issue #6605,
    pull request #6631); keys bound elsewhere (F5, Ctrl+S) still go to the app."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    self._restart_blink()
                    return
        await super()._on_key(event)
