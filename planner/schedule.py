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
from .numbers import fmt
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
        if not self.units:
            return "no dose"
        return " + ".join(u.describe() for u in self.units)


@dataclass(frozen=True)
class Step:
    number: int
    phase_id: str
    phase_kind: str
    start: date
    end: date
    daily_mg: Fraction
    doses: tuple[Dose, ...]
    maintenance: bool = False
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
            merged[-1] = replace(merged[-1], end=step.end, maintenance=step.maintenance, adjusted=merged[-1].adjusted or step.adjusted)
        else:
            merged.append(replace(step, number=len(merged) + 1))
    return tuple(merged)


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date) -> str:
    """'Tue 1 Dec': the weekday and date as a patient reads them (English, whatever the locale)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def dose_words(doses: tuple[Dose, ...]) -> str:
    """'take 1 x 5 mg tablet at 08:00 and 14:00; 1 x 10 mg tablet at 21:00'."""
    groups: list[tuple[str, list[str]]] = []
    for dose in doses:
        if dose.mg == 0:
            continue
        what = dose.describe()
        for existing, clocks in groups:
            if existing == what:
                clocks.append(dose.time.hhmm)
                break
        else:
            groups.append((what, [dose.time.hhmm]))
    parts = [f"{what} at {_join(clocks)}" for what, clocks in groups]
    skipped = [d.time.hhmm for d in doses if d.mg == 0]
    text = "take " + "; ".join(parts)
    if skipped:
        text += f"; no dose at {_join(skipped)}"
    return text


def step_instruction(step: Step, schedule: Schedule) -> str:
    total = f"({fmt(step.daily_mg)} mg a day)"
    if step.maintenance and schedule.review_date is not None:
        return (f"From {day_label(step.start)} until your review on {day_label(schedule.review_date)}: "
                f"{dose_words(step.doses)} {total}. Continue until your review; do not stop suddenly.")
    if step.days == 1:
        when = f"On {day_label(step.start)}"
    else:
        when = f"From {day_label(step.start)} to {day_label(step.end)}"
    return f"{when}: {dose_words(step.doses)} {total}."


def stop_instruction(schedule: Schedule) -> str | None:
    if schedule.stop_date is None:
        return None
    last = schedule.steps[-1]
    last_clock = max(d.time.hhmm for d in last.doses if d.mg > 0)
    return (f"Your last dose is on {day_label(last.end)} at {last_clock}. "
            f"From {day_label(schedule.stop_date)} take no more {schedule.profile.name.lower()}.")


def missed_dose_rule(profile: DrugProfile) -> str:
    return (f"Missed dose: take it when you remember; if your next dose is due within {profile.missed_dose_hours} hours, "
            "skip it. Never take two doses at once.")


def instructions(schedule: Schedule) -> tuple[str, ...]:
    lines = [step_instruction(step, schedule) for step in patient_steps(schedule)]
    stop = stop_instruction(schedule)
    if stop:
        lines.append(stop)
    return tuple(lines)
