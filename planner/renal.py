"""Kidney function: creatinine clearance from lab values, and the dose band it falls in."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .model import LabValues, Patient
from .numbers import floor_to, fmt
from .profile import DrugProfile, RenalBand

# Cockcroft & Gault, Nephron 1976;16:31: CrCl = (140 - age) x weight / (72 x SCr mg/dL), x 0.85
# for women. 1 mg/dL of creatinine = 88.4 micromol/L. These constants are the formula's own,
# not the drug's, so they live here rather than in the drug profile.
_CG_AGE = 140
_CG_DIVISOR = 72
_CG_FEMALE = Fraction(85, 100)
_UMOL_PER_MG_DL = Fraction(884, 10)


def cockcroft_gault(age: int, labs: LabValues) -> Fraction:
    creatinine_mg_dl = labs.creatinine if labs.unit == "mg/dL" else labs.creatinine / _UMOL_PER_MG_DL
    crcl = Fraction(_CG_AGE - age) * labs.weight_kg / (_CG_DIVISOR * creatinine_mg_dl)
    return crcl * _CG_FEMALE if labs.sex == "female" else crcl


@dataclass(frozen=True)
class RenalStatus:
    """The limit kidney function sets, and where the number came from."""

    max_daily_mg: Fraction
    factor: Fraction | None  # None for dialysis
    avoid: bool
    reduced: bool
    describe: str
    reason: str = ""  # why the limit is lower, in a few words
    band: RenalBand | None = None  # the profile's band the clearance falls in (None: not given, or dialysis)


def renal_status(patient: Patient, profile: DrugProfile, grid: Fraction) -> RenalStatus:
    if patient.dialysis:
        return RenalStatus(
            min(profile.dialysis_max_daily_mg, profile.max_daily_mg), None, profile.dialysis_avoid, True,
            f"haemodialysis: at most {fmt(profile.dialysis_max_daily_mg)} mg a day", "haemodialysis",
        )
    if patient.crcl_ml_min is None:
        return RenalStatus(profile.max_daily_mg, Fraction(1), False, False, "kidney function not given")
    crcl = patient.crcl_ml_min
    band = next(b for b in profile.renal_bands if crcl > b.above_ml_min or b is profile.renal_bands[-1])
    source = _source(patient)
    cap = floor_to(profile.max_daily_mg * band.factor, grid)
    if band.factor == 1:
        text = f"creatinine clearance {fmt_crcl(crcl)} mL/min ({source}): no dose change"
    else:
        text = (f"creatinine clearance {fmt_crcl(crcl)} mL/min ({source}): daily maximum "
                f"x {band.factor.numerator}/{band.factor.denominator} = {fmt(cap)} mg a day")
    reason = f"creatinine clearance {fmt_crcl(crcl)} mL/min, {source}: x {band.factor.numerator}/{band.factor.denominator}"
    return RenalStatus(cap, band.factor, band.avoid, band.factor < 1, text, reason, band)


def fmt_crcl(crcl: Fraction) -> str:
    return fmt(Fraction(round(crcl * 10), 10))


def _source(patient: Patient) -> str:
    labs = patient.labs
    if labs is None:
        return "entered"
    return (f"Cockcroft-Gault from age {patient.age}, {fmt(labs.weight_kg)} kg, {labs.sex}, "
            f"creatinine {fmt(labs.creatinine)} {labs.unit}")
