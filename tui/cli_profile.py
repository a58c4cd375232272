"""`taperplan profile check FILE`, `taperplan profile new --from DRUG -o FILE`, `taperplan profiles`:
writing and checking a clinic's own drug profile (format: planner/data/profile.schema.json)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from exports.files import ExportError, read_bounded, write_all
from planner import PlanError, Problem, bundled_profile, bundled_profile_names, fmt, key_descriptions, profile_problems

from . import cli_inputs as inputs


def add_profile_commands(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    profile = sub.add_parser("profile", help="check a drug profile file, or start one from a bundled profile")
    actions = profile.add_subparsers(dest="profile_action", parser_class=parser_class, metavar="ACTION")
    actions.required = True
    check = actions.add_parser("check", help="list every problem of a profile file (exit 2 on any)")
    check.add_argument("file", metavar="FILE")
    new = actions.add_parser("new", help="write a commented copy of a bundled profile to edit")
    new.add_argument("--from", dest="source", metavar="DRUG", default="baclofen", help="bundled profile to start from (see `taperplan profiles`)")
    new.add_argument("-o", "--output", metavar="FILE", required=True, help="profile file to write")
    new.add_argument("--force", action="store_true", help="replace an existing file")
    sub.add_parser("profiles", help="list the bundled drug profiles")


def run_profile(args: argparse.Namespace) -> int:
    if args.command == "profiles":
        return _list()
    if args.profile_action == "check":
        return _check(args.file)
    return _new(args.source, args.output, force=args.force)


def _list() -> int:
    for name in bundled_profile_names():
        p = bundled_profile(name)
        questions = "; ask " + ", ".join(f"--interaction {x.id}={'|'.join(x.level_ids)}" for x in p.interactions) if p.interactions else ""
        sections = [s for s, present in (("titration", p.has_titration), ("renal", p.has_renal_rules)) if not present]
        print(f"{p.drug:12} {p.name} {p.version}: {fmt(p.max_daily_mg)} mg a day, {fmt(p.max_dose_mg)} mg a dose, "
              f"{p.max_times_per_day} times a day at most; products {', '.join(x.id for x in p.products)}"
              + (f"; no {' or '.join(sections)} section" if sections else "") + questions)
    return 0


def _check(path: str) -> int:
    try:
        data = read_bounded(path, inputs.MAX_PROFILE_BYTES, "profile file")
    except ExportError as exc:
        raise PlanError(Problem("bad_profile", "profile", str(exc))) from None
    problems = profile_problems(data, origin=path)
    for problem in problems:
        inputs.say("error", problem.message)
    if problems:
        return 2
    print(f"{path}: a valid profile; every number has a source")
    return 0


def _new(source: str, output: str, *, force: bool) -> int:
    """The bundled profile with a `comments` section naming what each key means; the sources stay."""
    profile = bundled_profile(source)
    data = profile.as_dict()
    comments = {"how to use": ("Edit the values, give every number its source in `sources` (a label or paper line, or "
                               "'Clinical judgement: why'), change `version`, then run `taperplan profile check FILE`. "
                               "The format: planner/data/profile.schema.json; README 'Drug profiles'."),
                **key_descriptions()}
    ordered = {"schema": data.pop("schema"), "comments": comments, **data}
    ordered["version"] = f"{profile.version}-local"
    text = json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
    write_all([(output, text.encode("utf-8"))], force=force)
    print(f"wrote {output}: a copy of {profile.name} {profile.version} to edit; check it with `taperplan profile check {output}`")
    return 0
