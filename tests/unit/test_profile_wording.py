"""A clinician's own profile texts read as whole sentences wherever the catalogue joins them."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from handout_cases import all_text

from exports.handout import HandoutOptions, handout_bytes
from planner import Patient, build_schedule, bundled_profile, load_profile
from planner.factory import taper_plan, titration_plan
from planner.model import Maintenance, Taper
from planner.phrases import ENGLISH, voice
from planner.phrases.plan import follow_up_words, safety_rules
from planner.render import schedule_text

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "planner" / "data" / "profile.schema.json").read_text(encoding="utf-8"))
TEXT_FIELDS = SCHEMA["properties"]["patient_texts"]["additionalProperties"]["properties"]


def own_texts(**english):
    """The bundled baclofen profile with some English patient texts written by a clinician."""
    data = bundled_profile().as_dict()
    data["patient_texts"]["en"].update(english)
    return load_profile(json.dumps(data))


def stopping(profile, **kw):
    return build_schedule(taper_plan(profile, plan_id="00000000-0000-4000-8000-00000000abcd", start_date=date(2027, 1, 4),
                                     timezone="Europe/London", from_mg=Fraction(30), method="step", amount=Fraction(10), **kw))


def test_an_onset_written_with_a_full_stop_is_continued_without_it():
    profile = own_texts(withdrawal_onset="These signs can start a few days after the last dose, because {drug} leaves the body slowly.",
                        withdrawal_signs="fits and confusion.")
    s = stopping(profile)
    words = follow_up_words(ENGLISH, s)
    assert words is not None
    assert "because baclofen leaves the body slowly: if you notice any, get urgent medical help at once" in words
    text = schedule_text(s)
    assert ".:" not in text and "{drug}" not in text and ".." not in text
    assert "Stopping baclofen suddenly can cause fits and confusion. If any of these happen" in text


def test_the_bundled_onsets_still_read_the_same():
    s = stopping(bundled_profile())
    assert ("Withdrawal signs usually begin 1 to 2 days after the last dose: if you notice any, get urgent medical help at once; "
            "do not wait for this date.") in (follow_up_words(ENGLISH, s) or "")


def test_the_schema_tells_the_clinician_how_the_texts_are_printed():
    assert "without a final full stop" in TEXT_FIELDS["withdrawal_onset"]["description"]
    monitoring = TEXT_FIELDS["monitoring"]["description"]
    assert "'Blood tests'" in monitoring and "what to check instead" in monitoring


TIZ = bundled_profile("tizanidine")
TIZ_PATIENT = Patient(interactions=(("cyp1a2", "none"),))
TIZ_EVERYDAY = ("Get up slowly from sitting or lying down: tizanidine can make you dizzy or faint when you stand up. "
                "Tizanidine often makes the mouth dry; sips of water or sugar-free gum can help. "
                "Keep to the same product (tablets or capsules, not both) and take it the same way each time, always with food "
                "or always without food. Ask before you change.")


def tizanidine_taper(language="en"):
    plan = taper_plan(TIZ, plan_id="00000000-0000-4000-8000-00000000abcd", start_date=date(2027, 1, 4), timezone="Europe/Berlin",
                      from_mg=Fraction(12), method="step", amount=Fraction(4), patient=TIZ_PATIENT)
    return build_schedule(plan.replace(language=language))


def test_the_everyday_sentences_are_one_item_under_one_heading():
    s = tizanidine_taper()
    everyday = [text for heading, text in safety_rules(ENGLISH, s) if heading == "Every day"]
    assert everyday == [TIZ_EVERYDAY]
    text = schedule_text(s)
    assert text.count("Every day") == 1 and f"* Every day\n  {TIZ_EVERYDAY}\n" in text
    pdf = all_text(handout_bytes(s, HandoutOptions(issued=date(2027, 1, 3))))
    assert pdf.count("Every day") == 1
    for sentence in ("Get up slowly", "often makes the mouth dry", "Ask before you change."):
        assert pdf.count(sentence) == 1


def test_the_everyday_heading_is_said_once_in_spanish_too_and_not_at_all_without_sentences():
    spanish = [heading for heading, _ in safety_rules(voice("es"), tizanidine_taper("es"))]
    assert spanish.count("Cada día") == 1
    assert "Every day" not in [heading for heading, _ in safety_rules(ENGLISH, stopping(bundled_profile()))]  # baclofen has none


RISING = "Do not drive or use machines until you know how {drug} affects you, especially after you start or your dose goes up."
NOT_RISING = "Do not drive or use machines if {drug} makes you sleepy or dizzy."


def _driving(s, language="en"):
    (text,) = [t for heading, t in safety_rules(voice(language), s) if heading in ("Driving", "Conducir")]
    return text


def test_a_plan_whose_dose_only_stays_or_falls_is_not_told_about_starting_or_rises():
    baclofen = bundled_profile()
    taper = stopping(baclofen)
    assert _driving(taper) == NOT_RISING.format(drug="baclofen")
    assert _driving(taper, "es") == "No conduzca ni use máquinas si tomar baclofeno le da sueño o mareo."
    held = build_schedule(taper.plan.replace(phases=(Maintenance("p1", 14), Taper("p2", Fraction(0), "step", Fraction(10), 7))))
    assert _driving(held) == NOT_RISING.format(drug="baclofen")
    assert "makes you sleepy or dizzy" in schedule_text(taper)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_plan_that_raises_the_dose_keeps_the_warning_about_starting_and_rises(language):
    rising = build_schedule(titration_plan(bundled_profile(), plan_id="00000000-0000-4000-8000-00000000abcd",
                                           start_date=date(2027, 1, 4), timezone="Europe/London").replace(language=language))
    expected = {"en": RISING.format(drug="baclofen"),
                "es": "No conduzca ni use máquinas hasta saber cómo le afecta tomar baclofeno, sobre todo al empezar o cuando sube la dosis."}
    assert _driving(rising, language) == expected[language]
