"""The drug profile format: the schema documents every key, every problem is named at once, sources
must match the fields, optional sections mean what the schema says, and the CLI commands work."""

import json
from datetime import date
from fractions import Fraction as F
from pathlib import Path

import pytest

from planner import PlanError, build_schedule, bundled_profile, load_profile
from planner.factory import taper_plan, titration_plan
from planner.model import Patient
from planner.profile import bundled_profile_names, profile_problems
from planner.profile_schema import profile_schema
from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 1)


def _keys_without_description(node, path=""):
    for key, sub in node.get("properties", {}).items():
        if "description" not in sub:
            yield f"{path}{key}"
        yield from _keys_without_description(sub, f"{path}{key}.")
    for name in ("items", "additionalProperties"):
        if isinstance(node.get(name), dict):
            yield from _keys_without_description(node[name], f"{path}N.")


def test_the_schema_describes_every_key():
    schema = profile_schema()
    assert list(_keys_without_description(schema)) == []
    assert len(schema["properties"]) >= 15


@pytest.mark.parametrize("drug", ["baclofen", "tizanidine"])
def test_every_bundled_profile_passes_profile_check(drug, capsys):
    assert drug in bundled_profile_names()
    assert main(["profile", "check", str(ROOT / "planner" / "data" / f"{drug}.json")]) == 0
    assert "a valid profile" in capsys.readouterr().out


def test_tizanidine_has_english_patient_words_in_the_shared_shape():
    words = bundled_profile("tizanidine").as_dict()["patient_texts"]["en"]
    assert words["name"] == "tizanidine"
    assert set(words) == {"name", "withdrawal_signs", "withdrawal_onset", "increase_signs", "overdose_signs",
                          "interactions", "monitoring", "everyday", "warnings"}
    everyday = " ".join(words["everyday"])
    assert "stand up" in everyday and "dry" in everyday and "food" in everyday
    assert not any(c in json.dumps(words) for c in ("(H)", "[1]", "CYP", "AUC"))  # patient words: no codes or citations


def test_the_schema_file_is_not_listed_as_a_drug():
    assert "profile.schema" not in bundled_profile_names()


def _broken():
    data = bundled_profile("baclofen").as_dict()
    del data["limits"]["min_gap_hours"]
    data["limits"]["max_dosee"] = 3
    data["products"][1]["quarters"] = "yes"
    data["sources"]["titration.nope"] = "stale"
    del data["sources"]["taper.min_days"]
    return data


def test_check_names_every_problem_at_once_with_its_dotted_key(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_broken()), encoding="utf-8")
    assert main(["profile", "check", str(path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert all(line.startswith("taperplan: error: ") for line in lines)
    text = "\n".join(lines)
    for expected in ("key limits.min_gap_hours: is missing: Fewest hours between two dose times",
                     "key limits.max_dosee: is not a known key; allowed here: max_daily_mg, max_dose_mg",
                     "key products.1.quarters: must be true or false",
                     "key sources.titration.nope: names no field of this profile",
                     "key taper.min_days: has no source"):
        assert expected in text
    assert len(lines) >= 5


def test_loading_refuses_a_stale_source_key():
    data = bundled_profile("baclofen").as_dict()
    data["sources"]["renal.dialysis_max"] = "renamed field"
    with pytest.raises(PlanError, match="sources.renal.dialysis_max: names no field"):
        load_profile(json.dumps(data))


def test_a_scored_five_mg_tablet_error_points_at_the_product():
    data = bundled_profile("baclofen").as_dict()
    data["products"][0]["halves"] = "true"
    assert any("products.0.halves" in p.message for p in profile_problems(json.dumps(data)))


def test_profile_new_writes_a_commented_copy_that_checks(tmp_path, capsys):
    out = tmp_path / "mine.json"
    assert main(["profile", "new", "--from", "tizanidine", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["comments"]["limits.max_dose_mg"].startswith("Most mg at one time")
    assert data["version"].endswith("-local")
    assert main(["profile", "check", str(out)]) == 0
    assert main(["profile", "new", "--from", "tizanidine", "-o", str(out)]) == 2  # never overwritten without --force


def test_profiles_lists_the_bundled_drugs_and_their_questions(capsys):
    assert main(["profiles"]) == 0
    out = capsys.readouterr().out
    assert "Baclofen" in out and "Tizanidine" in out and "--interaction cyp1a2=strong|other|none" in out


def _taper_only():
    data = bundled_profile("baclofen").as_dict()
    for section in ("titration", "renal"):
        del data[section]
    data["sources"] = {k: v for k, v in data["sources"].items() if not k.startswith(("titration", "renal"))}
    return load_profile(json.dumps(data))


def _kw():
    return dict(plan_id="00000000-0000-4000-8000-00000000abcd", start_date=TODAY, timezone="Europe/Berlin")


def test_a_taper_only_profile_plans_tapers_and_refuses_titration():
    profile = _taper_only()
    assert not profile.has_titration and not profile.has_renal_rules
    s = build_schedule(taper_plan(profile, from_mg=F(30), method="step", amount=F(5), every_days=7,
                                  patient=Patient(crcl_ml_min=F(20)), **_kw()))
    assert s.max_daily_mg == profile.max_daily_mg  # no renal section: clearance changes nothing
    assert not any(w.code.startswith("renal") for w in s.warnings)
    with pytest.raises(PlanError) as caught:
        build_schedule(titration_plan(profile, target_mg=F(30), **_kw()))
    assert caught.value.problems[0].code == "no_titration_rules"
    with pytest.raises(PlanError) as caught:
        build_schedule(taper_plan(profile, from_mg=F(30), method="step", amount=F(5), every_days=7,
                                  patient=Patient(dialysis=True), **_kw()))
    assert caught.value.problems[0].code == "no_dialysis_rule"


def test_the_clinician_warnings_name_no_drug_in_the_code():
    for module in ("checks.py", "cautions.py", "drug_rules.py", "renal.py", "profile_parts.py"):
        text = (ROOT / "planner" / module).read_text(encoding="utf-8").lower()
        assert "baclofen" not in text and "tizanidine" not in text, module


def test_a_profile_renal_text_is_the_one_warned():
    data = bundled_profile("baclofen").as_dict()
    data["renal"]["bands"][3]["warning"] = "very low clearance: avoid this drug (Ward protocol 2026)"
    profile = load_profile(json.dumps(data))
    s = build_schedule(taper_plan(profile, from_mg=F(15), method="step", amount=F(5), every_days=7,
                                  patient=Patient(crcl_ml_min=F(20)), **_kw()))
    assert [w.message for w in s.warnings if w.code == "renal_avoid"] == ["very low clearance: avoid this drug (Ward protocol 2026)"]
