"""Drug profiles: the clinical numbers as data, loaded and validated in one place."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources
from typing import Any, Literal

from .bounds import DRUG_BOUNDS, bounds_for
from .errors import PlanError, error
from .numbers import exact_ratio, fmt
from .profile_texts import PatientTexts, read_patient_texts, texts_for

PROFILE_SCHEMA = "taperplan.profile/1"
Form = Literal["tablet", "solution", "granules"]
FORMS: tuple[str, ...] = ("tablet", "solution", "granules")


@dataclass(frozen=True)
class Product:
    """Something the patient can take. Liquids are measured; solids are counted in pieces."""

    id: str
    form: Form
    strength_mg: Fraction  # per tablet or packet; for a liquid, mg per mL
    halves: bool = False
    step_ml: Fraction | None = None

    @property
    def is_liquid(self) -> bool:
        return self.form == "solution"

    @property
    def smallest_mg(self) -> Fraction:
        if self.is_liquid:
            assert self.step_ml is not None
            return self.strength_mg * self.step_ml
        return self.strength_mg / 2 if self.halves else self.strength_mg

    @property
    def label(self) -> str:
        if self.form == "tablet":
            return f"{fmt(self.strength_mg)} mg tablet"
        if self.form == "granules":
            return f"{fmt(self.strength_mg)} mg granule packet"
        return f"{fmt(self.strength_mg)} mg/mL oral solution"

    @property
    def unit(self) -> str:
        return {"tablet": "tablet", "granules": "packet", "solution": "mL"}[self.form]


@dataclass(frozen=True)
class RenalBand:
    """Applies when creatinine clearance is above `above_ml_min` (and not in a higher band)."""

    above_ml_min: Fraction
    factor: Fraction
    avoid: bool


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
    texts: tuple[tuple[str, PatientTexts], ...] = ()  # patient_texts by language

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
    if form == "solution":
        return Product(pid, "solution", r.number(f"{key}.mg_per_ml"), False, r.number(f"{key}.step_ml"))
    halves = r.flag(f"{key}.halves", default=False)
    if form == "granules" and halves:
        raise r.fail(f"{key}.halves", "granule packets are whole only")
    return Product(pid, "tablet" if form == "tablet" else "granules", r.number(f"{key}.strength_mg"), halves)


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
    products = tuple(_read_product(r, i) for i in range(len(r.items("products"))))
    ids = [p.id for p in products]
    if len(set(ids)) != len(ids):
        raise r.fail("products", "ids must be unique")
    defaults = tuple(str(x) for x in r.items("default_products"))
    for i, pid in enumerate(defaults):
        if pid not in ids:
            raise r.fail(f"default_products.{i}", f"names unknown product {pid!r}")
    bands: list[RenalBand] = []
    for i in range(len(r.items("renal.bands"))):
        band = RenalBand(
            r.number(f"renal.bands.{i}.above_ml_min", allow_zero=True),
            r.number(f"renal.bands.{i}.factor"),
            r.flag(f"renal.bands.{i}.avoid", default=False),
        )
        if band.factor > 1:
            raise r.fail(f"renal.bands.{i}.factor", "must not be above 1")
        if bands and band.above_ml_min >= bands[-1].above_ml_min:
            raise r.fail(f"renal.bands.{i}.above_ml_min", "bands must go from the highest clearance down")
        bands.append(band)
    if bands[-1].above_ml_min != 0:
        raise r.fail("renal.bands", "the last band must start above 0 mL/min")
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
        titration_start_mg=r.number("titration.start_mg"),
        titration_step_mg=r.number("titration.step_mg"),
        titration_every_days=r.whole("titration.every_days"),
        titration_target_mg=r.number("titration.target_mg"),
        titration_times_per_day=r.whole("titration.times_per_day"),
        review_days=r.whole("titration.review_days"),
        taper_every_days=r.whole("taper.every_days"),
        taper_min_days=r.whole("taper.min_days"),
        taper_long_from_mg=r.number("taper.long_from_mg"),
        taper_long_min_days=r.whole("taper.long_min_days"),
        missed_dose_hours=r.whole("missed_dose.skip_within_hours"),
        follow_up_days=_follow_up_days(r),
        renal_bands=tuple(bands),
        dialysis_max_daily_mg=r.number("renal.dialysis_max_daily_mg"),
        dialysis_avoid=r.flag("renal.dialysis_avoid", default=True),
        settle_days=r.whole("renal.settle_days"),
        min_age=r.whole("cautions.min_age"),
        older_age=r.whole("cautions.older_age"),
        older_low_crcl_ml_min=r.number("cautions.older_low_crcl_ml_min"),
        older_start_mg=r.number("cautions.older_start_mg"),
        source_text=json.dumps(_denormalise(r.data), sort_keys=True, ensure_ascii=False),
        texts=read_patient_texts(r),
    )
    _check_bounds(r, profile)
    if profile.max_dose_mg > profile.max_daily_mg:
        raise r.fail("limits.max_dose_mg", "must not be above limits.max_daily_mg")
    if profile.max_times_per_day > 24:
        raise r.fail("limits.max_times_per_day", "must be 24 or fewer")
    return profile


def _check_bounds(r: _Reader, profile: DrugProfile) -> None:
    """Every number against the hard bounds no profile may cross (planner/bounds.py, with sources)."""
    bounds = bounds_for(profile.drug)
    if bounds is None:
        raise r.fail("drug", f"taperplan knows no hard dose bounds for {profile.drug!r}; it plans {', '.join(sorted(DRUG_BOUNDS))} only")
    values: list[tuple[str, str, Fraction]] = []
    for key in bounds:
        if key.startswith(("products.", "renal.bands.")):
            continue
        values.append((key, key, r.number(key, allow_zero=True)))
    for i, product in enumerate(profile.products):
        if product.is_liquid:
            assert product.step_ml is not None
            values += [("products.mg_per_ml", f"products.{i}.mg_per_ml", product.strength_mg),
                       ("products.step_ml", f"products.{i}.step_ml", product.step_ml)]
        else:
            values.append(("products.strength_mg", f"products.{i}.strength_mg", product.strength_mg))
    values += [("renal.bands.above_ml_min", f"renal.bands.{i}.above_ml_min", band.above_ml_min)
               for i, band in enumerate(profile.renal_bands)]
    for bound_key, key, value in values:
        bound = bounds[bound_key]
        if not bound.low <= value <= bound.high:
            raise r.fail(key, f"{fmt(value)} is outside the hard bounds {fmt(bound.low)} to {fmt(bound.high)} ({bound.source})")
    for key in ("titration.start_mg", "titration.target_mg", "cautions.older_start_mg", "renal.dialysis_max_daily_mg"):
        if r.number(key) > profile.max_daily_mg:
            raise r.fail(key, f"must not be above limits.max_daily_mg ({fmt(profile.max_daily_mg)})")


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


def bundled_profile_names() -> tuple[str, ...]:
    files = resources.files("planner") / "data"
    return tuple(sorted(p.name.removesuffix(".json") for p in files.iterdir() if p.name.endswith(".json")))


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


def bundled_profile(drug: str = "baclofen") -> DrugProfile:
    if drug not in bundled_profile_names():
        known = ", ".join(bundled_profile_names())
        raise PlanError(error("unknown_drug", "drug", f"unknown drug {drug!r}; known: {known}"))
    text = (resources.files("planner") / "data" / f"{drug}.json").read_text(encoding="utf-8")
    return load_profile(text, origin=f"bundled profile {drug}")
