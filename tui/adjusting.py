"""Step adjustments: finding the anchor of a step the clinician selected, and editing the list."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from planner import Adjustment, Plan, Schedule, Step, build_schedule


@dataclass(frozen=True)
class StepAnchor:
    """A selected step and the same step as the phases alone lay it out."""

    step: Step
    nominal: Step

    def adjustment(self, days: int = 0, doses: tuple[Fraction, ...] | None = None) -> Adjustment:
        return Adjustment(self.step.phase_id, self.nominal.start, self.nominal.daily_mg, days, doses)

    def matches(self, adjustment: Adjustment) -> bool:
        return (adjustment.phase_id, adjustment.step_start, adjustment.step_daily_mg) == (
            self.step.phase_id, self.nominal.start, self.nominal.daily_mg)


def anchor_for(schedule: Schedule, step_number: int) -> StepAnchor:
    """The anchor of step `step_number`: adjustments change a step's days and doses, never the
    number of steps in a phase, so its position within its phase finds it again."""
    step = schedule.steps[step_number - 1]
    position = [s.number for s in schedule.steps if s.phase_id == step.phase_id].index(step.number)
    plan = schedule.plan
    nominal = schedule if not plan.adjustments else build_schedule(plan.replace(adjustments=()))
    return StepAnchor(step, [s for s in nominal.steps if s.phase_id == step.phase_id][position])


def existing(plan: Plan, anchor: StepAnchor) -> Adjustment | None:
    return next((a for a in plan.adjustments if anchor.matches(a)), None)


def replace_adjustment(adjustments: tuple[Adjustment, ...], anchor: StepAnchor, new: Adjustment | None) -> tuple[Adjustment, ...]:
    """The list with the step's adjustment replaced by `new` (None, or one that changes nothing, removes it)."""
    kept = [a for a in adjustments if not anchor.matches(a)]
    if new is not None and (new.days or new.doses is not None):
        index = next((i for i, a in enumerate(adjustments) if anchor.matches(a)), len(kept))
        kept.insert(index, new)
    return tuple(kept)
