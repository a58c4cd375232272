"""A plan file is a patient record that travels: what it says about its own limits, clearance, size
and text is checked on every load (issue 15, items 1, 2 and 5). Each refusal: exit 2, one error line,
no file changed."""

import io
import json
from datetime import date
from pathlib import Path

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner import LabValues, Patient, bundled_profile
from planner.factory import taper_plan, titration_plan
from planner.plan_format import plan_to_dict
from planner.renal import cockcroft_gault
from tui.cli import main

TODAY = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parents[2]
HUGE = "1e999999999"
LABS = LabValues(70, "male", 5, "mg/dL")  # clearance 15.6 mL/min


def _plan(kind="titrate"):
    from fractions import Fraction

    profile, common = bundled_profile(), dict(plan_id="trust", start_date=date(2026, 12, 1), timezone="Europe/Berlin")
    if kind == "titrate":
        plan = titration_plan(profile, **common)
    elif kind == "labs":
        plan = titration_plan(profile, target_mg=Fraction(20), patient=Patient(age=60, crcl_ml_min=cockcroft_gault(60, LABS), labs=LABS), **common)
    else:
        plan = taper_plan(profile, from_mg=Fraction(60), method="step", amount=Fraction(10), **common)
    return plan_to_dict(plan)


def _edited(edit, kind="titrate"):
    def make():
        data = _plan(kind)
        edit(data)
        return json.dumps(data, ensure_ascii=False).replace('"HUGE_NUMBER"', HUGE).encode()
    return make


def _set(path, value):
    def edit(data):
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(parts[-1]) if parts[-1].isdigit() else parts[-1]] = value
    return edit


def _many(*edits):
    def edit(data):
        for e in edits:
            e(data)
    return edit


def _profile_file(edit):
    def make():
        data = bundled_profile().as_dict()
        edit({"profile": data})
        return json.dumps(data).replace('"HUGE_NUMBER"', HUGE).encode()
    return make


EVIL_LIMITS = _many(_set("profile.limits.max_daily_mg", 500), _set("profile.limits.max_dose_mg", 200), _set("phases.0.target_mg", 300))

CASES = [
    # item 1: limits inside a plan
    ("plan raising its own limits", {"p.json": _edited(EVIL_LIMITS)}, ["show", "p.json"],
     "profile key limits.max_daily_mg: 500 is outside the hard bounds 1 to 120"),
    ("plan raising its dose limit", {"p.json": _edited(_set("profile.limits.max_dose_mg", 200))}, ["export", "p.json", "--pdf", "p.pdf"],
     "limits.max_dose_mg: 200 is outside the hard bounds"),
    ("plan with a child's minimum age", {"p.json": _edited(_set("profile.cautions.min_age", 2))}, ["show", "p.json"],
     "cautions.min_age: 2 is outside the hard bounds 12 to 130"),
    # Calling baclofen another drug would escape baclofen's bounds: a drug taperplan does not bundle may not take its name.
    ("plan renaming its drug", {"p.json": _edited(_many(_set("profile.drug", "morphine"), EVIL_LIMITS))},
     ["show", "p.json"], "profile key name: 'Baclofen' names baclofen, a drug taperplan bundles, but this profile is of drug 'morphine'"),
    ("profile file raising limits", {"prof.json": _profile_file(_set("profile.limits.max_daily_mg", 500))},
     ["new", "titrate", "--profile", "prof.json", "-o", "out.json"], "limits.max_daily_mg: 500 is outside the hard bounds"),
    ("profile target above its own maximum", {"prof.json": _profile_file(_set("profile.titration.target_mg", 100))},
     ["new", "titrate", "--profile", "prof.json", "-o", "out.json"], "titration.target_mg: must not be above limits.max_daily_mg"),
    ("clearance edited by hand", {"p.json": _edited(_set("patient.crcl_ml_min", 200), "labs")}, ["show", "p.json"],
     "stored creatinine clearance (200 mL/min) is not the 15.6 mL/min its lab values give"),
    ("clearance removed by hand", {"p.json": _edited(_set("patient.crcl_ml_min", None), "labs")}, ["show", "p.json"],
     "stored creatinine clearance (none) is not the 15.6 mL/min"),
    ("lab values edited by hand", {"p.json": _edited(_set("patient.labs.creatinine", 1), "labs")}, ["show", "p.json"],
     "is not the 77.8 mL/min its lab values give"),
    ("duplicate products in a plan", {"p.json": _edited(_set("products", ["tab5", "tab10", "tab5"]))}, ["show", "p.json"],
     "products names a product twice"),
    # item 2: bounded numbers and bounded work
    ("huge target", {}, ["new", "titrate", "--target", HUGE, "-o", "out.json"], "--target: must be a dose in mg; '1e999999999' has too many digits"),
    ("tiny target", {}, ["new", "titrate", "--target", "1e-999999999", "-o", "out.json"], "--target:"),
    ("huge age", {}, ["new", "titrate", "--age", HUGE, "-o", "out.json"], "--age:"),
    ("long number", {}, ["new", "titrate", "--target", "1" * 5000, "-o", "out.json"], "--target: must be a dose in mg, not 5000 characters"),
    ("huge reminder", {"p.json": _edited(lambda d: None)}, ["export", "p.json", "--ics", "p.ics", "--reminder-minutes", HUGE], "--reminder-minutes:"),
    ("huge adjustment", {"p.json": _edited(lambda d: None)}, ["adjust", "add", "p.json", "--step", "1", "--days", HUGE], "--days:"),
    ("huge number in a plan", {"p.json": _edited(_set("phases.0.target_mg", "HUGE_NUMBER"))}, ["show", "p.json"],
     "phases.0.target_mg is not a number of a sensible size"),
    ("huge text number in a plan", {"p.json": _edited(_set("phases.0.target_mg", HUGE))}, ["show", "p.json"],
     "phases.0.target_mg is not a number of a sensible size"),
    ("huge number in a profile", {"prof.json": _profile_file(_set("profile.limits.max_daily_mg", "HUGE_NUMBER"))},
     ["new", "titrate", "--profile", "prof.json", "-o", "out.json"], "limits.max_daily_mg: must be a number of a sensible size"),
    ("huge number in a profile's sources", {"prof.json": _profile_file(lambda d: d["profile"]["sources"].__setitem__("limits.max_daily_mg", HUGE))},
     ["new", "titrate", "--profile", "prof.json", "--target", "90", "-o", "out.json"], "--target: 90 mg a day is above"),
    ("taper from a huge dose", {}, ["new", "taper", "--from", "100000", "--products", "sol1", "--step", "0.5", "--every", "1", "-o", "out.json"],
     "--from: 100000 mg a day is more than 1.5 x the daily maximum of 80 mg"),
    ("taper from above 1.5 x the limit", {}, ["new", "taper", "--from", "125", "--step", "5", "-o", "out.json"], "at most 120 mg a day"),
    ("adjustment of 99999 days", {"p.json": _edited(lambda d: None)}, ["adjust", "add", "p.json", "--step", "1", "--days", "99999"],
     "phases: the plan has 100,037 days; at most 4,000"),
    ("plan file with 99999 days", {"p.json": _edited(lambda d: d["phases"].append({"kind": "maintain", "id": "p2", "days": 3660}))}, ["phase", "add", "p.json", "maintain", "--days", "3000"],
     "at most 4,000"),
    ("last revision", {"p.json": _edited(_set("revision", 99_999))}, ["adjust", "add", "p.json", "--step", "1", "--days", "1"],
     "revision: the plan is at revision 99,999, the last there can be"),
    ("year 9999 start", {}, ["new", "titrate", "--start-date", "9999-12-01", "-o", "out.json"], "--start-date: '9999-12-01' is outside the years"),
    ("year 1 start", {}, ["new", "titrate", "--start-date", "0001-01-01", "-o", "out.json"], "--start-date: '0001-01-01' is outside"),
    ("year 9999 in a plan", {"p.json": _edited(_set("start_date", "9999-12-01"))}, ["show", "p.json"], "start_date is not a YYYY-MM-DD date"),
    ("year 9999 issue date", {"p.json": _edited(lambda d: None)}, ["export", "p.json", "--ics", "p.ics", "--issued", "9999-12-31"], "--issued:"),
    ("contact of 3000 characters", {}, ["new", "titrate", "--contact", "x" * 3000, "-o", "out.json"], "--contact: the contact is 3000 characters; at most 160"),
    ("name of 3000 characters in a plan", {"p.json": _edited(_set("patient.name", "N" * 3000))}, ["export", "p.json", "--pdf", "p.pdf"],
     "--patient: the patient's name is 3000 characters; at most 120"),
    # item 5: text that is safe to show
    ("escape in a name", {}, ["new", "titrate", "--patient", "A\x1b[2JB", "-o", "out.json"], "--patient: the patient's name holds the control character U+001B"),
    ("bell in a contact", {}, ["new", "titrate", "--contact", "call\x07", "-o", "out.json"], "--contact: the contact holds the control character U+0007"),
    ("right-to-left override in a name", {}, ["new", "titrate", "--clinician", "Dr \u202eevil", "-o", "out.json"], "U+202E"),
    ("NUL in a plan's name", {"p.json": _edited(_set("patient.name", "A\x00B"))}, ["show", "p.json", "--format", "text"], "U+0000"),
    ("escape in a plan's contact", {"p.json": _edited(_set("clinician.contact", "\x1b]0;owned\x07"))}, ["export", "p.json", "--text", "t.txt"], "U+001B"),
    ("right-to-left override in a dose time's name", {}, ["new", "titrate", "--times", "morn\u202eing=08:00,bedtime=21:00", "-o", "out.json"],
     "--times: name 'morn\\u202eing' must be 1-24 characters of plain text"),
    ("localtime zone", {}, ["new", "titrate", "--tz", "localtime", "-o", "out.json"], "--tz: 'localtime' is not an IANA time zone"),
    ("Factory zone", {}, ["new", "titrate", "--tz", "Factory", "-o", "out.json"], "--tz: 'Factory' is not"),
    ("posixrules zone", {}, ["new", "titrate", "--tz", "posixrules", "-o", "out.json"], "--tz: 'posixrules' is not"),
    ("localtime zone in a plan", {"p.json": _edited(_set("timezone", "localtime"))}, ["show", "p.json"], "'localtime' is not an IANA time zone"),
]


def _snapshot(folder):
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


@pytest.mark.parametrize(("name", "files", "argv", "expected"), CASES, ids=[c[0] for c in CASES])
def test_refused(tmp_path, monkeypatch, capsys, name, files, argv, expected):
    monkeypatch.chdir(tmp_path)
    for filename, make in files.items():
        (tmp_path / filename).write_bytes(make())
    before = _snapshot(tmp_path)
    args = list(argv) + (["--tz", "Europe/Berlin"] if argv[0] == "new" and "--tz" not in argv else [])
    code = main(args, today=TODAY)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("taperplan: error: "), err
    assert expected in lines[0]
    assert _snapshot(tmp_path) == before


def _different_limits(data):
    data["profile"]["limits"]["max_daily_mg"] = 100
    data["profile"]["limits"]["max_dose_mg"] = 30


def test_a_profile_that_differs_is_named_on_every_output(tmp_path, capsys):
    plan = tmp_path / "p.json"
    plan.write_bytes(_edited(_different_limits)())
    assert main(["show", str(plan)], today=TODAY) == 0
    err = capsys.readouterr().err
    assert "taperplan: warning: --profile: this plan's drug profile (baclofen 2026.12.3) differs from the bundled baclofen 2026.12.3: " \
           "limits.max_daily_mg 100 (bundled 80), limits.max_dose_mg 30 (bundled 20)" in err
    assert main(["export", str(plan), "--pdf", str(tmp_path / "p.pdf"), "--text", str(tmp_path / "p.txt")], today=TODAY) == 0
    assert "limits.max_daily_mg 100 (bundled 80)" in capsys.readouterr().err
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO((tmp_path / "p.pdf").read_bytes())).pages]
    assert all("NOT the bundled profile: check the limits" in " ".join(page.split()) for page in pages)
    whole = " ".join(" ".join(pages).split())
    assert "Check the limits: this plan's drug profile" in whole and "limits.max_daily_mg 100 (bundled 80)" in whole


def test_the_bundled_profile_says_nothing(tmp_path, capsys):
    plan = tmp_path / "p.json"
    plan.write_bytes(_edited(lambda d: None)())
    assert main(["show", str(plan)], today=TODAY) == 0
    assert "profile" not in capsys.readouterr().err


def test_an_own_profile_file_is_named_when_used(tmp_path, capsys):
    profile = tmp_path / "prof.json"
    profile.write_bytes(_profile_file(_set("profile.limits.max_daily_mg", 100))())
    assert main(["new", "titrate", "--profile", str(profile), "-o", str(tmp_path / "o.json"), "--tz", "Europe/Berlin"], today=TODAY) == 0
    assert "limits.max_daily_mg 100 (bundled 80)" in capsys.readouterr().err


def test_the_largest_plan_still_builds(tmp_path, capsys):
    """The length bounds leave room for ten years of review with four doses a day."""
    out = tmp_path / "o.json"
    assert main(["new", "titrate", "--review", "3660", "--times", "08:00,12:00,17:00,21:00", "-o", str(out), "--tz", "Europe/Berlin"], today=TODAY) == 0
    assert json.loads(out.read_text())["review_days"] == 3660


def test_the_apps_checks_name_a_profile_that_differs():
    from planner.plan_format import plan_from_dict
    from tui.fields import describe
    from tui.session import Session

    data = _plan()
    _different_limits(data)
    plan = plan_from_dict(json.loads(json.dumps(data)))
    outcome = Session.from_plan(plan, None, on_disk=True).outcome()
    lines = [describe(w) for w in outcome.warnings]
    assert any(line.startswith("Drug profile: this plan's drug profile") and "limits.max_dose_mg 30 (bundled 20)" in line for line in lines), lines


@given(st.integers(-10**9, 10**9), st.integers(-20, 20))
def test_numbers_of_a_sensible_size_read_exactly(digits, exponent):
    from decimal import Decimal
    from fractions import Fraction

    from planner.numbers import exact, exact_ratio

    text = f"{digits}e{exponent}"
    expected = Fraction(Decimal(text))
    assert exact(text) == expected and exact_ratio(text) == expected
    assert exact_ratio(f"{digits}/{abs(exponent) + 1}") == Fraction(digits, abs(exponent) + 1)


@given(st.integers(31, 10**9), st.sampled_from(["", "-"]))
def test_numbers_beyond_the_exponent_bound_are_refused_without_converting(exponent, sign):
    from planner.numbers import exact

    assert exact(f"1e{sign}{exponent}") is None


def test_a_plan_made_with_an_earlier_release_is_checked_against_that_release(tmp_path, capsys):
    """The profile a plan embeds is compared with the shipped profile of its own version, so a plan
    from an earlier release is quiet while unchanged and warned about once edited."""
    earlier = json.loads((ROOT / "planner" / "data" / "earlier" / "baclofen-2026.11.1.json").read_text(encoding="utf-8"))
    plan = tmp_path / "p.json"
    assert main(["new", "titrate", "-o", str(plan), "--tz", "Europe/Berlin"], today=TODAY) == 0
    data = json.loads(plan.read_text(encoding="utf-8"))
    assert data["profile"]["version"] != "2026.11.1"
    plan.write_text(json.dumps({**data, "profile": earlier}), encoding="utf-8")
    capsys.readouterr()
    assert main(["show", str(plan)], today=TODAY) == 0
    assert "profile" not in capsys.readouterr().err
    earlier["limits"]["max_daily_mg"] = 100
    plan.write_text(json.dumps({**data, "profile": earlier}), encoding="utf-8")
    assert main(["show", str(plan)], today=TODAY) == 0
    assert "differs from the bundled baclofen 2026.11.1: limits.max_daily_mg 100 (bundled 80)" in capsys.readouterr().err
