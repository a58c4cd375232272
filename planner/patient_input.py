"""The patient as typed (command line or form) to a Patient: one set of rules for every shell."""

from __future__ import annotations

from fractions import Fraction

from .errors import PlanError, Problem
from .model import LabValues, Patient
from .numbers import fmt, to_fraction, to_int
from .renal import cockcroft_gault

_CREATININE_UNITS = (("mg/dL", ("mg/dL", "mg/dl")), ("umol/L", ("umol/L", "umol/l", "µmol/L", "μmol/L")))
MIN_WEIGHT_KG, MAX_WEIGHT_KG = 20, 400  # outside this a weight is a typing error, not a patient
# Serum creatinine a living adult can have (clinical judgement: 0.1 to 25 mg/dL, the same range
# in micromol/L); a value outside it is most often the other unit's number.
CREATININE_RANGE = {"mg/dL": (Fraction(1, 10), Fraction(25)), "umol/L": (Fraction(9), Fraction(2200))}


def read_patient(*, name: str = "", age: str | None = None, crcl: str | None = None, egfr: str | None = None,
                 weight: str | None = None, sex: str | None = None, creatinine: str | None = None,
                 dialysis: bool = False, liver: bool = False, pregnant: bool = False, seizures: bool = False,
                 intrathecal: bool = False, interactions: tuple[str, ...] = ()) -> Patient:
    """Text fields to a Patient; the clearance is computed (Cockcroft-Gault) when lab values are given."""
    if egfr is not None:
        raise PlanError(Problem("egfr_not_crcl", "egfr", "an eGFR is not a creatinine clearance; give the clearance "
                                "(Cockcroft-Gault) or the weight, sex and serum creatinine"))
    years = None if age is None else to_int(age, "age", what="an age in whole years")
    if years is not None and years < 0:
        raise PlanError(Problem("bad_age", "age", f"{years} is not an age"))
    clearance = None if crcl is None else to_fraction(crcl, "crcl", what="a clearance in mL/min")
    labs = read_labs(years, weight, sex, creatinine)
    if labs is not None:
        if clearance is not None:
            raise PlanError(Problem("crcl_twice", "crcl", "give the clearance or lab values, not both"))
        assert years is not None
        clearance = cockcroft_gault(years, labs)
    return Patient(name=name.strip(), age=years, crcl_ml_min=clearance, labs=labs, dialysis=dialysis, liver=liver,
                   pregnant=pregnant, seizures=seizures, intrathecal=intrathecal,
                   interactions=read_interactions(interactions))


def read_interactions(items: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """'cyp1a2=strong' answers; the profile's check names the ids and answers it knows."""
    found: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise PlanError(Problem("bad_interaction", "interactions", f"{item!r}: give QUESTION=ANSWER, e.g. cyp1a2=none"))
        if key.strip() in found:
            raise PlanError(Problem("bad_interaction", "interactions", f"{key.strip()} is answered twice"))
        found[key.strip()] = value.strip()
    return tuple(sorted(found.items()))


def read_labs(age: int | None, weight: str | None, sex: str | None, creatinine: str | None) -> LabValues | None:
    given = [weight, sex, creatinine]
    if all(v is None for v in given):
        return None
    if any(v is None for v in given) or age is None:
        raise PlanError(Problem("incomplete_labs", "creatinine", "Cockcroft-Gault needs the age, weight, sex and serum creatinine with its unit"))
    assert weight is not None and creatinine is not None
    kg = to_fraction(weight, "weight", what="a weight in kg")
    if not MIN_WEIGHT_KG <= kg <= MAX_WEIGHT_KG:
        raise PlanError(Problem("bad_weight", "weight", f"{weight} kg; give {MIN_WEIGHT_KG} to {MAX_WEIGHT_KG}"))
    if sex not in ("female", "male"):
        raise PlanError(Problem("bad_sex", "sex", f"{sex!r}; give female or male (Cockcroft-Gault)"))
    value, unit = read_creatinine(creatinine)
    implausible = creatinine_problem(value, unit)
    if implausible is not None:
        raise PlanError(implausible)
    return LabValues(kg, sex, value, unit)  # type: ignore[arg-type]


def creatinine_problem(value: Fraction, unit: str) -> Problem | None:
    """A refusal for a creatinine no patient has in `unit`, naming the likely unit mix-up."""
    low, high = CREATININE_RANGE.get(unit, (Fraction(0), Fraction(0)))
    if low <= value <= high:
        return None
    text = f"{fmt(value)} {unit} is not a plausible serum creatinine (give {fmt(low)} to {fmt(high)} {unit})"
    for other, (other_low, other_high) in CREATININE_RANGE.items():
        if other != unit and other_low <= value <= other_high:
            text += f"; is it {fmt(value)} {other}?"
    return Problem("implausible_creatinine", "creatinine", text)


def read_creatinine(text: str) -> tuple[Fraction, str]:
    """'1.2mg/dL' or '106 umol/L': the value and its unit, which is required."""
    compact = text.replace(" ", "")
    for unit, suffixes in _CREATININE_UNITS:
        for suffix in suffixes:
            if compact.endswith(suffix):
                value = to_fraction(compact[: -len(suffix)], "creatinine", what="a creatinine value")
                if value <= 0:
                    raise PlanError(Problem("bad_creatinine", "creatinine", "must be above 0"))
                return value, unit
    raise PlanError(Problem("creatinine_unit", "creatinine", f"{text!r} needs its unit: e.g. 1.2mg/dL or 106umol/L"))
