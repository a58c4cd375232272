"""The handout's words: the summary, the table's dates, headings and labels, the pharmacist's notes,
the tracker's last line and the footer. The handout package (exports.handout) lays them out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from . import CATALOGUE_VERSION, Voice, patient_voice
from .doses import mg_a_day, regimen_words
from .plan import capital, do_not_stop, drug_word, follow_up_words, limit_reason, patient_notes, safety_rules, stay_safe

if TYPE_CHECKING:
    from ..schedule import Schedule, Step

_YEAR_AFTER_DAYS = 300


def label(v: Voice, key: str) -> str:
    """The handout's fixed headings and labels, by key."""
    labels = {
        "patient": v._("Patient"), "issued": v._("Issued"), "clinician": v._("Clinician"), "contact": v._("Contact number"),
        "medicine": v._("Your medicine"), "stay_safe": stay_safe(v), "chart": v._("Your daily dose over time"),
        "pharmacist": v._("For the pharmacist"), "tracker": v._("Tick each dose when you take it"),
        "table": v._("Your doses, step by step"), "dates": v._("Dates"), "your_doses": v._("Your doses"),
        "total": v._("Total a day"), "current": v._("Your current dose"), "date": v._("Date"),
        "chart_x": v._("date"), "chart_y": v._("mg a day"), "review": v._("review"), "stop": v._("stop"),
        "note": v._("Note on this plan"),
        "tracker_note": v._("Tick the box as soon as you have taken the dose. A thick line and bold print mark the day "
                            "your dose changes. Weekends are shaded."),
    }
    return labels[key]


def title(v: Voice, schedule: Schedule) -> str:
    return v._("Your {drug} plan").format(drug=drug_word(v, schedule))


def step_heading(v: Voice, step: Step, schedule: Schedule) -> str:
    if step.holds_until_review and schedule.review_date is not None:
        return v._("Step {number}").format(number=step.number)
    return v.ngettext("Step {number}: {days} day", "Step {number}: {days} days", step.days).format(number=step.number, days=step.days)


def step_dates(v: Voice, step: Step, schedule: Schedule) -> list[str]:
    """The date lines of one row of the step table."""
    if step.holds_until_review and schedule.review_date is not None:
        return [v.day(step.start, year=True), v._("until your review on {day}").format(day=v.day(schedule.review_date, year=True))]
    if step.days == 1:
        return [v._("{day} only").format(day=v.day(step.start, year=True))]
    return [v.day(step.start, year=True), until(v, step.end)]


def until(v: Voice, day: date) -> str:
    """'to Wed 30 Dec 2026'."""
    return v._("to {day}").format(day=v.day(day, year=True))


def stop_row(v: Voice, schedule: Schedule) -> tuple[str, str]:
    assert schedule.stop_date is not None
    return (v._("From {day}").format(day=v.day(schedule.stop_date, year=True)),
            v._("Stop: take no more {drug}.").format(drug=drug_word(v, schedule)))


def _phase_groups(steps: tuple[Step, ...]) -> list[list[Step]]:
    groups: list[list[Step]] = []
    for step in steps:
        if groups and groups[-1][0].phase_id == step.phase_id:
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups


def summary(schedule: Schedule) -> str:
    """The plan in a few plain sentences, one or two per phase."""
    from ..schedule import patient_steps  # the schedule imports this catalogue

    v = patient_voice(schedule)
    groups = _phase_groups(schedule.steps)

    def when(day: date) -> str:  # the year only where the month alone could mislead
        return v.day(day, year=(day - schedule.first_day).days > _YEAR_AFTER_DAYS)

    merged = patient_steps(schedule)

    def taken_from(step: Step) -> date:  # a hold of the dose the step before reached starts where that dose does
        return next(m.start for m in merged if m.start <= step.start <= m.end)

    sentences: list[str] = []
    for steps in groups:
        moving = [s for s in steps if not s.holds_until_review]
        hold = steps[-1] if steps[-1].holds_until_review else None
        stops = bool(moving) and moving[-1] is schedule.steps[-1] and schedule.stop_date is not None
        if moving:
            sentences.append(_moving_sentence(v, moving, stops, when, taken_from))
        if stops:
            sentences[-1] = sentences[-1].rstrip(".") + "; " + v._("your last dose is on {day}. Do not stop sooner.").format(
                day=when(moving[-1].end))
        if hold is not None and schedule.review_date is not None:
            sentences.append(v._("From {start} take {regimen}, and keep taking it until your review on {review}.").format(
                start=when(taken_from(hold)), regimen=regimen_words(v, hold.doses), review=when(schedule.review_date))
                + " " + do_not_stop(v) + ".")
    if schedule.follow_up_date is not None:
        year = (schedule.follow_up_date - schedule.first_day).days > _YEAR_AFTER_DAYS
        sentences.append(follow_up_words(v, schedule, year=year) or "")
    return " ".join(sentences)


def _span(v: Voice, start: str, end: str | None) -> str:
    return v._("From {start}").format(start=start) if end is None else v._("From {start} to {end}").format(start=start, end=end)


def _moving_sentence(v: Voice, moving: list[Step], stops: bool, when: Callable[[date], str],
                     taken_from: Callable[[Step], date]) -> str:
    first, last = moving[0], moving[-1]
    if len(moving) == 1 or first.phase_kind == "maintain":
        start = when(taken_from(first))
        span = _span(v, start, None if stops else when(last.end))  # a stopping taper names its last day in the same sentence
        return v._("{span} take {regimen}.").format(span=span, regimen=regimen_words(v, first.doses))
    # Changes run to the day of the last one, not to the end of the dose it reaches.
    span = _span(v, when(first.start), None if stops else when(last.start))
    lengths = {s.days for s in moving}
    if len(lengths) == 1:
        days = lengths.pop()
        rhythm = v.ngettext("every day", "every {days} days", days).format(days=days)
    else:
        rhythm = v._("in {count} steps").format(count=len(moving))
    text = v._("{span} your dose goes up {rhythm}.") if first.phase_kind == "titrate" else v._("{span} your dose goes down {rhythm}.")
    return text.format(span=span, rhythm=rhythm)


def safety_items(schedule: Schedule) -> list[tuple[str, str]]:
    """(heading, text) pairs for the safety box: the shared safety rules, the patient's notes last."""
    v = patient_voice(schedule)
    return safety_rules(v, schedule) + [(label(v, "note"), note) for note in patient_notes(v, schedule)]


def pharmacist_notes(schedule: Schedule, *, profile_warnings: list[str]) -> tuple[str, list[str]]:
    """The line before the dispensing table, and the notes under it."""
    v = patient_voice(schedule)
    intro = v._("To dispense for every dose from {first} to {last}:").format(
        first=v.day(schedule.first_day, year=True), last=v.day(schedule.last_dose_day, year=True))
    notes = []
    doses = [d for s in schedule.steps for d in s.doses]
    parts = {u.count.denominator for d in doses for u in d.units}
    if 4 in parts:
        notes.append(v._("Half and quarter tablets are pooled across the whole plan and the total is rounded up once."))
    elif 2 in parts:
        notes.append(v._("Half tablets are paired across the whole plan and the total is rounded up once."))
    if schedule.current is not None:
        notes.append(v._("Tablets for the current dose, before the plan starts, are not included."))
    reason = limit_reason(v, schedule.renal)  # the handout travels with the patient: no factors or clearances
    highest = v._("Highest dose in this plan: {daily} mg a day, {dose} mg at one time. Limit for this patient: "
                  "{max_daily} mg a day, {max_dose} mg at one time").format(
        daily=v.number(max(s.daily_mg for s in schedule.steps)), dose=v.number(max(d.mg for d in doses)),
        max_daily=v.number(schedule.max_daily_mg), max_dose=v.number(schedule.max_dose_mg))
    notes.append(highest + (f" ({reason})." if reason else "."))
    notes += [v._("Check the limits: {problem}.").format(problem=message) for message in profile_warnings]
    return intro, notes


def tracker_end(schedule: Schedule) -> str:
    v = patient_voice(schedule)
    drug = drug_word(v, schedule)
    if schedule.stop_date is not None:
        end = v._("From {day}: take no more {drug}.").format(day=v.day(schedule.stop_date, year=True), drug=drug)
        follow_up = follow_up_words(v, schedule, year=True)
        return end + (" " + follow_up if follow_up else "")
    assert schedule.review_date is not None
    return v._("{day}: your review. Do not stop {drug} after this date unless your clinician tells you to.").format(
        day=v.day(schedule.review_date, year=True), drug=drug)


def moved_dose(v: Voice, usual: str, clock: str) -> str:
    return v._("the {usual} dose at {clock}").format(usual=usual, clock=clock)


def clocks_forward(v: Voice, moved: list[str]) -> str:
    return v._("The clocks go forward today: take {doses}.").format(doses=v._(" and ").join(moved))


def page_label(v: Voice, page: int, pages: int) -> str:
    return v._("Page {page} of {pages}").format(page=page, pages=pages)


def provenance(schedule: Schedule, issued: date, *, untrusted: bool) -> str:
    v = patient_voice(schedule)
    plan = schedule.plan
    text = v._("Plan {plan_id}, revision {revision}. Drug profile {drug} {version}").format(
        plan_id=plan.plan_id, revision=plan.revision, drug=schedule.profile.drug, version=schedule.profile.version)
    if untrusted:
        text += " " + v._("(NOT the bundled profile: check the limits)")
    text += ". " + v._("Issued {day}.").format(day=v.day(issued, year=True))
    text += " " + v._("Wording {version} ({language}).").format(version=CATALOGUE_VERSION, language=v.language)
    return text




__all__ = ["capital", "mg_a_day"]
