"""One voice (issue 11): every patient word comes from the phrase catalogue (planner.phrases), which
Babel can extract; drug-specific words come from the profile's patient texts."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from planner import bundled_profile
from planner.errors import PlanError
from planner.phrases import ENGLISH, voice
from planner.phrases.plan import warning_words
from planner.profile import load_profile

ROOT = Path(__file__).resolve().parents[2]
PATIENT_MODULES = [*sorted((ROOT / "planner" / "phrases").glob("*.py")), *sorted((ROOT / "exports" / "handout").glob("*.py")),
                   *sorted((ROOT / "exports" / "calendar").glob("*.py")), ROOT / "exports" / "text.py", ROOT / "planner" / "render.py"]


def extracted() -> list[tuple[str, object]]:
    return [(m[1], m[2]) for m in extract_from_dir(str(ROOT / "planner" / "phrases"), method_map=[("**.py", "python")])]


def test_babel_extracts_every_message_call_of_the_catalogue():
    messages = extracted()
    calls = sum(len(re.findall(r"\bv\._\(|\bngettext\(|\bpatient_voice\(schedule\)\._\(", p.read_text())) for p in
                (ROOT / "planner" / "phrases").glob("*.py") if p.name != "__init__.py")  # it defines the keywords
    assert len(messages) >= 100
    assert len(messages) == calls  # no message hides from Babel behind a variable or an f-string
    for _, message in messages:
        for text in message if isinstance(message, tuple) else (message,):
            assert text and "{}" not in text  # literal, and every placeholder named for the translator


def test_every_wording_has_one_home_in_the_catalogue():
    """A message written at two places can drift apart when one is edited: each is written once."""
    places: dict[object, list[str]] = {}
    for filename, line, message, *_ in extract_from_dir(str(ROOT / "planner" / "phrases"), method_map=[("**.py", "python")]):
        places.setdefault(message, []).append(f"{filename}:{line}")
    assert len(places) >= 100
    assert {message: where for message, where in places.items() if len(where) > 1} == {}


def test_the_date_formatter_is_english_whatever_the_locale(monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    weekdays = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    day = date(2026, 1, 1)
    for _ in range(400):
        assert ENGLISH.day(day) == f"{weekdays[day.weekday()]} {day.day} {months[day.month - 1]}"
        assert ENGLISH.day(day, year=True) == f"{ENGLISH.day(day)} {day.year}"
        day += timedelta(days=1)


def test_no_patient_facing_module_names_the_drug():
    for path in PATIENT_MODULES:
        code = "\n".join(line for line in path.read_text().splitlines() if not line.strip().startswith(('"""', "'", '"')))
        assert not re.search(r"\bbaclofen\b", code, re.IGNORECASE) or path.name == "render.py", path


def test_the_profile_carries_the_drug_words_and_refuses_a_language_it_lacks():
    profile = bundled_profile()
    texts = profile.patient_texts("en")
    assert texts.name == "baclofen" and "seizures (fits)" in texts.withdrawal_signs
    assert warning_words(ENGLISH, "seizures", profile).startswith("You have had seizures (fits) before. Never stop baclofen")
    assert warning_words(ENGLISH, "older_adult", profile) == ""  # the clinician's only
    with pytest.raises(PlanError) as caught:
        profile.patient_texts("fr")
    assert caught.value.first.code == "language_not_in_profile" and caught.value.first.field == "language"


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t["en"].update(withdrawal_signs=""), "patient_texts.en.withdrawal_signs: must not be empty"),
    (lambda t: t["en"].update(monitoring="Tests for {dose}"), "patient_texts.en.monitoring: has {dose}"),
    (lambda t: t["en"].pop("overdose_signs"), "patient_texts.en.overdose_signs: is missing"),
    (lambda t: t["en"].update(name="Baclofen"), "patient_texts.en.name: must be the drug's name in lower case"),
    (lambda t: t["en"].update(everyday="one"), "patient_texts.en.everyday: must be a list"),
    (lambda t: t["en"]["warnings"].update(seizures="\u202etext"), "patient_texts.en.warnings.seizures: contains a character"),
])
def test_the_loader_checks_the_patient_texts(change, message):
    data = bundled_profile().as_dict()
    change(data["patient_texts"])
    with pytest.raises(PlanError) as caught:
        load_profile(json.dumps(data))
    assert message in caught.value.first.message


def test_a_profile_from_before_the_patient_texts_borrows_its_drugs_words():
    earlier = load_profile((ROOT / "planner" / "data" / "earlier" / "baclofen-2026.12.1.json").read_text())
    assert earlier.texts == ()
    from planner.phrases.plan import texts

    assert texts(ENGLISH, earlier) == bundled_profile().patient_texts("en")


def test_an_unknown_language_is_refused_with_the_field():
    with pytest.raises(PlanError) as caught:
        voice("fr")
    assert caught.value.first.field == "language"
