"""The optional parts of a drug profile: interactions the clinician is asked about, the clinician's
texts for warnings whose wording depends on the drug, and which sections a profile may leave out."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from .bounds import DRUG_BOUNDS, bounds_for
from .errors import PlanError
from .numbers import fmt

if TYPE_CHECKING:
    from .profile import DrugProfile, _Reader

# Sections a profile may leave out, and what leaving them out means (also in the schema's descriptions).
OPTIONAL_SECTIONS = {
    "titration": "no titration: the profile plans tapers and maintenance only; a titration phase is refused",
    "renal": "no renal adjustment: the limits do not depend on creatinine clearance",
    "renal.dialysis_max_daily_mg": "no dialysis rule: a plan for a patient on dialysis is refused",
    "cautions.older_low_crcl_ml_min": "no rule on high starting doses in older patients with low clearance",
    "taper.max_step_mg": "no largest cut per step beyond the planner's own checks",
    "interactions": "no interacting medicines to ask about",
    "clinician_texts": "the generic wording for every warning",
}

# Warning codes whose clinician text a profile may give (with its citation); generic text otherwise.
CLINICIAN_TEXT_CODES = ("dialysis", "liver", "older_low_crcl_high_start", "renal_short_steps", "taper_too_fast",
                        "pregnant", "seizures", "intrathecal", "taper_step_large")


@dataclass(frozen=True)
class InteractionLevel:
    """One answer to an interaction question: refuse the plan, or warn with `message`."""

    id: str
    refuse: bool
    message: str  # the clinician's words, with the citation


@dataclass(frozen=True)
class Interaction:
    """A question the clinician must answer for this drug (for example, strong CYP1A2 inhibitors)."""

    id: str
    question: str
    levels: tuple[InteractionLevel, ...]

    def level(self, level_id: str) -> InteractionLevel | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(lv.id for lv in self.levels)


def has(r: _Reader, key: str) -> bool:
    try:
        r.get(key)
    except Exception:  # PlanError for a missing key; the reader raises nothing else
        return False
    return True


def read_interactions(r: _Reader) -> tuple[Interaction, ...]:
    if not has(r, "interactions"):
        return ()
    found = []
    for i in range(len(r.items("interactions"))):
        key = f"interactions.{i}"
        levels = []
        for j in range(len(r.items(f"{key}.levels"))):
            level_key = f"{key}.levels.{j}"
            refuse = r.flag(f"{level_key}.refuse", default=False)
            message = r.optional_text(f"{level_key}.message")
            levels.append(InteractionLevel(r.text(f"{level_key}.id"), refuse, message))
        ids = [lv.id for lv in levels]
        if len(set(ids)) != len(ids):
            raise r.fail(f"{key}.levels", "level ids must be unique")
        found.append(Interaction(r.text(f"{key}.id"), r.text(f"{key}.question"), tuple(levels)))
    if len({x.id for x in found}) != len(found):
        raise r.fail("interactions", "ids must be unique")
    return tuple(found)


def read_clinician_texts(r: _Reader) -> tuple[tuple[str, str], ...]:
    if not has(r, "clinician_texts"):
        return ()
    texts = r.get("clinician_texts")
    if not isinstance(texts, dict):
        raise r.fail("clinician_texts", "must be an object of warning code to text")
    for code in texts:
        if code not in CLINICIAN_TEXT_CODES:
            raise r.fail(f"clinician_texts.{code}", f"is not a warning code with drug-specific text; known: {', '.join(CLINICIAN_TEXT_CODES)}")
    return tuple((code, r.text(f"clinician_texts.{code}")) for code in sorted(texts))


def check_bounds(r: _Reader, profile: DrugProfile) -> None:
    """Every number against the hard bounds no profile may cross (planner/bounds.py, with sources)."""
    bounds = bounds_for(profile.drug)
    if profile.drug not in DRUG_BOUNDS:
        _check_own_drug(r, profile)
    values: list[tuple[str, str, Fraction]] = []
    for key in bounds:
        if key.startswith(("products.", "renal.bands.")) or not has(r, key):
            continue  # products and bands are checked one by one below; optional sections may be absent
        values.append((key, key, r.number(key, allow_zero=True)))
    for i, product in enumerate(profile.products):
        if product.is_liquid:
            assert product.step_ml is not None
            values += [("products.mg_per_ml", f"products.{i}.mg_per_ml", product.strength_mg),
                       ("products.step_ml", f"products.{i}.step_ml", product.step_ml)]
        else:
            values.append(("products.strength_mg", f"products.{i}.strength_mg", product.strength_mg))
    if profile.has_renal_rules:
        values += [("renal.bands.above_ml_min", f"renal.bands.{i}.above_ml_min", band.above_ml_min)
                   for i, band in enumerate(profile.renal_bands)]
    found: list[PlanError] = []  # every bound at once, as `profile check` promises
    for bound_key, key, value in values:
        if bound_key not in bounds:
            found.append(r.fail(key.rsplit(".", 1)[0], f"taperplan has no checked sources for this form of {profile.drug}"))
            continue
        bound = bounds[bound_key]
        if not bound.low <= value <= bound.high:
            found.append(r.fail(key, f"{fmt(value)} is outside the hard bounds {fmt(bound.low)} to {fmt(bound.high)} ({bound.source})"))
    for key in ("titration.start_mg", "titration.target_mg", "cautions.older_start_mg", "renal.dialysis_max_daily_mg"):
        if has(r, key) and r.number(key) > profile.max_daily_mg:
            found.append(r.fail(key, f"must not be above limits.max_daily_mg ({fmt(profile.max_daily_mg)})"))
    if found:
        raise PlanError([problem for exc in found for problem in exc.problems])


def _check_own_drug(r: _Reader, profile: DrugProfile) -> None:
    """A clinic's own drug speaks for itself and never takes a bundled drug's name: otherwise a
    plan file could print a bundled drug's name under limits never held to that drug's bounds."""
    names = [("name", profile.name)] + [(f"patient_texts.{language}.name", texts.name) for language, texts in profile.texts]
    for key, name in names:
        taken = next((drug for drug in sorted(DRUG_BOUNDS) if drug in name.lower()), None)
        if taken is not None:
            raise r.fail(key, f"{name!r} names {taken}, a drug taperplan bundles, but this profile is of drug {profile.drug!r}; "
                         f"use {taken}'s own profile (drug {taken!r}) or your drug's name")
    if not any(language == "en" for language, _ in profile.texts):
        raise r.fail("patient_texts.en", f"is required for {profile.drug!r}, a drug taperplan does not bundle: the handout, "
                     "calendar and text need your drug's own patient words (withdrawal and overdose signs, interactions)")
