"""Exact numbers: parsing user text and JSON values into Fractions, and printing them."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .errors import PlanError, error

_MAX_INPUT = Fraction(100_000)
# A number's text is refused by its length and exponent before any conversion: Fraction("1e999999999")
# builds a billion-digit integer and takes minutes.
MAX_NUMBER_CHARS = 40
MAX_EXPONENT = 30
_NUMBER_TEXT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$")


def exact(text: str) -> Fraction | None:
    """The exact value of decimal text such as `2.5`, `1e3` or `-0.75`, or None if it is not one
    (too long, exponent beyond ±MAX_EXPONENT, NaN, Infinity, or not a number at all)."""
    text = text.strip()
    if len(text) > MAX_NUMBER_CHARS or not _NUMBER_TEXT.match(text):
        return None
    dec = Decimal(text)
    if dec and abs(dec.adjusted()) > MAX_EXPONENT:
        return None
    return Fraction(dec)


def exact_ratio(text: str) -> Fraction | None:
    """Like `exact`, and also `2/3` (whole numerator and denominator) as plan and profile files write fractions."""
    text = text.strip()
    if "/" not in text:
        return exact(text)
    top, _, bottom = text.partition("/")
    if len(text) > MAX_NUMBER_CHARS or not re.match(r"^[+-]?\d+$", top) or not re.match(r"^\d+$", bottom) or int(bottom) == 0:
        return None
    return Fraction(int(top), int(bottom))


def exact_decimal(value: Decimal) -> Fraction | None:
    """A parsed JSON Decimal as an exact Fraction, or None when it is not finite or its exponent is out of reach."""
    if not value.is_finite() or (value and abs(value.adjusted()) > MAX_EXPONENT) or len(value.as_tuple().digits) > MAX_NUMBER_CHARS:
        return None
    return Fraction(value)


def to_fraction(value: object, field: str, *, what: str = "a number") -> Fraction:
    """Turn text, an int or a Decimal into an exact Fraction, or raise a PlanError naming `field`.

    Floats are refused outright: a dose must never pass through binary floating point.
    """
    if isinstance(value, bool):
        raise PlanError(error("not_a_number", field, f"must be {what}, not {value!r}"))
    if isinstance(value, Fraction):
        result = value
    elif isinstance(value, int):
        result = Fraction(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise PlanError(error("not_finite", field, f"must be {what}, not {value}"))
        decimal_value = exact_decimal(value)
        if decimal_value is None:
            raise PlanError(error("too_large", field, f"must be {what}; it has too many digits or too large an exponent"))
        result = decimal_value
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_NUMBER_CHARS:
            raise PlanError(error("not_a_number", field, f"must be {what}, not {len(text)} characters of text"))
        if "/" in text:
            parts = text.split("/")
            if len(parts) == 2:
                try:
                    return _bounded(Fraction(int(parts[0]), int(parts[1])), field, what)
                except (ValueError, ZeroDivisionError):
                    pass
            raise PlanError(error("not_a_number", field, f"must be {what}, not {value!r}"))
        try:
            dec = Decimal(text)
        except InvalidOperation:
            raise PlanError(error("not_a_number", field, f"must be {what}, not {value!r}")) from None
        if not dec.is_finite():
            raise PlanError(error("not_finite", field, f"must be {what}, not {value!r}"))
        parsed = exact(text)
        if parsed is None:
            raise PlanError(error("too_large", field, f"must be {what}; {value.strip()!r} has too many digits or too large an exponent"))
        result = parsed
    else:
        raise PlanError(error("not_a_number", field, f"must be {what}, not {value!r}"))
    return _bounded(result, field, what)


def _bounded(result: Fraction, field: str, what: str) -> Fraction:
    if abs(result) > _MAX_INPUT:
        raise PlanError(error("too_large", field, f"must be {what} below {_MAX_INPUT}"))
    return result


def to_int(value: object, field: str, *, what: str = "a whole number") -> int:
    number = to_fraction(value, field, what=what)
    if number.denominator != 1:
        raise PlanError(error("not_whole", field, f"must be {what}, not {fmt(number)}"))
    return int(number)


def fmt(value: Fraction | int) -> str:
    """Shortest exact decimal text for a value on a decimal grid; 1/3 becomes '0.33...'."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    den = value.denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den == 1:
        text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return format(float(value), ".2f")


def fmt_count(count: Fraction) -> str:
    """A tablet count as people write it: 1/2, 1, 1 1/2, 2."""
    whole = math.floor(count)
    rest = count - whole
    if rest == 0:
        return str(whole)
    rest_text = f"{rest.numerator}/{rest.denominator}"
    return rest_text if whole == 0 else f"{whole} {rest_text}"


def json_number(value: Fraction | int) -> int | float:
    """A JSON number for an exact value; non-integers are decimal grid values, exact in repr."""
    value = Fraction(value)
    if value.denominator == 1:
        return int(value)
    return float(value)


def floor_to(value: Fraction, grid: Fraction) -> Fraction:
    return math.floor(value / grid) * grid


def ceil_to(value: Fraction, grid: Fraction) -> Fraction:
    return math.ceil(value / grid) * grid
