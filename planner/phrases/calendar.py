"""The words of the calendar: short summaries for a phone notification, fuller descriptions.
Each function speaks the plan's language (planner.phrases.patient_voice)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from . import Voice, patient_voice
from .doses import dose_words, mg_a_day, short_units, time_name
from .plan import (
    capital,
    clause,
    clinician_line,
    day_range,
    do_not_stop,
    drug_word,
    follow_up_words,
    last_clock,
    missed_dose,
    named_plan,
    step_instruction,
    stop_instruction,
    texts,
)

if TYPE_CHECKING:
    from ..schedule import Dose, Occurrence, Schedule, Step


def discreet_word(v: Voice) -> str:
    return v._("Medicine")


def dose_summary(schedule: Schedule, dose: Dose) -> str:
    """'Baclofen 15 mg: 1 x 10 mg + 1 x 5 mg tablet'."""
    v = patient_voice(schedule)
    return v._("{drug_cap} {mg} mg: {units}").format(drug_cap=capital(drug_word(v, schedule)), mg=v.number(dose.mg), units=short_units(v, dose.units))


def discreet_summary(schedule: Schedule, kind: str, name: str, day: date) -> str:
    """'Medicine: morning dose', 'Medicine: dose changes today': nothing a glance at a locked
    phone would learn from. `kind` and `name` are an event's key (exports.calendar.ledger.Key)."""
    v = patient_voice(schedule)
    if kind == "dose":
        what = v._("{name} dose").format(name=time_name(v, name))
    elif name == "change":
        starts = day == schedule.first_day and schedule.plan.current is None
        what = v._("start today") if starts else v._("dose changes today")
    elif name == "last":
        what = v._("last day, last dose at {clock}").format(clock=last_clock(schedule.steps[-1]))
    elif name == "follow-up":
        what = v._("follow-up with your clinician")
    else:
        what = v._("review with your clinician")
    return f"{discreet_word(v)}: {what}"


def dose_description(schedule: Schedule, occurrence: Occurrence, step: Step) -> str:
    """`step`: the patient's step (planner.schedule.patient_steps) that holds the occurrence."""
    v = patient_voice(schedule)
    dose = occurrence.dose
    at = f"{occurrence.at.hour:02d}:{occurrence.at.minute:02d}"
    lines = [_take(v, dose, at), _step_line(v, schedule, step)]
    if at != dose.time.hhmm:  # in the hour the clocks skip
        lines.insert(1, v._("The clocks go forward today: this dose is at {clock} instead of {usual}.").format(clock=at, usual=dose.time.hhmm))
    return "\n".join(lines + _advice(v, schedule))


def series_description(schedule: Schedule, dose: Dose, step: Step) -> str:
    """A repeating dose's words (exports.calendar, `repeat`): the same on every day of the series."""
    v = patient_voice(schedule)
    lines = [_take(v, dose, dose.time.hhmm), _step_line(v, schedule, step)]
    return "\n".join(lines + _advice(v, schedule))


def _take(v: Voice, dose: Dose, clock: str) -> str:
    """A reminder's first line: 'Take 1 x 10 mg tablet (10 mg) at 08:00 (morning).'"""
    return v._("Take {dose} ({mg} mg) at {clock} ({name}).").format(dose=dose_words(v, dose), mg=v.number(dose.mg), clock=clock,
                                                                     name=time_name(v, dose.time.name))


def change_summary(schedule: Schedule, step: Step) -> str:
    v = patient_voice(schedule)
    if step.number == 1 and schedule.plan.current is None:
        return v._("Start {drug} today: {daily}").format(drug=drug_word(v, schedule), daily=mg_a_day(v, step.daily_mg))
    return v._("Dose changes today: {daily}").format(daily=mg_a_day(v, step.daily_mg))


def change_description(schedule: Schedule, step: Step) -> str:
    v = patient_voice(schedule)
    return "\n".join([step_instruction(v, step, schedule), _step_line(v, schedule, step), *_advice(v, schedule)])


def last_day_summary(schedule: Schedule) -> str:
    v = patient_voice(schedule)
    return v._("Last day of {drug}: last dose at {clock}").format(drug=drug_word(v, schedule), clock=last_clock(schedule.steps[-1]))


def last_day_description(schedule: Schedule) -> str:
    v = patient_voice(schedule)
    words = texts(v, schedule.profile)
    lines = [stop_instruction(v, schedule) or "",
             v._("After your last dose, get urgent medical help at once if you notice {signs}.").format(signs=clause(words.fill(words.withdrawal_signs)))]
    return "\n".join(lines + _advice(v, schedule, stopping=True))


def follow_up_summary(schedule: Schedule) -> str:
    v = patient_voice(schedule)
    return v._("Follow-up with your clinician after stopping {drug}").format(drug=drug_word(v, schedule))


def follow_up_description(schedule: Schedule) -> str:
    v = patient_voice(schedule)
    return "\n".join([follow_up_words(v, schedule) or "", *_advice(v, schedule, stopping=True)[1:]])


def review_summary(schedule: Schedule) -> str:
    v = patient_voice(schedule)
    return v._("Review with your clinician: keep taking {daily} until then").format(daily=mg_a_day(v, schedule.steps[-1].daily_mg))


def review_description(schedule: Schedule) -> str:
    from ..schedule import patient_steps

    v = patient_voice(schedule)
    return "\n".join([step_instruction(v, patient_steps(schedule)[-1], schedule), *_advice(v, schedule)])


def cancelled_summary(schedule: Schedule) -> str:
    return patient_voice(schedule)._("Cancelled: plan revised")


def cancelled_description(schedule: Schedule) -> str:
    return patient_voice(schedule)._("The plan was revised and this event is no longer part of it. Follow the new plan.")


def calendar_name(schedule: Schedule, include_name: bool, discreet: bool = False) -> str:
    """'Baclofen plan' ('Medicine plan' when discreet), or with the patient's name. Without commas,
    semicolons and backslashes: clients disagree on unescaping X-WR-CALNAME, so the name avoids
    what would need it."""
    v = patient_voice(schedule)
    what = discreet_word(v).lower() if discreet else drug_word(v, schedule)
    name = named_plan(v, what, schedule.plan.patient.name.strip() if include_name else "")
    return re.sub(r"\s*[,;\\\s]+\s*", " ", name).strip()


def _step_line(v: Voice, schedule: Schedule, step: Step) -> str:
    from ..schedule import patient_steps

    count = len(patient_steps(schedule))
    line = v._("Step {number} of {count}, {dates}, {daily}").format(number=step.number, count=count,
                                                                   dates=day_range(v, step.start, step.end), daily=mg_a_day(v, step.daily_mg))
    if step.holds_until_review and schedule.review_date is not None:
        return v._("{line}: keep taking it until your review on {day}.").format(line=line, day=v.day(schedule.review_date))
    if step.number == count and schedule.stop_date is not None:
        return f"{line}. {stop_instruction(v, schedule)}"
    return line + "."


def _advice(v: Voice, schedule: Schedule, *, stopping: bool = False) -> list[str]:
    lines = [v._("Missed dose: {rule}").format(rule=missed_dose(v, schedule.profile))]
    if not stopping:
        lines.append(do_not_stop(v) + ".")
    clinician = clinician_line(v, schedule)
    if clinician:
        lines.append(clinician)
    return lines
