"""The plan being edited: its form, where it is saved, whether it changed, and its schedule."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planner import (
    Adjustment,
    DrugProfile,
    Patient,
    Plan,
    PlanError,
    Schedule,
    build_schedule,
    bundled_profile,
    default_titration,
    fmt,
    next_phase_id,
    titration_plan,
)

from .fields import locate
from .first_frame import NEW_PLAN_LEAD
from .form import (
    SEVERAL_PHASES,
    FieldProblem,
    FormState,
    PhaseRow,
    PlanIdentity,
    TimeRow,
    form_from_plan,
    patient_from_form,
    plan_from_form,
)


@dataclass(frozen=True)
class Saved:
    """The plan as it is on disk (or, for a new plan, as it was first drafted)."""

    form: FormState | None  # None: nothing to compare with, every plan counts as changed
    adjustments: tuple[Adjustment, ...]
    exports: dict[str, Any]
    revision: int
    on_disk: bool


@dataclass(frozen=True)
class Undo:
    """The form and adjustments before a destructive edit, and what that edit was."""

    what: str
    form: FormState
    adjustments: tuple[Adjustment, ...]


@dataclass(frozen=True)
class Outcome:
    """The result of planning the form: a schedule, or the problems that stop one."""

    plan: Plan | None
    schedule: Schedule | None
    errors: tuple[FieldProblem, ...]
    warnings: tuple[FieldProblem, ...]
    revision_text: str = ""  # "Revision 2", or what saving will make of it


@dataclass
class Session:
    profile: DrugProfile
    plan_id: str
    form: FormState
    saved: Saved
    path: Path | None = None
    adjustments: tuple[Adjustment, ...] = ()
    exports: dict[str, Any] = field(default_factory=dict)
    profiles: dict[str, DrugProfile] = field(default_factory=dict)
    language: str = "en"  # the patient's: the plan keeps it across loads and saves
    undo_stack: list[Undo] = field(default_factory=list)

    @classmethod
    def from_plan(cls, plan: Plan, path: Path | None, *, on_disk: bool) -> Session:
        form = form_from_plan(plan)
        saved = Saved(form.copy(), plan.adjustments, dict(plan.exports), plan.revision, on_disk)
        return cls(profile=plan.profile, plan_id=plan.plan_id, form=form, saved=saved, path=path,
                   adjustments=plan.adjustments, exports=dict(plan.exports), profiles={plan.profile.drug: plan.profile},
                   language=plan.language)

    @classmethod
    def restored(cls, plan: Plan, form: FormState, path: Path | None, saved: Plan | None) -> Session:
        """A recovered draft: `plan` is the last plan that read, `form` the fields as typed, and
        `saved` the plan file it came from (None if it was never saved)."""
        session = cls.from_plan(saved or plan, path, on_disk=saved is not None)
        if saved is None:
            session.saved = Saved(None, (), {}, plan.revision, False)
        session.profile = plan.profile
        session.profiles[plan.profile.drug] = plan.profile
        session.form = form.copy()
        session.adjustments, session.exports = plan.adjustments, dict(plan.exports)
        session.language = plan.language
        return session

    @classmethod
    def new(cls, today: date, timezone: str, profile: DrugProfile | None = None) -> Session:
        """The label titration for a new patient, starting tomorrow."""
        plan = titration_plan(profile or bundled_profile(), plan_id=str(uuid.uuid4()),
                              start_date=today + NEW_PLAN_LEAD, timezone=timezone)
        return cls.from_plan(plan, None, on_disk=False)

    @property
    def content_changed(self) -> bool:
        """Whether what the plan prescribes differs from the saved plan."""
        return self.form != self.saved.form or self.adjustments != self.saved.adjustments

    @property
    def dirty(self) -> bool:
        """Whether there is something to save (a new plan counts only once it is edited)."""
        return self.content_changed or self.exports != self.saved.exports

    @property
    def revision(self) -> int:
        """A saved plan that changes becomes its next revision; exports and calendars carry it."""
        bump = self.saved.on_disk and self.content_changed
        return self.saved.revision + 1 if bump else self.saved.revision

    def select_drug(self, drug: str) -> None:
        if drug == self.profile.drug:
            return
        profile = self.profiles.get(drug) or bundled_profile(drug)
        self.profiles[drug] = profile
        self.profile = profile
        self.form.drug = drug
        self.form.products = profile.default_products
        self.form.interactions = ()  # the questions belong to the drug
        # A profile without titration plans tapers and maintenance only: its titration phases become tapers.
        kinds = [phase.kind if phase.kind != "titrate" or profile.has_titration else "taper" for phase in self.form.phases]
        self.form.phases.clear()  # one drug's doses mean nothing for another: each phase takes the new defaults
        for kind in kinds:
            self.add_phase(kind)

    def use_profile(self, profile: DrugProfile) -> None:
        """A clinician's own profile file: it takes the place of its drug's profile in this session."""
        self.profiles[profile.drug] = profile
        if profile.drug != self.profile.drug:
            self.select_drug(profile.drug)
            return
        self.profile = profile
        known = {p.id for p in profile.products}
        if not set(self.form.products) <= known:
            self.form.products = profile.default_products

    def identity(self, adjustments: tuple[Adjustment, ...] | None = None) -> PlanIdentity:
        return PlanIdentity(self.plan_id, self.profile, self.revision,
                            self.adjustments if adjustments is None else adjustments, self.exports, self.language)

    def plan(self) -> tuple[Plan | None, list[FieldProblem]]:
        return plan_from_form(self.form, self.identity())

    @property
    def revision_text(self) -> str:
        """What the summary says of the revision: a plan never saved has none yet."""
        if not self.saved.on_disk:
            return "Not saved yet"
        if self.content_changed:
            return f"Revision {self.revision} once saved (revision {self.saved.revision} is on disk)"
        return f"Revision {self.revision}"

    def outcome(self) -> Outcome:
        plan, problems = self.plan()
        if plan is None:
            return Outcome(None, None, tuple(problems), ())
        try:
            schedule = build_schedule(plan)
        except PlanError as exc:
            return Outcome(plan, None, tuple(locate(p, plan, self.form.kidney) for p in exc.problems), ())
        return Outcome(plan, schedule, (), tuple(locate(w, plan, self.form.kidney) for w in schedule.warnings),
                       self.revision_text)

    def mark_saved(self, path: Path, revision: int, form: FormState | None = None,
                   adjustments: tuple[Adjustment, ...] | None = None, exports: dict[str, Any] | None = None) -> None:
        """The plan in `path` is now `revision`: by default what is on screen, or the form,
        adjustments and exports that were written (a save in the background)."""
        self.path = path
        self.saved = Saved((self.form if form is None else form).copy(), self.adjustments if adjustments is None else adjustments,
                           dict(self.exports if exports is None else exports), revision, True)

    def remember(self, what: str) -> None:
        """Keep the plan as it is before a destructive edit (`what`), for Ctrl+Z."""
        self.undo_stack.append(Undo(what, self.form.copy(), self.adjustments))
        del self.undo_stack[:-20]

    def undo(self) -> str | None:
        """Put back the plan as it was before the last destructive edit; returns what was undone."""
        if not self.undo_stack:
            return None
        last = self.undo_stack.pop()
        if last.form.drug != self.profile.drug:
            self.select_drug(last.form.drug)
        self.form, self.adjustments = last.form.copy(), last.adjustments
        return last.what

    def add_phase(self, kind: str) -> None:
        """A new phase with the profile's defaults; a taper's amount is left for the clinician to choose."""
        p = self.profile
        phase_id = next_phase_id([row.id for row in self.form.phases], self.adjustments)
        if kind == "titrate":
            try:
                patient = patient_from_form(self.form)
            except PlanError:  # shown at its field; the label's pace until it reads
                patient = Patient()
            start_mg, step_mg = default_titration(p, patient, self.form.products)  # the label's, scaled for the kidneys
            start = fmt(start_mg) if not self.form.phases and not self.form.current_daily.strip() else ""
            row = PhaseRow(phase_id, kind, start=start, target=fmt(p.titration_target_mg), step=fmt(step_mg),
                           every=str(p.titration_every_days))
        elif kind == "maintain":
            row = PhaseRow(phase_id, kind, days=str(p.review_days))
        else:
            row = PhaseRow(phase_id, "taper", to="0", method="step", every=str(p.taper_every_days))
        self.form.phases.append(row)

    @property
    def plan_kind(self) -> str:
        """'titrate', 'taper' or 'maintain' for a plan of one phase; otherwise 'several'."""
        phases = self.form.phases
        return phases[0].kind if len(phases) == 1 else SEVERAL_PHASES

    def set_plan_kind(self, kind: str) -> None:
        """Make the plan one phase of `kind` with the profile's defaults. A maintain-only plan
        holds the current dose until the review; a taper and a maintain-only plan start from the
        current dose the clinician gives."""
        if kind == self.plan_kind:
            return
        self.form.phases.clear()
        self.add_phase(kind)
        if kind == "maintain":
            self.form.phases[0].days = self.form.review.strip() or str(self.profile.review_days)

    def remove_phase(self, index: int) -> None:
        self.remember(f"removing phase {index + 1}")
        del self.form.phases[index]

    def move_phase(self, index: int, delta: int) -> None:
        other = index + delta
        if 0 <= other < len(self.form.phases):
            phases = self.form.phases
            phases[index], phases[other] = phases[other], phases[index]

    def add_time(self) -> None:
        self.form.times.append(TimeRow(f"dose {len(self.form.times) + 1}", ""))

    def remove_time(self, index: int) -> None:
        self.remember(f"removing dose time {index + 1}")
        del self.form.times[index]
