"""Cautions that depend on the patient: how high a titration may start and how fast it may rise,
and the circumstances (age without kidney function, pregnancy, seizures, an intrathecal pump) the
clinician must weigh. Warnings only: the hard limits are in checks.py."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from .doses import grid_of
from .errors import PlanError, Problem, warning
from .model import Patient, Titration
from .numbers import ceil_to, fmt
from .profile import DrugProfile
from .renal import RenalStatus, fmt_crcl, renal_status

if TYPE_CHECKING:
    from .schedule import Schedule


@dataclass(frozen=True)
class TitrationPace:
    """The highest start and rise that pass without a warning: the label's, scaled for the kidneys."""

    start_mg: Fraction
    step_mg: Fraction
    every_days: int
    factor: Fraction
    why: str  # what scaled the label's pace down ("" when nothing did)


def titration_pace(profile: DrugProfile, patient: Patient, renal: RenalStatus, grid: Fraction) -> TitrationPace:
    """The label's start and step times the kidney band's factor, rounded up to a dose the products
    make and at least one such dose. Haemodialysis has no band, only its daily ceiling, so its
    factor is that ceiling's share of the usual maximum."""
    if renal.factor is None:
        factor = min(Fraction(1), profile.dialysis_max_daily_mg / profile.max_daily_mg)
        why = "haemodialysis"
    else:
        factor = renal.factor
        why = "" if patient.crcl_ml_min is None else f"creatinine clearance {fmt_crcl(patient.crcl_ml_min)} mL/min"
    if factor >= 1:
        return TitrationPace(profile.titration_start_mg, profile.titration_step_mg, profile.titration_every_days, Fraction(1), "")

    def scaled(label: Fraction) -> Fraction:
        return max(grid, ceil_to(label * factor, grid))

    return TitrationPace(scaled(profile.titration_start_mg), scaled(profile.titration_step_mg),
                         profile.titration_every_days, factor, why)


def default_titration(profile: DrugProfile, patient: Patient, products: tuple[str, ...]) -> tuple[Fraction, Fraction]:
    """The start and step of a titration the clinician gives none for (the label's, scaled)."""
    try:
        made = tuple(profile.product(pid) for pid in products)
    except PlanError:
        made = ()
    if not made:  # the plan is refused for its products anyway; the label's values name no product
        return profile.titration_start_mg, profile.titration_step_mg
    grid = grid_of(made)
    pace = titration_pace(profile, patient, renal_status(patient, profile, grid), grid)
    return pace.start_mg, pace.step_mg


def _above(value: Fraction, label: Fraction, pace: TitrationPace) -> str:
    if pace.factor == 1:
        return f"the label's {fmt(label)} mg a day"
    return (f"{fmt(value)} mg a day (the label's {fmt(label)} mg a day x {pace.factor.numerator}/{pace.factor.denominator} "
            f"for {pace.why}, rounded up to a dose the products make)")


def titration_warnings(schedule: Schedule) -> list[Problem]:
    """A titration that starts high, rises in big steps or changes the dose often."""
    plan, profile = schedule.plan, schedule.profile
    grid = grid_of(tuple(profile.product(pid) for pid in plan.products))
    pace = titration_pace(profile, plan.patient, schedule.renal, grid)
    found = []
    for number, phase in enumerate(plan.phases, start=1):
        steps = [s for s in schedule.steps if s.phase_id == phase.id]
        if not isinstance(phase, Titration) or not steps:
            continue
        index = schedule.steps.index(steps[0])
        before = schedule.steps[index - 1].daily_mg if index else (plan.current.daily_mg if plan.current else None)
        first = steps[0].daily_mg
        if before is None and first > pace.start_mg:
            found.append(warning("titration_start_high", "start", (
                f"starts at {fmt(first)} mg a day, above {_above(pace.start_mg, profile.titration_start_mg, pace)}"), number))
        rises = [b.daily_mg - a.daily_mg for a, b in zip(steps, steps[1:])]
        if before is not None:
            rises.insert(0, first - before)
        biggest = max(rises, default=Fraction(0))
        if biggest > pace.step_mg:
            field = "step" if phase.step_mg > pace.step_mg else "start"
            found.append(warning("titration_step_high", field, (
                f"rises by {fmt(biggest)} mg a day at once, more than {_above(pace.step_mg, profile.titration_step_mg, pace)}"),
                number))
        between = [s.days for s in steps[:-1]]  # the last step lasts until the next phase or the review
        if between and min(between) < pace.every_days:
            days = min(between)
            found.append(warning("titration_too_often", "every", (
                f"raises the dose after {days} day{'s' if days != 1 else ''}; the label raises it every "
                f"{pace.every_days} days at the soonest"), number))
    return found


def patient_warnings(schedule: Schedule) -> list[Problem]:
    """Who the patient is: what the clinician must weigh before this plan is given out."""
    plan, profile = schedule.plan, schedule.profile
    patient, drug = plan.patient, profile.name.lower()
    found = []
    if patient.age is not None and patient.age >= profile.older_age and patient.crcl_ml_min is None and not patient.dialysis:
        found.append(warning("older_no_kidney_function", "crcl", (
            f"age {patient.age} and no kidney function given: enter the creatinine clearance or the lab values, "
            "so the limits and the starting dose follow it")))
    if patient.pregnant:
        stops = schedule.stop_date is not None
        found.append(warning("pregnant" if stops else "pregnant_no_stop", "pregnant", (
            profile.clinician_text("pregnant", f"pregnant: weigh every change of {drug} with the obstetric team")
            + ("" if stops else "; this plan does not stop it"))))
    if patient.seizures:
        found.append(warning("seizures", "seizures", profile.clinician_text(
            "seizures", "history of seizures: taper slowly and watch seizure control (clinical judgement)")))
    if patient.intrathecal:
        found.append(warning("intrathecal", "intrathecal", profile.clinician_text(
            "intrathecal", f"intrathecal pump: taperplan plans oral {drug} only; the pump's dose is not planned here "
            "and is not counted in these limits")))
    return found
