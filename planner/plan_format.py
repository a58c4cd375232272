"""Plan files: a versioned JSON form of a Plan, read and written as text (the I/O is elsewhere)."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .errors import PlanError, error
from .model import Adjustment, Clinician, CurrentDose, LabValues, Maintenance, Patient, Phase, Plan, Taper, Titration
from .numbers import exact_decimal, exact_ratio, json_number
from .patient_input import creatinine_problem
from .phrases import LANGUAGES
from .profile import DrugProfile, profile_from_dict
from .times import DoseTime, parse_clock, parse_date
from .trust import clearance_problem

PLAN_SCHEMA = "taperplan.plan/1"
MAX_PLAN_BYTES = 1_000_000


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    patient = plan.patient
    return {
        "schema": PLAN_SCHEMA,
        "plan_id": plan.plan_id,
        "revision": plan.revision,
        "patient": {
            "name": patient.name,
            "age": patient.age,
            "crcl_ml_min": None if patient.crcl_ml_min is None else _num(patient.crcl_ml_min),
            "labs": None if patient.labs is None else {
                "weight_kg": _num(patient.labs.weight_kg), "sex": patient.labs.sex,
                "creatinine": _num(patient.labs.creatinine), "unit": patient.labs.unit,
            },
            "dialysis": patient.dialysis,
            "liver": patient.liver,
            "pregnant": patient.pregnant,
            "seizures": patient.seizures,
            "intrathecal": patient.intrathecal,
            **({"interactions": dict(patient.interactions)} if patient.interactions else {}),
        },
        "clinician": {"name": plan.clinician.name, "contact": plan.clinician.contact},
        "products": list(plan.products),
        "times": [{"name": t.name, "time": t.hhmm} for t in plan.times],
        "timezone": plan.timezone,
        "start_date": plan.start_date.isoformat(),
        "current": None if plan.current is None else {
            "daily_mg": _num(plan.current.daily_mg),
            "doses": None if plan.current.doses is None else [_num(d) for d in plan.current.doses],
        },
        "phases": [_phase_to_dict(p) for p in plan.phases],
        "review_days": plan.review_days,
        "follow_up_days": plan.follow_up_days,
        "adjustments": [
            {"phase": a.phase_id, "step_start": a.step_start.isoformat(), "step_daily_mg": _num(a.step_daily_mg),
             "days": a.days, "doses": None if a.doses is None else [_num(d) for d in a.doses]}
            for a in plan.adjustments
        ],
        "exports": plan.exports,
        "profile": plan.profile.as_dict(),
    } | ({"language": plan.language} if plan.language != "en" else {})  # absent: English, as before the key existed


def _num(value: Fraction) -> Any:
    """Exact values keep a JSON number when it is exact (grid values); other fractions stay text."""
    number = json_number(value)
    return number if Fraction(repr(number)) == value else f"{value.numerator}/{value.denominator}"


def _phase_to_dict(phase: Phase) -> dict[str, Any]:
    if isinstance(phase, Titration):
        return {"kind": "titrate", "id": phase.id, "start_mg": None if phase.start_mg is None else _num(phase.start_mg),
                "target_mg": _num(phase.target_mg), "step_mg": _num(phase.step_mg), "every_days": phase.every_days}
    if isinstance(phase, Maintenance):
        return {"kind": "maintain", "id": phase.id, "days": phase.days}
    return {"kind": "taper", "id": phase.id, "to_mg": _num(phase.to_mg), "method": phase.method,
            "amount": _num(phase.amount), "every_days": phase.every_days}


def dumps_plan(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False) + "\n"


def loads_plan(text: str | bytes, origin: str = "plan file") -> Plan:
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > MAX_PLAN_BYTES:
        raise _fail(origin, "(file)", f"is {size:,} bytes; a plan file is at most {MAX_PLAN_BYTES:,}")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise _fail(origin, "(file)", "is not UTF-8 text") from None
    try:
        data = json.loads(text, parse_float=Decimal)
    except RecursionError:
        raise _fail(origin, "(file)", "is nested too deeply to be a plan") from None
    except ValueError as exc:
        raise _fail(origin, "(file)", f"is not valid JSON (line {getattr(exc, 'lineno', '?')}); is it truncated?") from None
    return plan_from_dict(data, origin)


def _fail(origin: str, key: str, problem: str) -> PlanError:
    where = origin if key == "(file)" else f"{origin} key {key}"
    return PlanError(error("bad_plan_file", "plan", f"{where} {problem}"))


class _Fields:
    def __init__(self, data: Any, origin: str) -> None:
        self.data, self.origin = data, origin

    def get(self, key: str, kinds: type | tuple[type, ...], *, optional: bool = False) -> Any:
        node = self.data
        for part in key.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise _fail(self.origin, key, "is missing")
        if node is None and optional:
            return None
        if isinstance(node, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
            raise _fail(self.origin, key, "has the wrong type")
        if not isinstance(node, kinds):
            raise _fail(self.origin, key, "has the wrong type")
        return node

    def number(self, key: str, *, optional: bool = False) -> Fraction | None:
        value = self.get(key, (int, Decimal, str), optional=optional)
        if value is None:
            return None
        if isinstance(value, Decimal) and not value.is_finite():
            raise _fail(self.origin, key, "is not a finite number")
        if isinstance(value, int):
            parsed: Fraction | None = Fraction(value)
        elif isinstance(value, Decimal):
            parsed = exact_decimal(value)
        else:
            parsed = exact_ratio(value)
        if parsed is None:
            raise _fail(self.origin, key, "is not a number of a sensible size (too many digits or too large an exponent)")
        result = parsed
        if abs(result) > 100_000:
            raise _fail(self.origin, key, "is out of range")
        return result

    def req(self, key: str) -> Fraction:
        value = self.number(key)
        assert value is not None
        return value

    def whole(self, key: str, *, optional: bool = False) -> int | None:
        value = self.get(key, int, optional=optional)
        if value is not None and not -1_000_000 < value < 1_000_000:
            raise _fail(self.origin, key, "is out of range")
        return value  # type: ignore[no-any-return]

    def flag(self, key: str) -> bool:
        """A yes/no added after the first plan files: absent means no (older files stay readable)."""
        owner, _, name = key.rpartition(".")
        parent = self.get(owner, dict) if owner else self.data
        return name in parent and bool(self.get(key, bool))

    def count(self, key: str) -> int:
        return len(self.get(key, list))


def _interactions(f: _Fields, origin: str) -> tuple[tuple[str, str], ...]:
    """The answers to the profile's interaction questions (absent in files that asked none)."""
    answers = f.get("patient.interactions", dict, optional=True) if "interactions" in f.get("patient", dict) else None
    if answers is None:
        return ()
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in answers.items()):
        raise _fail(origin, "patient.interactions", "must map each question id to an answer in text")
    return tuple(sorted(answers.items()))


def plan_from_dict(data: Any, origin: str = "plan file") -> Plan:
    f = _Fields(data, origin)
    if not isinstance(data, dict):
        raise _fail(origin, "(file)", "must hold a JSON object")
    schema = f.get("schema", str)
    if schema != PLAN_SCHEMA:
        raise _fail(origin, "schema", f"is {schema!r}; this version of taperplan reads {PLAN_SCHEMA!r}")
    try:
        profile = profile_from_dict(_plain(f.get("profile", dict)), f"{origin} profile")
    except ValueError as exc:
        if isinstance(exc, PlanError):
            raise
        raise _fail(origin, "profile", "is not a valid profile") from None
    labs = None
    if f.get("patient.labs", dict, optional=True) is not None:
        sex, unit = f.get("patient.labs.sex", str), f.get("patient.labs.unit", str)
        if sex not in ("female", "male"):
            raise _fail(origin, "patient.labs.sex", "must be female or male")
        if unit not in ("mg/dL", "umol/L"):
            raise _fail(origin, "patient.labs.unit", "must be mg/dL or umol/L")
        labs = LabValues(f.req("patient.labs.weight_kg"), sex, f.req("patient.labs.creatinine"), unit)
    patient = Patient(
        name=f.get("patient.name", str), age=f.whole("patient.age", optional=True),
        crcl_ml_min=f.number("patient.crcl_ml_min", optional=True), labs=labs,
        dialysis=f.get("patient.dialysis", bool), liver=f.get("patient.liver", bool),
        pregnant=f.flag("patient.pregnant"), seizures=f.flag("patient.seizures"),
        intrathecal=f.flag("patient.intrathecal"), interactions=_interactions(f, origin),
    )
    implausible = labs and creatinine_problem(labs.creatinine, labs.unit)
    if implausible:  # before the clearance, whose mismatch would hide the likely unit mix-up
        raise _fail(origin, "patient.labs.creatinine", implausible.message)
    clearance = clearance_problem(patient)
    if clearance is not None:
        raise _fail(origin, "patient.crcl_ml_min", clearance.message)
    products = tuple(f.get(f"products.{i}", str) for i in range(f.count("products")))
    if len(set(products)) != len(products):
        raise _fail(origin, "products", "names a product twice; each product once")
    times = []
    for i in range(f.count("times")):
        try:
            clock = parse_clock(f.get(f"times.{i}.time", str))
        except PlanError:
            raise _fail(origin, f"times.{i}.time", "is not an HH:MM clock time") from None
        times.append(DoseTime(f.get(f"times.{i}.name", str), clock))
    current = None
    if f.get("current", dict, optional=True) is not None:
        doses = None
        if f.get("current.doses", list, optional=True) is not None:
            doses = tuple(f.req(f"current.doses.{i}") for i in range(f.count("current.doses")))
        current = CurrentDose(f.req("current.daily_mg"), doses)
    adjustments = []
    for i in range(f.count("adjustments")):
        key = f"adjustments.{i}"
        doses_value = None
        if f.get(f"{key}.doses", list, optional=True) is not None:
            doses_value = tuple(f.req(f"{key}.doses.{j}") for j in range(f.count(f"{key}.doses")))
        adjustments.append(Adjustment(
            f.get(f"{key}.phase", str), _date(f, f"{key}.step_start"), f.req(f"{key}.step_daily_mg"),
            f.whole(f"{key}.days") or 0, doses_value))
    revision = f.whole("revision")
    if revision is None or revision < 1:
        raise _fail(origin, "revision", "must be 1 or more")
    language = _language(data, profile, origin)
    return Plan(
        plan_id=f.get("plan_id", str), revision=revision, profile=profile, patient=patient,
        products=products,
        times=tuple(times), timezone=f.get("timezone", str), start_date=_date(f, "start_date"),
        phases=tuple(_phase(f, i) for i in range(f.count("phases"))),
        review_days=f.whole("review_days") or 0, current=current,
        clinician=Clinician(f.get("clinician.name", str), f.get("clinician.contact", str)),
        adjustments=tuple(adjustments), exports=_plain(f.get("exports", dict)),
        # Plan files written before the follow-up existed have no key: the profile's default.
        follow_up_days=f.whole("follow_up_days", optional=True) if "follow_up_days" in data else None,
        language=language,
    )


def _language(data: dict[str, Any], profile: DrugProfile, origin: str) -> str:
    """The patient's language: one taperplan speaks and the profile has patient texts in."""
    language = data.get("language", "en")
    if language not in LANGUAGES:
        raise _fail(origin, "language", f"must be one of {', '.join(LANGUAGES)}")
    if profile.texts and language not in dict(profile.texts):
        raise _fail(origin, "language", f"{language}: the {profile.drug} profile has no patient texts in it")
    return str(language)


def _date(f: _Fields, key: str) -> Any:
    try:
        return parse_date(f.get(key, str), key)
    except PlanError:
        raise _fail(f.origin, key, "is not a YYYY-MM-DD date") from None


def _phase(f: _Fields, i: int) -> Phase:
    key = f"phases.{i}"
    kind, pid = f.get(f"{key}.kind", str), f.get(f"{key}.id", str)
    if kind == "titrate":
        return Titration(pid, f.req(f"{key}.target_mg"), f.req(f"{key}.step_mg"), f.whole(f"{key}.every_days") or 0,
                         f.number(f"{key}.start_mg", optional=True))
    if kind == "maintain":
        return Maintenance(pid, f.whole(f"{key}.days") or 0)
    if kind == "taper":
        method = f.get(f"{key}.method", str)
        if method not in ("step", "percent", "weeks"):
            raise _fail(f.origin, f"{key}.method", "must be step, percent or weeks")
        return Taper(pid, f.req(f"{key}.to_mg"), method, f.req(f"{key}.amount"), f.whole(f"{key}.every_days") or 0)
    raise _fail(f.origin, f"{key}.kind", "must be titrate, maintain or taper")


def _plain(value: Any) -> Any:
    """Decimals from parsing back to JSON-native numbers (ints stay ints)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else str(value)
    return value
