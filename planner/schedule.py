"""What the planner computes: a schedule of steps, its doses in time, and its plain words."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from fractions import Fraction
from functools import cached_property
from zoneinfo import ZoneInfo

from .doses import Unit
from .errors import Problem
from .model import Adjustment, Plan
from .phrases import ENGLISH
from .phrases import plan as phrases_plan
from .phrases.doses import dose_words
from .profile import DrugProfile, Product
from .renal import RenalStatus
from .times import DoseTime, local_dose_time


@dataclass(frozen=True)
class Dose:
    time: DoseTime
    position: int
    mg: Fraction
    units: tuple[Unit, ...]

    def describe(self) -> str:
        """'1 x 10 mg tablet + 1 x 5 mg tablet' (English; the exports speak through planner.phrases)."""
        return dose_words(ENGLISH, self)


@dataclass(frozen=True)
class Step:
    number: int
    phase_id: str
    phase_kind: str
    start: date
    end: date
    daily_mg: Fraction
    doses: tuple[Dose, ...]
    holds_until_review: bool = False  # held at this dose until the review (the last step of a plan that does not stop)
    adjusted: bool = False

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def doses_per_day(self) -> int:
        return sum(1 for d in self.doses if d.mg > 0)


@dataclass(frozen=True)
class Dispense:
    product: Product
    amount: Fraction
    unit: str


@dataclass(frozen=True)
class Occurrence:
    step: Step
    dose: Dose
    day: date
    at: datetime


@dataclass(frozen=True)
class Schedule:
    plan: Plan
    steps: tuple[Step, ...]
    current: tuple[Dose, ...] | None
    stop_date: date | None
    review_date: date | None
    dispense: tuple[Dispense, ...]
    warnings: tuple[Problem, ...]
    renal: RenalStatus
    max_dose_mg: Fraction
    orphaned: tuple[Adjustment, ...] = ()
    follow_up_date: date | None = None  # set when the plan stops: a check after the last dose

    @property
    def profile(self) -> DrugProfile:
        return self.plan.profile

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.plan.timezone)

    @property
    def first_day(self) -> date:
        return self.steps[0].start

    @property
    def last_dose_day(self) -> date:
        return self.steps[-1].end

    @property
    def max_daily_mg(self) -> Fraction:
        return self.renal.max_daily_mg

    @cached_property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Every dose as an aware datetime in the plan's zone, in time order."""
        tzinfo = self.tzinfo
        result: list[Occurrence] = []
        for step in self.steps:
            taken = [d for d in step.doses if d.mg > 0]
            day = step.start
            for _ in range(step.days):
                for dose in taken:
                    result.append(Occurrence(step, dose, day, local_dose_time(day, dose.time.clock, tzinfo)))
                day = date.fromordinal(day.toordinal() + 1)
        return tuple(result)


def patient_steps(schedule: Schedule) -> tuple[Step, ...]:
    """The steps as a patient meets them: consecutive steps with the same doses (a titration's last
    step and the maintenance that holds it) become one, numbered from 1; it ends as the last one
    it joins (so a merged hold keeps its review)."""
    merged: list[Step] = []
    for step in schedule.steps:
        if merged and merged[-1].doses == step.doses:
            merged[-1] = replace(merged[-1], end=step.end, holds_until_review=step.holds_until_review, adjusted=merged[-1].adjusted or step.adjusted)
        else:
            merged.append(replace(step, number=len(merged) + 1))
    return tuple(merged)


def day_label(day: date) -> str:
    """'Tue 1 Dec', whatever the locale (the catalogue's one date formatter, in English)."""
    return ENGLISH.day(day)


def step_instruction(step: Step, schedule: Schedule) -> str:
    """The step in the patient's words, in English (the clinician's CLI shows these too)."""
    return phrases_plan.step_instruction(ENGLISH, step, schedule)


def instructions(schedule: Schedule) -> tuple[str, ...]:
    return phrases_plan.instructions(ENGLISH, schedule)
