"""The planner form as plain text values, and the way between it and a Plan.

The form keeps exactly what the clinician typed, so a half-typed or wrong value is never lost
and can be shown next to its field; a Plan is made from it only when every value reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypeVar

from planner import (
    Adjustment,
    Clinician,
    CurrentDose,
    DoseTime,
    DrugProfile,
    Maintenance,
    Phase,
    Plan,
    PlanError,
    Problem,
    Taper,
    Titration,
    fmt,
    named_times,
    parse_clock,
    parse_date,
    read_clock,
    read_patient,
    to_fraction,
    to_int,
    zone,
)

KIDNEY_CHOICES = (
    ("unknown", "not known"),
    ("crcl", "creatinine clearance"),
    ("labs", "lab values (Cockcroft-Gault)"),
    ("dialysis", "on haemodialysis"),
)
PLAN_KINDS = (("titrate", "titration up to a target"), ("taper", "taper down from the current dose"),
              ("maintain", "hold the current dose until the review"))
SEVERAL_PHASES = "several"
TAPER_METHODS = (("step", "fixed step (mg a day)"), ("percent", "percentage of the dose"), ("weeks", "over a number of weeks"))
AMOUNT_UNITS = {"step": "mg/day", "percent": "%", "weeks": "weeks"}
AMOUNT_WHAT = {"step": "a dose in mg", "percent": "a percentage", "weeks": "a number of weeks"}
T = TypeVar("T")


@dataclass
class TimeRow:
    name: str
    clock: str


@dataclass
class PhaseRow:
    """One phase's fields; only those of its kind are used."""

    id: str
    kind: str  # titrate, maintain or taper
    start: str = ""
    target: str = ""
    step: str = ""
    every: str = ""
    days: str = ""
    to: str = ""
    method: str = "step"
    amount: str = ""


@dataclass
class FormState:
    drug: str
    products: tuple[str, ...]
    times: list[TimeRow]
    phases: list[PhaseRow]
    review: str
    start_date: str
    timezone: str
    patient_name: str = ""
    age: str = ""
    kidney: str = "unknown"
    crcl: str = ""
    weight: str = ""
    sex: str = ""
    creatinine: str = ""
    creatinine_unit: str = "umol/L"
    liver: bool = False
    pregnant: bool = False
    seizures: bool = False
    intrathecal: bool = False
    current_daily: str = ""
    current_doses: str = ""
    clinician: str = ""
    contact: str = ""
    follow_up: str = ""  # days from the last dose of a plan that stops; blank: the profile's default
    interactions: tuple[tuple[str, str], ...] = ()  # answers to the drug profile's interaction questions

    def copy(self) -> FormState:
        return dataclasses.replace(self, times=[dataclasses.replace(t) for t in self.times],
                                   phases=[dataclasses.replace(p) for p in self.phases])

    def set(self, key: str, value: Any) -> None:
        """Set the field named `key`: ``age``, ``time1.clock`` or ``phase0.target``."""
        owner, _, attr = key.rpartition(".")
        if not owner:
            setattr(self, attr, value)
        elif owner.startswith("time"):
            setattr(self.times[int(owner[4:])], attr, value)
        else:
            setattr(self.phases[int(owner[5:])], attr, value)

    def get(self, key: str) -> Any:
        owner, _, attr = key.rpartition(".")
        if not owner:
            return getattr(self, attr)
        row = self.times[int(owner[4:])] if owner.startswith("time") else self.phases[int(owner[5:])]
        return getattr(row, attr)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FormState:
        values = dict(data)
        values["times"] = [TimeRow(**t) for t in values["times"]]
        values["phases"] = [PhaseRow(**p) for p in values["phases"]]
        values["products"] = tuple(values["products"])
        values["interactions"] = tuple((str(k), str(v)) for k, v in values.get("interactions", ()))
        return cls(**values)


def phase_key(index: int, attr: str) -> str:
    return f"phase{index}.{attr}"


def time_key(index: int, attr: str = "") -> str:
    return f"time{index}.{attr}" if attr else f"time{index}"


@dataclass(frozen=True)
class FieldProblem:
    """A problem and the form field it belongs to (`key`, e.g. ``age`` or ``phase1.target``)."""

    key: str
    problem: Problem


@dataclass
class PlanIdentity:
    """What a plan carries besides the form: its id, profile, revision and bookkeeping."""

    plan_id: str
    profile: DrugProfile
    revision: int = 1
    adjustments: tuple[Adjustment, ...] = ()
    exports: dict[str, Any] = field(default_factory=dict)
    language: str = "en"  # the patient's, chosen at export


def _text(value: Fraction | None) -> str:
    return "" if value is None else fmt(value)


def form_from_plan(plan: Plan) -> FormState:
    patient = plan.patient
    labs = patient.labs
    kidney = "dialysis" if patient.dialysis else "labs" if labs else "crcl" if patient.crcl_ml_min is not None else "unknown"
    current = plan.current
    return FormState(
        drug=plan.profile.drug, products=tuple(plan.products),
        times=[TimeRow(t.name, t.hhmm) for t in plan.times],
        phases=[_phase_row(p) for p in plan.phases],
        review=str(plan.review_days), start_date=plan.start_date.isoformat(), timezone=plan.timezone,
        patient_name=patient.name, age="" if patient.age is None else str(patient.age), kidney=kidney,
        crcl=_text(patient.crcl_ml_min) if kidney == "crcl" else "",
        weight=_text(labs.weight_kg) if labs else "", sex=labs.sex if labs else "",
        creatinine=_text(labs.creatinine) if labs else "", creatinine_unit=labs.unit if labs else "umol/L",
        liver=patient.liver, pregnant=patient.pregnant, seizures=patient.seizures, intrathecal=patient.intrathecal,
        interactions=patient.interactions,
        current_daily=_text(current.daily_mg) if current else "",
        current_doses="/".join(fmt(d) for d in current.doses) if current and current.doses else "",
        clinician=plan.clinician.name, contact=plan.clinician.contact,
        follow_up="" if plan.follow_up_days is None else str(plan.follow_up_days),
    )


def _phase_row(phase: Phase) -> PhaseRow:
    if isinstance(phase, Titration):
        return PhaseRow(phase.id, "titrate", start=_text(phase.start_mg), target=fmt(phase.target_mg),
                        step=fmt(phase.step_mg), every=str(phase.every_days))
    if isinstance(phase, Maintenance):
        return PhaseRow(phase.id, "maintain", days=str(phase.days))
    return PhaseRow(phase.id, "taper", to=fmt(phase.to_mg), method=phase.method, amount=fmt(phase.amount),
                    every=str(phase.every_days))


class _Reader:
    """Reads form values, collecting a FieldProblem for each that does not read."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def read(self, key: str | None, fn: Callable[[], T]) -> T | None:
        """`fn()`, or None with its problems noted under `key` (or under each problem's own field)."""
        try:
            return fn()
        except PlanError as exc:
            self.problems.extend(FieldProblem(key or p.field, p) for p in exc.problems)
            return None

    def number(self, key: str, text: str, field_name: str, what: str, *, optional: bool = False) -> Fraction | None:
        if not text.strip():
            if not optional:
                self.problems.append(FieldProblem(key, Problem("missing", field_name, f"give {what}")))
            return None
        return self.read(key, lambda: to_fraction(text, field_name, what=what))

    def mg(self, key: str, text: str, field_name: str, *, optional: bool = False) -> Fraction | None:
        return self.number(key, text, field_name, "a dose in mg", optional=optional)

    def whole(self, key: str, text: str, field_name: str) -> int | None:
        if not text.strip():
            self.problems.append(FieldProblem(key, Problem("missing", field_name, "give a whole number of days")))
            return None
        return self.read(key, lambda: to_int(text, field_name, what="a whole number of days"))


def plan_from_form(form: FormState, identity: PlanIdentity) -> tuple[Plan | None, list[FieldProblem]]:
    """The Plan the form describes, or None and the problems of the fields that do not read."""
    r = _Reader()
    patient = r.read(None, lambda: patient_from_form(form))
    read_times = [_time(r, i, row) for i, row in enumerate(form.times)]
    times = named_times([t.name or None for t in read_times], [t.clock for t in read_times])  # a blank name follows the clock
    phases = tuple(_phase(r, i, row) for i, row in enumerate(form.phases))
    current = _current(r, form)
    review = r.whole("review", form.review, "review")
    follow_up = r.whole("follow_up", form.follow_up, "follow_up") if form.follow_up.strip() else None
    start = r.read("start_date", lambda: parse_date(form.start_date, "start_date"))
    r.read("timezone", lambda: zone(form.timezone.strip()))
    if r.problems:
        return None, r.problems
    assert patient is not None and review is not None and start is not None
    plan = Plan(
        plan_id=identity.plan_id, revision=identity.revision, profile=identity.profile, patient=patient,
        products=form.products, times=times, timezone=form.timezone.strip(), start_date=start,
        phases=phases, review_days=review, current=current,
        clinician=Clinician(form.clinician.strip(), form.contact.strip()),
        adjustments=identity.adjustments, exports=identity.exports, follow_up_days=follow_up, language=identity.language,
    )
    return plan, []


def patient_from_form(form: FormState) -> Any:
    """The patient, read by the planner's rules, as the command line reads it."""
    kidney = form.kidney
    labs = kidney == "labs"
    creatinine = form.creatinine.strip() + form.creatinine_unit if labs and form.creatinine.strip() else None
    fields: dict[str, Any] = dict(
        name=form.patient_name, age=form.age.strip() or None,
        crcl=form.crcl.strip() or None if kidney == "crcl" else None,
        weight=form.weight.strip() or None if labs else None, sex=form.sex or None if labs else None,
        creatinine=creatinine, dialysis=kidney == "dialysis", liver=form.liver,
        pregnant=form.pregnant, seizures=form.seizures, intrathecal=form.intrathecal,
        interactions=tuple(f"{k}={v}" for k, v in form.interactions),
    )
    if kidney == "crcl" and fields["crcl"] is None:
        raise PlanError(Problem("missing_crcl", "crcl", "give the creatinine clearance in mL/min, or choose 'not known'"))
    if labs:
        needed = (("age", fields["age"], "the age in years"), ("weight", fields["weight"], "the weight in kg"),
                  ("sex", fields["sex"], "the sex"), ("creatinine", creatinine, "the serum creatinine"))
        missing = [Problem("incomplete_labs", field, f"give {what} for Cockcroft-Gault, or choose another kidney option")
                   for field, value, what in needed if value is None]
        if missing:
            raise PlanError(missing)
    return read_patient(**fields)


def _time(r: _Reader, i: int, row: TimeRow) -> DoseTime:
    clock = r.read(time_key(i), lambda: read_clock(row.clock, "times"))
    return DoseTime(row.name.strip(), clock) if clock is not None else DoseTime(row.name, parse_clock("00:00"))


def _current(r: _Reader, form: FormState) -> CurrentDose | None:
    doses = None
    if form.current_doses.strip():
        parts = [r.mg("current_doses", part, "current") for part in form.current_doses.split("/")]
        if any(p is None for p in parts):
            return None
        doses = tuple(p for p in parts if p is not None)
    daily = r.mg("current_daily", form.current_daily, "from", optional=True)
    if daily is None:
        return None if doses is None else CurrentDose(sum(doses, Fraction(0)), doses)
    return CurrentDose(daily, doses)


def _phase(r: _Reader, index: int, row: PhaseRow) -> Phase:
    key = phase_key(index, "")
    zero = Fraction(0)
    if row.kind == "titrate":
        return Titration(row.id, r.mg(key + "target", row.target, "target") or zero, r.mg(key + "step", row.step, "step") or zero,
                         r.whole(key + "every", row.every, "every") or 0, r.mg(key + "start", row.start, "start", optional=True))
    if row.kind == "maintain":
        return Maintenance(row.id, r.whole(key + "days", row.days, "days") or 0)
    field_name = row.method if row.method in AMOUNT_WHAT else "step"
    amount = r.number(key + "amount", row.amount, field_name, AMOUNT_WHAT[field_name])
    return Taper(row.id, r.mg(key + "to", row.to, "to", optional=True) or zero, row.method,  # type: ignore[arg-type]
                 amount or zero, r.whole(key + "every", row.every, "every") or 0)
