"""The clinical checks: errors that stop a schedule and warnings that travel with it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from . import cautions, drug_rules
from .bounds import MAX_CONTACT_CHARS, MAX_DOSE_EVENTS, MAX_NAME_CHARS, MAX_PLAN_DAYS, MAX_PLAN_ID_CHARS, MAX_PLAN_STEPS
from .doses import finer_product, grid_of, split_daily
from .errors import PlanError, Problem, error, warning
from .makeable import split_makeable
from .model import Plan, Taper, Titration
from .numbers import ceil_to, fmt
from .patient_input import creatinine_problem
from .phrases import ENGLISH
from .phrases.plan import warning_words
from .profile import Product
from .renal import RenalStatus
from .text import first_unsafe, unsafe_char
from .times import MAX_PLAN_DATE, MIN_PLAN_DATE, UTC_NAMES
from .trust import profile_warning

if TYPE_CHECKING:
    from .schedule import Schedule


def patient_errors(plan: Plan) -> list[Problem]:
    patient, profile = plan.patient, plan.profile
    problems = []
    if patient.age is not None:
        if patient.age < profile.min_age:
            problems.append(error("under_age", "age", f"{patient.age} years; this tool is for adults of {profile.min_age} or over"))
        elif patient.age > 130:
            problems.append(error("bad_age", "age", f"{patient.age} years is not a real age"))
    if patient.crcl_ml_min is not None and not 0 < patient.crcl_ml_min <= 300:
        problems.append(error("bad_crcl", "crcl", f"{fmt(patient.crcl_ml_min)} mL/min; give a clearance above 0 and up to 300"))
    if patient.dialysis and patient.crcl_ml_min is not None:
        problems.append(error("crcl_and_dialysis", "crcl", "give a creatinine clearance or dialysis, not both"))
    if patient.labs is not None:
        implausible = creatinine_problem(patient.labs.creatinine, patient.labs.unit)
        if implausible is not None:
            problems.append(implausible)
    if patient.pregnant and patient.labs is not None and patient.labs.sex == "male":
        problems.append(error("pregnant_male", "pregnant", "pregnant, but the lab values give the sex as male; check both"))
    return problems


def text_errors(plan: Plan) -> list[Problem]:
    """Names and contacts: bounded, and free of control and direction-changing characters, which
    would reach a terminal, a text export or a calendar unseen."""
    found = []
    for field, label, text, most in (("patient", "patient's name", plan.patient.name, MAX_NAME_CHARS),
                                     ("clinician", "clinician's name", plan.clinician.name, MAX_NAME_CHARS),
                                     ("contact", "contact", plan.clinician.contact, MAX_CONTACT_CHARS)):
        if len(text) > most:
            found.append(error("text_too_long", field, f"the {label} is {len(text)} characters; at most {most}"))
        bad = first_unsafe(text)
        if bad is not None:
            found.append(error("control_character", field, f"the {label} holds the control character U+{ord(bad):04X}; use plain text"))
    if not 1 <= len(plan.plan_id) <= MAX_PLAN_ID_CHARS or any(unsafe_char(c) or c.isspace() for c in plan.plan_id):
        found.append(error("bad_plan_id", "plan_id", f"a plan id is 1 to {MAX_PLAN_ID_CHARS} characters of plain text"))
    if not MIN_PLAN_DATE <= plan.start_date <= MAX_PLAN_DATE:
        found.append(error("bad_date", "start_date", f"{plan.start_date.isoformat()} is outside {MIN_PLAN_DATE.year} to {MAX_PLAN_DATE.year}"))
    return found


def size_errors(steps: int, days: int, dose_events: int) -> None:
    """A plan is bounded before anything is exported from it: every dose is a calendar event and a tick box."""
    for count, most, what in ((steps, MAX_PLAN_STEPS, "steps"), (days, MAX_PLAN_DAYS, "days"), (dose_events, MAX_DOSE_EVENTS, "doses")):
        if count > most:
            raise PlanError(error("plan_too_long", "phases", f"the plan has {count:,} {what}; at most {most:,}: use larger steps or fewer days"))


def limit_errors(renal: RenalStatus, max_dose: Fraction, steps: list[tuple[tuple[Fraction, ...], bool, int, str]], phase_count: int) -> None:
    """Limits bind every dose that is not a taper's cut; a cut above them is only a warning.
    Each step names the field that set its dose (target, to, doses)."""
    bound = [(doses, phase_number, field) for doses, reduction, phase_number, field in steps if not reduction]
    if bound:
        doses, phase_number, field = max(bound, key=lambda item: sum(item[0], Fraction(0)))
        daily = sum(doses, Fraction(0))
        if daily > renal.max_daily_mg:
            where = f"in phase {phase_number}, " if phase_count > 1 else ""
            reason = f" ({renal.reason})" if renal.reason else ""
            raise PlanError(error("above_daily_max", field, f"{where}{fmt(daily)} mg a day is above the daily maximum of {fmt(renal.max_daily_mg)} mg a day{reason}", phase_number))
    for doses, phase_number, field in bound:
        for dose in doses:
            if dose > max_dose:
                where = f"in phase {phase_number}, " if phase_count > 1 else ""
                raise PlanError(error("above_dose_max", field, f"{where}a single dose of {fmt(dose)} mg is above the {fmt(max_dose)} mg maximum per dose; add a dose time or lower the dose", phase_number))


def warnings_for(schedule: Schedule, reductions: list[bool]) -> tuple[Problem, ...]:
    plan, profile, renal = schedule.plan, schedule.profile, schedule.renal
    patient = plan.patient
    found: list[Problem] = []
    untrusted = profile_warning(profile)
    if untrusted is not None:
        found.append(untrusted)
    found += _taper_warnings(schedule, reductions)
    found += _percent_warnings(schedule)
    found += _step_warnings(schedule)
    if renal.reduced and not patient.dialysis:
        found.append(warning("renal_band", "crcl", renal.describe))
    band = renal.band
    if band is not None and (band.avoid or band.warning) and not patient.dialysis:
        found.append(warning("renal_avoid" if band.avoid else "renal_note", "crcl",
                             band.warning or f"creatinine clearance is very low: avoid {profile.name.lower()} if possible"))
    if patient.dialysis:
        found.append(warning("dialysis", "dialysis", f"{renal.describe}; "
                             + profile.clinician_text("dialysis", f"avoid {profile.name.lower()} in dialysis if possible")))
    if patient.liver:
        found.append(warning("liver", "liver", profile.clinician_text("liver", "liver impairment: use with caution")))
    if patient.age is not None and patient.age >= profile.older_age:
        found.append(warning("older_adult", "age", f"age {patient.age}: use a very cautious dose schedule"))
        first = schedule.steps[0]
        if (isinstance(plan.phases[0], Titration) and patient.crcl_ml_min is not None
                and patient.crcl_ml_min < profile.older_low_crcl_ml_min and first.daily_mg >= profile.older_start_mg):
            found.append(warning("older_low_crcl_high_start", "start", (
                f"starting at {fmt(first.daily_mg)} mg a day at age {patient.age} with clearance below "
                f"{fmt(profile.older_low_crcl_ml_min)} mL/min: "
                + profile.clinician_text("older_low_crcl_high_start", "a high start for this age and kidney function"))))
    if renal.reduced:
        short = [s for s in schedule.steps[:-1] if s.days < profile.settle_days]
        if short:
            found.append(warning("renal_short_steps", "every", (
                f"{len(short)} {'step lasts' if len(short) == 1 else 'steps last'} less than {profile.settle_days} days with reduced kidney function; "
                + profile.clinician_text("renal_short_steps", "give each change time to settle"))))
    if plan.timezone in UTC_NAMES:
        found.append(warning("utc_timezone", "timezone", f"{plan.timezone}: is this the patient's time zone?"))
    for adj in schedule.orphaned:
        found.append(warning("orphaned_adjustment", "adjustments", f"{adj.describe()} no longer matches a step and is not applied"))
    found += _adjustment_warnings(schedule)
    found += cautions.titration_warnings(schedule)
    found += cautions.patient_warnings(schedule)
    found += drug_rules.warnings_for(schedule)
    return tuple(w if w.patient else replace(w, patient=warning_words(ENGLISH, w.code, profile)) for w in found)


def _taper_warnings(schedule: Schedule, reductions: list[bool]) -> list[Problem]:
    plan, profile = schedule.plan, schedule.profile
    found = []
    previous = plan.current.daily_mg if plan.current else None
    above: list[str] = []
    if previous is not None and isinstance(plan.phases[0], Taper) and previous > schedule.max_daily_mg:
        above.append(f"the current {fmt(previous)} mg a day is above the daily maximum of {fmt(schedule.max_daily_mg)} mg")
    for step, reduction in zip(schedule.steps, reductions):
        if reduction and not above:
            if step.daily_mg > schedule.max_daily_mg:
                above.append(f"{fmt(step.daily_mg)} mg a day from {step.start.isoformat()} is above the daily maximum of {fmt(schedule.max_daily_mg)} mg")
            elif any(d.mg > schedule.max_dose_mg for d in step.doses):
                biggest = max(d.mg for d in step.doses)
                above.append(f"a single dose of {fmt(biggest)} mg from {step.start.isoformat()} is above the {fmt(schedule.max_dose_mg)} mg maximum per dose")
        if previous is not None and step.daily_mg < previous and step.daily_mg * 2 < previous:
            found.append(warning("big_cut", "step", f"the cut on {step.start.isoformat()} from {fmt(previous)} to {fmt(step.daily_mg)} mg a day is more than half the dose",
                                 _phase_number(plan, step.phase_id)))
        previous = step.daily_mg
    if above:
        found.append(warning("taper_above_limit", "from", f"this taper starts above the patient's limits: {above[0]}; later steps never rise above it"))
    last_taper = plan.phases[-1]
    if schedule.stop_date is not None and isinstance(last_taper, Taper):
        taper_steps = [s for s in schedule.steps if s.phase_id == last_taper.id]
        index = schedule.steps.index(taper_steps[0])
        start_dose = schedule.steps[index - 1].daily_mg if index else (plan.current.daily_mg if plan.current else taper_steps[0].daily_mg)
        days = (schedule.stop_date - taper_steps[0].start).days
        needed = profile.taper_long_min_days if start_dose >= profile.taper_long_from_mg else profile.taper_min_days
        if days < needed:
            found.append(warning("taper_too_fast", "every", (
                f"this taper stops after {days} days; from {fmt(start_dose)} mg a day take at least {needed} days "
                f"({profile.clinician_text('taper_too_fast', 'stopping fast can cause withdrawal')})"), len(plan.phases)))
    return found


def _percent_warnings(schedule: Schedule) -> list[Problem]:
    """A percent taper whose products force some cuts above the percentage asked (the grid, or a
    dose they cannot make) says so once: from which dose, how large, and which product would
    allow the finer steps (the reference: fine steps need a liquid)."""
    plan = schedule.plan
    products = tuple(schedule.profile.product(p) for p in plan.products)
    grid = grid_of(products)
    found = []
    previous = plan.current.daily_mg if plan.current else None
    for number, phase in enumerate(plan.phases, start=1):
        steps = [s for s in schedule.steps if s.phase_id == phase.id]
        if isinstance(phase, Taper) and phase.method == "percent" and previous is not None:
            cuts = [(before, after) for before, after in zip([previous] + [s.daily_mg for s in steps], [s.daily_mg for s in steps])]
            forced = [(before, after) for before, after in cuts if before - after > before * phase.amount / 100]
            if forced:
                found.append(warning("percent_not_honoured", "percent", _forced_cut_words(schedule, phase.amount, products, grid, cuts, forced), number))
        if steps:
            previous = steps[-1].daily_mg
    return found


def _step_warnings(schedule: Schedule) -> list[Problem]:
    """A step taper whose products cannot keep the step asked (a cut made smaller, then a larger
    one to catch up) says so once per phase, naming the step and the cuts that differ. Cuts to or
    from a step whose doses were set by hand are left to the adjustment warnings."""
    plan = schedule.plan
    products = tuple(schedule.profile.product(p) for p in plan.products)
    grid, n = grid_of(products), len(plan.times)
    hand_set = {(a.phase_id, a.doses) for a in plan.adjustments if a.doses is not None and a not in schedule.orphaned}
    found = []
    previous = plan.current.daily_mg if plan.current else None
    for number, phase in enumerate(plan.phases, start=1):
        steps = [s for s in schedule.steps if s.phase_id == phase.id]
        if isinstance(phase, Taper) and phase.method == "step" and previous is not None and steps:
            points = [(previous, False, steps[0].start)] + [
                (s.daily_mg, (s.phase_id, tuple(d.mg for d in s.doses)) in hand_set, s.start) for s in steps]
            if schedule.stop_date is not None and phase is plan.phases[-1]:
                points.append((Fraction(0), False, schedule.stop_date))
            differ = [(before, after, on) for k, ((before, set_before, _), (after, set_after, on)) in enumerate(zip(points, points[1:]))
                      if not (set_before or set_after)
                      and (before - after > phase.amount or (before - after != phase.amount and k < len(points) - 2))]
            if differ:
                found.append(warning("taper_step_not_kept", "step", _step_words(phase.amount, differ, products, grid, n), number))
        if steps:
            previous = steps[-1].daily_mg
    return found


def _step_words(step: Fraction, differ: list[tuple[Fraction, Fraction, date]], products: tuple[Product, ...], grid: Fraction, n: int) -> str:
    ids = ", ".join(p.id for p in products)
    cuts = ", ".join(f"{fmt(before)} to {fmt(after)} mg a day on {on.isoformat()} (a cut of {fmt(before - after)} mg)" for before, after, on in differ)
    text = f"the {fmt(step)} mg step asked is not kept: {cuts}"
    asked = differ[0][0] - step
    if asked > 0:
        times = f"{n} dose{'s' if n > 1 else ''}"
        if split_makeable(asked, n, grid, products) is None:
            text += f"; {fmt(asked)} mg a day cannot be made from {ids} in {times}"
        else:
            text += f"; {fmt(asked)} mg a day cannot be made from {ids} in {times} that do not rise above the doses before"
    return text


def _forced_cut_words(schedule: Schedule, percent: Fraction, products: tuple[Product, ...], grid: Fraction,
                      cuts: list[tuple[Fraction, Fraction]], forced: list[tuple[Fraction, Fraction]]) -> str:
    ids = ", ".join(p.id for p in products)
    largest = max(round((before - after) * 100 / before) for before, after in forced)
    first = forced[0][0]
    if first == cuts[0][0]:
        text = f"with {ids} (smallest step {fmt(grid)} mg) no cut of this taper can be as small as {fmt(percent)} %: every cut is larger, up to {largest} %"
    else:
        below = next(before for before, after in cuts if after == first)
        text = (f"with {ids} (smallest step {fmt(grid)} mg) cuts of {fmt(percent)} % cannot be made below {fmt(below)} mg a day: "
                f"from {fmt(first)} mg a day the cuts are larger, up to {largest} %")
    finer = finer_product(schedule.profile, products)
    if finer is not None:
        finer_grid = grid_of((*products, finer))
        text += f"; adding {finer.id} (steps of {fmt(finer_grid)} mg) allows {fmt(percent)} % cuts down to {fmt(ceil_to(finer_grid * 100 / percent, finer_grid))} mg a day"
    return text


def _phase_number(plan: Plan, phase_id: str) -> int | None:
    return next((i for i, p in enumerate(plan.phases, start=1) if p.id == phase_id), None)


def _adjustment_warnings(schedule: Schedule) -> list[Problem]:
    found = []
    steps = schedule.steps
    grid = grid_of(tuple(schedule.profile.product(p) for p in schedule.plan.products))
    for step in steps:
        per_time = tuple(d.mg for d in step.doses)
        if step.adjusted and (step.daily_mg / grid).denominator == 1 and split_daily(step.daily_mg, len(per_time), grid) != per_time:
            found.append(warning("adjusted_split", "adjustments", f"the doses set by hand on {step.start.isoformat()} depart from the usual split (bedtime first)"))
    for before, after in zip(steps, steps[1:]):
        if after.phase_kind != "taper" or not (before.adjusted or after.adjusted):
            continue
        if after.daily_mg > before.daily_mg or any(a.mg > b.mg for a, b in zip(after.doses, before.doses)):
            found.append(warning("taper_dose_rises", "adjustments", f"a dose rises on {after.start.isoformat()} during a taper"))
    return found
