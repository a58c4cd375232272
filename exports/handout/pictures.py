"""Tablet pictures: each dose's tablets, half tablets, capsules, packets and liquid drawn in a row.

A reportlab Flowable that draws straight on the canvas: pictures need shapes, not text.
"""

from __future__ import annotations

import math
from fractions import Fraction

from reportlab.lib.colors import Color, black, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from planner.doses import Unit
from planner.numbers import fmt
from planner.phrases import Voice
from planner.phrases.doses import volume
from planner.profile import Product

from .look import BOLD, GREY, SHADE, Look


def _pieces(units: tuple[Unit, ...]) -> list[tuple[str, Unit]]:
    """One entry per thing to draw: each whole tablet or packet, a half tablet, a measured liquid."""
    pieces: list[tuple[str, Unit]] = []
    for unit in units:
        if unit.product.is_liquid:
            pieces.append(("liquid", unit))
            continue
        whole = math.floor(unit.count)
        pieces += [({"granules": "packet", "capsule": "capsule"}.get(unit.product.form, "whole"), unit)] * whole
        if unit.count != whole:
            pieces.append(("half", unit))
    return pieces


class DosePicture(Flowable):  # type: ignore[misc]
    """The tablets of one dose drawn in a row (wrapping when the column is narrow)."""

    def __init__(self, units: tuple[Unit, ...], look: Look, voice: Voice) -> None:
        super().__init__()
        self.pieces = _pieces(units)
        self.look, self.v = look, voice
        self.gap = look.icon * 0.3
        self.rows: list[list[tuple[str, Unit, float]]] = []

    def _width(self, kind: str, unit: Unit) -> float:
        s = self.look.icon
        if kind == "liquid":
            label: float = stringWidth(volume(self.v, unit.count), BOLD, self.look.body)
            return s * 1.8 + label
        return {"packet": s * 0.8, "syringe": s * 1.6}.get(kind, s)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.rows = [[]]
        used = 0.0
        for kind, unit in self.pieces:
            width = self._width(kind, unit)
            if kind == "liquid" and width > avail_width:  # no room for the volume: the words below give it
                kind, width = "syringe", self._width("syringe", unit)
            if self.rows[-1] and used + self.gap + width > avail_width:
                self.rows.append([])
                used = 0.0
            used += (self.gap if self.rows[-1] else 0) + width
            self.rows[-1].append((kind, unit, width))
        self.width = avail_width
        self.height = len(self.rows) * (self.look.icon + self.gap) if self.pieces else 0
        return self.width, self.height

    def draw(self) -> None:
        s = self.look.icon
        for row_index, row in enumerate(self.rows):
            y = self.height - (row_index + 1) * (s + self.gap) + self.gap / 2
            x = 0.0
            for kind, unit, width in row:
                if kind == "liquid":
                    _liquid(self.canv, x, y, s, unit, self.look, volume(self.v, unit.count))
                else:
                    draw = {"whole": _whole, "half": _half, "packet": _packet, "capsule": _capsule, "syringe": _syringe}[kind]
                    draw(self.canv, x, y, s, unit, self.look)
                x += width + self.gap


def _outline(canv: Canvas, look: Look, fill: Color = white) -> None:
    """Black outlines, heavy enough to survive a poor photocopy."""
    canv.setStrokeColor(black)
    canv.setFillColor(fill)
    canv.setLineWidth(1.3 * look.scale)


def _label(canv: Canvas, x: float, y: float, text: str, size: float) -> None:
    canv.setFillColor(black)
    canv.setFont(BOLD, size)
    canv.drawCentredString(x, y - size * 0.36, text)


def _whole(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    c = canv
    cx, cy, r = x + s / 2, y + s / 2, s / 2
    _outline(c, look)
    c.circle(cx, cy, r, stroke=1, fill=1)
    if unit.product.halves:  # the score line, interrupted by the strength
        c.setLineWidth(0.8 * look.scale)
        c.line(cx, cy + r, cx, cy + r * 0.5)
        c.line(cx, cy - r, cx, cy - r * 0.5)
        if unit.product.quarters:  # the second score line of a tablet that may be quartered
            c.line(cx - r, cy, cx - r * 0.5, cy)
            c.line(cx + r, cy, cx + r * 0.5, cy)
    _label(c, cx, cy, fmt(unit.product.strength_mg), look.body)


def _half(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    c = canv
    cx, cy, r = x + s / 2, y + s / 2, s / 2
    c.setLineWidth(0.8 * look.scale)
    c.setStrokeColor(GREY)
    taken = float(unit.count - math.floor(unit.count)) * 360  # a half, or a quarter or three where allowed
    c.setDash(2, 2)  # the part that stays in the pack, dashed
    c.wedge(cx - r, cy - r, cx + r, cy + r, 90 + taken, 360 - taken, stroke=1, fill=0)
    c.setDash()
    _outline(c, look)
    c.wedge(cx - r, cy - r, cx + r, cy + r, 90, taken, stroke=1, fill=1)
    _label(c, cx, cy, fmt(unit.product.strength_mg), look.body)  # the strength of the tablet it is half of


def _capsule(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    """A capsule lying down: a rounded bar, one end shaded, taken whole."""
    c = canv
    h = s * 0.55
    by = y + (s - h) / 2
    _outline(c, look, SHADE)
    c.roundRect(x, by, s / 2, h, h / 2, stroke=1, fill=1)
    _outline(c, look)
    c.roundRect(x + s / 2 - h / 2, by, s / 2 + h / 2, h, h / 2, stroke=1, fill=1)
    _label(c, x + s * 0.72, y + s / 2, fmt(unit.product.strength_mg), look.body * 0.8)


def _packet(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    c = canv
    w, top = s * 0.8, y + s
    _outline(c, look)
    path = c.beginPath()
    path.moveTo(x, y)
    path.lineTo(x + w, y)
    path.lineTo(x + w, top - s * 0.1)
    teeth = 4
    for i in range(teeth, 0, -1):  # a torn-off zigzag top, as on a sachet
        path.lineTo(x + w * (i - 0.5) / teeth, top)
        path.lineTo(x + w * (i - 1) / teeth, top - s * 0.1)
    path.close()
    c.drawPath(path, stroke=1, fill=1)
    _label(c, x + w / 2, y + s * 0.45, fmt(unit.product.strength_mg), look.body)


def _liquid(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look, volume: str) -> None:
    """An oral syringe, then the volume in bold."""
    _syringe(canv, x, y, s, unit, look)
    canv.setFillColor(black)
    canv.setFont(BOLD, look.body)
    canv.drawString(x + s * 1.8, y + s / 2 - look.body * 0.36, volume)


def _syringe(canv: Canvas, x: float, y: float, s: float, unit: Unit, look: Look) -> None:
    """An oral syringe, filled in part."""
    c = canv
    barrel_x, barrel_w, barrel_h = x + s * 0.3, s * 1.1, s * 0.42
    by = y + (s - barrel_h) / 2
    _outline(c, look, SHADE)
    c.rect(barrel_x + barrel_w * 0.45, by, barrel_w * 0.55, barrel_h, stroke=0, fill=1)
    c.rect(barrel_x, by, barrel_w, barrel_h, stroke=1, fill=0)
    c.line(x, y + s / 2, barrel_x + barrel_w * 0.45, y + s / 2)
    c.line(x, by - s * 0.05, x, by + barrel_h + s * 0.05)
    c.rect(barrel_x + barrel_w, y + s / 2 - s * 0.07, s * 0.2, s * 0.14, stroke=1, fill=0)


def product_picture(product: Product, look: Look, voice: Voice) -> DosePicture:
    """One whole piece of `product` (1 mL of a liquid), for the key under the header."""
    return DosePicture((Unit(product, Fraction(1)),), look, voice)
