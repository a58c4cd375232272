import json
from datetime import date

import pytest

from tui.cli import main

TODAY = date(2026, 11, 27)
BASE = ["--tz", "Europe/Berlin"]


def run(capsys, *argv):
    code = main(list(argv), today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def test_new_titrate_then_show_the_label_schedule(tmp_path, capsys):
    plan = tmp_path / "p.json"
    code, out, err = run(capsys, "new", "titrate", "-o", str(plan), *BASE)
    assert code == 0 and err == ""
    assert "review on 2027-01-04" in out  # starts tomorrow, 28 Nov
    code, out, _ = run(capsys, "show", str(plan))
    assert code == 0
    assert "Sat 28 Nov - Mon 30 Nov" in out and "until review" in out and "Review on Mon 4 Jan" in out
    code, out, _ = run(capsys, "show", str(plan), "--format", "json")
    data = json.loads(out)
    assert [s["daily_mg"] for s in data["steps"]] == [15, 30, 45, 60]
    assert data["review_date"] == "2027-01-04" and data["stop_date"] is None
    code, out, _ = run(capsys, "show", str(plan), "--format", "text")
    assert "Continue until your review; do not stop suddenly." in out


@pytest.mark.parametrize(
    ("method", "daily"),
    [(["--step", "10"], [50, 40, 30, 20, 10]), (["--percent", "50"], [30, 15, 10, 5]), (["--weeks", "6", "--every", "14"], [45, 30, 15])],
)
def test_new_taper_by_every_method(tmp_path, capsys, method, daily):
    plan = tmp_path / "t.json"
    code, _, err = run(capsys, "new", "taper", "--from", "60", *method, "--start-date", "2026-12-01", "-o", str(plan), *BASE)
    assert code == 0
    code, out, _ = run(capsys, "show", str(plan), "--format", "json")
    data = json.loads(out)
    assert [s["daily_mg"] for s in data["steps"]] == daily and data["stop_date"]


def test_partial_taper_with_current_regimen(tmp_path, capsys):
    plan = tmp_path / "t.json"
    code, _, _ = run(capsys, "new", "taper", "--from", "40", "--current", "10/10/20", "--to", "20", "--step", "5",
                     "--start-date", "2026-12-01", "-o", str(plan), *BASE)
    assert code == 0
    data = json.loads(run(capsys, "show", str(plan), "--format", "json")[1])
    assert [d["mg"] for d in data["current"]] == [10, 10, 20]
    assert data["steps"][-1]["maintenance"] and data["steps"][-1]["daily_mg"] == 20


def test_warnings_go_to_stderr_with_exit_0(tmp_path, capsys):
    code, _, err = run(capsys, "new", "taper", "--from", "60", "--step", "20", "--tz", "UTC", "-o", str(tmp_path / "t.json"))
    assert code == 0
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("taperplan: warning: ") for line in lines)
    assert any("--tz:" in line for line in lines) and any("at least 28 days" in line for line in lines)


BAD = [
    (["new", "titrate", "--target", "abc"], "--target: must be a dose in mg"),
    (["new", "titrate", "--target", "nan"], "--target:"),
    (["new", "titrate", "--target", "inf"], "--target:"),
    (["new", "titrate", "--target", "-30"], "--target:"),
    (["new", "titrate", "--target", "0"], "--target:"),
    (["new", "titrate", "--target", "90"], "--target: 90 mg a day is above the daily maximum of 80 mg a day"),
    (["new", "titrate", "--target", "1e400"], "--target:"),
    (["new", "titrate", "--target", "62.5"], "--target: 62.5 mg cannot be made"),
    (["new", "titrate", "--start", "60", "--target", "30"], "--target: 30 mg a day must be above the start"),
    (["new", "titrate", "--step", "0"], "--step:"),
    (["new", "titrate", "--every", "1.5"], "--every: must be a whole number of days"),
    (["new", "titrate", "--every", "0"], "--every:"),
    (["new", "titrate", "--times", "25:00"], "--times: '25:00' is not a clock time"),
    (["new", "titrate", "--times", "13pm"], "--times:"),
    (["new", "titrate", "--times", "08:00,08:00"], "--times: 08:00 is given twice"),
    (["new", "titrate", "--times", "14:00,08:00,21:00"], "--times: 08:00 comes after 14:00"),
    (["new", "titrate", "--times", "08:00,09:00,21:00"], "--times: 08:00 and 09:00 are less than 2 hours apart"),
    (["new", "titrate", "--times", "1:00,4:00,7:00,10:00,13:00,16:00,19:00"], "--times: 7 dose times; at most 6"),
    (["new", "titrate", "--tz", "Mars/Base"], "--tz: 'Mars/Base' is not an IANA time zone"),
    (["new", "titrate", "--start-date", "2027-02-31"], "--start-date: '2027-02-31' is not a real date"),
    (["new", "titrate", "--start-date", "tomorrow"], "--start-date:"),
    (["new", "titrate", "--age", "16"], "--age: 16 years; this tool is for adults"),
    (["new", "titrate", "--crcl", "40"], "--target: 60 mg a day is above the daily maximum of 40 mg a day"),
    (["new", "titrate", "--dialysis"], "above the daily maximum of 5 mg a day"),
    (["new", "titrate", "--crcl", "-3"], "--crcl:"),
    (["new", "titrate", "--egfr", "45"], "--egfr: an eGFR is not a creatinine clearance"),
    (["new", "titrate", "--products", "tab7"], "--products: unknown product 'tab7'"),
    (["new", "titrate", "--products", "tab20"], "--start: 15 mg cannot be made from tab20"),
    (["new", "titrate", "--drug", "aspirin"], "--drug: unknown drug 'aspirin'"),
    (["new", "titrate", "--profile", "/nonexistent.json"], "--profile:"),
    (["new", "taper", "--from", "60", "--to", "60", "--step", "5"], "--to: 60 mg a day must be below"),
    (["new", "taper", "--from", "60", "--step", "60"], "--step: 60 mg a day is not smaller than"),
    (["new", "taper", "--from", "60", "--percent", "150"], "--percent: 150 %"),
    (["new", "taper", "--from", "60", "--percent", "0"], "--percent:"),
    (["new", "taper", "--from", "60", "--weeks", "3", "--every", "5"], "--weeks: 3 weeks do not divide"),
    (["new", "taper", "--from", "60"], "one of the arguments --step --percent --weeks is required"),
    (["new", "taper", "--from", "60", "--step", "5", "--percent", "10"], "not allowed with argument"),
    (["new", "taper", "--from", "60", "--current", "10/10", "--step", "5"], "--current:"),
    (["new", "titrate", "--creatinine", "1.2", "--weight", "70", "--sex", "male", "--age", "70"], "--creatinine: '1.2' needs its unit"),
    (["new", "titrate", "--bogus"], "unrecognized arguments: --bogus"),
]


@pytest.mark.parametrize(("argv", "message"), BAD, ids=[" ".join(a[2:]) or a[1] for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys, argv, message):
    target = tmp_path / "out.json"
    code, out, err = run(capsys, *argv, "-o", str(target), *([] if "--tz" in argv else BASE))
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("taperplan: error: ")]
    assert len(errors) == 1 and message in errors[0], err
    assert "Traceback" not in err and not target.exists()


def test_existing_output_needs_force_and_is_kept(tmp_path, capsys):
    target = tmp_path / "p.json"
    target.write_text("mine")
    code, _, err = run(capsys, "new", "titrate", "-o", str(target), *BASE)
    assert code == 2 and "already exists; use --force" in err and target.read_text() == "mine"
    assert run(capsys, "new", "titrate", "-o", str(target), "--force", *BASE)[0] == 0
    assert json.loads(target.read_text())["schema"] == "taperplan.plan/1"


def test_unwritable_or_missing_folder(tmp_path, capsys):
    code, _, err = run(capsys, "new", "titrate", "-o", str(tmp_path / "nope" / "p.json"), *BASE)
    assert code == 2 and "does not exist" in err


def test_export_text_and_bad_plan_file(tmp_path, capsys):
    plan, text = tmp_path / "p.json", tmp_path / "p.txt"
    run(capsys, "new", "titrate", "-o", str(plan), *BASE)
    assert run(capsys, "export", str(plan), "--text", str(text))[0] == 0
    assert "take 1 x 5 mg tablet at 08:00, 14:00 and 21:00 (15 mg a day)" in text.read_text()
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "taperplan.plan/1"')
    code, _, err = run(capsys, "show", str(broken))
    assert code == 2 and "is not valid JSON" in err and len(err.splitlines()) == 1


def test_products_lists_ids(capsys):
    code, out, _ = run(capsys, "products")
    assert code == 0 and "tab10" in out and "may be halved" in out and "(default)" in out


def test_show_puts_a_titrations_last_step_and_the_hold_of_its_dose_on_one_row(tmp_path, capsys):
    plan = tmp_path / "p.json"
    assert run(capsys, "new", "titrate", "-o", str(plan), "--start-date", "2027-02-25", *BASE)[0] == 0
    assert run(capsys, "phase", "add", str(plan), "maintain", "--days", "14")[0] == 0
    code, out, _ = run(capsys, "show", str(plan))
    assert code == 0
    rows = [line for line in out.splitlines() if line[:1].isdigit()]
    assert [row.split()[0] for row in rows] == ["1", "2", "3", "4-5"]
    assert rows[-1].split()[1:9] == ["Sat", "6", "Mar", "-", "Tue", "23", "Mar", "18"]
    assert rows[-1].endswith("60      until review; 3 + 15 days")
    assert "share a row" in out and "each step's own number" in out
    assert len(json.loads(run(capsys, "show", str(plan), "--format", "json")[1])["steps"]) == 5  # the data keeps both steps
