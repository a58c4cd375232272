"""The planner form: patient, medication, dose times, current dose, phases, clinician.

Every input's `name` is the form key it edits; the screen writes each change into the
session's form and re-plans. This widget holds the fields (built in tui.widgets.form_sections)
and changes the form's shape when a kind of kidney function or a phase is added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from ..messages import FormEdited
from .field_row import text_field

if TYPE_CHECKING:
    from textual.widgets import Button, Select

    from ..session import Session


def section(title: str) -> Static:
    return Static(title, classes="section-title")


class PlanForm(VerticalScroll):
    """The form pane. Its first frame holds the patient's name only (no planner is loaded yet);
    `fill` adds the rest once the session is built, and each later compose builds it all."""

    DEFAULT_CSS = """
    PlanForm .section-title {
        margin-top: 1;
        text-style: bold;
        color: $accent;
        border-bottom: solid $accent 40%;
    }
    PlanForm .field-note {
        padding-left: 16;
        color: $text-muted;
        height: auto;
    }
    """

    def __init__(self, session: Session | None, *, patient_name: str = "", id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self.session = session  # the screen gives a new one (a plan opened), then composes the form again
        self._first_name = patient_name

    def compose(self) -> ComposeResult:
        yield section("Patient")
        yield text_field(self.session.form.patient_name if self.session else self._first_name, "patient_name", "Name")
        if self.session is not None:
            from .form_sections import form_body

            yield from form_body(self.session)

    async def fill(self, session: Session) -> None:
        """The rest of the form, under the name field of the first frame (which keeps what was typed)."""
        from .form_sections import form_body

        self.session = session
        await self.mount_all(list(form_body(session)))

    async def on_select_changed(self, event: Select.Changed) -> None:
        session = self.session
        if session is not None and event.select.name == "kidney" and isinstance(event.value, str) and event.value != session.form.kidney:
            event.stop()
            session.form.kidney = event.value
            await self.query_one("#kidney-fields").recompose()
            self.post_message(FormEdited(rebuilt=True))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        action, _, kind = (event.button.name or "").partition(":")
        if action != "phase-add" or self.session is None:
            return
        event.stop()
        self.session.add_phase(kind)
        editor = self.query_one("#phases-editor")
        await editor.recompose()
        self.post_message(FormEdited(rebuilt=True))
        editor.query(".phase-block").last().query(Input).first().focus()

    def show_computed_crcl(self, text: str) -> None:
        if self.session is None or self.session.form.kidney != "labs":
            return  # no note to fill: skip a search of the whole form on every keystroke
        notes = self.query("#computed-crcl")
        if notes and str(notes.first(Static).render()) != text:
            notes.first(Static).update(text)
