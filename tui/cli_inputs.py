"""Command-line values to planner values; every refusal names the flag it came from."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from fractions import Fraction

from exports.files import ExportError, read_bounded
from planner import (
    Clinician,
    DoseTime,
    DrugProfile,
    Patient,
    PlanError,
    Problem,
    bundled_profile,
    default_times,
    load_profile,
    parse_date,
    parse_times,
    read_patient,
    to_fraction,
    to_int,
    zone,
)

FLAGS = {
    "target": "--target", "start": "--start", "step": "--step", "every": "--every", "to": "--to",
    "from": "--from", "percent": "--percent", "weeks": "--weeks", "times": "--times", "timezone": "--tz",
    "products": "--products", "age": "--age", "crcl": "--crcl", "dialysis": "--dialysis", "liver": "--liver",
    "review": "--review", "start_date": "--start-date", "drug": "--drug", "profile": "--profile",
    "current": "--current", "weight": "--weight", "sex": "--sex", "creatinine": "--creatinine",
    "days": "--days", "egfr": "--egfr", "pregnant": "--pregnant", "seizures": "--seizures",
    "intrathecal": "--intrathecal", "doses": "--doses", "issued": "--issued", "reminder_minutes": "--reminder-minutes",
    "patient": "--patient", "clinician": "--clinician", "contact": "--contact", "dose": "--dose", "follow_up": "--follow-up", "interactions": "--interaction",
}
MAX_PROFILE_BYTES = 200_000


def flag_for(problem: Problem) -> str:
    return FLAGS.get(problem.field, problem.field)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def say(kind: str, text: str) -> None:
    print(f"taperplan: {kind}: {text}", file=sys.stderr)


def mg(value: str | None, field: str) -> Fraction | None:
    return None if value is None else to_fraction(value, field, what="a dose in mg")


def required_mg(value: str, field: str) -> Fraction:
    return to_fraction(value, field, what="a dose in mg")


def days(value: str | None, field: str) -> int | None:
    return None if value is None else to_int(value, field, what="a whole number of days")


def profile_from_args(args: argparse.Namespace) -> DrugProfile:
    if args.profile:
        try:
            data = read_bounded(args.profile, MAX_PROFILE_BYTES, "profile file")
        except ExportError as exc:
            raise PlanError(Problem("bad_profile", "profile", str(exc))) from None
        profile = load_profile(data, origin=str(args.profile))
        if args.drug and args.drug != profile.drug:
            raise PlanError(Problem("unknown_drug", "drug", f"{args.drug!r} does not match the profile's drug {profile.drug!r}"))
        return profile
    return bundled_profile(args.drug or "baclofen")


def system_zone() -> str:
    try:
        from tzlocal import get_localzone_name

        name = get_localzone_name()
    except Exception:  # tzlocal raises several kinds when the system has no zone configured
        name = None
    return name or "UTC"


def start_date(args: argparse.Namespace, today: date) -> date:
    return parse_date(args.start_date, "start_date") if args.start_date else today + timedelta(days=1)


def timezone(args: argparse.Namespace) -> str:
    name = args.tz or system_zone()
    zone(name)
    return str(name)


def times(args: argparse.Namespace, profile: DrugProfile, count: int | None = None) -> tuple[DoseTime, ...]:
    if args.times:
        return parse_times(args.times, profile.max_times_per_day)
    return default_times(count or profile.titration_times_per_day)


def products(args: argparse.Namespace, profile: DrugProfile) -> tuple[str, ...]:
    if not args.products:
        return profile.default_products
    ids = tuple(p.strip() for p in args.products.split(",") if p.strip())
    for pid in ids:
        profile.product(pid)
    if len(set(ids)) != len(ids):
        raise PlanError(Problem("duplicate_product", "products", "each product once"))
    return ids


def patient(args: argparse.Namespace) -> Patient:
    return read_patient(name=args.patient or "", age=args.age, crcl=args.crcl, egfr=args.egfr, weight=args.weight,
                        sex=args.sex, creatinine=args.creatinine, dialysis=bool(args.dialysis), liver=bool(args.liver),
                        pregnant=bool(args.pregnant), seizures=bool(args.seizures), intrathecal=bool(args.intrathecal),
                        interactions=tuple(args.interaction or ()))


def clinician(args: argparse.Namespace) -> Clinician:
    return Clinician(args.clinician or "", args.contact or "")


def add_common(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("patient and plan")
    g.add_argument("--start-date", metavar="YYYY-MM-DD", help="first day of the plan (default: tomorrow)")
    g.add_argument("--tz", metavar="ZONE", help="IANA time zone, e.g. Europe/Berlin (default: the system's)")
    g.add_argument("--times", metavar="TIMES", help="dose times: 3, or 08:00,14:00,21:00, or morning=08:00,bedtime=21:00")
    g.add_argument("--products", metavar="ID,ID", help="products the patient uses (see `taperplan products`)")
    g.add_argument("--patient", metavar="NAME", help="patient's name")
    g.add_argument("--age", metavar="N", help="age in years (18 or over)")
    kidney = g.add_mutually_exclusive_group()
    kidney.add_argument("--crcl", metavar="N", help="creatinine clearance in mL/min (Cockcroft-Gault)")
    kidney.add_argument("--dialysis", action="store_true", help="on haemodialysis")
    kidney.add_argument("--egfr", metavar="N", help=argparse.SUPPRESS)
    g.add_argument("--weight", metavar="KG", help="weight in kg, for Cockcroft-Gault")
    g.add_argument("--sex", choices=("female", "male"), help="sex, for Cockcroft-Gault")
    g.add_argument("--creatinine", metavar="VALUE", help="serum creatinine with unit: 1.2mg/dL or 106umol/L")
    g.add_argument("--liver", action="store_true", help="liver impairment")
    g.add_argument("--pregnant", action="store_true", help="pregnant")
    g.add_argument("--seizures", action="store_true", help="a history of seizures")
    g.add_argument("--intrathecal", action="store_true", help="also has an intrathecal pump; this tool plans the oral drug only")
    g.add_argument("--interaction", metavar="ID=ANSWER", action="append",
                   help="answer to the drug's interaction question, e.g. cyp1a2=strong|other|none (see `taperplan profiles`)")
    g.add_argument("--clinician", metavar="NAME", help="prescriber's name")
    g.add_argument("--contact", metavar="TEXT", help="contact number or address for the patient")
    g.add_argument("--drug", metavar="NAME", help="drug profile (default baclofen)")
    g.add_argument("--profile", metavar="FILE", help="your own drug profile file (JSON)")
