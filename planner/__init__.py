"""taperplan's functional core: exact, limit-safe baclofen schedules. No UI, no I/O, no clock.

This is the surface the shells (tui/) use; the modules behind it are free to move. The patient's
words have their own surface, the phrase catalogue (planner.phrases and its modules).
"""

from .build import build_schedule
from .cautions import default_titration
from .doses import Unit
from .edits import (
    StepAnchor,
    add_phase,
    adjust_step,
    clear_adjustment,
    move_phase,
    remove_adjustment,
    remove_phase,
    replace_phase,
    revised,
    step_anchor,
)
from .errors import PlanError, Problem
from .factory import maintenance_plan, taper_plan, titration_plan
from .model import (
    Adjustment,
    Clinician,
    CurrentDose,
    LabValues,
    Maintenance,
    Patient,
    Phase,
    Plan,
    Taper,
    TaperMethod,
    Titration,
    next_phase_id,
)
from .numbers import fmt, fmt_count, to_fraction, to_int
from .patient_input import read_patient
from .plan_format import MAX_PLAN_BYTES, dumps_plan, loads_plan, plan_from_dict, plan_to_dict
from .profile import DrugProfile, Product, bundled_profile, bundled_profile_names, load_profile, profile_problems
from .profile_schema import key_descriptions
from .renal import fmt_crcl
from .render import dispense_line, schedule_text, schedule_to_dict
from .schedule import Dispense, Dose, Occurrence, Schedule, Step, day_label, instructions, step_instruction
from .times import DoseTime, default_times, named_times, parse_clock, parse_date, parse_times, read_clock, zone

__all__ = [
    # plans and what they are made of (planner.model)
    "Adjustment", "Clinician", "CurrentDose", "LabValues", "Maintenance", "Patient", "Phase", "Plan", "Taper",
    "TaperMethod", "Titration", "next_phase_id",
    # drug profiles
    "DrugProfile", "Product", "bundled_profile", "bundled_profile_names", "key_descriptions", "load_profile",
    "profile_problems",
    # building a schedule, and what it holds
    "Dispense", "Dose", "Occurrence", "Schedule", "Step", "Unit", "build_schedule", "day_label", "default_titration",
    "instructions", "maintenance_plan", "step_instruction", "taper_plan", "titration_plan",
    # edits: phases and adjustments, and the revision a saved change takes
    "StepAnchor", "add_phase", "adjust_step", "clear_adjustment", "move_phase", "remove_adjustment", "remove_phase",
    "replace_phase", "revised", "step_anchor",
    # reading what a person types, and the one error type
    "DoseTime", "PlanError", "Problem", "default_times", "named_times", "parse_clock", "parse_date", "parse_times",
    "read_clock", "read_patient", "to_fraction", "to_int", "zone",
    # numbers as the clinician reads them
    "fmt", "fmt_count", "fmt_crcl",
    # the plan file and the clinician's text and JSON
    "MAX_PLAN_BYTES", "dispense_line", "dumps_plan", "loads_plan", "plan_from_dict", "plan_to_dict", "schedule_text",
    "schedule_to_dict",
]
