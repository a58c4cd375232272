"""The bad-input battery: every refused input exits 2 with one line naming the field or file,
shows no traceback, and leaves every file as it was."""

import json
from datetime import date

import pytest
from test_cli import BAD as BAD_FLAGS

from planner import bundled_profile
from tui.cli import main

TODAY = date(2026, 11, 27)
GOOD_PROFILE = bundled_profile().as_dict()


def _profile(mutate):
    data = json.loads(json.dumps(GOOD_PROFILE))
    mutate(data)
    return json.dumps(data)


def _snapshot(folder):
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


# (files to create: name -> bytes or callable(tmp) -> bytes, argv with {tmp}, expected text in the one error line)
PLAN_FILES = [
    ("empty plan file", {"p.json": b""}, ["show", "{tmp}/p.json"], "p.json is not valid JSON"),
    ("truncated plan file", {"p.json": "TRUNCATED"}, ["show", "{tmp}/p.json"], "is it truncated?"),
    ("binary plan file", {"p.json": b"\x89PNG\r\n\x1a\n\x00\x00"}, ["show", "{tmp}/p.json"], "not UTF-8"),
    ("wrong-version plan file", {"p.json": b'{"schema": "taperplan.plan/2"}'}, ["show", "{tmp}/p.json"], "reads 'taperplan.plan/1'"),
    ("deeply nested plan file", {"p.json": b"[" * 50_000 + b"]" * 50_000}, ["show", "{tmp}/p.json"], "nested too deeply"),
    ("oversized plan file", {"p.json": b'{"x": "' + b"a" * 1_100_000 + b'"}'}, ["show", "{tmp}/p.json"], "larger than 1,000,000 bytes"),
    ("plan file that is a folder", {}, ["show", "{tmp}"], "is a folder"),
    ("missing plan file", {}, ["show", "{tmp}/none.json"], "no such plan file"),
    ("plan with NaN dose", {"p.json": "NAN_TARGET"}, ["show", "{tmp}/p.json"], "phases.0.target_mg has the wrong type"),
    ("plan with a bad date", {"p.json": "BAD_DATE"}, ["show", "{tmp}/p.json"], "start_date is not a YYYY-MM-DD date"),
    ("plan over the limit", {"p.json": "OVER_LIMIT"}, ["show", "{tmp}/p.json"], "--target: 120 mg a day is above the daily maximum"),
    ("profile with negative maximum", {"prof.json": _profile(lambda d: d["limits"].__setitem__("max_daily_mg", -80))},
     ["new", "titrate", "--profile", "{tmp}/prof.json", "-o", "{tmp}/out.json"], "key limits.max_daily_mg: must be above zero"),
    ("profile missing a key", {"prof.json": _profile(lambda d: d["titration"].pop("target_mg"))},
     ["new", "titrate", "--profile", "{tmp}/prof.json", "-o", "{tmp}/out.json"], "key titration.target_mg: is missing"),
    ("profile not JSON", {"prof.json": b"limits: 80"}, ["new", "titrate", "--profile", "{tmp}/prof.json", "-o", "{tmp}/out.json"], "is not valid JSON"),
    ("profile with NaN", {"prof.json": _profile(lambda d: d["limits"].__setitem__("max_dose_mg", float("nan")))},
     ["new", "titrate", "--profile", "{tmp}/prof.json", "-o", "{tmp}/out.json"], "key limits.max_dose_mg: must be a number"),
    ("profile with unknown form", {"prof.json": _profile(lambda d: d["products"][0].__setitem__("form", "patch"))},
     ["new", "titrate", "--profile", "{tmp}/prof.json", "-o", "{tmp}/out.json"], "key products.0.form"),
    ("existing output plan", {"out.json": b"keep me"}, ["new", "titrate", "-o", "{tmp}/out.json"], "already exists; use --force"),
    ("output into a missing folder", {}, ["new", "titrate", "-o", "{tmp}/missing/out.json"], "does not exist"),
    ("existing text export", {"p.json": "GOOD", "t.txt": b"keep"}, ["export", "{tmp}/p.json", "--text", "{tmp}/t.txt"], "t.txt: already exists"),
    ("text export into a folder", {"p.json": "GOOD"}, ["export", "{tmp}/p.json", "--text", "{tmp}"], "is a folder"),
    ("export over the plan file", {"p.json": "GOOD"}, ["export", "{tmp}/p.json", "--text", "{tmp}/p.json", "--force"], "is the plan file"),
    ("two outputs on one path", {"p.json": "GOOD"}, ["export", "{tmp}/p.json", "--text", "{tmp}/x", "--ics", "{tmp}/x"], "another output"),
    ("existing calendar", {"p.json": "GOOD", "p.ics": b"keep"}, ["export", "{tmp}/p.json", "--ics", "{tmp}/p.ics"], "p.ics: already exists"),
    ("reminder minutes not whole", {"p.json": "GOOD"}, ["export", "{tmp}/p.json", "--ics", "{tmp}/p.ics", "--reminder-minutes", "1.5"], "--reminder-minutes"),
    ("bad issue date", {"p.json": "GOOD"}, ["export", "{tmp}/p.json", "--ics", "{tmp}/p.ics", "--issued", "2026-13-01"], "--issued"),
    ("export with no output", {"p.json": "GOOD"}, ["export", "{tmp}/p.json"], "name at least one output"),
    ("unwritable folder", {"p.json": "GOOD"}, ["export", "{tmp}/p.json", "--text", "/proc/t.txt"], "t.txt"),
]


def _plan_text(kind):
    from planner.factory import titration_plan
    from planner.plan_format import plan_to_dict

    data = plan_to_dict(titration_plan(bundled_profile(), plan_id="battery", start_date=date(2026, 12, 1), timezone="Europe/Berlin"))
    if kind == "NAN_TARGET":
        data["phases"][0]["target_mg"] = "NAN_HERE"
        return json.dumps(data).replace('"NAN_HERE"', "NaN").encode()
    if kind == "BAD_DATE":
        data["start_date"] = "2026-02-30"
    if kind == "OVER_LIMIT":
        data["phases"][0]["target_mg"] = 120
    text = json.dumps(data)
    return (text[: len(text) // 2] if kind == "TRUNCATED" else text).encode()


CASES = [(name, files, argv, expected) for name, files, argv, expected in PLAN_FILES] + [
    (" ".join(argv), {}, [*argv, "-o", "{tmp}/out.json"], expected) for argv, expected in BAD_FLAGS
]


@pytest.mark.parametrize(("name", "files", "argv", "expected"), CASES, ids=[c[0] for c in CASES])
def test_battery(tmp_path, capsys, name, files, argv, expected):
    for filename, content in files.items():
        (tmp_path / filename).write_bytes(_plan_text(content) if isinstance(content, str) and content.isupper() else
                                          content.encode() if isinstance(content, str) else content)
    before = _snapshot(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if args[0] == "new" and "--tz" not in args:
        args += ["--tz", "Europe/Berlin"]
    code = main(args, today=TODAY)
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 2, (out, err)
    assert len([line for line in lines if line.startswith("taperplan: error: ")]) == 1, err
    assert expected in lines[-1] and "Traceback" not in err
    assert _snapshot(tmp_path) == before
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_battery_is_large_enough():
    assert len(CASES) >= 40 and len(PLAN_FILES) >= 20
