"""What a clinician decides: the plan. Immutable; every change makes a new Plan."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from .profile import DrugProfile
from .times import DoseTime

TaperMethod = Literal["step", "percent", "weeks"]
Sex = Literal["female", "male"]
CreatinineUnit = Literal["mg/dL", "umol/L"]


@dataclass(frozen=True)
class LabValues:
    """Inputs for Cockcroft-Gault; the plan keeps them so the clearance can be traced."""

    weight_kg: Fraction
    sex: Sex
    creatinine: Fraction
    unit: CreatinineUnit


@dataclass(frozen=True)
class Patient:
    name: str = ""
    age: int | None = None
    crcl_ml_min: Fraction | None = None
    labs: LabValues | None = None  # when set, crcl_ml_min was computed from them
    dialysis: bool = False
    liver: bool = False
    pregnant: bool = False
    seizures: bool = False  # a history of seizures
    intrathecal: bool = False  # also has an intrathecal pump, whose dose this tool does not plan
    interactions: tuple[tuple[str, str], ...] = ()  # (question id, answer) for the profile's interaction questions


@dataclass(frozen=True)
class Titration:
    """Up to `target_mg` a day by `step_mg` every `every_days`. Without `start_mg` the first step
    is the previous dose plus one step."""

    id: str
    target_mg: Fraction
    step_mg: Fraction
    every_days: int
    start_mg: Fraction | None = None
    kind: Literal["titrate"] = "titrate"


@dataclass(frozen=True)
class Maintenance:
    """Hold the current dose for `days` (until the review when it is the last phase)."""

    id: str
    days: int
    kind: Literal["maintain"] = "maintain"


@dataclass(frozen=True)
class Taper:
    """Down to `to_mg` a day (0 = stop). `amount` is mg a day, a percentage, or weeks."""

    id: str
    to_mg: Fraction
    method: TaperMethod
    amount: Fraction
    every_days: int
    kind: Literal["taper"] = "taper"


Phase = Titration | Maintenance | Taper


@dataclass(frozen=True)
class CurrentDose:
    """What the patient takes now: a daily total, optionally as per-time doses."""

    daily_mg: Fraction
    doses: tuple[Fraction, ...] | None = None


@dataclass(frozen=True)
class Adjustment:
    """A clinician's change to one step, anchored to its phase, the date the step starts and
    its daily dose as the phases alone lay it out; so an edit elsewhere cannot move it to
    another step. `days` lengthens (or shortens, negative) the step; `doses` replaces its
    per-time doses."""

    phase_id: str
    step_start: date
    step_daily_mg: Fraction
    days: int = 0
    doses: tuple[Fraction, ...] | None = None

    def describe(self) -> str:
        from .numbers import fmt

        what = []
        if self.days:
            what.append(f"{'lengthen' if self.days > 0 else 'shorten'} by {abs(self.days)} day{'s' if abs(self.days) != 1 else ''}")
        if self.doses is not None:
            what.append("doses set to " + "/".join(fmt(d) for d in self.doses) + " mg")
        return f"step of {fmt(self.step_daily_mg)} mg a day from {self.step_start.isoformat()} ({self.phase_id}): {', '.join(what)}"


@dataclass(frozen=True)
class Clinician:
    name: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Plan:
    plan_id: str
    revision: int
    profile: DrugProfile
    patient: Patient
    products: tuple[str, ...]
    times: tuple[DoseTime, ...]
    timezone: str
    start_date: date
    phases: tuple[Phase, ...]
    review_days: int
    current: CurrentDose | None = None
    clinician: Clinician = Clinician()
    adjustments: tuple[Adjustment, ...] = ()
    exports: dict[str, Any] = field(default_factory=dict, compare=True)
    follow_up_days: int | None = None  # after the last dose of a plan that stops; None: the profile's
    language: str = "en"  # the patient's: the handout, calendar and text export speak it

    @property
    def follow_up(self) -> int:
        return self.profile.follow_up_days if self.follow_up_days is None else self.follow_up_days

    def replace(self, **changes: Any) -> Plan:
        return dataclasses.replace(self, **changes)

    def next_phase_id(self) -> str:
        return next_phase_id([p.id for p in self.phases], self.adjustments)


def next_phase_id(phase_ids: Iterable[str], adjustments: Iterable[Adjustment]) -> str:
    """A phase id used by no phase and no adjustment: an orphaned adjustment must not attach
    itself to a new phase that happens to get its old phase's id."""
    used = set(phase_ids) | {a.phase_id for a in adjustments}
    n = 1
    while f"p{n}" in used:
        n += 1
    return f"p{n}"
