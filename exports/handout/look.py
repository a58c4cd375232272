"""How the handout looks: one embedded font family, two greys, every size from the body size, the
paragraph styles, and the two builders (a paragraph, a table) that apply them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Table, TableStyle

REGULAR = "TaperplanSans"
BOLD = "TaperplanSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
GREY = Color(0.45, 0.45, 0.45)
SHADE = Color(0.92, 0.92, 0.92)


@cache
def register_fonts() -> dict[str, frozenset[int]]:
    """Register the embedded family once; return each font's drawable code points."""
    coverage = {}
    for name, filename in _FILES.items():
        with resources.as_file(resources.files("exports.handout.fonts").joinpath(filename)) as path:
            font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return coverage


def markup(text: str) -> str:
    """Plain text made safe for a reportlab Paragraph (which parses a small XML dialect)."""
    return escape(text)


@dataclass(frozen=True)
class Look:
    """Every size on the page follows from the body size: 12 pt, or 14 pt in large print."""

    body: float

    @property
    def scale(self) -> float:
        return self.body / 12

    @property
    def icon(self) -> float:
        return self.body * 1.9

    @property
    def small(self) -> float:
        return 9.0 * self.scale

    def style(self, name: str) -> ParagraphStyle:
        return _styles(self.body)[name]


@cache
def _styles(body: float) -> dict[str, ParagraphStyle]:
    register_fonts()
    leading = body * 1.3
    base = ParagraphStyle("body", fontName=REGULAR, bulletFontName=REGULAR, fontSize=body, leading=leading,
                          alignment=TA_LEFT, spaceAfter=body * 0.4)
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=BOLD, spaceAfter=0),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=body * 2, leading=body * 2.4,
                                spaceAfter=body * 0.5),
        "heading": ParagraphStyle("heading", parent=base, fontName=BOLD, fontSize=body * 1.35, leading=body * 1.7,
                                  spaceBefore=body * 0.9, spaceAfter=body * 0.4),
        "summary": ParagraphStyle("summary", parent=base, fontName=BOLD, fontSize=body * 1.15, leading=body * 1.5,
                                  spaceAfter=body * 0.6),
    }


def para(text: str, look: Look, style: str = "cell") -> Paragraph:
    """Plain text as a Paragraph in one of the look's styles."""
    return Paragraph(markup(text), look.style(style))


def grid(rows: list[list[Any]], widths: list[float], commands: list[tuple[Any, ...]], **options: Any) -> Table:
    """A Table in the handout font: a Table's own default (Helvetica, never embedded) would
    otherwise enter the file even when every cell holds a Paragraph."""
    table = Table(rows, colWidths=widths, **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))
    return table
