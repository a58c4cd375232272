"""Spanish (issue 16): a complete catalogue, no untranslated text in any export (pseudo-locale run),
and a Spanish handout and calendar that pass the English ones' checks."""

from __future__ import annotations

import dataclasses
import gettext
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from calendar_support import parse
from handout_cases import ISSUED, all_text, flat, long_taper, reader, titration
from test_cli import run

import planner.phrases
from exports.calendar import CalendarOptions, calendar_bytes
from exports.handout import HandoutOptions, handout_bytes
from planner import PlanError, bundled_profile
from planner.phrases import Voice, catalogue_path, voice
from planner.phrases.plan import texts
from planner.render import schedule_text

ROOT = Path(__file__).resolve().parents[2]
PHRASES = ROOT / "planner" / "phrases"


def _replace_plan(schedule, **changes):
    return dataclasses.replace(schedule, plan=schedule.plan.replace(**changes))


def test_every_message_has_a_spanish_translation_that_is_not_fuzzy():
    code = {m[2] for m in extract_from_dir(str(PHRASES), method_map=[("**.py", "python")])}
    with open(PHRASES / catalogue_path("es"), "rb") as file:
        catalogue = read_po(file, locale="es")
    translated = {m.id: m for m in catalogue if m.id}
    assert code and code <= set(translated), sorted(map(str, code - set(translated)))[:5]
    for message in translated.values():
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        given = set(re.findall(r"\{\w+\}", " ".join(ids)))
        given |= {"{drug}"} if "{drug_cap}" in given else set()  # both are passed: a language may not capitalise the name
        assert set(re.findall(r"\{\w+\}", " ".join(strings))) <= given, message.id


class _Pseudo(gettext.NullTranslations):
    """Every catalogue message wrapped in « »: text outside them came from nowhere in the catalogue."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


def _leftover(text: str, schedule) -> set[str]:
    """Words outside every « », once the plan's own data, the profile's texts and dates are taken out."""
    words = texts(voice("en"), schedule.profile)
    for given in [words.fill(t) for t in (words.overdose_signs, words.interactions, words.monitoring, *words.everyday)] + \
                 [words.fill(t) for _, t in words.warnings] + [schedule.plan.patient.name, schedule.plan.clinician.name,
                                                               schedule.plan.clinician.contact, schedule.plan.plan_id]:
        text = flat(text).replace(flat(given), " ") if given else flat(text)
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"«[^«»]*»", " ", text)
    dates = r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    text = re.sub(dates, " ", text)
    return set(re.findall(r"[^\W\d_]{2,}", text)) - {schedule.plan.timezone.split("/")[-1], *schedule.plan.timezone.split("/")}


@pytest.mark.parametrize("make", [titration, long_taper])
def test_a_pseudo_locale_run_leaves_no_text_outside_the_catalogue(monkeypatch, make):
    schedule = make()
    monkeypatch.setattr(planner.phrases, "voice", lambda language: Voice("en", _Pseudo()))
    text = schedule_text(schedule)
    pdf = all_text(handout_bytes(schedule, HandoutOptions(issued=ISSUED)))
    ics, _ = calendar_bytes(schedule, CalendarOptions(issued=ISSUED, include_name=True))
    _, events = parse(ics)
    calendar = " ".join(f"{e.summary} {e.description} {' '.join(e.alarm_texts)}" for e in events)
    assert "«" in text and "«" in pdf and "«" in calendar
    for where, found in (("text", text), ("pdf", pdf), ("calendar", calendar)):
        assert _leftover(found, schedule) <= {"baclofen"}, where  # the profile's id in the provenance line


ENGLISH_WORDS = re.compile(r"\b(take|dose|doses|tablet|tablets|day|days|your|from|until|step|review|stop|suddenly|missed|"
                           r"with|the|and|medicine|liquid)\b", re.IGNORECASE)


def test_the_spanish_exports_have_no_english_left():
    schedule = _replace_plan(long_taper(), language="es")
    text = schedule_text(schedule)
    pdf = handout_bytes(schedule, HandoutOptions(issued=ISSUED))
    ics, _ = calendar_bytes(schedule, CalendarOptions(issued=ISSUED))
    _, events = parse(ics)
    calendar = " ".join(f"{e.summary} {e.description}" for e in events)
    for where, found in (("text", text), ("pdf", all_text(pdf)), ("calendar", calendar)):
        found = found.replace(schedule.plan.plan_id, "").replace("baclofen 2026", "")  # the profile's id, for staff
        assert not ENGLISH_WORDS.findall(found), (where, sorted(set(ENGLISH_WORDS.findall(found)))[:10])
    assert re.search(r"\d,5 mL", text) and not re.search(r"\d\.5 mL", text)  # the Spanish decimal mark
    assert "Tome " in calendar and "a las 08:00" in calendar and "mar 1 dic" in text


def test_the_spanish_handout_embeds_its_fonts_and_the_calendar_matches_the_english_one():
    english = long_taper()
    schedule = _replace_plan(english, language="es")
    pdf = handout_bytes(schedule, HandoutOptions(issued=ISSUED))
    for page in reader(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object() and "DejaVuSans" in str(font["/BaseFont"])
    assert "Textos 2026.12.2 (es)" in all_text(pdf)  # the footer carries the catalogue's version
    spanish_events = parse(calendar_bytes(schedule, CalendarOptions(issued=ISSUED))[0])[1]
    english_events = parse(calendar_bytes(english, CalendarOptions(issued=ISSUED))[0])[1]
    assert [(e.uid, e.start, e.end, e.triggers) for e in spanish_events] == [(e.uid, e.start, e.end, e.triggers) for e in english_events]


def test_a_profile_without_a_language_refuses_it(tmp_path, capsys):
    data = bundled_profile().as_dict()
    del data["patient_texts"]["es"]
    data["version"] = "2099.1.1"
    profile_file = tmp_path / "mine.json"
    profile_file.write_text(json.dumps(data))
    plan = tmp_path / "p.json"
    code, _, _ = run(capsys, "new", "titrate", "-o", str(plan), "--start-date", "2026-12-01", "--tz", "Europe/Madrid",
                     "--profile", str(profile_file))
    assert code == 0
    code, _, err = run(capsys, "export", str(plan), "--language", "es", "--text", str(tmp_path / "t.txt"))
    errors = [line for line in err.splitlines() if line.startswith("taperplan: error:")]
    assert code == 2 and errors == [line for line in errors if "language: the baclofen profile has no patient texts in 'es'" in line] != []
    assert not (tmp_path / "t.txt").exists()


def test_export_language_is_stored_in_the_plan(tmp_path, capsys):
    plan = tmp_path / "p.json"
    assert run(capsys, "new", "titrate", "-o", str(plan), "--start-date", "2026-12-01", "--tz", "Europe/Madrid")[0] == 0
    code, _, _ = run(capsys, "export", str(plan), "--language", "es", "--text", str(tmp_path / "t.txt"))
    assert code == 0 and json.loads(plan.read_text())["language"] == "es"
    assert (tmp_path / "t.txt").read_text().startswith("Plan de baclofeno")
    code, _, _ = run(capsys, "export", str(plan), "--text", str(tmp_path / "again.txt"))  # the plan remembers
    assert (tmp_path / "again.txt").read_text().startswith("Plan de baclofeno")


def test_a_plan_file_with_an_unknown_language_is_refused(tmp_path):
    from planner.plan_format import plan_from_dict, plan_to_dict

    data = plan_to_dict(titration().plan) | {"language": "fr"}
    with pytest.raises(PlanError, match="language"):
        plan_from_dict(data)


def test_the_app_exports_in_the_chosen_language_and_its_session_keeps_it(tmp_path):
    from tui.session import Session
    from tui.workflow import ExportRequest, export

    schedule = titration()
    report = export(schedule, ExportRequest(issued=ISSUED, text_path=str(tmp_path / "t.txt"), language="es"))
    assert report.language == "es" and (tmp_path / "t.txt").read_text().startswith("Plan de baclofeno")
    session = Session.from_plan(_replace_plan(schedule, language="es").plan, None, on_disk=False)
    plan, problems = session.plan()
    assert not problems and plan is not None and plan.language == "es"  # loading and saving in the app keeps it
