import json
import os
import stat
from fractions import Fraction as F

import pytest

from exports.files import ExportError, write_atomic
from planner import Adjustment, LabValues, Patient, PlanError
from planner.plan_format import dumps_plan, loads_plan
from planner.renal import cockcroft_gault
from tui.plan_store import PlanFileError, read_plan, write_plan

LABS = LabValues(F(70), "female", F("1.1"), "mg/dL")


def test_round_trip_keeps_everything(make_taper, tmp_path):
    plan = make_taper(40, "percent", F("12.5"), current_doses=(F(10), F(10), F(20)),
                      patient=Patient(name="Zoë Łukasiewicz", age=70, crcl_ml_min=cockcroft_gault(70, LABS), labs=LABS))
    plan = plan.replace(adjustments=(Adjustment("p1", plan.start_date, F(35), days=3),), exports={"ics": {"uids": ["a"]}})
    text = dumps_plan(plan)
    again = loads_plan(text)
    assert again == plan and dumps_plan(again) == text
    path = tmp_path / "p.json"
    write_plan(path, plan)
    assert read_plan(path) == plan
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not valid JSON"),
        (b'{"schema": "taperplan.plan/1", "plan_id": ', "truncated"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b"[" * 100_000, "nested too deeply"),
        (b"[1, 2]", "must hold a JSON object"),
        (json.dumps({"schema": "taperplan.plan/9"}).encode(), "reads 'taperplan.plan/1'"),
        (b" " * 1_000_001, "larger than 1,000,000 bytes"),
    ],
    ids=["empty", "truncated", "binary", "deep", "array", "version", "oversized"],
)
def test_broken_plan_files_get_one_clear_error(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(PlanFileError) as info:  # a plan file's own error, not an export's
        read_plan(path)
    assert not isinstance(info.value, ExportError)
    assert expected in str(info.value) and "\n" not in str(info.value)


def test_wrong_types_inside_name_the_key(make_titration):
    data = json.loads(dumps_plan(make_titration()))
    data["phases"][0]["target_mg"] = "sixty"
    with pytest.raises(PlanError, match="phases.0.target_mg"):
        loads_plan(json.dumps(data))
    data = json.loads(dumps_plan(make_titration()))
    data["start_date"] = "2026-02-31"
    with pytest.raises(PlanError, match="start_date"):
        loads_plan(json.dumps(data))


def test_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "plan.json"
    path.write_bytes(b"previous")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ExportError, match="No space left"):
        write_atomic(path, b"new content", force=True)
    assert path.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_existing_file_needs_force(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(b"keep")
    with pytest.raises(ExportError, match="--force"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"keep"
    write_atomic(path, b"new", force=True)
    assert path.read_bytes() == b"new"
