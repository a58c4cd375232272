"""A clinician's own profile texts read as whole sentences wherever the catalogue joins them."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

from planner import build_schedule, bundled_profile, load_profile
from planner.factory import taper_plan
from planner.phrases import ENGLISH
from planner.phrases.plan import follow_up_words
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
