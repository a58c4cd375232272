"""Doses in words: one home for how a tablet, a packet or a measured liquid is written, for the
dispensing line, and for a day's doses. `v` is the Voice (planner.phrases)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from . import Voice

if TYPE_CHECKING:
    from ..doses import Unit
    from ..profile import Product
    from ..schedule import Dispense, Dose

NBSP = "\u00a0"  # keeps '10 mg' on one line; a reader must never meet 'mg' alone


def join_words(v: Voice, items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) == 1:
        return items[0]
    return v._("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def product_label(v: Voice, product: Product, n: int = 1) -> str:
    """'10 mg tablet', '10 mg tablets', '5 mg granule packet', '1 mg/mL oral solution'."""
    mg = v.number(product.strength_mg)
    if product.form == "tablet":
        return v.ngettext("{mg} mg tablet", "{mg} mg tablets", n).format(mg=mg)
    if product.form == "granules":
        return v.ngettext("{mg} mg granule packet", "{mg} mg granule packets", n).format(mg=mg)
    if product.form == "capsule":
        return v.ngettext("{mg} mg capsule", "{mg} mg capsules", n).format(mg=mg)
    return v._("{mg} mg/mL oral solution").format(mg=mg)


def volume(v: Voice, ml: Fraction) -> str:
    """'9.5 mL' ('9,5 mL' in Spanish)."""
    return v._("{ml} mL").format(ml=v.number(ml))


def _plural(count: Fraction) -> int:
    return 1 if count <= 1 else 2


def unit_words(v: Voice, unit: Unit, *, form: str = "full", name_liquid: bool = False) -> str:
    """One unit of a dose, in one of three forms:
    full: '1 x 10 mg tablet', '1/2 x 10 mg tablet (break along the line)', '10 mL of 1 mg/mL oral solution';
    cell (the handout's table, spaces non-breaking): '1 x 10 mg', '2 x 5 mg packets', '9.5 mL';
    bare (the calendar, which names the noun once for a run): '1 x 10 mg'."""
    product = unit.product
    if product.is_liquid:
        if form == "cell":
            return volume(v, unit.count).replace(" ", NBSP) + (v._(" of {mg} mg/mL").format(mg=v.number(product.strength_mg)) if name_liquid else "")
        return v._("{ml} mL of {product}").format(ml=v.number(unit.count), product=product_label(v, product))
    if form == "full":
        text = v._("{count} x {product}").format(count=v.count(unit.count), product=product_label(v, product, _plural(unit.count)))
        if unit.count.denominator == 4:
            return text + v._(" (break along both lines into quarters)")
        return text + (v._(" (break along the line)") if unit.count.denominator != 1 else "")
    text = v._("{count} x {mg} mg").format(count=v.count(unit.count), mg=v.number(product.strength_mg))
    if form == "cell":
        if product.form == "granules":
            text += " " + v.ngettext("packet", "packets", _plural(unit.count))
        if product.form == "capsule":
            text += " " + run_noun(v, product, unit.count)
        return text.replace(" ", NBSP)
    return text


def run_noun(v: Voice, product: Product, count: Fraction) -> str:
    """The noun after a run of counted units of one form: 'tablet', 'granule packets'."""
    if product.form == "tablet":
        return v.ngettext("tablet", "tablets", _plural(count))
    if product.form == "capsule":
        return v.ngettext("capsule", "capsules", _plural(count))
    return v.ngettext("granule packet", "granule packets", _plural(count))


def dose_words(v: Voice, dose: Dose) -> str:
    """'1 x 10 mg tablet + 1 x 5 mg tablet', or 'no dose'."""
    if not dose.units:
        return no_dose(v)
    return " + ".join(unit_words(v, u) for u in dose.units)


def no_dose(v: Voice) -> str:
    return v._("no dose")


def dose_sum(v: Voice, dose: Dose, *, name_liquid: bool = False) -> str:
    """'1 x 10 mg + 1 x 5 mg = 15 mg', or 'no dose' (the handout's cell; spaces non-breaking)."""
    if not dose.units:
        return no_dose(v)
    return " + ".join(unit_words(v, u, form="cell", name_liquid=name_liquid) for u in dose.units) + f" ={NBSP}{mg(v, dose.mg)}"


def short_units(v: Voice, units: Sequence[Unit]) -> str:
    """Counted units of one form share their noun: '1 x 10 mg + 1 x 5 mg tablet'."""
    parts: list[str] = []
    for i, unit in enumerate(units):
        if unit.product.is_liquid:
            parts.append(unit_words(v, unit))
            continue
        text = unit_words(v, unit, form="bare")
        following = units[i + 1] if i + 1 < len(units) else None
        if following is None or following.product.form != unit.product.form:
            text += " " + run_noun(v, unit.product, unit.count)
        parts.append(text)
    return " + ".join(parts)


def mg(v: Voice, amount: Fraction | int, *, nbsp: bool = True) -> str:
    """'15 mg' (non-breaking space unless `nbsp` is False)."""
    text = v._("{mg} mg").format(mg=v.number(amount))
    return text.replace(" ", NBSP) if nbsp else text


def mg_a_day(v: Voice, amount: Fraction | int) -> str:
    return v._("{mg} mg a day").format(mg=v.number(amount))


def amount_of(v: Voice, item: Dispense) -> str:
    """'23 tablets', '2 packets', '350 mL'."""
    amount = v.number(item.amount)
    n = _plural(item.amount)
    if item.product.is_liquid:
        return volume(v, item.amount)
    if item.product.form == "granules":
        return v.ngettext("{n} packet", "{n} packets", n).format(n=amount)
    if item.product.form == "capsule":
        return v.ngettext("{n} capsule", "{n} capsules", n).format(n=amount)
    return v.ngettext("{n} tablet", "{n} tablets", n).format(n=amount)


def dispense_product(v: Voice, product: Product) -> str:
    """'10 mg tablets', '5 mg granule packets', '1 mg/mL oral solution'."""
    return product_label(v, product, 2)


def dispense_rows(v: Voice, dispense: Sequence[Dispense]) -> list[tuple[str, str]]:
    """(product, amount) for the pharmacist: whole tablets, packets, or mL."""
    return [(dispense_product(v, item.product), amount_of(v, item)) for item in dispense]


def dispense_line(v: Voice, dispense: Sequence[Dispense]) -> str:
    """'23 tablets of 10 mg; 350 mL of 1 mg/mL oral solution'."""
    parts = []
    for item in dispense:
        product = item.product
        if product.is_liquid:
            what = product_label(v, product)
        elif product.form == "granules":
            what = v._("{mg} mg granules").format(mg=v.number(product.strength_mg))
        elif product.form == "capsule":
            what = v._("{mg} mg capsules").format(mg=v.number(product.strength_mg))
        else:
            what = mg(v, product.strength_mg, nbsp=False)
        parts.append(v._("{amount} of {product}").format(amount=amount_of(v, item), product=what))
    return "; ".join(parts)


def product_line(v: Voice, product: Product, drug: str) -> str:
    """How to handle one product, for the handout's 'Your medicine'."""
    strength = v.number(product.strength_mg)
    if product.is_liquid:
        return v._("{drug} oral solution {mg} mg/mL ({mg} mg in each mL): measure each dose with an oral syringe.").format(
            drug=drug, mg=strength)
    if product.form == "granules":
        return v._("{drug} {mg} mg granule packets: use whole packets only.").format(drug=drug, mg=strength)
    if product.form == "capsule":
        return v._("{drug} {mg} mg capsules: swallow these whole; do not swap them for tablets.").format(drug=drug, mg=strength)
    if product.quarters:
        return v._("{drug} {mg} mg tablets: you may break these along the lines into halves or quarters "
                   "where this plan shows 1/2, 1/4 or 3/4.").format(drug=drug, mg=strength)
    if product.halves:
        return v._("{drug} {mg} mg tablets: you may break these in half along the line where this plan shows 1/2.").format(
            drug=drug, mg=strength)
    return v._("{drug} {mg} mg tablets: swallow these whole; do not break them.").format(drug=drug, mg=strength)


def regimen_words(v: Voice, doses: Sequence[Dose]) -> str:
    """'20 mg three times a day', or '35 mg a day: 10 mg at 08:00, 10 mg at 14:00 and 15 mg at 21:00'."""
    taken = [d for d in doses if d.mg > 0]
    if len(taken) == len(doses) and len({d.mg for d in taken}) == 1:
        return _times_a_day(v, taken[0].mg, len(taken))
    if len(taken) == 1:
        return v._("{mg} mg once a day at {clock}").format(mg=v.number(taken[0].mg), clock=taken[0].time.hhmm)
    total = sum((d.mg for d in taken), Fraction(0))
    at = [v._("{mg} mg at {clock}").format(mg=v.number(d.mg), clock=d.time.hhmm) for d in taken]
    return v._("{mg} mg a day: {doses}").format(mg=v.number(total), doses=join_words(v, at))


def _times_a_day(v: Voice, amount: Fraction, n: int) -> str:
    words = {1: v._("{mg} mg once a day"), 2: v._("{mg} mg twice a day"), 3: v._("{mg} mg three times a day"),
             4: v._("{mg} mg four times a day")}
    return words.get(n, v._("{mg} mg {n} times a day")).format(mg=v.number(amount), n=n)


def take_words(v: Voice, doses: Sequence[Dose]) -> str:
    """'take 1 x 5 mg tablet at 08:00 and 14:00; 1 x 10 mg tablet at 21:00; no dose at 18:00'."""
    groups: list[tuple[str, list[str]]] = []
    for dose in doses:
        if dose.mg == 0:
            continue
        what = dose_words(v, dose)
        for existing, clocks in groups:
            if existing == what:
                clocks.append(dose.time.hhmm)
                break
        else:
            groups.append((what, [dose.time.hhmm]))
    parts = [v._("{dose} at {clocks}").format(dose=what, clocks=join_words(v, clocks)) for what, clocks in groups]
    text = v._("take {doses}").format(doses="; ".join(parts))
    skipped = [d.time.hhmm for d in doses if d.mg == 0]
    if skipped:
        text += "; " + v._("no dose at {clocks}").format(clocks=join_words(v, skipped))
    return text


def time_name(v: Voice, name: str) -> str:
    """A dose time's name as the patient reads it: the planner's own names ('morning', 'early
    evening', 'night 2', 'bedtime 21:30') in the voice's language; a name the clinician typed as is."""
    parts = {"night": v._("night"), "morning": v._("morning"), "midday": v._("midday"), "afternoon": v._("afternoon"),
             "evening": v._("evening"), "bedtime": v._("bedtime")}
    words = name.split(" ")
    if name in parts:
        return parts[name]
    if len(words) == 2 and words[0] in ("early", "late") and words[1] in parts:
        shade = v._("early {part}") if words[0] == "early" else v._("late {part}")
        return shade.format(part=parts[words[1]])
    if len(words) == 2 and words[0] in parts and re.fullmatch(r"\d+|\d\d:\d\d", words[1]):
        return f"{parts[words[0]]} {words[1]}"
    return name


def tracker_amount(v: Voice, dose: Dose) -> str:
    """What a tracker cell says beside its box: '15 mg', or the volume of a dose of liquid only."""
    if dose.units and all(u.product.is_liquid for u in dose.units):
        return volume(v, sum((u.count for u in dose.units), Fraction(0)))
    return mg(v, dose.mg, nbsp=False)
