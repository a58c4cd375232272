"""A drug profile's patient texts (`patient_texts.<language>`): the words about one drug that the
generic catalogue (planner.phrases) cannot know, such as the signs of withdrawal. Plain words for the
patient: no codes, citations or factors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from .errors import PlanError, error
from .text import first_unsafe

_FIELDS = ("name", "withdrawal_signs", "withdrawal_onset", "increase_signs", "overdose_signs", "interactions", "monitoring")
_PLACEHOLDERS = {"drug", "drug_cap"}
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


@dataclass(frozen=True)
class PatientTexts:
    name: str
    withdrawal_signs: str
    withdrawal_onset: str
    increase_signs: str
    overdose_signs: str
    interactions: str
    monitoring: str
    everyday: tuple[str, ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()  # (warning code, patient wording), by code

    def fill(self, text: str) -> str:
        """`text` with {drug} and {drug_cap} filled in."""
        return text.format(drug=self.name, drug_cap=self.name[:1].upper() + self.name[1:])

    def warning(self, code: str) -> str | None:
        return dict(self.warnings).get(code)


class _Reads(Protocol):
    data: object

    def fail(self, key: str, problem: str) -> PlanError: ...
    def get(self, key: str) -> object: ...


def read_patient_texts(r: _Reads) -> tuple[tuple[str, PatientTexts], ...]:
    """Every language's texts, checked; () when the profile has no section (profiles before 2026.12.2)."""
    if not isinstance(r.data, dict) or "patient_texts" not in r.data:
        return ()
    section = r.get("patient_texts")
    if not isinstance(section, dict) or not section:
        raise r.fail("patient_texts", "must be an object with a language (such as \"en\") per key")
    return tuple((language, _read_language(r, language)) for language in section)


def _read_language(r: _Reads, language: str) -> PatientTexts:
    key = f"patient_texts.{language}"
    if not _LANGUAGE.fullmatch(language):
        raise r.fail(key, "must be a language code such as en or es")
    texts = r.get(key)
    if not isinstance(texts, dict):
        raise r.fail(key, "must be an object")
    unknown = sorted(set(texts) - {*_FIELDS, "everyday", "warnings"})
    if unknown:
        raise r.fail(f"{key}.{unknown[0]}", "is not a patient text; known: " + ", ".join((*_FIELDS, "everyday", "warnings")))
    values: dict[str, Any] = {name: _text(r, f"{key}.{name}", r.get(f"{key}.{name}")) for name in _FIELDS}
    everyday = texts.get("everyday", [])
    if not isinstance(everyday, list):
        raise r.fail(f"{key}.everyday", "must be a list of sentences (may be empty)")
    values["everyday"] = tuple(_text(r, f"{key}.everyday.{i}", v) for i, v in enumerate(everyday))
    warnings = texts.get("warnings", {})
    if not isinstance(warnings, dict):
        raise r.fail(f"{key}.warnings", "must be an object from warning code to the patient's wording")
    values["warnings"] = tuple(sorted((code, _text(r, f"{key}.warnings.{code}", v)) for code, v in warnings.items()))
    if values["name"] != values["name"].lower():
        raise r.fail(f"{key}.name", "must be the drug's name in lower case, as the patient reads it")
    return PatientTexts(**values)


def _text(r: _Reads, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise r.fail(key, "must be non-empty text")
    bad = first_unsafe(value)
    if bad is not None:
        raise r.fail(key, f"contains a character that cannot be printed (U+{ord(bad):04X})")
    for name in re.findall(r"\{([^{}]*)\}", value):
        if name not in _PLACEHOLDERS:
            raise r.fail(key, f"has {{{name}}}; a text may only use {{drug}} and {{drug_cap}}")
    if re.search(r"[{}]", re.sub(r"\{(drug|drug_cap)\}", "", value)):
        raise r.fail(key, "has a stray { or }")
    return value


def texts_for(by_language: tuple[tuple[str, PatientTexts], ...], language: str, drug: str) -> PatientTexts:
    for code, texts in by_language:
        if code == language:
            return texts
    known = ", ".join(code for code, _ in by_language) or "none"
    raise PlanError(error("language_not_in_profile", "language",
                          f"the {drug} profile has no patient texts in {language!r} (it has: {known}); choose one of those"))
