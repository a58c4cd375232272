"""The schedule as plain data (`taperplan.schedule/1`) and as instruction text."""

from __future__ import annotations

from typing import Any

from .numbers import fmt, json_number
from .patient_words import current_dose_words, follow_up_words, safety_rules
from .schedule import Schedule, instructions

SCHEDULE_SCHEMA = "taperplan.schedule/1"


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    return {
        "schema": SCHEDULE_SCHEMA,
        "drug": schedule.profile.drug,
        "profile_version": schedule.profile.version,
        "plan_id": schedule.plan.plan_id,
        "revision": schedule.plan.revision,
        "timezone": schedule.plan.timezone,
        "steps": [
            {
                "number": step.number,
                "phase": step.phase_id,
                "start": step.start.isoformat(),
                "end": step.end.isoformat(),
                "days": step.days,
                "daily_mg": json_number(step.daily_mg),
                "maintenance": step.maintenance,
                "adjusted": step.adjusted,
                "doses": [
                    {"name": d.time.name, "time": d.time.hhmm, "mg": json_number(d.mg),
                     "units": [{"product": u.product.id, "count": json_number(u.count)} for u in d.units]}
                    for d in step.doses
                ],
            }
            for step in schedule.steps
        ],
        "current": None if schedule.current is None else [
            {"name": d.time.name, "time": d.time.hhmm, "mg": json_number(d.mg)} for d in schedule.current
        ],
        "stop_date": None if schedule.stop_date is None else schedule.stop_date.isoformat(),
        "review_date": None if schedule.review_date is None else schedule.review_date.isoformat(),
        "follow_up_date": None if schedule.follow_up_date is None else schedule.follow_up_date.isoformat(),
        "dispense": [{"product": d.product.id, "amount": json_number(d.amount), "unit": d.unit} for d in schedule.dispense],
        "renal": schedule.renal.describe,
        "max_daily_mg": json_number(schedule.max_daily_mg),
        "warnings": [{"code": w.code, "field": w.field, "message": w.message, "patient": w.patient or None}
                     for w in schedule.warnings],
    }


def dispense_line(schedule: Schedule) -> str:
    parts = []
    for item in schedule.dispense:
        unit = item.unit if item.amount == 1 or item.unit == "mL" else item.unit + "s"
        parts.append(f"{fmt(item.amount)} {unit} of {item.product.label.replace(' tablet', '').replace(' granule packet', ' granules')}"
                     if item.unit != "mL" else f"{fmt(item.amount)} mL of {item.product.label}")
    return "; ".join(parts)


def patient_notes(schedule: Schedule) -> list[str]:
    """The plan's warnings as the patient reads them; those only for the clinician are left out."""
    return [w.patient for w in schedule.warnings if w.patient]


def schedule_text(schedule: Schedule) -> str:
    """The whole plan in plain words, as the text export writes it."""
    plan = schedule.plan
    lines = [f"{schedule.profile.name} plan" + (f" for {plan.patient.name}" if plan.patient.name else "")]
    current = current_dose_words(schedule)
    if current is not None:
        lines.append(f"Your current dose: {current}")
    lines.append("")
    lines.extend(instructions(schedule))
    follow_up = follow_up_words(schedule)
    if follow_up is not None:
        lines.append(follow_up)
    lines.append("")
    lines.append("Stay safe")
    for heading, text in safety_rules(schedule):
        lines.extend([f"* {heading}", f"  {text}"])
    lines.append("")
    lines.append(f"To dispense: {dispense_line(schedule)}.")
    if plan.clinician.name or plan.clinician.contact:
        lines.append(f"Clinician: {', '.join(x for x in (plan.clinician.name, plan.clinician.contact) if x)}")
    for note in patient_notes(schedule):  # the clinician's wording (reasons, citations) stays in the app and CLI
        lines.append(f"Note: {note}")
    lines.append(f"Plan {plan.plan_id}, revision {plan.revision}; profile {schedule.profile.drug} {schedule.profile.version}; times in {plan.timezone}.")
    return "\n".join(lines) + "\n"
