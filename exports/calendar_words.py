"""The words of the calendar: short summaries for a phone notification, fuller descriptions."""

from __future__ import annotations

import re
from datetime import date

from planner import Dose, Occurrence, Schedule, Step, step_instruction
from planner.doses import Unit
from planner.numbers import fmt, fmt_count
from planner.patient_words import follow_up_words
from planner.schedule import day_label, missed_dose_rule, patient_steps, stop_instruction


def dose_summary(schedule: Schedule, dose: Dose) -> str:
    """'Baclofen 15 mg: 1 x 10 mg + 1 x 5 mg tablet'."""
    return f"{schedule.profile.name} {fmt(dose.mg)} mg: {_short_units(dose.units)}"


DISCREET_WORD = "Medicine"


def discreet_summary(schedule: Schedule, kind: str, name: str, day: date) -> str:
    """'Medicine: morning dose', 'Medicine: dose changes today': nothing a glance at a locked
    phone would learn from. `kind` and `name` are an event's key (calendar_ledger.Key)."""
    if kind == "dose":
        return f"{DISCREET_WORD}: {name} dose"
    if name == "change":
        starts = day == schedule.first_day and schedule.plan.current is None
        return f"{DISCREET_WORD}: " + ("start today" if starts else "dose changes today")
    if name == "last":
        return f"{DISCREET_WORD}: last day, last dose at {_last_clock(schedule.steps[-1])}"
    if name == "follow-up":
        return f"{DISCREET_WORD}: follow-up with your clinician"
    return f"{DISCREET_WORD}: review with your clinician"


def dose_description(schedule: Schedule, occurrence: Occurrence, step: Step) -> str:
    """`step`: the patient's step (planner.schedule.patient_steps) that holds the occurrence."""
    dose = occurrence.dose
    at = occurrence.at.strftime('%H:%M')
    lines = [f"Take {dose.describe()} ({fmt(dose.mg)} mg) at {at} ({dose.time.name}).", _step_line(schedule, step)]
    if at != dose.time.hhmm:  # in the hour the clocks skip
        lines.insert(1, f"The clocks go forward today: this dose is at {at} instead of {dose.time.hhmm}.")
    return "\n".join(lines + _advice(schedule))


def series_description(schedule: Schedule, dose: Dose, step: Step) -> str:
    """A repeating dose's words (calendar_file, `repeat`): the same on every day of the series."""
    lines = [f"Take {dose.describe()} ({fmt(dose.mg)} mg) at {dose.time.hhmm} ({dose.time.name}).", _step_line(schedule, step)]
    return "\n".join(lines + _advice(schedule))


def change_summary(schedule: Schedule, step: Step) -> str:
    if step.number == 1 and schedule.plan.current is None:
        return f"Start {schedule.profile.name.lower()} today: {fmt(step.daily_mg)} mg a day"
    return f"Dose changes today: {fmt(step.daily_mg)} mg a day"


def change_description(schedule: Schedule, step: Step) -> str:
    return "\n".join([step_instruction(step, schedule), _step_line(schedule, step), *_advice(schedule)])


def last_day_summary(schedule: Schedule) -> str:
    return f"Last day of {schedule.profile.name.lower()}: last dose at {_last_clock(schedule.steps[-1])}"


def last_day_description(schedule: Schedule) -> str:
    lines = [stop_instruction(schedule) or "",
             "After stopping, hallucinations, confusion, high fever, seizures or much stiffer muscles "
             "need urgent medical help."]
    return "\n".join(lines + _advice(schedule, stopping=True))


def follow_up_summary(schedule: Schedule) -> str:
    return f"Follow-up with your clinician after stopping {schedule.profile.name.lower()}"


def follow_up_description(schedule: Schedule) -> str:
    return "\n".join([follow_up_words(schedule) or "", *_advice(schedule, stopping=True)[1:]])


def review_summary(schedule: Schedule) -> str:
    return f"Review with your clinician: keep taking {fmt(schedule.steps[-1].daily_mg)} mg a day until then"


def review_description(schedule: Schedule) -> str:
    return "\n".join([step_instruction(patient_steps(schedule)[-1], schedule), *_advice(schedule)])


CANCELLED_SUMMARY = "Cancelled: plan revised"
CANCELLED_DESCRIPTION = "The plan was revised and this event is no longer part of it. Follow the new plan."


def calendar_name(schedule: Schedule, include_name: bool, discreet: bool = False) -> str:
    """'Baclofen plan' ('Medicine plan' when discreet), or with the patient's name. Without commas,
    semicolons and backslashes: clients disagree on unescaping X-WR-CALNAME, so the name avoids
    what would need it."""
    patient = schedule.plan.patient.name.strip()
    name = f"{DISCREET_WORD if discreet else schedule.profile.name} plan" + (f" for {patient}" if include_name and patient else "")
    return re.sub(r"\s*[,;\\\s]+\s*", " ", name).strip()


def _step_line(schedule: Schedule, step: Step) -> str:
    count = len(patient_steps(schedule))
    line = f"Step {step.number} of {count}, {_day_range(step.start, step.end)}, {fmt(step.daily_mg)} mg a day"
    if step.maintenance and schedule.review_date is not None:
        return f"{line}: keep taking it until your review on {day_label(schedule.review_date)}."
    if step.number == count and schedule.stop_date is not None:
        return f"{line}. {stop_instruction(schedule)}"
    return line + "."


def _advice(schedule: Schedule, *, stopping: bool = False) -> list[str]:
    lines = [missed_dose_rule(schedule.profile)]
    if not stopping:
        lines.append("Do not stop suddenly.")
    clinician = schedule.plan.clinician
    contact = ", ".join(x.strip() for x in (clinician.name, clinician.contact) if x.strip())
    if contact:
        lines.append(f"Clinician: {contact}")
    return lines


def _day_range(first: date, last: date) -> str:
    """'4 Dec', '4-6 Dec', '30 Nov-2 Dec', '30 Dec 2026-2 Jan 2027'."""
    if first == last:
        return f"{first.day} {first:%b}"
    if first.year != last.year:
        return f"{first.day} {first:%b %Y}-{last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b}-{last.day} {last:%b}"
    return f"{first.day}-{last.day} {last:%b}"


def _last_clock(step: Step) -> str:
    return max(d.time.hhmm for d in step.doses if d.mg > 0)


def _short_units(units: tuple[Unit, ...]) -> str:
    """Counted units of one form share their noun: '1 x 10 mg + 1 x 5 mg tablet'."""
    parts: list[str] = []
    for i, unit in enumerate(units):
        product = unit.product
        if product.is_liquid:
            parts.append(unit.describe())
            continue
        text = f"{fmt_count(unit.count)} x {fmt(product.strength_mg)} mg"
        following = units[i + 1] if i + 1 < len(units) else None
        if following is None or following.product.form != product.form:
            noun = "tablet" if product.form == "tablet" else "granule packet"
            text += f" {noun}" + ("s" if unit.count > 1 else "")
        parts.append(text)
    return " + ".join(parts)
