import json

import pytest

from planner import PlanError, bundled_profile, load_profile
from planner.profile import bundled_profile_names


def _numeric_paths(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "sources":
                yield from _numeric_paths(value, f"{prefix}{key}.")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _numeric_paths(value, f"{prefix}{i}.")
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield prefix[:-1]


def test_every_number_in_the_bundled_profile_cites_a_source(profile):
    data = profile.as_dict()
    sources = data["sources"]
    products = {p["id"]: i for i, p in enumerate(data["products"])}
    missing = []
    for path in _numeric_paths(data):
        parts = path.split(".")
        if parts[0] == "products":
            pid = data["products"][int(parts[1])]["id"]
            if f"products.{pid}" not in sources:
                missing.append(path)
        elif path not in sources and not any(path.startswith(s + ".") for s in sources):
            missing.append(path)
    assert products and not missing, missing
    assert all(text.strip() for text in sources.values())


def test_bundled_profile_has_the_reference_limits(profile):
    assert profile.max_daily_mg == 80 and profile.max_dose_mg == 20
    assert profile.min_gap_hours == 2 and profile.max_times_per_day == 6
    assert (profile.titration_start_mg, profile.titration_step_mg, profile.titration_every_days, profile.titration_target_mg) == (15, 15, 3, 60)
    assert profile.taper_min_days == 14 and profile.taper_long_min_days == 28 and profile.taper_long_from_mg == 40
    assert [str(b.factor) for b in profile.renal_bands] == ["1", "2/3", "1/2", "1/3"]
    assert profile.dialysis_max_daily_mg == 5 and profile.min_age == 18 and profile.older_age == 65
    assert not profile.product("tab5").halves and profile.product("tab10").halves and profile.product("tab20").halves
    assert profile.default_products == ("tab5", "tab10")


def test_profile_round_trips_through_its_embedded_text(profile):
    assert load_profile(profile.source_text) == profile
    assert "baclofen" in bundled_profile_names()


@pytest.mark.parametrize(
    ("mutate", "key"),
    [
        (lambda d: d["limits"].pop("max_daily_mg"), "limits.max_daily_mg"),
        (lambda d: d["limits"].__setitem__("max_dose_mg", -5), "limits.max_dose_mg"),
        (lambda d: d["limits"].__setitem__("max_dose_mg", "lots"), "limits.max_dose_mg"),
        (lambda d: d["products"][0].__setitem__("form", "patch"), "products.0.form"),
        (lambda d: d["renal"]["bands"][1].__setitem__("factor", "3/2"), "renal.bands.1.factor"),
        (lambda d: d.__setitem__("default_products", ["tab99"]), "default_products.0"),
        (lambda d: d.__setitem__("schema", "other"), "schema"),
        (lambda d: d["titration"].__setitem__("every_days", 2.5), "titration.every_days"),
    ],
)
def test_a_bad_profile_names_the_key(profile, mutate, key):
    data = profile.as_dict()
    mutate(data)
    with pytest.raises(PlanError) as info:
        load_profile(json.dumps(data), origin="my.json")
    assert f"my.json key {key}:" in str(info.value)


def test_unknown_drug_and_non_json_profile_are_refused():
    with pytest.raises(PlanError, match="unknown drug 'aspirin'"):
        bundled_profile("aspirin")
    with pytest.raises(PlanError, match="not valid JSON"):
        load_profile("{not json")
    with pytest.raises(PlanError, match="not valid JSON"):
        load_profile("[" * 100_000)
