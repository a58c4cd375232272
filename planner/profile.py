"""Drug profiles: the clinical numbers as data, loaded and validated in one place."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources
from typing import Any, Literal

from .errors import PlanError, Problem, error
from .numbers import exact_ratio, fmt
from .profile_parts import Interaction, check_bounds, has, read_clinician_texts, read_interactions
from .profile_schema import schema_problems, source_problems
from .profile_texts import PatientTexts, read_patient_texts, texts_for

PROFILE_SCHEMA = "taperplan.profile/1"
Form = Literal["tablet", "solution", "granules", "capsule"]
FORMS: tuple[str, ...] = ("tablet", "solution", "granules", "capsule")


@dataclass(frozen=True)
class Product:
    """Something the patient can take. Liquids are measured; solids are counted in pieces."""

    id: str
    form: Form
    strength_mg: Fraction  # per tablet or packet; for a liquid, mg per mL
    halves: bool = False
    step_ml: Fraction | None = None
    quarters: bool = False  # only where this product's label says its quarters are equal doses
    family: str = ""  # products of different families are never mixed in one plan ("" mixes with all)

    @property
    def pieces(self) -> int:
        """Into how many equal pieces one tablet may be broken: 1, 2 or 4."""
        return 4 if self.quarters else 2 if self.halves else 1

    @property
    def is_liquid(self) -> bool:
        return self.form == "solution"

    @property
    def smallest_mg(self) -> Fraction:
        if self.is_liquid:
            assert self.step_ml is not None
            return self.strength_mg * self.step_ml
        return self.strength_mg / self.pieces

    @property
    def label(self) -> str:
        if self.form == "tablet":
            return f"{fmt(self.strength_mg)} mg tablet"
        if self.form == "granules":
            return f"{fmt(self.strength_mg)} mg granule packet"
        if self.form == "capsule":
            return f"{fmt(self.strength_mg)} mg capsule"
        return f"{fmt(self.strength_mg)} mg/mL oral solution"

    @property
    def unit(self) -> str:
        return {"tablet": "tablet", "granules": "packet", "solution": "mL", "capsule": "capsule"}[self.form]


@dataclass(frozen=True)
class RenalBand:
    """Applies when creatinine clearance is above `above_ml_min` (and not in a higher band)."""

    above_ml_min: Fraction
    factor: Fraction
    avoid: bool
    warning: str = ""  # the clinician's words for this band, with the citation
    size_before_frequency: bool = False  # raise the dose size before adding dose times


@dataclass(frozen=True)
class DrugProfile:
    drug: str
    name: str
    version: str
    products: tuple[Product, ...]
    default_products: tuple[str, ...]
    max_daily_mg: Fraction
    max_dose_mg: Fraction
    min_gap_hours: int
    max_times_per_day: int
    titration_start_mg: Fraction
    titration_step_mg: Fraction
    titration_every_days: int
    titration_target_mg: Fraction
    titration_times_per_day: int
    review_days: int
    taper_every_days: int
    taper_min_days: int
    taper_long_from_mg: Fraction
    taper_long_min_days: int
    missed_dose_hours: int
    follow_up_days: int
    renal_bands: tuple[RenalBand, ...]
    dialysis_max_daily_mg: Fraction
    dialysis_avoid: bool
    settle_days: int
    min_age: int
    older_age: int
    older_low_crcl_ml_min: Fraction
    older_start_mg: Fraction
    source_text: str  # the canonical JSON it was loaded from, embedded in plan files
    has_titration: bool = True
    has_renal_rules: bool = True
    has_dialysis_rule: bool = True
    taper_max_step_mg: Fraction | None = None
    clinician_texts: tuple[tuple[str, str], ...] = ()
    interactions: tuple[Interaction, ...] = ()
    texts: tuple[tuple[str, PatientTexts], ...] = ()  # patient_texts by language

    def clinician_text(self, code: str, generic: str) -> str:
        """The profile's wording for a warning code (with its citation), or the generic wording."""
        return dict(self.clinician_texts).get(code, generic)

    def patient_texts(self, language: str) -> PatientTexts:
        """The patient's words about this drug in `language`; PlanError language_not_in_profile when missing."""
        return texts_for(self.texts, language, self.name.lower())

    def product(self, product_id: str) -> Product:
        for product in self.products:
            if product.id == product_id:
                return product
        known = ", ".join(p.id for p in self.products)
        raise PlanError(error("unknown_product", "products", f"unknown product {product_id!r}; known: {known}"))

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.source_text)
        return data


class _Reader:
    """Reads typed values from nested JSON, naming the dotted key in every error."""

    def __init__(self, data: object, origin: str) -> None:
        self.data = data
        self.origin = origin

    def fail(self, key: str, problem: str) -> PlanError:
        return PlanError(error("bad_profile", "profile", f"{self.origin} key {key}: {problem}"))

    def get(self, key: str) -> object:
        node: object = self.data
        for part in key.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise self.fail(key, "is missing")
        return node

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be non-empty text")
        return value

    def number(self, key: str, *, positive: bool = True, allow_zero: bool = False) -> Fraction:
        value = self.get(key)
        if not isinstance(value, str):  # _normalise turned every JSON number into its text
            raise self.fail(key, f"must be a number, not {value!r}")
        parsed = exact_ratio(value)
        if parsed is None:
            raise self.fail(key, f"must be a number of a sensible size, not {value[:40]!r}")
        number = parsed
        if positive and (number < 0 or (number == 0 and not allow_zero)):
            raise self.fail(key, f"must be {'zero or more' if allow_zero else 'above zero'}, not {fmt(number)}")
        return number

    def whole(self, key: str) -> int:
        number = self.number(key)
        if number.denominator != 1:
            raise self.fail(key, f"must be a whole number, not {fmt(number)}")
        return int(number)

    def flag(self, key: str, default: bool | None = None) -> bool:
        try:
            value = self.get(key)
        except PlanError:
            if default is None:
                raise
            return default
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def optional_text(self, key: str) -> str:
        try:
            self.get(key)
        except PlanError:
            return ""
        return self.text(key)

    def items(self, key: str) -> list[object]:
        value = self.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list")
        return value


def _read_product(r: _Reader, i: int) -> Product:
    key = f"products.{i}"
    pid = r.text(f"{key}.id")
    form = r.text(f"{key}.form")
    if form not in FORMS:
        raise r.fail(f"{key}.form", f"must be one of {', '.join(FORMS)}, not {form!r}")
    family = r.optional_text(f"{key}.family")
    if form == "solution":
        return Product(pid, "solution", r.number(f"{key}.mg_per_ml"), False, r.number(f"{key}.step_ml"), family=family)
    halves = r.flag(f"{key}.halves", default=False)
    quarters = r.flag(f"{key}.quarters", default=False)
    if form != "tablet" and (halves or quarters):
        raise r.fail(f"{key}.halves" if halves else f"{key}.quarters", f"only tablets may be broken; {form} is taken whole")
    if quarters and not halves:
        raise r.fail(f"{key}.quarters", "a tablet that may be quartered may be halved too: set halves to true")
    shape: Form = "tablet" if form == "tablet" else "capsule" if form == "capsule" else "granules"
    return Product(pid, shape, r.number(f"{key}.strength_mg"), halves, None, quarters, family)


# Profiles written before the follow-up existed (embedded in older plan files) get the bundled
# profile's value; its source string is in data/baclofen.json.
DEFAULT_FOLLOW_UP_DAYS = 7
MAX_FOLLOW_UP_DAYS = 90


def _follow_up_days(r: _Reader) -> int:
    try:
        r.get("taper.follow_up_days")
    except PlanError:
        return DEFAULT_FOLLOW_UP_DAYS
    days = r.whole("taper.follow_up_days")
    if not 1 <= days <= MAX_FOLLOW_UP_DAYS:
        raise r.fail("taper.follow_up_days", f"must be 1 to {MAX_FOLLOW_UP_DAYS} days, not {days}")
    return days


def load_profile(text: str | bytes, origin: str = "profile") -> DrugProfile:
    """Load and validate a drug profile from JSON text (bundled or a clinician's own file)."""
    try:
        data = json.loads(text, parse_float=lambda s: s, parse_int=lambda s: s, parse_constant=lambda s: s)
    except (ValueError, RecursionError) as exc:
        raise PlanError(error("bad_profile", "profile", f"{origin} is not valid JSON ({exc.__class__.__name__})")) from None
    return profile_from_dict(data, origin)


def profile_from_dict(data: object, origin: str = "profile") -> DrugProfile:
    r = _Reader(_normalise(data), origin)
    if not isinstance(r.data, dict):
        raise r.fail("(top level)", "must be a JSON object")
    if r.get("schema") != PROFILE_SCHEMA:
        raise r.fail("schema", f"must be {PROFILE_SCHEMA!r}")
    plain = _denormalise(r.data)
    assert isinstance(plain, dict)
    problems = schema_problems(plain, origin) + source_problems(plain, origin)
    if problems:
        raise PlanError(problems)
    products = tuple(_read_product(r, i) for i in range(len(r.items("products"))))
    ids = [p.id for p in products]
    if len(set(ids)) != len(ids):
        raise r.fail("products", "ids must be unique")
    defaults = tuple(str(x) for x in r.items("default_products"))
    for i, pid in enumerate(defaults):
        if pid not in ids:
            raise r.fail(f"default_products.{i}", f"names unknown product {pid!r}")
    bands = _read_bands(r) if has(r, "renal") else [RenalBand(Fraction(0), Fraction(1), False)]
    titration = has(r, "titration")
    limits_max_daily = r.number("limits.max_daily_mg")

    def titration_number(key: str, fallback: Fraction) -> Fraction:
        return r.number(key) if titration else fallback

    def titration_whole(key: str, fallback: int) -> int:
        return r.whole(key) if titration else fallback

    dialysis = has(r, "renal.dialysis_max_daily_mg")
    older_rule = has(r, "cautions.older_low_crcl_ml_min")
    profile = DrugProfile(
        drug=r.text("drug"),
        name=r.text("name"),
        version=r.text("version"),
        products=products,
        default_products=defaults,
        max_daily_mg=r.number("limits.max_daily_mg"),
        max_dose_mg=r.number("limits.max_dose_mg"),
        min_gap_hours=r.whole("limits.min_gap_hours"),
        max_times_per_day=r.whole("limits.max_times_per_day"),
        # without a titration section no titration is planned; these only fill the record
        titration_start_mg=titration_number("titration.start_mg", limits_max_daily),
        titration_step_mg=titration_number("titration.step_mg", limits_max_daily),
        titration_every_days=titration_whole("titration.every_days", 1),
        titration_target_mg=titration_number("titration.target_mg", limits_max_daily),
        titration_times_per_day=titration_whole("titration.times_per_day", min(3, r.whole("limits.max_times_per_day"))),
        review_days=titration_whole("titration.review_days", 28),
        taper_every_days=r.whole("taper.every_days"),
        taper_min_days=r.whole("taper.min_days"),
        taper_long_from_mg=r.number("taper.long_from_mg"),
        taper_long_min_days=r.whole("taper.long_min_days"),
        missed_dose_hours=r.whole("missed_dose.skip_within_hours"),
        follow_up_days=_follow_up_days(r),
        renal_bands=tuple(bands),
        dialysis_max_daily_mg=r.number("renal.dialysis_max_daily_mg") if dialysis else limits_max_daily,
        dialysis_avoid=r.flag("renal.dialysis_avoid", default=True) if dialysis else True,
        settle_days=r.whole("renal.settle_days") if has(r, "renal") else 0,
        min_age=r.whole("cautions.min_age"),
        older_age=r.whole("cautions.older_age"),
        # without the rule no clearance is below 0 and no start reaches it
        older_low_crcl_ml_min=r.number("cautions.older_low_crcl_ml_min") if older_rule else Fraction(0),
        older_start_mg=r.number("cautions.older_start_mg") if older_rule else limits_max_daily,
        source_text=json.dumps(_denormalise(r.data), sort_keys=True, ensure_ascii=False),
        has_titration=titration,
        has_renal_rules=has(r, "renal"),
        has_dialysis_rule=dialysis,
        taper_max_step_mg=r.number("taper.max_step_mg") if has(r, "taper.max_step_mg") else None,
        clinician_texts=read_clinician_texts(r),
        interactions=read_interactions(r),
        texts=read_patient_texts(r),
    )
    check_bounds(r, profile)
    if profile.max_dose_mg > profile.max_daily_mg:
        raise r.fail("limits.max_dose_mg", "must not be above limits.max_daily_mg")
    if profile.max_times_per_day > 24:
        raise r.fail("limits.max_times_per_day", "must be 24 or fewer")
    return profile


def _read_bands(r: _Reader) -> list[RenalBand]:
    bands: list[RenalBand] = []
    for i in range(len(r.items("renal.bands"))):
        key = f"renal.bands.{i}"
        band = RenalBand(r.number(f"{key}.above_ml_min", allow_zero=True), r.number(f"{key}.factor"),
                         r.flag(f"{key}.avoid", default=False), r.optional_text(f"{key}.warning"),
                         r.flag(f"{key}.size_before_frequency", default=False))
        if band.factor > 1:
            raise r.fail(f"{key}.factor", "must not be above 1")
        if bands and band.above_ml_min >= bands[-1].above_ml_min:
            raise r.fail(f"{key}.above_ml_min", "bands must go from the highest clearance down")
        bands.append(band)
    if bands[-1].above_ml_min != 0:
        raise r.fail("renal.bands", "the last band must start above 0 mL/min")
    return bands


def _normalise(data: object) -> object:
    """JSON numbers arrive as text (parse hooks) or as Python numbers (from a plan dict)."""
    if isinstance(data, dict):
        return {k: _normalise(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalise(v) for v in data]
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return str(data)
    return data


def _denormalise(data: object) -> object:
    """Back to JSON values: numeric text becomes an int or an exact decimal."""
    if isinstance(data, dict):
        return {k: _denormalise(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_denormalise(v) for v in data]
    if isinstance(data, str):
        number = exact_ratio(data)
        if number is None or "/" in data:
            return data
        # Decimal grid values (0.5) are exact as a float's shortest repr.
        return int(number) if number.denominator == 1 else float(data)
    return data


def profile_problems(text: str | bytes, origin: str = "profile") -> list[Problem]:
    """Every problem `text` has as a profile: all departures from the schema and the sources at once,
    then (when those are clean) the first of the checks on the values. [] when it loads."""
    try:
        load_profile(text, origin)
    except PlanError as exc:
        return list(exc.problems)
    return []


def bundled_profile_names() -> tuple[str, ...]:
    files = resources.files("planner") / "data"
    return tuple(sorted(p.name.removesuffix(".json") for p in files.iterdir()
                        if p.name.endswith(".json") and not p.name.endswith(".schema.json")))


@functools.lru_cache(maxsize=8)  # read once a process: every build compares its profile with these
def bundled_versions(drug: str) -> dict[str, DrugProfile]:
    """Every version of `drug`'s profile that taperplan has shipped, by version: the current one and
    the earlier ones kept in data/earlier/, so that a plan made with an earlier release is checked
    against the profile it was made with."""
    current = bundled_profile(drug)
    found = {current.version: current}
    for file in (resources.files("planner") / "data" / "earlier").iterdir():
        if file.name.startswith(f"{drug}-") and file.name.endswith(".json"):
            earlier = load_profile(file.read_text(encoding="utf-8"), origin=f"bundled profile {file.name}")
            found.setdefault(earlier.version, earlier)
    return found


@functools.lru_cache(maxsize=8)  # bundled data never changes while running; a profile is immutable
def bundled_profile(drug: str = "baclofen") -> DrugProfile:
    if drug not in bundled_profile_names():
        known = ", ".join(bundled_profile_names())
        raise PlanError(error("unknown_drug", "drug", f"unknown drug {drug!r}; known: {known}"))
    text = (resources.files("planner") / "data" / f"{drug}.json").read_text(encoding="utf-8")
    return load_profile(text, origin=f"bundled profile {drug}")
