"""Drafts for the app: this instance owns (locks) the draft of the plan it edits and no other,
writes it in a thread while the clinician types, and offers back drafts no running instance owns.

Drafts are taken and offered once the session is built, just after the first frame: the modules
they need (the planner, the plan files) are imported then, not before the app appears."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.timer import Timer

from .screens.main import MainScreen

if TYPE_CHECKING:
    from planner import Plan

    from .autosave import Draft, DraftLock, OrphanDraft
    from .session import Session


def read_plan(path: str | os.PathLike[str]) -> Plan:
    from .workflow import open_plan

    return open_plan(path)


class DraftKeepingApp(App[int]):
    """The part of the app that loses nothing: its subclass sets these in its __init__."""

    _session: Session | None  # built just after the first frame (MainScreen.start_planning)
    data_folder: Path
    autosave_delay: float
    last_plan: Plan | None
    draft_lock: DraftLock | None
    _autosave_timer: Timer | None
    _draft_io: threading.Lock
    _draft_generation: int

    @property
    def session(self) -> Session:
        """The plan being edited: there from just after the first frame on."""
        assert self._session is not None, "the session is built just after the first frame"
        return self._session

    @session.setter
    def session(self, session: Session) -> None:
        self._session = session

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    # Drafts: this instance owns (locks) the draft of the plan it edits, and no other.
    @property
    def draft_file(self) -> Path:
        from .autosave import draft_path

        return draft_path(self.data_folder, self.session.plan_id)

    def _own_draft(self, lock: DraftLock | None = None) -> None:
        """Take the draft of the session's plan, letting go of the one held before."""
        from .autosave import DraftLock

        if self.draft_lock is not None and self.draft_lock is not lock:
            self.draft_lock.release(remove=True)
        self.draft_lock = lock or DraftLock(self.draft_file)
        if not self.draft_lock.acquire():
            self.notify("This plan is open in another taperplan window: changes here are not autosaved.",
                        severity="warning", timeout=10)

    def _discard_own_draft(self) -> None:
        from .autosave import discard_draft_file

        with self._draft_io:
            self._draft_generation += 1
            if self.draft_lock is not None and self.draft_lock.held:
                discard_draft_file(self.draft_file)

    def _schedule_autosave(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(self.autosave_delay, self.autosave)

    def autosave(self) -> None:
        from .autosave import Draft, now_text

        session = self.session
        if self.draft_lock is None or not self.draft_lock.held:
            return  # another instance edits this plan and keeps its draft
        if not session.dirty or self.last_plan is None:
            self._discard_own_draft()
            return
        draft = Draft(self.last_plan, session.form.copy(), str(session.path) if session.path else None, now_text())
        # Written in a thread, one at a time, so typing never waits for the disk.
        generation = self._draft_generation
        self.run_worker(lambda: self._write_draft(draft, generation), thread=True, exclusive=True, group="autosave",
                        exit_on_error=False)

    def _write_draft(self, draft: Draft, generation: int) -> None:
        from exports.files import ExportError

        from .autosave import write_draft

        try:
            with self._draft_io:
                if generation == self._draft_generation:
                    write_draft(self.data_folder, draft)
        except (ExportError, OSError) as exc:
            self.call_from_thread(self.notify, f"The draft could not be autosaved: {exc}", severity="warning")

    def _offer_draft(self, orphan: OrphanDraft, rest: list[OrphanDraft]) -> None:
        """Offer a draft no running instance owns. Escape means "not now": the draft stays, to be
        offered again; only Discard removes it."""
        from .autosave import discard_draft_file
        from .screens.dialogs import Choice, ChoiceDialog

        draft = orphan.draft
        source = f"from {draft.path}" if draft.path else "never saved"
        body = (f"taperplan did not close normally. An unsaved plan was kept for {draft.patient} "
                f"({source}; last change {draft.written}). Restore it?")

        def decided(choice: Choice | None) -> None:
            if choice is not None and choice.id == "restore":
                for other in rest:
                    other.lock.release()
                self.call_later(self._restore, orphan)
            elif choice is not None and choice.id == "discard":
                discard_draft_file(orphan.file)
                orphan.lock.release(remove=True)
                if rest:
                    self._offer_draft(rest[0], rest[1:])
            else:
                for kept in (orphan, *rest):
                    kept.lock.release()
                self.notify("The unsaved plan was kept; it is offered again when taperplan next starts.")

        self.push_screen(ChoiceDialog("Restore unsaved plan?", body,
                                      (Choice("restore", "Restore", "primary"), Choice("discard", "Discard it", "error"),
                                       Choice("later", "Not now"))), decided)

    async def _restore(self, orphan: OrphanDraft) -> None:
        from .autosave import discard_draft_file
        from .plan_store import PlanFileError
        from .session import Session

        draft = orphan.draft
        path = Path(draft.path) if draft.path else None
        saved_plan = None
        if path is not None:
            try:
                saved_plan = read_plan(path)
            except PlanFileError:
                saved_plan = None
        same = saved_plan if saved_plan is not None and saved_plan.plan_id == draft.plan.plan_id else None
        session = Session.restored(draft.plan, draft.form, path if same else None, same)
        self._discard_own_draft()
        self.session = session
        if orphan.file != self.draft_file:
            discard_draft_file(orphan.file)  # a draft of an earlier version: it is kept under the plan's name from now
            orphan.lock.release(remove=True)
            self._own_draft()
        else:
            self._own_draft(orphan.lock)
        await self.main.reload()
