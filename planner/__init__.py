"""taperplan's functional core: exact, limit-safe baclofen schedules. No UI, no I/O, no clock."""

from .build import build_schedule
from .errors import PlanError, Problem
from .model import Adjustment, Clinician, CurrentDose, LabValues, Maintenance, Patient, Phase, Plan, Taper, Titration
from .profile import DrugProfile, Product, bundled_profile, load_profile
from .schedule import Dispense, Dose, Occurrence, Schedule, Step, instructions, step_instruction
from .times import DoseTime, default_times, parse_times

__all__ = [
    "Adjustment", "Clinician", "CurrentDose", "Dispense", "Dose", "DoseTime", "DrugProfile", "LabValues",
    "Maintenance", "Occurrence", "Patient", "Phase", "Plan", "PlanError", "Problem", "Product", "Schedule",
    "Step", "Taper", "Titration", "build_schedule", "bundled_profile", "default_times", "instructions",
    "load_profile", "parse_times", "step_instruction",
]
