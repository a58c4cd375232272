"""Changes a clinician makes to a plan: phases added, replaced, moved or removed, and step
adjustments. Each returns a new Plan; none checks clinical limits (build_schedule does). The
command line and the app both edit through these functions, so both follow the same rules."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction

from .bounds import MAX_REVISION
from .build import build_schedule
from .errors import PlanError, error
from .model import Adjustment, Phase, Plan
from .schedule import Schedule, Step


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


@dataclass(frozen=True)
class StepAnchor:
    """A step of the schedule and the same step as the phases alone lay it out: an adjustment is
    anchored to the laid-out step (its phase, start and daily dose), so it survives edits elsewhere."""

    step: Step
    nominal: Step

    def adjustment(self, days: int = 0, doses: tuple[Fraction, ...] | None = None) -> Adjustment:
        return Adjustment(self.step.phase_id, self.nominal.start, self.nominal.daily_mg, days, doses)

    def matches(self, adjustment: Adjustment) -> bool:
        return (adjustment.phase_id, adjustment.step_start, adjustment.step_daily_mg) == (
            self.step.phase_id, self.nominal.start, self.nominal.daily_mg)

    def current(self, adjustments: tuple[Adjustment, ...]) -> Adjustment | None:
        return next((a for a in adjustments if self.matches(a)), None)


def step_anchor(schedule: Schedule, step_number: int) -> StepAnchor:
    """The anchor of step `step_number` (as `taperplan show` and the app's table number it).
    Adjustments change a step's days and doses, never the number of steps in a phase, so its
    position within its phase finds it in the layout without adjustments."""
    if not 1 <= step_number <= len(schedule.steps):
        raise PlanError(error("bad_step_number", "adjustments", f"step {step_number} does not exist; the schedule has {len(schedule.steps)}"))
    step = schedule.steps[step_number - 1]
    position = [s.number for s in schedule.steps if s.phase_id == step.phase_id].index(step.number)
    plan = schedule.plan
    nominal = schedule if not plan.adjustments else build_schedule(plan.replace(adjustments=()))
    return StepAnchor(step, [s for s in nominal.steps if s.phase_id == step.phase_id][position])


def adjust_step(plan: Plan, step_number: int, *, days: int | None = None, doses: tuple[Fraction, ...] | None = None) -> Plan:
    """Set step `step_number`'s adjustment, the one rule of the command line and the app:
    `days` is how much longer the step runs than the phases lay it out (negative: shorter, 0: as
    laid out), `doses` its per-time doses (the laid-out doses: as laid out). What is not given
    stays as it was. Setting a step again replaces its earlier adjustment; it never adds to it,
    so a command run twice, or a dialog applied twice, leaves the plan as after the first time."""
    if days is None and doses is None:
        raise PlanError(error("empty_adjustment", "adjustments", "give a number of days or the doses"))
    anchor = step_anchor(build_schedule(plan), step_number)
    current = anchor.current(plan.adjustments)
    new_days = days if days is not None else current.days if current else 0
    new_doses = doses if doses is not None else current.doses if current else None
    if new_doses is not None and new_doses == tuple(d.mg for d in anchor.nominal.doses):
        new_doses = None
    return plan.replace(adjustments=_replaced(plan.adjustments, anchor, anchor.adjustment(new_days, new_doses)))


def clear_adjustment(plan: Plan, step_number: int) -> Plan:
    """Step `step_number` as the phases lay it out."""
    anchor = step_anchor(build_schedule(plan), step_number)
    return plan.replace(adjustments=_replaced(plan.adjustments, anchor, None))


def _replaced(adjustments: tuple[Adjustment, ...], anchor: StepAnchor, new: Adjustment | None) -> tuple[Adjustment, ...]:
    """The list with the step's adjustment replaced in its place by `new` (None, or one that
    changes nothing, removes it)."""
    kept = [a for a in adjustments if not anchor.matches(a)]
    if new is not None and (new.days or new.doses is not None):
        index = next((i for i, a in enumerate(adjustments) if anchor.matches(a)), len(kept))
        kept.insert(index, new)
    return tuple(kept)


def remove_adjustment(plan: Plan, number: int) -> Plan:
    if not 1 <= number <= len(plan.adjustments):
        raise PlanError(error("bad_adjustment_number", "adjustments", f"adjustment {number} does not exist; the plan has {len(plan.adjustments)}"))
    return plan.replace(adjustments=plan.adjustments[: number - 1] + plan.adjustments[number:])
