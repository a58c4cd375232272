"""`taperplan`: the scriptable command line. Errors are one line and exit status 2."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import uuid
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import NoReturn

from planner import (
    PlanError,
    Schedule,
    TaperMethod,
    build_schedule,
    maintenance_plan,
    parse_date,
    schedule_text,
    schedule_to_dict,
    taper_plan,
    titration_plan,
    to_int,
)
from planner.phrases import LANGUAGES

from . import cli_inputs as inputs
from .cli_edit import add_edit_commands, add_phase_options, run_edit
from .cli_profile import add_profile_commands, run_profile
from .cli_show import schedule_table
from .workflow import ExportError, ExportRequest, PlanFileError, export, open_plan, plan_lock, save_plan


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="taperplan", description="Draft titration and taper schedules (baclofen, tizanidine or your own drug profile), then export them as calendars and handouts.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    new = sub.add_parser("new", help="create a plan file").add_subparsers(dest="kind", parser_class=_Parser, metavar="KIND")
    new.required = True
    titrate = new.add_parser("titrate", help="titration up to a target dose (default: the label schedule)")
    add_phase_options(titrate, "titrate", first=True)
    taper = new.add_parser("taper", help="taper down to stop or to a lower dose")
    add_phase_options(taper, "taper", first=True)
    maintain = new.add_parser("maintain", help="hold the dose the patient takes now until the review")
    maintain.add_argument("--dose", metavar="MG", required=True, help="the daily dose to hold, in mg a day")
    maintain.add_argument("--current", metavar="MG/MG/..", help="its per-time doses, e.g. 10/10/20 (default: split evenly)")
    for p in (titrate, taper, maintain):
        p.add_argument("--review", metavar="DAYS", help="days on the final dose until the review (default 28)")
        p.add_argument("--follow-up", dest="follow_up", metavar="DAYS",
                       help="if the plan stops: days from the last dose to the follow-up (default 7)")
        inputs.add_common(p)
        p.add_argument("-o", "--output", metavar="PLAN", required=True, help="plan file to write")
        p.add_argument("--force", action="store_true", help="replace an existing file")

    show = sub.add_parser("show", help="print a plan's schedule")
    show.add_argument("plan", metavar="PLAN")
    show.add_argument("--format", choices=("table", "text", "json"), default="table")

    export = sub.add_parser("export", help="write the schedule as text, calendar (.ics) or handout (PDF)")
    export.add_argument("plan", metavar="PLAN")
    export.add_argument("--text", metavar="FILE", help="instruction text")
    export.add_argument("--ics", metavar="FILE", help="calendar for the patient: one reminder per dose")
    export.add_argument("--pdf", metavar="FILE", help="printable handout")
    export.add_argument("--issued", metavar="YYYY-MM-DD", help="issue date printed and stamped (default today)")
    reminders = export.add_mutually_exclusive_group()
    reminders.add_argument("--reminder-minutes", metavar="N", help="calendar reminder N minutes before each dose (default 0)")
    reminders.add_argument("--no-reminders", action="store_true", help="calendar events without reminders")
    export.add_argument("--ics-name", action="store_true", help="put the patient's name in the calendar")
    export.add_argument("--discreet", action="store_true",
                        help="calendar titles and reminders without drug or dose ('Medicine: morning dose'); the detail is in the description")
    export.add_argument("--fresh", action="store_true",
                        help="calendar for a new, empty calendar: leave out the doses earlier versions cancelled")
    export.add_argument("--repeat", action="store_true",
                        help="compact calendar: one repeating event per step and dose time instead of one event per dose")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4", help="handout paper size")
    export.add_argument("--large-print", action="store_true", help="handout body text at 14 pt or more")
    export.add_argument("--force", action="store_true", help="replace existing files")
    export.add_argument("--language", choices=LANGUAGES, help="the patient's language for the handout, calendar and text "
                        "(stored in the plan; default: the plan's, en for a new plan)")

    add_edit_commands(sub, _Parser)
    add_profile_commands(sub, _Parser)

    products = sub.add_parser("products", help="list the products a profile offers")
    products.add_argument("--drug", metavar="NAME")
    products.add_argument("--profile", metavar="FILE")

    tui = sub.add_parser("tui", help="open the Textual app (the default with no command)")
    tui.add_argument("plan", metavar="PLAN", nargs="?")
    return parser


def main(argv: Sequence[str] | None = None, *, today: date | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        code = _dispatch(args, today or date.today())
        sys.stdout.flush()  # a closed pipe shows here, inside the guard, not at exit
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return 141  # as a Unix tool killed by SIGPIPE: the reader (e.g. `head -1`) has all it wanted
    except UsageError as exc:
        inputs.say("error", str(exc))
    except PlanError as exc:
        inputs.say("error", "; ".join(f"{inputs.flag_for(p)}: {p.message}" for p in exc.problems))
    except (ExportError, PlanFileError) as exc:
        inputs.say("error", str(exc))
    except UnicodeEncodeError as exc:
        inputs.say("error", f"this terminal's encoding ({exc.encoding}) cannot show the plan's text; "
                            "set PYTHONIOENCODING=utf-8 or use a UTF-8 locale")
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a last guard: a user never sees a traceback
        inputs.say("error", f"unexpected problem ({exc.__class__.__name__}: {exc}); please report it")
    return 2


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (a test's capture)
        pass


def _dispatch(args: argparse.Namespace, today: date) -> int:
    if args.command is None:
        return _run_app(None, today)
    if args.command == "tui":
        return _run_app(args.plan, today)
    if args.command == "products":
        profile = inputs.profile_from_args(args)
        for product in profile.products:
            mark = " (default)" if product.id in profile.default_products else ""
            halves = ", may be quartered" if product.quarters else ", may be halved" if product.halves else ""
            print(f"{product.id:8} {product.label}{halves}{mark}")
        return 0
    if args.command in ("profile", "profiles"):
        return run_profile(args)
    if args.command == "new":
        return _new(args, today)
    if args.command in ("phase", "adjust"):
        return run_edit(args)
    if args.command == "export":
        with plan_lock(args.plan):  # a calendar's record goes back into the plan: read and write it under one lock
            schedule = build_schedule(open_plan(args.plan))
            _warn(schedule)
            return _export(args, schedule, today)
    schedule = build_schedule(open_plan(args.plan))
    _warn(schedule)
    if args.command == "show":
        if args.format == "json":
            print(json.dumps(schedule_to_dict(schedule), indent=2, ensure_ascii=False))
        elif args.format == "text":
            print(schedule_text(schedule), end="")
        else:
            print(schedule_table(schedule), end="")
        return 0
    raise UsageError(f"unknown command {args.command!r}")


def _warn(schedule: Schedule) -> None:
    for w in schedule.warnings:
        inputs.say("warning", f"{inputs.flag_for(w)}: {w.message}")


def _new(args: argparse.Namespace, today: date) -> int:
    profile = inputs.profile_from_args(args)
    common = dict(
        plan_id=str(uuid.uuid4()), start_date=inputs.start_date(args, today), timezone=inputs.timezone(args),
        review_days=inputs.days(args.review, "review"), products=inputs.products(args, profile),
        patient=inputs.patient(args), clinician=inputs.clinician(args),
        follow_up_days=inputs.days(args.follow_up, "follow_up"),
    )
    if args.kind == "titrate":
        plan = titration_plan(
            profile, start_mg=inputs.mg(args.start, "start"), target_mg=inputs.mg(args.target, "target"),
            step_mg=inputs.mg(args.step, "step"), every_days=inputs.days(args.every, "every"),
            times=inputs.times(args, profile), **common)  # type: ignore[arg-type]
    elif args.kind == "maintain":
        per_time = _per_time(args)
        plan = maintenance_plan(
            profile, dose_mg=inputs.required_mg(args.dose, "dose"), current_doses=per_time,
            times=inputs.times(args, profile, len(per_time) if per_time and len(per_time) <= 4 else None),
            **common)  # type: ignore[arg-type]
    else:
        current = None
        if args.current:
            current = tuple(inputs.required_mg(x, "current") for x in args.current.split("/"))
        method: TaperMethod = "step" if args.step is not None else "percent" if args.percent is not None else "weeks"
        amount = {"step": args.step, "percent": args.percent, "weeks": args.weeks}[method]
        plan = taper_plan(
            profile, from_mg=inputs.required_mg(args.from_mg, "from"), to_mg=inputs.required_mg(args.to, "to"),
            method=method, amount=inputs.required_mg(amount, method), every_days=inputs.days(args.every, "every"),
            current_doses=current, times=inputs.times(args, profile, len(current) if current and len(current) <= 4 else None),
            **common)  # type: ignore[arg-type]
    try:
        schedule = build_schedule(plan)
    except PlanError as exc:
        if args.kind != "maintain":
            raise
        # The held dose is the plan's current dose; here it was given as --dose.
        raise PlanError([dataclasses.replace(p, field="dose") if p.field == "from" else p for p in exc.problems]) from None
    if args.profile and os.path.realpath(args.profile) == os.path.realpath(args.output):
        raise UsageError(f"{args.output}: is the profile file this plan was made from; choose another output path")
    save_plan(args.output, plan, expected_revision=None, replace=args.force)
    _warn(schedule)
    end = f"review on {schedule.review_date}" if schedule.review_date else f"stop on {schedule.stop_date}"
    print(f"wrote {args.output}: {inputs.plural(len(schedule.steps), 'step')} from {schedule.first_day}, {end}")
    return 0


def _per_time(args: argparse.Namespace) -> tuple[Fraction, ...] | None:
    if not args.current:
        return None
    return tuple(inputs.required_mg(x, "current") for x in args.current.split("/"))


def _export(args: argparse.Namespace, schedule: Schedule, today: date) -> int:
    if not (args.text or args.ics or args.pdf):
        raise UsageError("export: name at least one output: --text FILE, --ics FILE or --pdf FILE")
    minutes = None if args.no_reminders else to_int(args.reminder_minutes or "0", "reminder_minutes", what="a whole number of minutes")
    request = ExportRequest(
        issued=parse_date(args.issued, "issued") if args.issued else today, ics_path=args.ics or "", pdf_path=args.pdf or "",
        text_path=args.text or "", reminder_minutes=minutes, include_name=args.ics_name, discreet=args.discreet,
        fresh=args.fresh, repeat=args.repeat, paper=args.paper, large_print=args.large_print, force=args.force,
        plan_path=args.plan, record_calendar=True, language=args.language)
    report = export(schedule, request)
    for path in report.written:
        print(f"wrote {path}")
    if report.record_problem:
        raise PlanFileError(report.record_problem)
    return 0


def _run_app(plan_path: str | None, today: date) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the app needs a terminal; for scripts use the commands (taperplan --help)")
    from .app import run_app  # loaded here so that the other commands start without Textual

    return int(run_app(plan_path, today))
