"""Rules whose content comes from the drug profile: products that must not be mixed, sections a
profile leaves out, the interactions the clinician is asked about, the kidney band's own words and
the largest taper cut. No drug is named here; the words and citations are the profile's."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from .errors import Problem, error, warning
from .model import Plan, Taper, Titration
from .numbers import fmt

if TYPE_CHECKING:
    from .schedule import Schedule


def plan_errors(plan: Plan) -> list[Problem]:
    """What the profile forbids for this plan: refused before anything is built."""
    profile = plan.profile
    found: list[Problem] = []
    known = {p.id: p for p in profile.products}
    families = {known[pid].family for pid in plan.products if pid in known and known[pid].family}
    if len(families) > 1:
        found.append(error("mixed_products", "products", (
            f"{', '.join(plan.products)} mixes {' and '.join(sorted(families))} products, which are not interchangeable; "
            "choose products of one kind")))
    if not profile.has_titration and any(isinstance(p, Titration) for p in plan.phases):
        found.append(error("no_titration_rules", "phases", f"the {profile.name} profile has no titration section; it plans tapers and maintenance only"))
    if plan.patient.dialysis and not profile.has_dialysis_rule:
        found.append(error("no_dialysis_rule", "dialysis", f"the {profile.name} profile gives no dose for dialysis; plan this patient by hand"))
    asked = {x.id: x for x in profile.interactions}
    for interaction_id, level_id in plan.patient.interactions:
        interaction = asked.get(interaction_id)
        if interaction is None:
            known_ids = ", ".join(asked) or "none"
            found.append(error("unknown_interaction", "interactions", f"{interaction_id!r} is not asked for {profile.name}; known: {known_ids}"))
            continue
        level = interaction.level(level_id)
        if level is None:
            found.append(error("bad_interaction", "interactions", f"{interaction_id} must be one of {', '.join(interaction.level_ids)}, not {level_id!r}"))
        elif level.refuse:
            found.append(error("contraindicated", "interactions", level.message or f"{interaction_id}={level_id} refuses this plan"))
    return found


def warnings_for(schedule: Schedule) -> list[Problem]:
    plan, profile, renal = schedule.plan, schedule.profile, schedule.renal
    found: list[Problem] = []
    answers = dict(plan.patient.interactions)
    for interaction in profile.interactions:
        level_id = answers.get(interaction.id)
        if level_id is None:
            found.append(warning("interaction_not_asked", "interactions", (
                f"not asked: {interaction.question}; answer {', '.join(interaction.level_ids)}")))
            continue
        level = interaction.level(level_id)
        if level is not None and not level.refuse and level.message:
            found.append(warning(f"interaction_{interaction.id}", "interactions", level.message))
    band = renal.band
    if band is not None and band.size_before_frequency and not plan.patient.dialysis:
        found += _frequency_first(schedule)
    if profile.taper_max_step_mg is not None:
        found += _large_cuts(schedule, profile.taper_max_step_mg)
    return found


def _frequency_first(schedule: Schedule) -> list[Problem]:
    """With the band's rule, a titration adds a dose time only once the doses it has are as large as allowed."""
    plan = schedule.plan
    limit = schedule.max_dose_mg
    previous_times = None
    previous_largest = Fraction(0)
    for step in schedule.steps:
        taken = [d.mg for d in step.doses if d.mg > 0]
        if step.phase_kind == "titrate":
            if previous_times is None and len(taken) > 1 and plan.current is None:
                return [warning("renal_frequency_first", "times", (
                    f"starts with {len(taken)} doses a day: with this kidney function start once a day and raise the dose size before the number of doses"))]
            if previous_times is not None and len(taken) > previous_times and previous_largest < limit:
                return [warning("renal_frequency_first", "times", (
                    f"adds a dose time on {step.start.isoformat()} while the doses are below {fmt(limit)} mg: "
                    "with this kidney function raise the dose size before the number of doses"))]
        previous_times, previous_largest = len(taken), max(taken, default=Fraction(0))
    return []


def _large_cuts(schedule: Schedule, most: Fraction) -> list[Problem]:
    plan = schedule.plan
    previous = plan.current.daily_mg if plan.current else None
    for step in schedule.steps:
        phase = next((p for p in plan.phases if p.id == step.phase_id), None)
        if previous is not None and isinstance(phase, Taper) and previous - step.daily_mg > most:
            reason = schedule.profile.clinician_text("taper_step_large", f"at most {fmt(most)} mg a day per step")
            return [warning("taper_step_large", "amount", (
                f"the cut on {step.start.isoformat()} from {fmt(previous)} to {fmt(step.daily_mg)} mg a day is more than "
                f"{fmt(most)} mg: {reason}"))]
        previous = step.daily_mg
    return []
