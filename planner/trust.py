"""What a plan file says about itself, checked rather than trusted: its embedded drug profile against
the bundled one, and its stored clearance against the lab values it came from."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .errors import Problem, error, warning
from .model import Patient
from .numbers import fmt
from .profile import DrugProfile, bundled_profile, bundled_profile_names, bundled_versions
from .renal import cockcroft_gault, fmt_crcl

_SHOWN = 6  # differing keys named in full; the rest are counted


def profile_differences(profile: DrugProfile) -> tuple[str, ...] | None:
    """Each key in which `profile` differs from the bundled profile of its drug and version (the
    current one when the version was never shipped), with both values; () when they are the same,
    None when taperplan bundles no profile for the drug."""
    if profile.drug not in bundled_profile_names():
        return None
    bundled = _bundled_like(profile)
    if bundled.source_text == profile.source_text:
        return ()
    ours, theirs = _flat(profile.as_dict()), _flat(bundled.as_dict())
    found = []
    for key in sorted(set(ours) | set(theirs), key=_limits_first):
        if ours.get(key) != theirs.get(key):
            if key.startswith("sources."):
                continue
            found.append(f"{key} {_show(ours.get(key))} (bundled {_show(theirs.get(key))})")
    if any(k.startswith("sources.") and ours.get(k) != theirs.get(k) for k in set(ours) | set(theirs)):
        found.append("sources text")
    return tuple(found)


def profile_warning(profile: DrugProfile) -> Problem | None:
    """A warning for every output when a plan's profile is not the bundled one; None when it is."""
    differences = profile_differences(profile)
    if differences == ():
        return None
    if differences is None:
        return warning("profile_unknown", "profile", f"drug profile {profile.drug} {profile.version} is not one taperplan ships; "
                       f"its limits (daily maximum {fmt(profile.max_daily_mg)} mg, {fmt(profile.max_dose_mg)} mg a dose) are not checked")
    shown = ", ".join(differences[:_SHOWN]) + (f" and {len(differences) - _SHOWN} more" if len(differences) > _SHOWN else "")
    bundled = _bundled_like(profile)
    return warning("profile_differs", "profile", f"this plan's drug profile ({profile.drug} {profile.version}) differs from the "
                   f"bundled {bundled.drug} {bundled.version}: {shown}")


def _bundled_like(profile: DrugProfile) -> DrugProfile:
    """The shipped profile of the same drug and version, or the current one."""
    return bundled_versions(profile.drug).get(profile.version) or bundled_profile(profile.drug)


def clearance_problem(patient: Patient) -> Problem | None:
    """A stored clearance must be the one its stored lab values give (Cockcroft-Gault), exactly."""
    labs = patient.labs
    if labs is None:
        return None
    if patient.age is None:
        return error("crcl_mismatch", "crcl", "the lab values need the age they were computed with")
    if labs.weight_kg <= 0 or labs.creatinine <= 0:
        return error("crcl_mismatch", "crcl", "the stored weight and creatinine must be above 0")
    computed = cockcroft_gault(patient.age, labs)
    if patient.crcl_ml_min != computed:
        stored = "none" if patient.crcl_ml_min is None else f"{fmt_crcl(patient.crcl_ml_min)} mL/min"
        return error("crcl_mismatch", "crcl", f"the stored creatinine clearance ({stored}) is not the {fmt_crcl(computed)} mL/min "
                     f"its lab values give (Cockcroft-Gault); the file was changed by hand")
    return None


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in _flat(value, f"{prefix}{key}.").items()}
    if isinstance(data, list):
        return {k: v for i, value in enumerate(data) for k, v in _flat(value, f"{prefix}{i}.").items()}
    return {prefix.rstrip("."): data}


def _limits_first(key: str) -> tuple[int, str]:
    return (0 if key.startswith("limits.") else 1, key)


def _show(value: Any) -> str:
    if value is None:
        return "missing"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt(Fraction(str(value)))
    return str(value) if len(str(value)) <= 30 else str(value)[:27] + "..."
