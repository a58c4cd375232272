"""What may be printed, and how text is fitted: text tidied and checked against the embedded font
(nothing the font cannot draw, no control or right-to-left characters), cut to a width, capitalised."""

from __future__ import annotations

import unicodedata

from reportlab.pdfbase.pdfmetrics import stringWidth

from .errors import HandoutError
from .look import register_fonts

# Scripts written right to left, or needing shaping, come out scrambled without a shaping engine.
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})


def printable(text: str, field: str) -> str:
    """`text` tidied for print (NFC, single spaces), or a HandoutError naming the field and character."""
    tidy = " ".join(unicodedata.normalize("NFC", text).split())
    coverage = register_fonts()
    for char in tidy:
        drawable = all(ord(char) in glyphs for glyphs in coverage.values())
        if (not drawable or unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn")
                or unicodedata.bidirectional(char) in _RIGHT_TO_LEFT):
            raise HandoutError(f"{field}: character {char!r} cannot be printed with the handout font")
    return tidy


def cut_to_width(text: str, font: str, size: float, width: float) -> str:
    """`text`, shortened with an ellipsis if it is wider than `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
