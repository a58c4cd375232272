"""The schedule as plain data (`taperplan.schedule/1`) and as instruction text."""

from __future__ import annotations

from typing import Any

from .numbers import json_number
from .phrases import ENGLISH, patient_voice
from .phrases import doses as phrases_doses
from .phrases import plan as phrases_plan
from .schedule import Schedule

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
                "maintenance": step.holds_until_review,  # the key predates the name: JSON readers rely on it
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
    """'23 tablets of 10 mg; 350 mL of 1 mg/mL oral solution' (English, for the clinician's views)."""
    return phrases_doses.dispense_line(ENGLISH, schedule.dispense)


def schedule_text(schedule: Schedule) -> str:
    """The whole plan in plain words, as the text export writes it, in the patient's language."""
    return phrases_plan.schedule_text(patient_voice(schedule), schedule)
