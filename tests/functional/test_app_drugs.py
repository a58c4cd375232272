"""The app: the clinician chooses the drug, and answers the drug's own interaction questions."""

from __future__ import annotations

import dataclasses

from app_helpers import field_message, make_app, replanned, table_text, type_into
from textual.widgets import Select


def _select(app, name):
    return next(s for s in app.main.query(Select) if s.name == name)


async def test_choosing_tizanidine_replans_with_its_products_and_asks_about_cyp1a2(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        _select(app, "drug").value = "tizanidine"
        await pilot.pause()
        await pilot.pause()
        plan = app.outcome.plan
        assert plan.profile.drug == "tizanidine" and plan.products == ("tab4",)
        assert [row[2] for row in table_text(app)][0] == "2"
        assert "not asked" in field_message(app, "interactions")
        _select(app, "interaction:cyp1a2").value = "strong"
        await pilot.pause()
        await pilot.pause()
        assert "contraindicated" in field_message(app, "interactions")
        assert app.check_action("export", ()) is None
        _select(app, "interaction:cyp1a2").value = "none"
        await pilot.pause()
        await pilot.pause()
        assert app.outcome.plan.patient.interactions == (("cyp1a2", "none"),)
        assert app.check_action("export", ()) is True


def test_an_unsaved_plan_exports_under_its_own_drug_name():
    from datetime import date

    from planner import build_schedule, bundled_profile
    from planner.factory import titration_plan
    from tui.screens.export import default_paths

    plan = titration_plan(bundled_profile("tizanidine"), plan_id="00000000-0000-4000-8000-00000000abcd",
                          start_date=date(2027, 1, 4), timezone="Europe/Berlin")
    assert default_paths(None, build_schedule(plan)) == ("tizanidine-unnamed-2027-01-04.ics", "tizanidine-unnamed-2027-01-04.pdf")
    named = plan.replace(patient=dataclasses.replace(plan.patient, name="Zoë Ann"))  # two patients never share a default
    assert default_paths(None, build_schedule(named))[0] == "tizanidine-zoe-ann-2027-01-04.ics"


async def test_a_profile_file_is_loaded_and_planned_with_and_a_broken_one_is_refused(tmp_path):
    import json

    from textual.widgets import Input

    from planner import bundled_profile

    data = bundled_profile("baclofen").as_dict()
    data["version"] = "ward-1"
    data["limits"]["max_dose_mg"] = 15
    own = tmp_path / "ward.json"
    own.write_text(json.dumps(data), encoding="utf-8")
    broken = tmp_path / "broken.json"
    del data["limits"]["min_gap_hours"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for path in (broken, own):
            app.action_load_profile()
            await pilot.pause()
            app.screen.query_one("#path", Input).value = str(path)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            if path is broken:  # refused: the dialog stays, asking again; the plan keeps the bundled profile
                assert app.session.profile.version != "ward-1"
                await pilot.press("escape")
                await pilot.pause()
        assert app.session.profile.version == "ward-1", [n.message for n in app._notifications]
        assert "above the 15 mg maximum per dose" in field_message(app, "phase0.target")


async def test_a_clinics_own_drug_loads_as_a_taper_and_its_checks_say_the_limits_are_its_own(tmp_path):
    from pathlib import Path

    from textual.widgets import Input

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_load_profile()
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(Path(__file__).resolve().parents[1] / "data" / "diazepam-clinic.json")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.session.profile.drug == "diazepam"
        # The profile has no titration: the new plan's titration became a taper from the current dose.
        assert [p.kind for p in app.session.form.phases] == ["taper"]
        await type_into(pilot, "current_daily", "15")
        await type_into(pilot, "phase0.amount", "2")  # 2 mg a day at each step
        await replanned(pilot)
        schedule = app.outcome.schedule
        assert schedule is not None, app.outcome.errors
        assert [s.daily_mg for s in schedule.steps] == list(range(13, 0, -2)) and schedule.stop_date is not None
        assert "profile_unknown" in {w.code for w in schedule.warnings}
