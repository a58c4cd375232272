"""The Textual app: actions (save, open, new, export, help, quit); drafts and recovery are in app_drafts.

A thin shell: plans come from the form through planner.build_schedule, files go through
exports; the clock and the time zone are given to it, so every screen can be reproduced.

The first frame needs no planner (tui.first_frame): the session is built just after it, and the
modules each action needs are imported when it first runs. A key pressed for an action before
the session is there runs once it is.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer

from .app_drafts import DraftKeepingApp, read_plan
from .first_frame import FirstFields
from .screens.main import MainScreen

if TYPE_CHECKING:
    from planner import Adjustment, Plan

    from .autosave import DraftLock
    from .form import FormState
    from .screens.dialogs import Choice, PathChoice
    from .session import Outcome, Session
    from .workflow import ExportReport


AUTOSAVE_DELAY = 0.3  # seconds of quiet before the draft is written


class TaperplanApp(DraftKeepingApp):
    CSS_PATH = "taperplan.tcss"
    TITLE = "taperplan"
    # The header watches the sub-title and redraws its own line; Textual's default would also
    # repaint the whole screen on every change (the unsaved mark comes and goes as one types).
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    # Footer order: what a narrow footer cuts comes last (Help must stay).
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+s", "save", "Save"),
        Binding("f5", "export", "Export"),
        Binding("f2", "toggle_pane", "Form/Schedule"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+o", "open", "Open"),
        Binding("ctrl+n", "new", "New"),
        Binding("ctrl+z", "undo", "Undo"),
        # Focus moves at once, before the next key is handed to a field: otherwise a fast
        # typist's "60<Tab>20" can put the 2 into the field being left.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(self, *, today: date, timezone: str, plan: Plan | None = None, plan_path: str | os.PathLike[str] | None = None,
                 data_folder: str | os.PathLike[str] | None = None, autosave_delay: float = AUTOSAVE_DELAY) -> None:
        super().__init__()
        self.autosave_delay = autosave_delay
        self.today, self.timezone = today, timezone
        self._data_folder_given = data_folder  # None: the user's (see build_session)
        if plan is None and plan_path is not None:
            plan = read_plan(plan_path)
        self._session = None  # a new plan's is built just after the first frame
        if plan is not None:
            from .session import Session

            self._session = Session.from_plan(plan, Path(plan_path) if plan_path else None, on_disk=plan_path is not None)
        self._waiting_for_session: list[Callable[[], object]] = []
        self.outcome: Outcome | None = None
        self.last_plan: Plan | None = None
        self._autosave_timer: Timer | None = None
        self._could_export: tuple[bool, bool] | None = None
        self.draft_lock: DraftLock | None = None
        # A draft written in a thread must not land after the plan was saved or discarded.
        self._draft_io = threading.Lock()
        self._draft_generation = 0

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.size.width))

    def first_fields(self) -> FirstFields:
        if self._session is None:
            return FirstFields.new_plan(self.today, self.timezone)
        form = self.session.form
        return FirstFields(form.start_date, form.timezone, form.patient_name)

    def build_session(self) -> Session:
        """Called by the main screen just after the first frame."""
        from .autosave import data_dir
        from .session import Session

        self.data_folder = data_dir(self._data_folder_given)
        if self._session is None:
            self._session = Session.new(self.today, self.timezone)
        return self._session

    def planning_started(self) -> None:
        """The whole screen is there: take this plan's draft, offer back any left by a crash, and
        run the keys pressed meanwhile."""
        from .autosave import orphan_drafts

        self._own_draft()
        orphans = orphan_drafts(self.data_folder, skip=self.session.plan_id)
        if orphans:
            self._offer_draft(orphans[0], orphans[1:])
        self.refresh_bindings()
        waiting, self._waiting_for_session = self._waiting_for_session, []
        for action in waiting:
            action()

    def _before_session(self, action: Callable[[], object]) -> bool:
        """Whether the session is still being built (just after the first frame); `action` then
        runs once it is, so a key pressed that early is not lost."""
        if self.main.planning:
            return False
        self._waiting_for_session.append(action)
        return True

    # Called by the main screen after every re-plan.
    def plan_changed(self, outcome: Outcome) -> None:
        self.outcome = outcome
        if outcome.plan is not None:
            self.last_plan = outcome.plan
        session = self.session
        name = session.form.patient_name.strip() or "new patient"
        where = str(session.path) if session.path else "not saved"
        # The mark first: a narrow header cuts the end of the line.
        mark = "● unsaved changes · " if session.content_changed else "● calendar record not saved · " if session.dirty else ""
        sub_title = f"{mark}{name} · {where}"
        if sub_title != self.sub_title:
            self.sub_title = sub_title
        can = (outcome.schedule is not None, bool(session.undo_stack))
        if can != self._could_export:
            self._could_export = can
            self.refresh_bindings()  # the footer shows Export and Undo as available or not
        self._schedule_autosave()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_main = isinstance(self.screen, MainScreen)
        if on_main and not self.main.planning and action in ("export", "undo"):
            return None  # nothing to export or undo yet: the plan is being built (just after the first frame)
        if action in ("save", "open", "new", "help") and not on_main:
            return False
        if action == "export":
            if not on_main:
                return False
            if self.main.replan_pending:
                return True  # F5 re-plans first, then exports or says why not
            return True if self.outcome is not None and self.outcome.schedule is not None else None
        if action == "toggle_pane":
            return on_main
        if action == "undo":
            return on_main and bool(self.session.undo_stack)
        return True

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if isinstance(screen, MainScreen):
            yield SystemCommand("Save", "Save the plan (Ctrl+S)", self.action_save)
            yield SystemCommand("Save as", "Save the plan to a new file", self.action_save_as)
            yield SystemCommand("Open", "Open a plan file (Ctrl+O)", self.action_open)
            yield SystemCommand("New plan", "Start a new plan (Ctrl+N)", self.action_new)
            yield SystemCommand("Load drug profile", "Plan with your own drug profile file (JSON)", self.action_load_profile)
            yield SystemCommand("Export", "Write the calendar, handout and text (F5)", self.action_export)
            yield SystemCommand("Adjust step", "Lengthen or change the selected step (Enter in the table)", screen.adjust_selected)
            yield SystemCommand("Help", "How to draft a plan (F1)", self.action_help)
        yield from super().get_system_commands(screen)

    # Saving and opening.
    def action_save(self) -> None:
        if not self._before_session(self.action_save):
            self.save_then(None)

    def action_save_as(self) -> None:
        if not self._before_session(self.action_save_as):
            self.save_then(None, ask=True)

    def save_then(self, then: Callable[[], None] | None, *, ask: bool = False) -> None:
        from .screens.dialogs import PathDialog, proposed_name

        plan, _ = self.session.plan()
        if plan is None:
            self.notify("Not saved: fix the fields marked in red first.", severity="error")
            return
        if self.session.path is not None and not ask:
            self._write(plan, self.session.path, then)
            return

        def chosen(choice: PathChoice | None) -> None:
            if choice is not None:
                self._write(plan, choice.path, then)

        initial = str(self.session.path or proposed_name(plan, Path.cwd()))
        self.push_screen(PathDialog("Save the plan as", initial, saving=True), chosen)

    def _write(self, plan: Plan, path: Path, then: Callable[[], None] | None) -> None:
        """Saved in a worker thread, so the screen never waits for the disk; the plan counts as
        saved (the mark, the title) only once the file is written."""
        from .plan_store import PlanChanged, PlanFileError
        from .workflow import same_file, save_plan

        if any(worker.group == "save" and not worker.is_finished for worker in self.workers):
            # A second save now would expect the revision the first is replacing, and be refused.
            self.notify("Still saving the plan; save again once it is saved.", severity="warning")
            return
        session = self.session
        expected = session.saved.revision if session.saved.on_disk and session.path is not None and same_file(path, session.path) else None
        # What was saved: typing while the file is written stays unsaved.
        form, adjustments, exports = session.form.copy(), session.adjustments, dict(session.exports)

        def save() -> None:
            try:
                save_plan(path, plan, expected_revision=expected)
            except PlanChanged as exc:
                self.call_from_thread(self._changed_on_disk, path, str(exc))
                return
            except PlanFileError as exc:
                self.call_from_thread(self.notify, f"Not saved: {exc}", severity="error")
                return
            self.call_from_thread(self._saved, session, path, plan.revision, (form, adjustments, exports), then)

        self.run_worker(save, thread=True, group="save", exit_on_error=False)

    def _saved(self, session: Session, path: Path, revision: int, what: tuple[FormState, tuple[Adjustment, ...], dict[str, Any]],
               then: Callable[[], None] | None) -> None:
        if session is not self.session:
            return  # another plan was opened meanwhile
        session.mark_saved(path, revision, *what)
        if not session.dirty:
            self._discard_own_draft()
        errors = self.outcome is not None and self.outcome.schedule is None
        self.notify(f"Saved {path} (revision {revision})" + ("; it still has errors to fix before export." if errors else "."),
                    severity="warning" if errors else "information")
        self.main.replan()
        if then is not None:
            then()

    def _changed_on_disk(self, path: Path, message: str) -> None:
        """Someone else saved the plan since it was read here: reload theirs or keep both."""
        from .plan_store import PlanFileError
        from .screens.dialogs import Choice, ChoiceDialog
        from .session import Session

        def decided(choice: Choice | None) -> None:
            if choice is not None and choice.id == "reload":
                try:
                    plan = read_plan(path)
                except PlanFileError as exc:
                    self.notify(f"Not reloaded: {exc}", severity="error")
                    return
                self.call_later(self._load, Session.from_plan(plan, path, on_disk=True))
            elif choice is not None and choice.id == "save_as":
                self.save_then(None, ask=True)

        self.push_screen(ChoiceDialog("Plan changed on disk", f"Not saved: {message}",
                                      (Choice("reload", "Reload it (drop my changes)", "error"),
                                       Choice("save_as", "Save mine as a new file", "primary"))), decided)

    def action_open(self) -> None:
        if not self._before_session(self.action_open):
            self.guard(self._ask_open)

    def _ask_open(self, initial: str = "") -> None:
        from .plan_store import PlanFileError
        from .screens.dialogs import PathDialog
        from .session import Session

        def chosen(choice: PathChoice | None) -> None:
            if choice is None:
                return
            try:
                plan = read_plan(choice.path)
            except PlanFileError as exc:
                self.notify(f"Not opened: {exc}", severity="error")
                self._ask_open(str(choice.path))
                return
            self.call_later(self._load, Session.from_plan(plan, choice.path, on_disk=True))

        self.push_screen(PathDialog("Open a plan file", initial, saving=False), chosen)

    def action_load_profile(self, initial: str = "") -> None:
        if self._before_session(lambda: self.action_load_profile(initial)):
            return
        from exports.files import ExportError
        from planner import PlanError

        from .profile_file import profile_error_text, read_profile_file
        from .screens.dialogs import PathDialog

        def chosen(choice: PathChoice | None) -> None:
            if choice is None:
                return
            try:
                profile = read_profile_file(choice.path)
            except (ExportError, PlanError) as exc:
                self.notify(f"Not loaded: {profile_error_text(exc)}", severity="error")
                self.action_load_profile(str(choice.path))
                return
            self.session.use_profile(profile)
            self.call_later(self.main.reload)
            self.notify(f"Drug profile {profile.name} {profile.version} from {choice.path.name}")

        self.push_screen(PathDialog("Load a drug profile file", initial, saving=False), chosen)

    def action_new(self) -> None:
        if self._before_session(self.action_new):
            return
        from .session import Session

        def start_anew() -> None:
            self.call_later(self._load, Session.new(self.today, self.timezone))

        self.guard(start_anew)

    async def _load(self, session: Session) -> None:
        self._discard_own_draft()  # the changes were saved or knowingly discarded
        self.session = session
        self._own_draft()
        await self.main.reload()

    # Export.
    def action_export(self) -> None:
        self.main.replan_if_pending()
        outcome = self.outcome
        if outcome is None or outcome.schedule is None:
            self.notify("Export is off until the errors are fixed.", severity="error")
            return
        from .screens.export import ExportDialog

        session = self.session
        # The export records the calendar in the plan file only when that file holds this plan.
        holds_this_plan = session.path is not None and session.saved.on_disk and not session.content_changed
        self.push_screen(ExportDialog(outcome.schedule, session.path, self.today, self.record_calendar,
                                      record_in_plan=holds_this_plan))

    def record_calendar(self, report: ExportReport) -> str:
        """The plan remembers what its calendar held, so a revised calendar can update this one, and
        the patient's language. The export wrote them into a plan file that holds this plan;
        returns what remains to do."""
        session = self.session
        relanguaged = report.language != session.language
        session.language = report.language
        if report.calendar_bookkeeping is not None:
            session.exports = {**session.exports, "ics": report.calendar_bookkeeping}
        elif not relanguaged:
            return ""
        what = "this calendar" if report.calendar_bookkeeping is not None else "the patient's language"
        if report.recorded_in is not None and report.saved_plan is not None:
            session.mark_saved(Path(report.recorded_in), report.saved_plan.revision)
            self._discard_own_draft()
            self.main.replan()
            return f"The plan file {report.recorded_in} now records {what}."
        self.main.replan()
        if report.record_problem:
            return f"The plan file could not record {what} ({report.record_problem}); save the plan (Ctrl+S)."
        why = ", so a revised calendar can replace it" if report.calendar_bookkeeping is not None else ""
        return f"Save the plan (Ctrl+S): it then records {what}{why}."

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    async def action_undo(self) -> None:
        await self.main.undo()

    def action_toggle_pane(self) -> None:
        if not self._before_session(self.action_toggle_pane):
            self.main.toggle_pane()

    # Nothing lost: ask before discarding changes; autosave a draft; offer it back.
    async def action_quit(self) -> None:
        if not self._before_session(lambda: self.guard(self._quit)):
            self.guard(self._quit)

    def _quit(self) -> None:
        self._discard_own_draft()
        if self.draft_lock is not None:
            self.draft_lock.release(remove=True)
        self.exit(0)

    def guard(self, then: Callable[[], None]) -> None:
        """Run `then` once unsaved changes are saved or knowingly discarded."""
        from .screens.dialogs import Choice, ChoiceDialog

        if not self.session.dirty:
            then()
            return

        def decided(choice: Choice | None) -> None:
            if choice is None or choice.id == "cancel":
                return
            if choice.id == "save":
                self.save_then(then)
            else:
                then()

        name = self.session.form.patient_name.strip() or "this patient"
        self.push_screen(ChoiceDialog("Unsaved changes", f"The plan for {name} has changes that are not saved.",
                                      (Choice("save", "Save", "primary"), Choice("discard", "Discard changes", "error"),
                                       Choice("cancel", "Cancel"))), decided)

def run_app(plan_path: str | None, today: date) -> int:
    """`taperplan` and `taperplan tui PLAN`: a plan file that cannot be read is refused before the screen opens."""
    from .cli_inputs import system_zone

    plan = read_plan(plan_path) if plan_path else None
    result = TaperplanApp(today=today, timezone=system_zone(), plan=plan, plan_path=plan_path).run()
    return result or 0
