"""Only doses the products can make: the grid (the gcd of the smallest pieces) promises every
multiple, but solid pieces leave gaps (with 2.5 mg and 1 mg pieces, 1.5 mg cannot be made).
These functions choose per-time doses and daily doses from the amounts `make_dose` can make."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from fractions import Fraction
from functools import cache, lru_cache

from .doses import make_dose, priority_order, split_capped, split_daily
from .profile import Product

_SEARCH_UNITS = 400  # how far from a value the nearest makeable one is looked for, in grid units


def can_make(mg: Fraction, products: tuple[Product, ...]) -> bool:
    return make_dose(mg, products) is not None


def split_makeable(total: Fraction, n: int, grid: Fraction, products: tuple[Product, ...],
                   caps: tuple[Fraction, ...] | None = None) -> tuple[Fraction, ...] | None:
    """The split of `total` over `n` dose times nearest the rule's split (bedtime first; under
    `caps` when given) in which every dose can be made; None when no such split exists."""
    if (total / grid).denominator != 1 or total < 0 or (caps is not None and total > sum(caps)):
        return None
    ideal = split_daily(total, n, grid) if caps is None else split_capped(total, caps, grid)
    if all(can_make(d, products) for d in ideal):
        return ideal
    limits = tuple(int(total / grid) for _ in range(n)) if caps is None else tuple(int(c / grid) for c in caps)
    # searched in the rule's priority order (bedtime, morning, then later to earlier), so a tie
    # gives the larger share to the time the rule would give it to
    order = priority_order(n)
    found = _nearest_split(int(total / grid), tuple(int(ideal[i] / grid) for i in order), tuple(limits[i] for i in order), grid, products)
    return None if found is None else _in_time_order(found, order, grid)


@lru_cache(maxsize=1024)
def _nearest_split(units: int, ideal: tuple[int, ...], limits: tuple[int, ...], grid: Fraction,
                   products: tuple[Product, ...]) -> tuple[int, ...] | None:
    """Makeable per-time amounts (in grid units, each within its limit) adding up to `units`, with
    the least total distance from `ideal`; on a tie the larger amount comes first."""
    n = len(ideal)
    options = [[v for v in range(min(limit, units) + 1) if can_make(grid * v, products)] for limit in limits]
    room = [sum(min(limit, units) for limit in limits[i:]) for i in range(n)] + [0]

    @cache
    def best(i: int, rest: int) -> tuple[int, tuple[int, ...]] | None:
        if i == n:
            return (0, ()) if rest == 0 else None
        if rest > room[i]:
            return None
        result: tuple[int, tuple[int, ...]] | None = None
        for v in reversed(options[i]):
            if v > rest:
                continue
            tail = best(i + 1, rest - v)
            if tail is not None and (result is None or abs(v - ideal[i]) + tail[0] < result[0]):
                result = (abs(v - ideal[i]) + tail[0], (v, *tail[1]))
        return result

    found = best(0, units)
    return None if found is None else found[1]


def nearest_makeable(value: Fraction, grid: Fraction, makeable: Callable[[Fraction], bool]) -> tuple[Fraction, ...]:
    """The makeable values on the grid nearest `value`: the one below (0 or more) and the one above."""
    start = math.floor(value / grid)
    below = next((grid * k for k in range(start, max(start - _SEARCH_UNITS, -1), -1) if grid * k < value and makeable(grid * k)), None)
    above = next((grid * k for k in range(start + 1, start + _SEARCH_UNITS) if grid * k > value and makeable(grid * k)), None)
    return tuple(v for v in (below, above) if v is not None)


def settle_cut(ideal: Fraction, above: Fraction, to: Fraction, grid: Fraction, products: tuple[Product, ...],
               caps: tuple[Fraction, ...], following: Callable[[Fraction], Fraction] | None = None) -> tuple[Fraction, ...] | None:
    """A taper's next doses near the daily `ideal`, strictly between `to` and `above` (the dose
    before), each time under its cap: the nearest makeable daily dose at or above `ideal` (a cut
    no larger than asked), else the nearest below it; None when no dose between can be made.
    `following` gives the daily dose the taper asks next after a given one: the doses chosen
    leave room to make it (see `keep_room`)."""
    n = len(caps)
    # Generators, not lists: the first candidate or two usually fit, and building every
    # candidate of a large cut in Fractions was most of a year-long taper's planning time.
    upward = (ideal + grid * k for k in range(int((above - ideal) / grid)))
    downward = (ideal - grid * k for k in range(1, int((ideal - to) / grid)))
    for candidate in itertools.chain(upward, downward):
        if to < candidate < above:
            doses = split_makeable(candidate, n, grid, products, caps)
            if doses is not None:
                return doses if following is None else keep_room(doses, following(candidate), grid, products, caps)
    return None


def keep_room(doses: tuple[Fraction, ...], then: Fraction, grid: Fraction, products: tuple[Product, ...],
              caps: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    """`doses`, unless they leave no way to make the next daily dose `then` without a dose time
    rising while another split of the same total under `caps` does: then that split. With 10 mg,
    and halved 5 and 2 mg tablets, 5 mg as 2 + 1 + 2 mg caps every time below 2.5 mg, which only
    half a 5 mg tablet makes, so a 2.5 mg step would silently become 2 mg and then 3 mg."""
    n = len(doses)
    if then <= 0 or split_makeable(then, n, grid, products, doses) is not None or split_makeable(then, n, grid, products) is None:
        return doses
    return split_leaving_room(sum(doses, Fraction(0)), then, grid, products, caps) or doses


def split_leaving_room(total: Fraction, then: Fraction, grid: Fraction, products: tuple[Product, ...],
                       caps: tuple[Fraction, ...]) -> tuple[Fraction, ...] | None:
    """The makeable split of `total` under `caps` nearest the rule's split under which `then` can
    also be split into makeable doses, or None when none can."""
    if (total / grid).denominator != 1 or (then / grid).denominator != 1 or not 0 < then < total <= sum(caps):
        return None
    n = len(caps)
    ideal = split_capped(total, caps, grid)
    order = priority_order(n)
    found = _split_with_room(int(total / grid), int(then / grid), tuple(int(ideal[i] / grid) for i in order),
                             tuple(int(caps[i] / grid) for i in order), grid, products)
    return None if found is None else _in_time_order(found, order, grid)


@lru_cache(maxsize=256)
def _split_with_room(units: int, then: int, ideal: tuple[int, ...], limits: tuple[int, ...], grid: Fraction,
                     products: tuple[Product, ...]) -> tuple[int, ...] | None:
    """As `_nearest_split`, with a second total `then` split at the same time, each of its amounts
    makeable and no larger than the first's at that time (only the first's distance counts)."""
    n = len(ideal)
    makeable = [v for v in range(units + 1) if can_make(grid * v, products)]
    room = [sum(min(limit, units) for limit in limits[i:]) for i in range(n)] + [0]

    @cache
    def best(i: int, rest: int, rest_then: int) -> tuple[int, tuple[int, ...]] | None:
        if i == n:
            return (0, ()) if rest == 0 and rest_then == 0 else None
        if rest > room[i] or rest_then > rest:
            return None
        result: tuple[int, tuple[int, ...]] | None = None
        for v in reversed(makeable):
            if v > min(rest, limits[i]):
                continue
            tails = (best(i + 1, rest - v, rest_then - u) for u in makeable if u <= min(v, rest_then))
            tail = min((t for t in tails if t is not None), key=lambda t: t[0], default=None)
            if tail is not None and (result is None or abs(v - ideal[i]) + tail[0] < result[0]):
                result = (abs(v - ideal[i]) + tail[0], (v, *tail[1]))
        return result

    found = best(0, units, then)
    return None if found is None else found[1]


def _in_time_order(found: tuple[int, ...], order: tuple[int, ...], grid: Fraction) -> tuple[Fraction, ...]:
    """Amounts found in the rule's priority order (grid units), put back in dose-time order."""
    doses = [Fraction(0)] * len(order)
    for position, units in zip(order, found):
        doses[position] = grid * units
    return tuple(doses)
