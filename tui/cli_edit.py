"""`taperplan phase ...` and `taperplan adjust ...`: change an existing plan file.

Each change is checked by the planner before the file is replaced, and raises the revision."""

from __future__ import annotations

import argparse
from fractions import Fraction

from planner import (
    Maintenance,
    Phase,
    Plan,
    Taper,
    TaperMethod,
    Titration,
    add_phase,
    adjust_step,
    build_schedule,
    default_titration,
    fmt,
    move_phase,
    remove_adjustment,
    remove_phase,
    replace_phase,
    to_int,
)

from . import cli_inputs as inputs
from .workflow import change_plan_file, open_plan


def add_phase_options(parser: argparse.ArgumentParser, kind: str, *, first: bool) -> None:
    """The options of one phase kind; `first` adds what only a plan's opening phase needs."""
    if kind == "titrate":
        parser.add_argument("--start", metavar="MG", help="first daily dose" + (" (default 15, less with reduced kidney function)" if first else " (default: the previous dose + one step)"))
        parser.add_argument("--target", metavar="MG", help="target daily dose (default 60)")
        parser.add_argument("--step", metavar="MG", help="increase in mg a day (default 15, less with reduced kidney function)")
        parser.add_argument("--every", metavar="DAYS", help="days between increases (default 3)")
    elif kind == "maintain":
        parser.add_argument("--days", metavar="N", required=True, help="days to hold the dose")
    else:
        if first:
            parser.add_argument("--from", dest="from_mg", metavar="MG", required=True, help="current daily dose in mg a day")
            parser.add_argument("--current", metavar="MG/MG/..", help="the patient's actual per-time doses, e.g. 10/10/20")
        parser.add_argument("--to", metavar="MG", default="0", help="final daily dose (default 0: stop)")
        method = parser.add_mutually_exclusive_group(required=True)
        method.add_argument("--step", metavar="MG", help="cut this many mg a day each time")
        method.add_argument("--percent", metavar="P", help="cut P %% of the current dose each time")
        method.add_argument("--weeks", metavar="W", help="spread the taper over W weeks")
        parser.add_argument("--every", metavar="DAYS", help="days between cuts (default 7)")


def phase_from_args(args: argparse.Namespace, plan: Plan) -> Phase:
    profile = plan.profile
    if args.kind == "titrate":
        _, default_step = default_titration(profile, plan.patient, plan.products)  # the label's, scaled for the kidneys
        return Titration(
            id="", target_mg=_or_mg(inputs.mg(args.target, "target"), profile.titration_target_mg),
            step_mg=_or_mg(inputs.mg(args.step, "step"), default_step),
            every_days=_or_days(inputs.days(args.every, "every"), profile.titration_every_days),
            start_mg=inputs.mg(args.start, "start"))
    if args.kind == "maintain":
        return Maintenance(id="", days=to_int(args.days, "days", what="a whole number of days"))
    method: TaperMethod = "step" if args.step is not None else "percent" if args.percent is not None else "weeks"
    amount = {"step": args.step, "percent": args.percent, "weeks": args.weeks}[method]
    return Taper(id="", to_mg=inputs.required_mg(args.to, "to"), method=method, amount=inputs.required_mg(amount, method),
                 every_days=_or_days(inputs.days(args.every, "every"), profile.taper_every_days))


def _or_mg(value: Fraction | None, default: Fraction) -> Fraction:
    return default if value is None else value


def _or_days(value: int | None, default: int) -> int:
    return default if value is None else value


def add_edit_commands(sub: argparse._SubParsersAction, parser_class: type) -> None:  # type: ignore[type-arg]
    phase = sub.add_parser("phase", help="add, replace, move, remove or list a plan's phases")
    actions = phase.add_subparsers(dest="action", parser_class=parser_class, metavar="ACTION")
    actions.required = True
    for action in ("add", "replace"):
        p = actions.add_parser(action, help=f"{action} a titration, maintenance or taper phase")
        p.add_argument("plan", metavar="PLAN")
        if action == "replace":
            p.add_argument("number", metavar="N", help="phase number (see `taperplan phase list`)")
        kinds = p.add_subparsers(dest="kind", parser_class=parser_class, metavar="KIND")
        kinds.required = True
        for kind, text in (("titrate", "go up to a target"), ("maintain", "hold the dose for some days"), ("taper", "go down to a dose or stop")):
            add_phase_options(kinds.add_parser(kind, help=text), kind, first=False)
    remove = actions.add_parser("remove", help="remove phase N")
    remove.add_argument("plan", metavar="PLAN")
    remove.add_argument("number", metavar="N")
    move = actions.add_parser("move", help="move phase N to position M")
    move.add_argument("plan", metavar="PLAN")
    move.add_argument("number", metavar="N")
    move.add_argument("to_number", metavar="M")
    actions.add_parser("list", help="list the phases").add_argument("plan", metavar="PLAN")

    adjust = sub.add_parser("adjust", help="lengthen, shorten or set the doses of one step")
    adj = adjust.add_subparsers(dest="action", parser_class=parser_class, metavar="ACTION")
    adj.required = True
    add = adj.add_parser(
        "add", help="set step N's adjustment (see `taperplan show`)",
        description="Set step N's adjustment. --days N makes the step N days longer than the phases lay it out "
                    "(negative: shorter; 0: as laid out); --doses sets its per-time doses. Setting a step again "
                    "replaces the value given before, it does not add to it (as the app's Adjust step dialog); "
                    "what is not given stays as it was.")
    add.add_argument("plan", metavar="PLAN")
    add.add_argument("--step", dest="step_number", metavar="N", required=True, help="step number")
    add.add_argument("--days", metavar="+N|-N", help="the step runs N days longer (negative: shorter) than laid out; replaces an earlier --days")
    add.add_argument("--doses", metavar="MG/MG/..", help="set the step's per-time doses by hand, e.g. 10/5/15; replaces earlier doses")
    rm = adj.add_parser("remove", help="remove adjustment K (see `taperplan adjust list`)")
    rm.add_argument("plan", metavar="PLAN")
    rm.add_argument("number", metavar="K")
    adj.add_parser("list", help="list adjustments, flagging orphaned ones").add_argument("plan", metavar="PLAN")


def run_edit(args: argparse.Namespace) -> int:
    if args.action == "list":
        plan = open_plan(args.plan)
        return _list_phases(plan) if args.command == "phase" else _list_adjustments(plan)
    def change(plan: Plan) -> Plan:
        if args.command == "phase":
            return _change_phase(args, plan)
        if args.action == "remove":
            return remove_adjustment(plan, to_int(args.number, "adjustments", what="an adjustment number"))
        step = to_int(args.step_number, "adjustments", what="a step number")
        days = None if args.days is None else to_int(args.days, "days", what="a whole number of days")
        doses = None if args.doses is None else tuple(inputs.required_mg(x, "doses") for x in args.doses.split("/"))
        return adjust_step(plan, step, days=days, doses=doses)

    saved, schedule = change_plan_file(args.plan, change)
    for w in schedule.warnings:
        inputs.say("warning", f"{inputs.flag_for(w)}: {w.message}")
    end = f"review on {schedule.review_date}" if schedule.review_date else f"stop on {schedule.stop_date}"
    print(f"wrote {args.plan} (revision {saved.revision}): {inputs.plural(len(saved.phases), 'phase')}, {inputs.plural(len(schedule.steps), 'step')}, {end}")
    return 0


def _change_phase(args: argparse.Namespace, plan: Plan) -> Plan:
    if args.action == "add":
        return add_phase(plan, phase_from_args(args, plan))
    number = to_int(args.number, "phase", what="a phase number")
    if args.action == "replace":
        return replace_phase(plan, number, phase_from_args(args, plan))
    if args.action == "move":
        return move_phase(plan, number, to_int(args.to_number, "phase", what="a phase number"))
    return remove_phase(plan, number)


def _list_phases(plan: Plan) -> int:
    for number, phase in enumerate(plan.phases, start=1):
        if isinstance(phase, Titration):
            start = "previous + step" if phase.start_mg is None else f"{fmt(phase.start_mg)} mg"
            text = f"titrate from {start} to {fmt(phase.target_mg)} mg a day, +{fmt(phase.step_mg)} every {phase.every_days} days"
        elif isinstance(phase, Maintenance):
            text = f"maintain for {phase.days} days"
        else:
            amount = {"step": f"-{fmt(phase.amount)} mg", "percent": f"-{fmt(phase.amount)} %", "weeks": f"over {fmt(phase.amount)} weeks"}[phase.method]
            text = f"taper to {fmt(phase.to_mg)} mg a day, {amount}, every {phase.every_days} days"
        print(f"{number}  {phase.id:4} {text}")
    return 0


def _list_adjustments(plan: Plan) -> int:
    orphaned = set(build_schedule(plan).orphaned)
    if not plan.adjustments:
        print("no adjustments")
    for number, adj in enumerate(plan.adjustments, start=1):
        print(f"{number}  {adj.describe()}" + ("  [ORPHANED: matches no step; not applied]" if adj in orphaned else ""))
    return 0
