"""The app: the clinician chooses the drug, and answers the drug's own interaction questions."""

from __future__ import annotations

from app_helpers import field_message, make_app, table_text
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
    assert default_paths(None, build_schedule(plan)) == ("tizanidine-plan-2027-01-04.ics", "tizanidine-plan-2027-01-04.pdf")
