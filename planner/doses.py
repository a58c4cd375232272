"""Turning milligrams into things a patient can take, and a day's total into per-time doses."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from .profile import DrugProfile, Product


@dataclass(frozen=True)
class Unit:
    """`count` of one product: tablets (may be x.5 for a scored tablet), packets, or mL."""

    product: Product
    count: Fraction

    @property
    def mg(self) -> Fraction:
        return self.product.strength_mg * self.count

    def describe(self) -> str:
        """'1 x 10 mg tablet', '10 mL of 1 mg/mL oral solution' (English; see planner.phrases.doses)."""
        from .phrases import ENGLISH
        from .phrases.doses import unit_words

        return unit_words(ENGLISH, self)


def grid_of(products: tuple[Product, ...]) -> Fraction:
    """The smallest dose step the products can make: the gcd of their smallest pieces."""
    pieces = [p.smallest_mg for p in products]
    den = math.lcm(*(x.denominator for x in pieces))
    return Fraction(math.gcd(*(int(x * den) for x in pieces)), den)


def finer_product(profile: DrugProfile, products: tuple[Product, ...]) -> Product | None:
    """The profile's product, not yet chosen, that lowers the grid most (a liquid first on a tie):
    what would let a taper take smaller steps. None when no product makes the steps finer."""
    grid = grid_of(products)
    families = {p.family for p in products if p.family}
    best: tuple[Fraction, bool, Product] | None = None
    for candidate in profile.products:
        if candidate in products or (candidate.family and families - {candidate.family}):
            continue  # never suggest a product that may not be mixed with those chosen
        finer = grid_of((*products, candidate))
        if finer < grid and (best is None or (finer, not candidate.is_liquid) < best[:2]):
            best = (finer, not candidate.is_liquid, candidate)
    return None if best is None else best[2]


def make_dose(mg: Fraction, products: tuple[Product, ...]) -> tuple[Unit, ...] | None:
    """Units that make `mg` exactly, or None when the products cannot make it.

    Preference, in order: no split tablets; no liquid when tablets or packets can make the dose
    (a patient who has the tablets takes them); the fewest pieces, a measured liquid counting as
    one; the fewest different products; then the clinician's product order.
    """
    if mg == 0:
        return ()
    if mg < 0:
        return None
    return _make_dose(mg, products)


def make_liquid_dose(mg: Fraction, products: tuple[Product, ...]) -> tuple[Unit, ...] | None:
    """`mg` measured from the first liquid that can make it alone, or None when none can."""
    if mg == 0:
        return ()
    liquid = next((q for q in products if q.is_liquid and mg > 0 and (mg / q.smallest_mg).denominator == 1), None)
    return None if liquid is None else (Unit(liquid, mg / liquid.strength_mg),)


@lru_cache(maxsize=4096)
def _make_dose(mg: Fraction, products: tuple[Product, ...]) -> tuple[Unit, ...] | None:
    # Whole numbers in units of `scale` keep the search over piece counts fast; counts run in
    # the same order as before, so the first best choice is the same.
    solids = [p for p in products if not p.is_liquid]
    liquids = [(q, products.index(q)) for q in products if q.is_liquid]
    scale = math.lcm(mg.denominator, *(p.smallest_mg.denominator for p in products))
    total = int(mg * scale)
    piece = [int(p.smallest_mg * scale) for p in solids]
    liquid_step = [int(q.smallest_mg * scale) for q, _ in liquids]
    index = [products.index(p) for p in solids]
    best: tuple[tuple[int, int, int, int, int], tuple[int, ...], int] | None = None
    counts = [0] * len(solids)

    def consider(used: int) -> None:
        nonlocal best
        rest = total - used
        liquid = -1
        if rest:
            liquid = next((i for i, step in enumerate(liquid_step) if rest % step == 0), -1)
            if liquid < 0:
                return
        taken = [(p, c, i) for p, c, i in zip(solids, counts, index) if c]
        splits = sum(1 for p, c, _ in taken if c % p.pieces)
        pieces = sum(-(-c // p.pieces) for p, c, _ in taken) + (liquid >= 0)
        order = sum(i for _, _, i in taken) + (liquids[liquid][1] if liquid >= 0 else 0)
        key = (splits, int(liquid >= 0), pieces, len(taken) + (liquid >= 0), order)
        if best is None or key < best[0]:
            best = (key, tuple(counts), liquid)

    def walk(i: int, used: int) -> None:
        if i == len(solids):
            consider(used)
            return
        for c in range(min((total - used) // piece[i], 40) + 1):
            counts[i] = c
            walk(i + 1, used + piece[i] * c)
        counts[i] = 0

    walk(0, 0)
    if best is None:
        return None
    _, chosen, liquid = best
    units = [Unit(p, Fraction(c, p.pieces)) for p, c in zip(solids, chosen) if c]
    if liquid >= 0:
        q = liquids[liquid][0]
        units.append(Unit(q, (mg - sum((u.mg for u in units), Fraction(0))) / q.strength_mg))
    return tuple(sorted(units, key=lambda u: (u.product.is_liquid, -u.product.strength_mg)))


def priority_order(n: int) -> tuple[int, ...]:
    """Positions in the order they receive leftover units: bedtime (last), morning (first),
    then the rest from latest to earliest. Titration adds at bedtime first; tapers cut midday first."""
    if n == 1:
        return (0,)
    return (n - 1, 0, *range(n - 2, 0, -1))


def split_daily(total: Fraction, n: int, grid: Fraction) -> tuple[Fraction, ...]:
    """Spread `total` over `n` dose times in grid units by the priority rule."""
    units = total / grid
    if units.denominator != 1:
        raise ValueError(f"{total} is not on the {grid} mg grid")
    base, leftover = divmod(int(units), n)
    doses = [base] * n
    for position in priority_order(n)[:leftover]:
        doses[position] += 1
    return tuple(grid * d for d in doses)


def split_capped(total: Fraction, caps: tuple[Fraction, ...], grid: Fraction) -> tuple[Fraction, ...]:
    """The rule's split, then no dose time above its cap; the excess moves, one grid unit at a
    time, to the times with room, in the rule's priority order. Requires total <= sum(caps)."""
    doses = list(split_daily(total, len(caps), grid))
    excess = Fraction(0)
    for i, cap in enumerate(caps):
        if doses[i] > cap:
            excess += doses[i] - cap
            doses[i] = cap
    order = priority_order(len(caps))
    while excess > 0:
        moved = False
        for i in order:
            if excess > 0 and doses[i] + grid <= caps[i]:
                doses[i] += grid
                excess -= grid
                moved = True
        if not moved:
            raise ValueError("total is above the sum of the caps")
    return tuple(doses)
