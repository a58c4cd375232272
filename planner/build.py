"""From a Plan to a Schedule: lay out the phases, apply adjustments, check every limit."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from . import checks, drug_rules
from .bounds import CURRENT_DOSE_FACTOR
from .doses import finer_product, grid_of, make_dose, make_liquid_dose
from .errors import PlanError, Problem, error
from .makeable import nearest_makeable, settle_cut, split_makeable
from .model import Adjustment, Maintenance, Phase, Plan, Taper, Titration
from .numbers import ceil_to, fmt
from .profile import MAX_FOLLOW_UP_DAYS, Product
from .renal import RenalStatus, renal_status
from .schedule import Dispense, Dose, Schedule, Step
from .times import check_times, zone


@dataclass
class _LaidOutStep:
    """A step while it is being laid out; becomes a frozen Step at the end."""

    phase: Phase
    phase_number: int
    nominal_start: date
    days: int
    doses: tuple[Fraction, ...]
    holds_until_review: bool = False  # the last step: held at this dose until the review
    reduction: bool = False  # a taper's cut: may sit above the limit when the taper starts there
    adjusted: bool = False
    hand_set: bool = False

    @property
    def daily(self) -> Fraction:
        return sum(self.doses, Fraction(0))

    @property
    def field(self) -> str:
        """The input that set this step's dose, for messages."""
        if self.hand_set:
            return "doses"
        # A held dose is the one before it: in a first phase, the current dose.
        return {"taper": "to", "maintain": "from"}.get(self.phase.kind, "target")


@dataclass(frozen=True)
class Context:
    plan: Plan
    products: tuple[Product, ...]
    grid: Fraction
    renal: RenalStatus

    def fail(self, code: str, field: str, message: str, phase_number: int | None = None) -> PlanError:
        if phase_number is not None and len(self.plan.phases) > 1:
            message = f"in phase {phase_number}, {message}"
        return PlanError(error(code, field, message, phase_number))

    @property
    def ids(self) -> str:
        return ", ".join(p.id for p in self.products)

    def daily_makeable(self, total: Fraction) -> bool:
        return total > 0 and split_makeable(total, len(self.plan.times), self.grid, self.products) is not None

    def on_grid(self, value: Fraction, field: str, phase_number: int | None = None, daily: bool = True) -> None:
        """`value` is on the grid and, for a daily dose, splits into doses the products can make."""
        if (value / self.grid).denominator != 1:
            near = _or(nearest_makeable(value, self.grid, self.daily_makeable if daily else lambda _: True))
            raise self.fail("off_grid", field, f"{fmt(value)} mg cannot be made from {self.ids}; use a multiple of {fmt(self.grid)} mg (nearest: {near})", phase_number)
        if daily and value > 0 and not self.daily_makeable(value):
            self.split(value, field, phase_number)

    def split(self, total: Fraction, field: str, phase_number: int | None = None, caps: tuple[Fraction, ...] | None = None) -> tuple[Fraction, ...]:
        """The rule's split of a daily dose into doses the products can make, or an error naming `field`."""
        n = len(self.plan.times)
        doses = split_makeable(total, n, self.grid, self.products, caps)
        if doses is None:
            near = _or(nearest_makeable(total, self.grid, self.daily_makeable))
            raise self.fail("unmakeable_daily", field, f"{fmt(total)} mg a day cannot be made from {self.ids} in {n} dose{'s' if n > 1 else ''}{' that do not rise' if caps else ''}; nearest that can: {near}", phase_number)
        return doses


def _or(values: tuple[Fraction, ...]) -> str:
    return " or ".join(f"{fmt(v)} mg" for v in values) or "none"


def build_schedule(plan: Plan) -> Schedule:
    """The schedule for `plan`, or a PlanError listing every error found."""
    ctx = _context(plan)
    laid_out = _lay_out(ctx)
    laid_out, orphaned = _apply_adjustments(ctx, laid_out)
    checks.size_errors(len(laid_out), sum(d.days for d in laid_out), sum(d.days * sum(1 for x in d.doses if x) for d in laid_out))
    steps = _freeze(ctx, laid_out)
    last = laid_out[-1]
    stop_date = None if last.holds_until_review else steps[-1].end + timedelta(days=1)
    review_date = steps[-1].end if last.holds_until_review else None
    # Withdrawal starts 18-31 h after the last dose: a plan that stops has a follow-up after it.
    follow_up_date = None if stop_date is None else steps[-1].end + timedelta(days=plan.follow_up)
    schedule = Schedule(
        plan=plan, steps=steps, current=_current_doses(ctx), stop_date=stop_date, review_date=review_date,
        follow_up_date=follow_up_date,
        dispense=(), warnings=(), renal=ctx.renal, max_dose_mg=plan.profile.max_dose_mg, orphaned=orphaned,
    )
    schedule = replace(schedule, dispense=_dispense(schedule))
    return replace(schedule, warnings=checks.warnings_for(schedule, [d.reduction for d in laid_out]))


def _context(plan: Plan) -> Context:
    profile = plan.profile
    problems: list[Problem] = []

    def collect(fn: object) -> object:
        try:
            return fn()  # type: ignore[operator]
        except PlanError as exc:
            problems.extend(exc.problems)
            return None

    products = collect(lambda: tuple(profile.product(pid) for pid in plan.products))
    if not plan.products:
        problems.append(error("no_products", "products", "choose at least one product"))
    collect(lambda: check_times(plan.times, profile.min_gap_hours, profile.max_times_per_day))
    collect(lambda: zone(plan.timezone))
    problems.extend(checks.patient_errors(plan))
    problems.extend(checks.text_errors(plan))
    problems.extend(drug_rules.plan_errors(plan))
    if not plan.phases:
        problems.append(error("no_phases", "phases", "a plan needs at least one phase"))
    if not 1 <= plan.review_days <= 3660:
        problems.append(error("bad_review", "review", f"{plan.review_days} days; give 1 to 3660"))
    if plan.follow_up_days is not None and not 1 <= plan.follow_up_days <= MAX_FOLLOW_UP_DAYS:
        problems.append(error("bad_follow_up", "follow_up",
                              f"{plan.follow_up_days} days after the last dose; give 1 to {MAX_FOLLOW_UP_DAYS}"))
    if problems:
        raise PlanError(problems)
    assert isinstance(products, tuple) and products
    grid = grid_of(products)
    return Context(plan, products, grid, renal_status(plan.patient, profile, grid))


def _current(ctx: Context) -> tuple[Fraction, ...] | None:
    current = ctx.plan.current
    if current is None:
        return None
    if current.daily_mg <= 0:
        raise ctx.fail("bad_current", "from", f"the current dose must be above 0 mg a day, not {fmt(current.daily_mg)}")
    highest = ctx.plan.profile.max_daily_mg * CURRENT_DOSE_FACTOR
    if current.daily_mg > highest:
        raise ctx.fail("current_too_high", "from", f"{fmt(current.daily_mg)} mg a day is more than {fmt(CURRENT_DOSE_FACTOR)} x the daily "
                       f"maximum of {fmt(ctx.plan.profile.max_daily_mg)} mg; taperplan plans from at most {fmt(highest)} mg a day")
    n = len(ctx.plan.times)
    if current.doses is None:
        ctx.on_grid(current.daily_mg, "from")
        return ctx.split(current.daily_mg, "from")
    if len(current.doses) != n:
        raise ctx.fail("bad_current", "current", f"{len(current.doses)} doses given for {n} dose times")
    if any(d < 0 for d in current.doses) or sum(current.doses) != current.daily_mg:
        raise ctx.fail("bad_current", "current", "the doses must be 0 or more and add up to the daily dose")
    for dose in current.doses:
        if make_dose(dose, ctx.products) is None:
            near = _or(nearest_makeable(dose, ctx.grid, lambda mg: make_dose(mg, ctx.products) is not None))
            raise ctx.fail("unmakeable_dose", "current", f"{fmt(dose)} mg cannot be made from {ctx.ids}; nearest that can: {near}")
    return current.doses


def _current_doses(ctx: Context) -> tuple[Dose, ...] | None:
    current = _current(ctx)
    return None if current is None else _doses(ctx, current)


def _lay_out(ctx: Context) -> list[_LaidOutStep]:
    plan = ctx.plan
    doses = _current(ctx)
    laid_out: list[_LaidOutStep] = []
    day = plan.start_date
    for number, phase in enumerate(plan.phases, start=1):
        is_last = number == len(plan.phases)
        if isinstance(phase, Titration):
            new = _titrate(ctx, phase, number, doses, is_last)
        elif isinstance(phase, Maintenance):
            new = _maintain(ctx, phase, number, doses, is_last)
        else:
            new = _taper(ctx, phase, number, doses, is_last)
        for laid in new:
            laid.nominal_start = day
            day += timedelta(days=laid.days)
        laid_out.extend(new)
        if laid_out:
            doses = laid_out[-1].doses
    return laid_out


def _final_days(ctx: Context, every: int, is_last: bool) -> tuple[int, bool]:
    """A phase's last dose lasts one interval, or, in the last phase, until the review (inclusive)."""
    return (ctx.plan.review_days + 1, True) if is_last else (every, False)


def _check_every(ctx: Context, every: int, number: int) -> None:
    if not 1 <= every <= 365:
        raise ctx.fail("bad_every", "every", f"{every} days between changes; give 1 to 365", number)


def _titrate(ctx: Context, phase: Titration, number: int, prev: tuple[Fraction, ...] | None, is_last: bool) -> list[_LaidOutStep]:
    _check_every(ctx, phase.every_days, number)
    if phase.step_mg <= 0:
        raise ctx.fail("bad_step", "step", f"the step must be above 0 mg a day, not {fmt(phase.step_mg)}", number)
    prev_daily = sum(prev, Fraction(0)) if prev is not None else None
    if phase.start_mg is None:
        if prev_daily is None:
            raise ctx.fail("missing_start", "start", "the first titration needs a starting dose", number)
        if phase.target_mg <= prev_daily:
            raise ctx.fail("target_not_above_start", "target", f"{fmt(phase.target_mg)} mg a day must be above the current {fmt(prev_daily)} mg a day", number)
        start = min(prev_daily + phase.step_mg, phase.target_mg)
    else:
        start = phase.start_mg
        if start <= 0:
            raise ctx.fail("bad_start", "start", f"the starting dose must be above 0 mg a day, not {fmt(start)}", number)
        if prev_daily is not None and start <= prev_daily:
            raise ctx.fail("start_not_above_current", "start", f"{fmt(start)} mg a day is not above the current {fmt(prev_daily)} mg a day", number)
        if phase.target_mg <= start:
            raise ctx.fail("target_not_above_start", "target", f"{fmt(phase.target_mg)} mg a day must be above the start of {fmt(start)} mg a day", number)
    for value, field in ((start, "start"), (phase.step_mg, "step"), (phase.target_mg, "target")):
        ctx.on_grid(value, field, number, daily=field != "step")
    laid_out = []
    dose = start
    while dose < phase.target_mg:
        field = "start" if dose == start and phase.start_mg is not None else "step"
        laid_out.append(_LaidOutStep(phase, number, ctx.plan.start_date, phase.every_days, ctx.split(dose, field, number)))
        dose += phase.step_mg
    days, holds = _final_days(ctx, phase.every_days, is_last)
    laid_out.append(_LaidOutStep(phase, number, ctx.plan.start_date, days, ctx.split(phase.target_mg, "target", number), holds))
    return laid_out


def _maintain(ctx: Context, phase: Maintenance, number: int, prev: tuple[Fraction, ...] | None, is_last: bool) -> list[_LaidOutStep]:
    if prev is None:
        raise ctx.fail("missing_current", "from", "a maintenance phase needs a dose before it", number)
    if not 1 <= phase.days <= 3660:
        raise ctx.fail("bad_days", "days", f"{phase.days} days; give 1 to 3660", number)
    days = phase.days + 1 if is_last else phase.days
    return [_LaidOutStep(phase, number, ctx.plan.start_date, days, prev, holds_until_review=is_last)]


def _taper(ctx: Context, phase: Taper, number: int, prev: tuple[Fraction, ...] | None, is_last: bool) -> list[_LaidOutStep]:
    if prev is None:
        raise ctx.fail("missing_current", "from", "a taper needs the current daily dose", number)
    _check_every(ctx, phase.every_days, number)
    current = sum(prev, Fraction(0))
    to = phase.to_mg
    if to < 0:
        raise ctx.fail("bad_to", "to", f"must be 0 or more, not {fmt(to)}", number)
    if to >= current:
        raise ctx.fail("to_not_below_from", "to", f"{fmt(to)} mg a day must be below the current {fmt(current)} mg a day", number)
    if to == 0 and not is_last:
        raise ctx.fail("stop_not_last", "phases", "only the last phase may stop the medicine", number)
    ctx.on_grid(to, "to", number)
    ctx.on_grid(current, "from", number)
    targets = _taper_targets(ctx, phase, number, current)
    laid_out = []
    caps, last = prev, current

    def following(dose: Fraction) -> Fraction:  # the daily dose asked after `dose`, for which its split leaves room
        return _next_percent(dose, phase.amount, ctx.grid, to) if phase.method == "percent" else (targets[0] if targets else to)

    while True:
        ideal = _next_percent(last, phase.amount, ctx.grid, to) if phase.method == "percent" else (targets.pop(0) if targets else to)
        if ideal <= to:
            break
        doses = settle_cut(ideal, last, to, ctx.grid, ctx.products, caps, following) if ideal < last else None
        if doses is None and phase.method == "percent":
            break  # no dose between `to` and the last one can be made: the next cut reaches `to`
        if doses is not None:
            laid_out.append(_LaidOutStep(phase, number, ctx.plan.start_date, phase.every_days, doses, reduction=True))
            caps, last = doses, sum(doses, Fraction(0))
    if not laid_out and to == 0:
        raise ctx.fail("nothing_to_taper", "from", (
            f"{fmt(current)} mg a day: no smaller daily dose can be made from {ctx.ids} (smallest step {fmt(ctx.grid)} mg), "
            f"so the first cut would stop the medicine and there is no step to plan{_finer_hint(ctx)}"), number)
    if to > 0:
        days, holds = _final_days(ctx, phase.every_days, is_last)
        laid_out.append(_LaidOutStep(phase, number, ctx.plan.start_date, days, ctx.split(to, "to", number, caps), holds))
    return laid_out


def _finer_hint(ctx: Context) -> str:
    finer = finer_product(ctx.plan.profile, ctx.products)
    return "" if finer is None else f"; add {finer.id} for steps of {fmt(grid_of((*ctx.products, finer)))} mg"


def _taper_targets(ctx: Context, phase: Taper, number: int, current: Fraction) -> list[Fraction]:
    """The daily doses strictly between the current dose and `to`, from high to low, as the method
    asks (none for a percentage: each of its cuts is taken from the dose the last one reached)."""
    to, grid, amount = phase.to_mg, ctx.grid, phase.amount
    if phase.method == "step":
        if amount <= 0:
            raise ctx.fail("bad_step", "step", f"the step must be above 0 mg a day, not {fmt(amount)}", number)
        ctx.on_grid(amount, "step", number, daily=False)
        if amount >= current - to:
            raise ctx.fail("step_too_big", "step", f"{fmt(amount)} mg a day is not smaller than the {fmt(current - to)} mg a day to cut", number)
        return [current - amount * k for k in range(1, math.ceil((current - to) / amount)) if current - amount * k > to]
    if phase.method == "percent":
        if not 0 < amount < 100:
            raise ctx.fail("bad_percent", "percent", f"{fmt(amount)} %; give more than 0 and less than 100", number)
        return []  # laid out in _taper one cut at a time, from the dose each cut actually reached
    if phase.method == "weeks":
        if amount <= 0 or amount.denominator != 1 or amount > 520:
            raise ctx.fail("bad_weeks", "weeks", f"{fmt(amount)} weeks; give a whole number from 1 to 520", number)
        total_days = int(amount) * 7
        if total_days % phase.every_days:
            raise ctx.fail("weeks_not_whole", "weeks", f"{fmt(amount)} weeks do not divide into whole steps of {phase.every_days} days", number)
        steps = total_days // phase.every_days
        units = int((current - to) / grid)
        cuts = steps + 1
        if units < cuts:
            raise ctx.fail("weeks_too_many_steps", "weeks", f"{cuts} cuts of at least {fmt(grid)} mg are needed but only {fmt(current - to)} mg a day is to cut; take fewer weeks or change less often", number)
        size, bigger = divmod(units, cuts)
        dose, result = current, []
        for k in range(steps):
            dose -= grid * (size + (1 if k < bigger else 0))
            result.append(dose)
        return result
    raise ctx.fail("bad_method", "method", f"unknown taper method {phase.method!r}; use step, percent or weeks", number)


def _next_percent(dose: Fraction, percent: Fraction, grid: Fraction, to: Fraction) -> Fraction:
    """The percentage cut rounded up to the grid (a cut no larger than asked), but at least one grid step."""
    return max(min(ceil_to(dose * (100 - percent) / 100, grid), dose - grid), to)


def _apply_adjustments(ctx: Context, laid_out: list[_LaidOutStep]) -> tuple[list[_LaidOutStep], tuple[Adjustment, ...]]:
    orphaned = []
    n = len(ctx.plan.times)
    for adj in ctx.plan.adjustments:
        match = next((d for d in laid_out if d.phase.id == adj.phase_id and d.nominal_start == adj.step_start
                      and d.daily == adj.step_daily_mg), None)
        if match is None:
            orphaned.append(adj)
            continue
        if adj.days:
            if match.days + adj.days < 1:
                raise PlanError(error("adjustment_too_short", "adjustments", f"{adj.describe()} leaves the step with no days"))
            match.days += adj.days
        if adj.doses is not None:
            if len(adj.doses) != n:
                raise PlanError(error("bad_adjustment", "adjustments", f"{adj.describe()}: give {n} doses, one per dose time"))
            if any(d < 0 for d in adj.doses) or sum(adj.doses) <= 0:
                raise PlanError(error("bad_adjustment", "adjustments", f"{adj.describe()}: doses must be 0 or more, and not all 0"))
            match.doses = adj.doses
            match.hand_set = True
            match.reduction = False  # a hand-set dose is bound by the limits like any increase
        match.adjusted = True
    return laid_out, tuple(orphaned)


def _doses(ctx: Context, per_time: tuple[Fraction, ...], on_liquid: bool = False) -> tuple[Dose, ...]:
    """The step's doses as units. Once a plan needs the liquid (`on_liquid`, or a dose here only
    the liquid makes) every dose the liquid can make is the liquid alone, so each dose time keeps
    one form for the rest of the plan and a day is not a mix of tablets and spoonfuls."""
    result = []
    for position, (dose_time, mg) in enumerate(zip(ctx.plan.times, per_time)):
        units = make_dose(mg, ctx.products)
        if units is None:
            near = _or(nearest_makeable(mg, ctx.grid, lambda value: make_dose(value, ctx.products) is not None))
            raise PlanError(error("unmakeable_dose", "products", f"{fmt(mg)} mg at {dose_time.hhmm} cannot be made from {ctx.ids}; nearest that can: {near}"))
        result.append(Dose(dose_time, position, mg, units))
    if on_liquid or any(u.product.is_liquid for dose in result for u in dose.units):
        result = [replace(dose, units=make_liquid_dose(dose.mg, ctx.products) or dose.units) for dose in result]
    return tuple(result)


def _freeze(ctx: Context, laid_out: list[_LaidOutStep]) -> tuple[Step, ...]:
    checks.limit_errors(ctx.renal, ctx.plan.profile.max_dose_mg, [(d.doses, d.reduction, d.phase_number, d.field) for d in laid_out], len(ctx.plan.phases))
    steps = []
    day = ctx.plan.start_date
    on_liquid = False
    for number, laid in enumerate(laid_out, start=1):
        end = day + timedelta(days=laid.days - 1)
        doses = _doses(ctx, laid.doses, on_liquid)
        on_liquid = any(u.product.is_liquid for dose in doses for u in dose.units)
        steps.append(Step(number, laid.phase.id, laid.phase.kind, day, end, laid.daily, doses, laid.holds_until_review, laid.adjusted))
        day = end + timedelta(days=1)
    return tuple(steps)


def _dispense(schedule: Schedule) -> tuple[Dispense, ...]:
    totals: dict[str, Fraction] = {}
    for step in schedule.steps:
        for dose in step.doses:
            for unit in dose.units:
                totals[unit.product.id] = totals.get(unit.product.id, Fraction(0)) + unit.count * step.days
    result = []
    for product_id in schedule.plan.products:
        if product_id not in totals:
            continue
        product = schedule.profile.product(product_id)
        amount = totals[product_id]
        if not product.is_liquid:
            amount = Fraction(math.ceil(amount))  # halves are paired over the whole plan, rounded once
        result.append(Dispense(product, amount, product.unit))
    return tuple(result)
