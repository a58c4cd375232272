"""The handout's plain words: dates, doses, the summary, the safety rules, what to dispense.

Pure functions of a schedule (no drawing), so the wording can be read and tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from planner import Dose, Schedule, Step
from planner.doses import Unit
from planner.numbers import fmt, fmt_count
from planner.patient_words import follow_up_words, safety_rules, used_products
from planner.profile import Product
from planner.render import patient_notes
from planner.schedule import day_label, patient_steps

_YEAR_AFTER_DAYS = 300
_TIMES_A_DAY = {1: "once a day", 2: "twice a day", 3: "three times a day", 4: "four times a day"}


def day_text(day: date, *, year: bool = True) -> str:
    """'Tue 1 Dec 2026' (or 'Tue 1 Dec'): weekday and date, the month as a word so no reader
    takes 1/12 for 12 January."""
    text = day_label(day)
    return f"{text} {day.year}" if year else text


def join_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


NBSP = "\u00a0"  # keeps '10 mg' on one line; a reader must never meet 'mg' alone


def unit_words(unit: Unit, *, name_liquid: bool = False) -> str:
    """'1 x 10 mg', '1/2 x 10 mg', '2 x 5 mg packets', '9.5 mL' (spaces inside are non-breaking)."""
    product = unit.product
    if product.is_liquid:
        return f"{fmt(unit.count)}{NBSP}mL" + (f" of {fmt(product.strength_mg)}{NBSP}mg/mL" if name_liquid else "")
    text = f"{fmt_count(unit.count).replace(' ', NBSP)}{NBSP}x{NBSP}{fmt(product.strength_mg)}{NBSP}mg"
    if product.form == "granules":
        text += " packet" if unit.count == 1 else " packets"
    if product.form == "capsule":
        text += " capsule" if unit.count == 1 else " capsules"
    return text


def dose_sum(dose: Dose, *, name_liquid: bool = False) -> str:
    """'1 x 10 mg + 1 x 5 mg = 15 mg', or 'no dose'."""
    if not dose.units:
        return "no dose"
    return " + ".join(unit_words(u, name_liquid=name_liquid) for u in dose.units) + f" ={NBSP}{fmt(dose.mg)}{NBSP}mg"


def several_liquids(schedule: Schedule) -> bool:
    return sum(1 for p in used_products(schedule) if p.is_liquid) > 1


def product_line(product: Product, drug: str) -> str:
    strength = fmt(product.strength_mg)
    if product.is_liquid:
        return (f"{drug} oral solution {strength} mg/mL ({strength} mg in each mL): "
                "measure each dose with an oral syringe.")
    if product.form == "granules":
        return f"{drug} {strength} mg granule packets: use whole packets only."
    if product.form == "capsule":
        return f"{drug} {strength} mg capsules: swallow these whole; do not swap them for tablets."
    if product.quarters:
        return (f"{drug} {strength} mg tablets: you may break these along the lines into halves or quarters "
                "where this plan shows 1/2, 1/4 or 3/4.")
    if product.halves:
        return f"{drug} {strength} mg tablets: you may break these in half along the line where this plan shows 1/2."
    return f"{drug} {strength} mg tablets: swallow these whole; do not break them."


def regimen_words(doses: tuple[Dose, ...]) -> str:
    """'20 mg three times a day', or '35 mg a day: 10 mg at 08:00, 10 mg at 14:00 and 15 mg at 21:00'."""
    taken = [d for d in doses if d.mg > 0]
    if len(taken) == len(doses) and len({d.mg for d in taken}) == 1:
        return f"{fmt(taken[0].mg)} mg {_TIMES_A_DAY.get(len(taken), f'{len(taken)} times a day')}"
    if len(taken) == 1:
        return f"{fmt(taken[0].mg)} mg once a day at {taken[0].time.hhmm}"
    total = sum((d.mg for d in taken), Fraction(0))
    return f"{fmt(total)} mg a day: " + join_words([f"{fmt(d.mg)} mg at {d.time.hhmm}" for d in taken])


def step_heading(step: Step, schedule: Schedule) -> str:
    if step.maintenance and schedule.review_date is not None:
        return f"Step {step.number}"
    return f"Step {step.number}: {step.days} day" + ("" if step.days == 1 else "s")


def step_dates(step: Step, schedule: Schedule) -> list[str]:
    """The date lines of one row of the step table."""
    if step.maintenance and schedule.review_date is not None:
        return [day_text(step.start), f"until your review on {day_text(schedule.review_date)}"]
    if step.days == 1:
        return [f"{day_text(step.start)} only"]
    return [day_text(step.start), f"to {day_text(step.end)}"]


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
    groups = _phase_groups(schedule.steps)

    def when(day: date) -> str:  # the year only where the month alone could mislead
        return day_text(day, year=(day - schedule.first_day).days > _YEAR_AFTER_DAYS)

    several = len(groups) > 1
    merged = patient_steps(schedule)

    def taken_from(step: Step) -> date:  # a hold of the dose the step before reached starts where that dose does
        return next(m.start for m in merged if m.start <= step.start <= m.end)

    sentences: list[str] = []
    for steps in groups:
        moving = [s for s in steps if not s.maintenance]
        hold = steps[-1] if steps[-1].maintenance else None
        stops = bool(moving) and moving[-1] is schedule.steps[-1] and schedule.stop_date is not None
        if moving:
            sentences.append(_moving_sentence(moving, several, stops, when, taken_from))
        if stops:
            sentences[-1] = sentences[-1].rstrip(".") + f"; your last dose is on {when(moving[-1].end)}. Do not stop sooner."
        if hold is not None and schedule.review_date is not None:
            sentences.append(f"From {when(taken_from(hold))} take {regimen_words(hold.doses)}, and keep taking it "
                             f"until your review on {when(schedule.review_date)}. Do not stop suddenly.")
    if schedule.follow_up_date is not None:
        sentences.append(follow_up_words(schedule, when(schedule.follow_up_date)) or "")
    return " ".join(sentences)


def _moving_sentence(moving: list[Step], several: bool, stops: bool, when: Callable[[date], str],
                     taken_from: Callable[[Step], date]) -> str:
    first, last = moving[0], moving[-1]
    end = "" if stops else f" to {when(last.end)}"  # a stopping taper names its last day in the same sentence
    if len(moving) == 1 or first.phase_kind == "maintain":
        return f"From {when(taken_from(first))}{end} take {regimen_words(first.doses)}."
    # Changes run to the day of the last one, not to the end of the dose it reaches.
    span = f"From {when(first.start)}" + ("" if stops else f" to {when(last.start)}")
    verb = "goes up" if first.phase_kind == "titrate" else "goes down"
    lengths = {s.days for s in moving}
    rhythm = f"every {lengths.pop()} days" if len(lengths) == 1 else f"in {len(moving)} steps"
    return f"{span} your dose {verb} {rhythm}." if several else f"Your dose {verb} {rhythm}."


def safety_items(schedule: Schedule) -> list[tuple[str, str]]:
    """(heading, text) pairs for the safety box: the shared safety rules, the patient's notes last."""
    return safety_rules(schedule) + [("Note on this plan", note) for note in patient_notes(schedule)]


def dispense_rows(schedule: Schedule) -> list[tuple[str, str]]:
    """(product, amount) for the pharmacist: whole tablets, packets, or mL."""
    rows = []
    for item in schedule.dispense:
        product, amount = item.product, fmt(item.amount)
        strength = fmt(product.strength_mg)
        if product.is_liquid:
            rows.append((f"{strength} mg/mL oral solution", f"{amount} mL"))
        elif product.form == "granules":
            rows.append((f"{strength} mg granule packets", f"{amount} packet" + ("" if item.amount == 1 else "s")))
        else:
            rows.append((f"{strength} mg tablets", f"{amount} tablet" + ("" if item.amount == 1 else "s")))
    return rows
