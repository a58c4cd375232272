"""Changes a clinician makes to a plan: phases added, replaced, moved or removed, and step
adjustments. Each returns a new Plan; none checks clinical limits (build_schedule does)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from .bounds import MAX_REVISION
from .build import build_schedule
from .errors import PlanError, error
from .model import Adjustment, Phase, Plan


def revised(plan: Plan) -> Plan:
    """The plan as saved after a change: its revision rises by one."""
    if plan.revision >= MAX_REVISION:
        raise PlanError(error("too_many_revisions", "revision", f"the plan is at revision {plan.revision:,}, the last there can be; save it as a new plan"))
    return plan.replace(revision=plan.revision + 1)


def _index(plan: Plan, number: int) -> int:
    if not 1 <= number <= len(plan.phases):
        raise PlanError(error("bad_phase_number", "phase", f"phase {number} does not exist; the plan has {len(plan.phases)}"))
    return number - 1


def add_phase(plan: Plan, phase: Phase) -> Plan:
    phase = dataclasses.replace(phase, id=plan.next_phase_id())
    return plan.replace(phases=(*plan.phases, phase))


def replace_phase(plan: Plan, number: int, phase: Phase) -> Plan:
    """Same id as the phase it replaces, so its adjustments apply again where the steps still match."""
    i = _index(plan, number)
    phases = list(plan.phases)
    phases[i] = dataclasses.replace(phase, id=plan.phases[i].id)
    return plan.replace(phases=tuple(phases))


def remove_phase(plan: Plan, number: int) -> Plan:
    """Adjustments to a removed phase stay, reported as orphaned, until the clinician removes them."""
    i = _index(plan, number)
    if len(plan.phases) == 1:
        raise PlanError(error("last_phase", "phase", "a plan needs at least one phase"))
    return plan.replace(phases=plan.phases[:i] + plan.phases[i + 1:])


def move_phase(plan: Plan, number: int, to_number: int) -> Plan:
    i, j = _index(plan, number), _index(plan, to_number)
    phases = list(plan.phases)
    phases.insert(j, phases.pop(i))
    return plan.replace(phases=tuple(phases))


def adjustment_anchor(plan: Plan, step_number: int) -> tuple[str, object, Fraction]:
    """(phase id, start date, daily mg) of step `step_number` as the phases alone lay it out."""
    nominal = build_schedule(plan.replace(adjustments=()))
    if not 1 <= step_number <= len(nominal.steps):
        raise PlanError(error("bad_step_number", "adjustments", f"step {step_number} does not exist; the schedule has {len(nominal.steps)}"))
    step = nominal.steps[step_number - 1]
    return step.phase_id, step.start, step.daily_mg


def adjust_step(plan: Plan, step_number: int, *, days: int = 0, doses: tuple[Fraction, ...] | None = None) -> Plan:
    """Lengthen (or shorten) step `step_number` by `days`, or set its per-time doses.

    A second change to the same step merges into its adjustment."""
    if not days and doses is None:
        raise PlanError(error("empty_adjustment", "adjustments", "give a number of days or the doses"))
    phase_id, start, daily = adjustment_anchor(plan, step_number)
    kept = []
    for adj in plan.adjustments:
        if (adj.phase_id, adj.step_start, adj.step_daily_mg) == (phase_id, start, daily):
            days += adj.days
            doses = doses if doses is not None else adj.doses
        else:
            kept.append(adj)
    merged = Adjustment(phase_id, start, daily, days, doses)  # type: ignore[arg-type]
    if merged.days == 0 and merged.doses is None:
        return plan.replace(adjustments=tuple(kept))
    return plan.replace(adjustments=(*kept, merged))


def remove_adjustment(plan: Plan, number: int) -> Plan:
    if not 1 <= number <= len(plan.adjustments):
        raise PlanError(error("bad_adjustment_number", "adjustments", f"adjustment {number} does not exist; the plan has {len(plan.adjustments)}"))
    return plan.replace(adjustments=plan.adjustments[: number - 1] + plan.adjustments[number:])
