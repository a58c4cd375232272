"""Maintenance-only plans in the app: the plan kind switches the form to a held dose (the planner's
side is in tests/unit/test_plan_kinds.py)."""

from __future__ import annotations

from fractions import Fraction

from app_helpers import field_message, make_app, table_text, type_into
from textual.widgets import Select

from planner import CurrentDose, Maintenance, Taper


async def test_the_app_makes_a_maintain_only_plan_from_the_plan_kind(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_into(pilot, "current_daily", "30")
        kind = next(s for s in app.main.query(Select) if s.name == "plan_kind")
        assert kind.value == "titrate"
        kind.value = "maintain"
        await pilot.pause()
        await pilot.pause()
        schedule = app.outcome.schedule
        assert schedule is not None, app.outcome.errors
        # The plan the form makes; what the planner lays out from it (one step of 30 mg a day held
        # 28 days) is asserted in tests/unit/test_plan_kinds.py on this same plan.
        assert schedule.plan.phases == (Maintenance("p1", 28),) and schedule.plan.current == CurrentDose(Fraction(30))
        assert [p.kind for p in app.session.form.phases] == ["maintain"]
        # The current dose was given as a daily total only: the preview does not invent its split.
        now = table_text(app)[0]
        assert now[0] == "now" and now[2] == "30" and now[3:6] == ["?", "?", "?"]
        # A held dose above the limit is refused at the current dose field.
        await type_into(pilot, "current_daily", "90")
        assert "above the daily maximum of 80 mg a day" in field_message(app, "current_daily")
        await type_into(pilot, "current_daily", "30")
        # Back to a taper to stop: the follow-up is 7 days after the last dose unless the form says otherwise.
        kind = next(s for s in app.main.query(Select) if s.name == "plan_kind")
        kind.value = "taper"
        await pilot.pause()
        await pilot.pause()
        await type_into(pilot, "phase0.amount", "10")
        schedule = app.outcome.schedule
        assert schedule is not None and schedule.stop_date is not None
        assert schedule.plan.phases == (Taper("p1", Fraction(0), "step", Fraction(10), 7),)
        assert schedule.plan.follow_up_days is None  # the profile's 7 days (unit test)
        await type_into(pilot, "follow_up", "10")
        schedule = app.outcome.schedule
        assert schedule is not None and schedule.plan.follow_up_days == 10
        await type_into(pilot, "follow_up", "0")
        assert "give 1 to 90" in field_message(app, "follow_up")
