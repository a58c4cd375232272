"""The optional parts of a drug profile: interactions the clinician is asked about, the clinician's
texts for warnings whose wording depends on the drug, and which sections a profile may leave out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .profile import _Reader

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
