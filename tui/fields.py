"""Where the planner's problems belong in the form, and what the fields are called on screen."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from planner import DrugProfile, Plan, Problem
from planner.phrases import ENGLISH

from .form import FieldProblem, phase_key

LABELS = {
    "target": "Target dose", "start": "Starting dose", "step": "Step", "every": "Days between changes",
    "to": "Taper down to", "percent": "Percentage", "weeks": "Weeks", "days": "Days", "method": "Taper method",
    "from": "Current daily dose", "current": "Current doses", "times": "Dose times", "timezone": "Time zone",
    "start_date": "Start date", "products": "Products", "age": "Age", "crcl": "Kidney function",
    "weight": "Weight", "sex": "Sex", "creatinine": "Creatinine", "dialysis": "Dialysis", "liver": "Liver",
    "review": "Review after", "adjustments": "Adjustments", "phases": "Phases", "profile": "Drug profile",
    "plan": "Plan file", "kidney": "Kidney function", "doses": "Doses set by hand",
    "patient": "Patient name", "clinician": "Clinician", "contact": "Contact",
    "pregnant": "Pregnancy", "seizures": "Seizures", "intrathecal": "Intrathecal pump", "egfr": "eGFR",
    "follow_up": "Follow-up after", "interactions": "Interacting medicines",
}
# Planner field -> form key, for fields that are not part of a phase.
_PLAN_FIELDS = {
    "from": "current_daily", "current": "current_doses", "times": "times", "timezone": "timezone",
    "start_date": "start_date", "products": "products", "age": "age", "weight": "weight", "sex": "sex",
    "creatinine": "creatinine", "dialysis": "kidney", "liver": "liver", "review": "review",
    "adjustments": "adjustments", "phases": "phases", "doses": "adjustments", "patient": "patient_name",
    "pregnant": "pregnant", "seizures": "seizures", "intrathecal": "intrathecal", "follow_up": "follow_up",
    "interactions": "interactions",
}
_PHASE_FIELDS = {"target", "start", "step", "every", "to", "percent", "weeks", "days", "method"}


def label_for(field: str) -> str:
    return LABELS.get(field, field.replace("_", " ").capitalize())


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def table_dates(text: str) -> str:
    """ISO dates in a planner message as the table of steps writes them: '4 Dec'."""
    def short(match: re.Match[str]) -> str:
        try:
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return match.group(0)
        return ENGLISH.short_day(day)

    return _ISO_DATE.sub(short, text)


def in_words(problem: Problem, profile: DrugProfile) -> Problem:
    """The planner's message as the app shows it: product names for ids ('5 mg tablet', not
    'tab5') and dates as in the table."""
    message = table_dates(problem.message)
    for product in profile.products:
        message = re.sub(rf"(?<![\w']){re.escape(product.id)}(?![\w'])", product.label, message)
    return problem if message == problem.message else dataclasses.replace(problem, message=message)


def locate(problem: Problem, plan: Plan, kidney: str) -> FieldProblem:
    """The form key of a problem the planner found in `plan`, its message in the app's words.

    A phase field the planner gives no phase number for goes to the phases as a whole.
    """
    problem = in_words(problem, plan.profile)
    field = problem.field
    if field == "crcl":
        return FieldProblem("creatinine" if kidney == "labs" else "crcl" if kidney == "crcl" else "kidney", problem)
    if field in _PHASE_FIELDS and plan.phases:
        number = problem.phase or (1 if len(plan.phases) == 1 else 0)
        if 1 <= number <= len(plan.phases):
            phase = plan.phases[number - 1]
            if field in ("percent", "weeks") or (field == "step" and phase.kind == "taper"):
                field = "amount"
            return FieldProblem(phase_key(number - 1, field), problem)
    if field == "phases" and problem.phase is not None and 1 <= problem.phase <= len(plan.phases):
        return FieldProblem(phase_key(problem.phase - 1, "kind"), problem)
    if field in _PHASE_FIELDS:
        return FieldProblem("phases", problem)
    return FieldProblem(_PLAN_FIELDS.get(field, field), problem)


def describe(item: FieldProblem) -> str:
    """One line for the problems panel: the field's name, then the planner's message."""
    return f"{label_for(item.problem.field)}: {item.problem.message}"
