"""The catalogue of every word the patient reads: one home per phrase, in one voice.

The handout, the calendar, the text export and the app's preview take their patient words from
the modules of this package; none of them writes a patient sentence of its own. Clinician wording
(reasons, factors, citations, codes) is not here: it stays in `Problem.message`.

Every phrase is a gettext message, marked so that Babel extracts it with its default keywords:
`v._("...")` and `v.ngettext("...", "...", n)`, with named `{placeholders}` (python-brace-format).
`v` is a `Voice`: the language is passed in, never read from the process locale. Dates, month
names and decimal marks come from Babel's locale data (`Voice.day`, `Voice.number`), never from
`strftime`, so the output is the same whatever the machine's locale.

Translations live in `locale/<language>/LC_MESSAGES/messages.po` beside this file and are compiled
in memory on first use (Babel's `read_po`): the .po under version control is the only copy, so a
catalogue cannot be out of date with a forgotten build step.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..errors import PlanError, error
from ..numbers import fmt, fmt_count

if TYPE_CHECKING:
    from ..schedule import Schedule

CATALOGUE_VERSION = "2026.12.2"  # printed on the handout: which wording a patient was given
LANGUAGES = ("en", "es")
DOMAIN = "messages"


@dataclass(frozen=True)
class Voice:
    """How the patient is spoken to: a language and its translations."""

    language: str
    translations: gettext.NullTranslations = field(repr=False, compare=False)

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def day(self, day: date, *, year: bool = False) -> str:
        """'Tue 1 Dec' or 'Tue 1 Dec 2026' ('mar 1 dic 2026'): the month as a word, so no reader
        takes 1/12 for 12 January."""
        return _format_date(day, "EEE d MMM y" if year else "EEE d MMM", self.language)

    def short_day(self, day: date, *, year: bool = False) -> str:
        """'1 Dec' or '1 Dec 2026'."""
        return _format_date(day, "d MMM y" if year else "d MMM", self.language)

    def month(self, day: date, *, year: bool = False) -> str:
        """'Dec' or 'Dec 2026'."""
        return _format_date(day, "MMM y" if year else "MMM", self.language)

    def number(self, value: Fraction | int) -> str:
        """An exact dose or amount with the language's decimal mark: '9.5', '9,5'."""
        return fmt(value).replace(".", _decimal_mark(self.language))

    def count(self, count: Fraction) -> str:
        """A tablet count as people write it: 1/2, 1, 1 1/2, 2."""
        return fmt_count(count)


@lru_cache(maxsize=512)
def _format_date(day: date, pattern: str, language: str) -> str:
    from babel.dates import format_date  # imported on first use: the planner starts fast

    return format_date(day, pattern, locale=language)


@lru_cache(maxsize=8)
def _decimal_mark(language: str) -> str:
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(language)


def catalogue_path(language: str) -> str:
    return f"locale/{language}/LC_MESSAGES/{DOMAIN}.po"


@lru_cache(maxsize=8)
def voice(language: str = "en") -> Voice:
    """The voice of `language` ("en", "es"); a PlanError naming the field for any other."""
    if language not in LANGUAGES:
        raise PlanError(error("bad_language", "language", f"{language!r} is not a language taperplan speaks; use {' or '.join(LANGUAGES)}"))
    if language == "en":
        return Voice("en", gettext.NullTranslations())
    return Voice(language, _compiled(language))


def _compiled(language: str) -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    text = resources.files(__name__).joinpath(catalogue_path(language)).read_bytes()
    catalog = read_po(io.BytesIO(text), locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy (unchecked) translation is never printed
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def patient_voice(schedule: Schedule) -> Voice:
    """The voice of the plan's patient (the plan stores the language)."""
    return voice(schedule.plan.language)


ENGLISH = voice("en")
