"""Hard bounds: what no drug profile, bundled or a clinician's own, may cross, and how large a plan may be.

A profile travels inside every plan file, so its numbers are checked like a user's typing. Each bound
carries its source (reference/baclofen.md) or says it is clinical judgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Bound:
    low: Fraction
    high: Fraction
    source: str


def _b(low: int | str, high: int | str, source: str) -> Bound:
    return Bound(Fraction(low), Fraction(high), source)


_HOSPITAL_MAX = "100-120 mg/day only for carefully monitored hospital patients (Novartis): reference/baclofen.md 'Doses and limits' (H)"

_TIZANIDINE_MAX = "Maximum 36 mg/day (US, UK, EU labels): reference/tizanidine.md 'Doses and limits' (H)"

# Per drug: the dose limits in mg. Only drugs taperplan has checked sources for are listed.
DRUG_BOUNDS: dict[str, dict[str, Bound]] = {
    "baclofen": {
        "limits.max_daily_mg": _b(1, 120, _HOSPITAL_MAX),
        "limits.max_dose_mg": _b(1, 40, "Clinical judgement: no single-dose maximum is stated; 120 mg/day (Novartis, hospital) in three doses"),
        "titration.start_mg": _b(1, 120, _HOSPITAL_MAX),
        "titration.step_mg": _b("1/2", 120, _HOSPITAL_MAX),
        "titration.target_mg": _b(1, 120, _HOSPITAL_MAX),
        "taper.long_from_mg": _b(1, 120, _HOSPITAL_MAX),
        "renal.dialysis_max_daily_mg": _b(1, 120, _HOSPITAL_MAX),
        "cautions.older_start_mg": _b(1, 120, _HOSPITAL_MAX),
        "products.strength_mg": _b(1, 120, _HOSPITAL_MAX),
        "products.mg_per_ml": _b("1/10", 20, "Clinical judgement: oral solutions are 1 mg/mL (Ozobax, UK 5 mg/5 mL), reference/baclofen.md 'Products'"),
        "products.step_ml": _b("1/10", 20, "Clinical judgement: an oral syringe measures 0.1 mL at its finest"),
        "cautions.min_age": _b(12, 130, "Children: not established under 12 (US label): reference/baclofen.md 'Doses and limits' (H)"),
    },
    # reference/tizanidine.md; no liquid is listed there, so a profile with one is refused
    "tizanidine": {
        "limits.max_daily_mg": _b(1, 36, _TIZANIDINE_MAX),
        "limits.max_dose_mg": _b(1, 16, "Single doses above 16 mg not studied (US label): reference/tizanidine.md 'Doses and limits' (H)"),
        "titration.start_mg": _b(1, 36, _TIZANIDINE_MAX),
        "titration.step_mg": _b(1, 36, _TIZANIDINE_MAX),
        "titration.target_mg": _b(1, 36, _TIZANIDINE_MAX),
        "taper.long_from_mg": _b(1, 36, _TIZANIDINE_MAX),
        "taper.max_step_mg": _b(1, 36, _TIZANIDINE_MAX),
        "renal.dialysis_max_daily_mg": _b(1, 36, _TIZANIDINE_MAX),
        "cautions.older_start_mg": _b(1, 36, _TIZANIDINE_MAX),
        "products.strength_mg": _b(1, 12, "Clinical judgement: products are 2, 4 and 6 mg; none above the 12 mg single dose: reference/tizanidine.md 'Products'"),
        "cautions.min_age": _b(18, 130, "Adults only (US labels 11/2024); under 18 not recommended (EU): reference/tizanidine.md 'Doses and limits' (H)"),
    },
}

# A clinic's own drug (a profile of a drug listed above is held to that drug's bounds). taperplan
# has no checked sources for it: these bounds catch slips of the keyboard only, and every output
# says that the limits are the profile's own (planner/trust.py, profile_unknown).
_OWN = ("Clinical judgement: a drug taperplan has no sources for; this bound catches slips of the keyboard "
        "only (more than a gram), the profile's limits and their sources are the clinic's")
OWN_DRUG_BOUNDS: dict[str, Bound] = {
    **{key: _b("1/100", 1000, _OWN) for key in (
        "limits.max_daily_mg", "limits.max_dose_mg", "titration.start_mg", "titration.step_mg", "titration.target_mg",
        "taper.long_from_mg", "renal.dialysis_max_daily_mg", "cautions.older_start_mg", "products.strength_mg")},
    "products.mg_per_ml": _b("1/100", 100, _OWN),
    "products.step_ml": _b("1/10", 20, "Clinical judgement: an oral syringe measures 0.1 mL at its finest"),
    "cautions.min_age": _b(0, 130, "Clinical judgement: an age"),
}

# For every drug: counts of days, hours and times, and clearances.
COMMON_BOUNDS: dict[str, Bound] = {
    "limits.min_gap_hours": _b(1, 12, "Clinical judgement: a gap of 0 or more than 12 hours cannot fit 2 doses a day"),
    "limits.max_times_per_day": _b(1, 24, "Clinical judgement: at most one dose an hour"),
    "titration.every_days": _b(1, 365, "Clinical judgement: the planner's own range for days between changes"),
    "titration.times_per_day": _b(1, 4, "The planner has default dose times for 1 to 4 doses a day"),
    "titration.review_days": _b(1, 3660, "Clinical judgement: the planner's own range for the review"),
    "taper.every_days": _b(1, 365, "Clinical judgement: the planner's own range for days between changes"),
    "taper.min_days": _b(1, 3660, "Clinical judgement: the planner's own range for a plan's length"),
    "taper.long_min_days": _b(1, 3660, "Clinical judgement: the planner's own range for a plan's length"),
    "taper.max_step_mg": _b("1/10", 1000, "Clinical judgement: the drug's own bound is tighter"),
    "missed_dose.skip_within_hours": _b(0, 24, "Clinical judgement: a day has 24 hours"),
    "renal.settle_days": _b(0, 365, "Clinical judgement: the planner's own range for days between changes"),
    "renal.bands.above_ml_min": _b(0, 300, "Clinical judgement: the planner accepts clearances up to 300 mL/min"),
    "cautions.older_age": _b(18, 130, "Clinical judgement: an age"),
    "cautions.older_low_crcl_ml_min": _b(1, 300, "Clinical judgement: the planner accepts clearances up to 300 mL/min"),
}

# A taper may start above the patient's limit (a patient admitted on a high dose), but not without bound.
CURRENT_DOSE_FACTOR = Fraction(3, 2)
CURRENT_DOSE_SOURCE = ("1.5 x the profile's daily maximum (80 -> 120 mg/day): 100-120 mg/day only for carefully monitored "
                       "hospital patients (Novartis), reference/baclofen.md 'Doses and limits' (H)")

# How large a plan may be: every dose is a calendar event and a tick box on paper. Ten years of
# review (the planner's review range) with four doses a day fits.
MAX_PLAN_STEPS = 400
MAX_PLAN_DAYS = 4000
MAX_DOSE_EVENTS = 16_000
MAX_REVISION = 99_999

# Free text: long enough for any real name or phone line, short enough to fit the handout.
MAX_NAME_CHARS = 120
MAX_CONTACT_CHARS = 160
MAX_PLAN_ID_CHARS = 64


def bounds_for(drug: str) -> dict[str, Bound]:
    """The bounds a profile of `drug` must keep: its own where taperplan has sources for the drug."""
    return {**COMMON_BOUNDS, **DRUG_BOUNDS.get(drug, OWN_DRUG_BOUNDS)}
