"""A plan that stops has a follow-up; the text export carries the handout's safety words; a current
dose given only as a daily total is not shown split into made-up per-time doses."""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import icalendar
import pytest
from handout_cases import all_text
from hypothesis import event, given, settings
from hypothesis import strategies as st

from exports.calendar import CalendarOptions, calendar_bytes
from exports.handout import HandoutOptions, handout_bytes
from planner import PlanError, build_schedule, bundled_profile
from planner.factory import taper_plan, titration_plan
from planner.phrases import ENGLISH
from planner.phrases.handout import safety_items
from planner.phrases.plan import safety_rules
from planner.plan_format import dumps_plan, loads_plan, plan_to_dict
from planner.render import schedule_text
from planner.times import default_times
from tui.cli import main

START = date(2026, 12, 1)
ISSUED = date(2026, 11, 30)
ROOT = Path(__file__).resolve().parents[2]


def stopping(from_mg=40, step=10, **kw):
    kw.setdefault("times", default_times(3))
    return taper_plan(bundled_profile(), plan_id="follow-1", start_date=START, timezone="Europe/Berlin",
                      from_mg=Fraction(from_mg), method="step", amount=Fraction(step), **kw)


def events(schedule, plan=None):
    data, record = calendar_bytes(schedule, CalendarOptions(issued=ISSUED))
    return {str(e.get("UID")): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}, record


def test_a_stopping_taper_has_its_follow_up_7_days_after_the_last_dose():
    schedule = build_schedule(stopping())
    assert schedule.stop_date == date(2026, 12, 22)
    assert schedule.follow_up_date == schedule.last_dose_day + timedelta(days=7) == date(2026, 12, 28)
    assert bundled_profile().follow_up_days == 7


def test_plans_that_do_not_stop_have_no_follow_up():
    assert build_schedule(stopping(to_mg=Fraction(20))).follow_up_date is None
    titration = titration_plan(bundled_profile(), plan_id="t", start_date=START, timezone="Europe/Berlin")
    assert build_schedule(titration).follow_up_date is None


@settings(max_examples=60, deadline=None)
@given(from_mg=st.sampled_from([20, 30, 40, 60]), step=st.sampled_from([5, 10, 15]), days=st.integers(-3, 100))
def test_the_follow_up_is_after_the_last_dose_by_the_days_asked(from_mg, step, days):
    try:
        schedule = build_schedule(stopping(from_mg, step, follow_up_days=days))
    except PlanError as exc:
        event("refused")
        codes = {p.code for p in exc.problems}
        assert codes <= {"step_too_big", "bad_follow_up"}
        assert ("bad_follow_up" in codes) == (not 1 <= days <= 90)
        return
    event("built")
    assert 1 <= days <= 90
    assert schedule.follow_up_date == schedule.last_dose_day + timedelta(days=days)
    assert schedule.follow_up_date >= schedule.stop_date


def test_follow_up_days_are_reached_by_the_property():
    # The property above must reach valid schedules: count them over its own space.
    built = 0
    for from_mg in (20, 30, 40, 60):
        for step in (5, 10, 15):
            try:
                build_schedule(stopping(from_mg, step, follow_up_days=7))
                built += 1
            except PlanError:
                pass
    assert built >= 10


def test_the_calendar_has_an_all_day_follow_up_with_a_stable_uid():
    schedule = build_schedule(stopping())
    found, record = events(schedule)
    uid = "follow-1-20261228-day-follow-up@taperplan"
    follow_up = found[uid]
    assert follow_up.get("DTSTART").dt == date(2026, 12, 28) and follow_up.get("DTEND").dt == date(2026, 12, 29)
    assert str(follow_up.get("SUMMARY")) == "Follow-up with your clinician after stopping baclofen"
    assert "Withdrawal signs usually begin 1 to 2 days after the last dose" in str(follow_up.get("DESCRIPTION"))
    # A later follow-up moves to a new day: the old event is cancelled, the new one takes its place.
    later = build_schedule(stopping(follow_up_days=14).replace(revision=2, exports={"ics": record}))
    again, _ = events(later)
    assert str(again[uid].get("STATUS")) == "CANCELLED"
    assert "follow-1-20270104-day-follow-up@taperplan" in again


def test_the_handout_names_the_follow_up_in_summary_and_tracker():
    text = all_text(handout_bytes(build_schedule(stopping()), HandoutOptions(issued=ISSUED)))
    assert text.count("Your follow-up is on Mon 28 Dec, 7 days") == 1  # the summary (the year only where it could mislead)
    assert text.count("Your follow-up is on Mon 28 Dec 2026, 7 days after your last dose") == 1  # under the tracker


def test_the_text_export_names_the_follow_up():
    text = schedule_text(build_schedule(stopping(follow_up_days=10)))
    assert "Your follow-up is on Thu 31 Dec, 10 days after your last dose: see or call your clinician." in text


def test_plan_files_keep_the_follow_up_and_older_files_still_load():
    plan = stopping(follow_up_days=10)
    assert loads_plan(dumps_plan(plan)).follow_up_days == 10
    old = plan_to_dict(stopping())
    del old["follow_up_days"]  # written before the key existed
    del old["profile"]["taper"]["follow_up_days"]
    del old["profile"]["sources"]["taper.follow_up_days"]
    loaded = loads_plan(json.dumps(old))
    assert loaded.follow_up_days is None and loaded.profile.follow_up_days == 7
    assert build_schedule(loaded).follow_up_date == date(2026, 12, 28)
    wrong = plan_to_dict(plan)
    wrong["follow_up_days"] = "ten"
    with pytest.raises(PlanError, match="follow_up_days has the wrong type"):
        loads_plan(json.dumps(wrong))


def test_the_cli_stores_the_follow_up_days(tmp_path, capsys):
    path = tmp_path / "t.json"
    code = main(["new", "taper", "--from", "40", "--step", "10", "--follow-up", "5", "--tz", "Europe/Berlin",
                 "--start-date", "2026-12-01", "-o", str(path)], today=ISSUED)
    assert code == 0
    assert json.loads(path.read_text())["follow_up_days"] == 5
    capsys.readouterr()
    main(["show", str(path)], today=ISSUED)
    assert "Follow-up Sat 26 Dec (2026-12-26), 5 days after the last dose." in capsys.readouterr().out
    code = main(["new", "taper", "--from", "40", "--step", "10", "--follow-up", "200", "--tz", "Europe/Berlin",
                 "-o", str(tmp_path / "u.json")], today=ISSUED)
    assert code == 2 and "--follow-up: 200 days after the last dose; give 1 to 90" in capsys.readouterr().err


# Item 10: the text export carries the handout's safety content, from one home.

@pytest.mark.parametrize("plan", [
    stopping(),
    titration_plan(bundled_profile(), plan_id="t", start_date=START, timezone="Europe/Berlin", products=("sol1",)),
])
def test_the_text_export_has_every_safety_rule_of_the_handout(plan):
    schedule = build_schedule(plan)
    text = schedule_text(schedule)
    rules = safety_rules(ENGLISH, schedule)
    assert safety_items(schedule)[:len(rules)] == rules
    assert len(rules) >= 7
    for heading, sentence in rules:
        assert heading in text and sentence in text
    for needle in ("Signs of overdose", "Alcohol and other medicines", "Driving", "Stopping baclofen suddenly"):
        assert needle in text


@pytest.mark.parametrize(("sentence", "home"), [
    ("slow or shallow breathing", "planner/data/baclofen.json"), ("Do not drive or use machines", "planner/phrases/plan.py"),
    ("medicines that make you sleepy", "planner/data/baclofen.json"),
    ("seeing or hearing things that are not there", "planner/data/baclofen.json"),
    ("Do not stop suddenly", "planner/phrases/plan.py"), ("Never take 2 doses at once", "planner/phrases/plan.py")])
def test_each_safety_sentence_has_one_home(sentence, home):
    """One home per safety sentence: the catalogue, or the drug profile's patient texts."""
    homes = [p.relative_to(ROOT).as_posix() for folder in ("planner", "exports", "tui") for p in (ROOT / folder).rglob("*")
             if p.suffix in (".py", ".json") and "earlier" not in p.parts and sentence in p.read_text(encoding="utf-8")]
    if home.startswith("planner/data/"):  # a drug's own words: each bundled drug may say it in its own profile
        homes = [h for h in homes if h == home or not h.startswith("planner/data/")]
    assert homes == [home]


# Item 11: a current dose given as a daily total is not split into made-up per-time doses.

def test_a_daily_total_is_shown_as_a_total_only():
    schedule = build_schedule(stopping(from_mg=80, step=20))
    text = schedule_text(schedule)
    assert "Your current dose: 80 mg a day in total" in text
    assert "bedtime: 30 mg" not in text and "21:00 bedtime" not in text
    pdf = all_text(handout_bytes(schedule, HandoutOptions(issued=ISSUED)))
    assert "80 mg a day in total" in pdf and "30 mg" not in pdf


def test_per_time_doses_given_by_the_clinician_are_shown():
    schedule = build_schedule(stopping(from_mg=40, current_doses=(Fraction(10), Fraction(10), Fraction(20))))
    assert "Your current dose: 08:00 morning: 10 mg; 14:00 afternoon: 10 mg; 21:00 bedtime: 20 mg (40 mg a day)" in schedule_text(schedule)
    assert "in total" not in schedule_text(schedule)


def test_one_dose_a_day_is_its_own_split():
    schedule = build_schedule(stopping(from_mg=20, step=5, times=default_times(1)))
    assert "Your current dose: 21:00 bedtime: 20 mg (20 mg a day)" in schedule_text(schedule)


def test_the_app_summary_names_the_follow_up_and_a_made_up_split_is_not_shown():
    from tui.widgets.preview import summary_lines, table_rows

    schedule = build_schedule(stopping(from_mg=80, step=20))
    assert "Follow-up on Mon 28 Dec 2026 (7 days after the last dose)." in summary_lines(schedule)[0]
    _, rows, _ = table_rows(schedule)
    assert rows[0] == ("now", "current dose", "80", "?", "?", "?")
