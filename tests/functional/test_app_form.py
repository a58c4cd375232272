"""Editing the form: every change re-plans at once, refusals show at the field, export waits."""

from __future__ import annotations

from fractions import Fraction as F

from app_helpers import field_message, field_row, make_app, replanned, table_text, type_into
from textual.widgets import Button, Select

from planner import Maintenance, Taper, Titration
from tui.screens.export import ExportDialog
from tui.widgets.preview import Preview


async def test_changing_the_target_changes_the_preview_at_once(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert [row[2] for row in table_text(app)] == ["15", "30", "45", "60"]
        await type_into(pilot, "phase0.target", "45", key_by_key=True)
        assert [row[2] for row in table_text(app)] == ["15", "30", "45"]
        assert app.outcome.schedule.steps[-1].holds_until_review
        assert table_text(app)[-1][1] == "7 Dec–review"


async def test_a_dose_above_the_limit_is_refused_at_the_field_and_export_is_off(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.check_action("export", ()) is True
        await type_into(pilot, "phase0.target", "90")
        assert field_row(app, "phase0.target").has_class("-error")
        assert "above the daily maximum of 80 mg a day" in field_message(app, "phase0.target")
        assert app.main.query_one(Preview).has_class("-stale")
        assert [row[2] for row in table_text(app)][-1] == "60"  # the last valid schedule stays
        assert app.check_action("export", ()) is None
        await pilot.press("f5")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        await type_into(pilot, "phase0.target", "45")
        assert not field_row(app, "phase0.target").has_class("-error")
        assert app.check_action("export", ()) is True
        # Text that does not read is named at its own field, as the planner names its values.
        await type_into(pilot, "age", "sixty")
        assert "not 'sixty'" in field_message(app, "age")
        await type_into(pilot, "timezone", "Mars/Base")
        assert "not an IANA time zone" in field_message(app, "timezone")
        assert app.check_action("export", ()) is None


async def test_lab_values_give_the_clearance_and_lower_the_limit(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "age", "70")
        kidney = next(s for s in app.main.query(Select) if s.name == "kidney")
        kidney.value = "labs"
        await pilot.pause()
        await type_into(pilot, "weight", "70")
        next(s for s in app.main.query(Select) if s.name == "sex").value = "male"
        await type_into(pilot, "creatinine", "150")
        patient = app.outcome.plan.patient
        assert patient.labs is not None and patient.labs.unit == "umol/L"
        assert round(float(patient.crcl_ml_min), 1) == 40.1
        assert "40.1 mL/min" in str(app.main.query_one("#computed-crcl").render())
        # Clearance 30-50 mL/min halves the 80 mg limit: the label titration to 60 is refused.
        assert "above the daily maximum of 40 mg a day" in field_message(app, "phase0.target")
        await type_into(pilot, "phase0.target", "30")
        assert app.outcome.schedule is not None
        assert "40.1 mL/min" in field_message(app, "creatinine") and "= 40 mg a day" in field_message(app, "creatinine")


async def test_a_three_phase_plan_titrate_maintain_taper_to_stop(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "phase0.target", "45")
        for kind in ("maintain", "taper"):
            button = next(b for b in app.main.query(Button) if b.name == f"phase-add:{kind}")
            button.press()
            await pilot.pause()
        await type_into(pilot, "phase1.days", "42")
        assert "give a dose in mg" in field_message(app, "phase2.amount")  # the cut is the clinician's choice
        await type_into(pilot, "phase2.amount", "5")
        schedule = app.outcome.schedule
        assert schedule is not None
        # The plan the form makes is the one whose steps (15, 30, 45 mg a day, 45 held 42 days, then
        # 40 down to 5 a week apart, then stop) tests/unit/test_phases.py::test_titrate_hold_taper_as_one_plan asserts.
        assert schedule.plan.phases == (Titration("p1", F(45), F(15), 3, F(15)), Maintenance("p2", 42), Taper("p3", F(0), "step", F(5), 7))
        assert schedule.stop_date is not None and schedule.review_date is None


async def test_phases_can_be_reordered_and_removed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        next(b for b in app.main.query(Button) if b.name == "phase-add:maintain").press()
        await pilot.pause()
        next(b for b in app.main.query(Button) if b.name == "phase-move:1:-1").press()
        await pilot.pause()
        assert [p.kind for p in app.session.form.phases] == ["maintain", "titrate"]
        assert "needs a dose before it" in field_message(app, "current_daily")
        next(b for b in app.main.query(Button) if b.name == "phase-remove:0").press()
        await pilot.pause()
        await replanned(pilot)  # failed once under load: the outcome was read before the re-plan
        assert [p.kind for p in app.session.form.phases] == ["titrate"]
        assert app.outcome.schedule is not None


async def test_keys_typed_right_after_tab_go_to_the_next_field(tmp_path):
    from textual import events

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.input_for("current_daily").focus()
        await pilot.pause()
        # All at once, as from a fast typist while the app is still busy re-planning.
        for key, char in (("6", "6"), ("0", "0"), ("tab", "\t"), ("2", "2"), ("0", "0")):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        assert app.session.form.current_daily == "60"
        assert app.session.form.current_doses == "20"


async def test_ctrl_z_brings_back_a_removed_phase_and_removed_adjustments(tmp_path):
    from textual.widgets import Input

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "phase0.target", "45")
        next(b for b in app.main.query(Button) if b.name == "phase-add:maintain").press()
        await pilot.pause()
        await type_into(pilot, "phase1.days", "42")
        before = app.session.form.copy()
        next(b for b in app.main.query(Button) if b.name == "phase-remove:1").press()
        await pilot.pause()
        assert [p.kind for p in app.session.form.phases] == ["titrate"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.form == before
        assert app.main.input_for("phase1.days").value == "42"
        assert app.outcome.schedule.steps[3].phase_id == "p2"

        app.main.query_one("#steps").focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        app.screen.query_one("#days", Input).value = "+3"
        await pilot.press("enter")
        await pilot.pause()
        adjusted = app.session.adjustments
        assert len(adjusted) == 1
        app.main.query_one("#remove-adjustments", Button).press()
        await pilot.pause()
        assert app.session.adjustments == ()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.adjustments == adjusted and app.outcome.schedule.steps[1].adjusted
        assert app.check_action("undo", ()) is False  # nothing more to undo


async def test_a_dose_time_typed_as_8am_or_0800_is_accepted_and_shown_as_hh_mm(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "time0.clock", "7am", key_by_key=True)
        assert app.outcome.schedule is not None and app.outcome.schedule.plan.times[0].hhmm == "07:00"
        await type_into(pilot, "time1.clock", "1330", key_by_key=True)
        await pilot.press("tab")
        await pilot.pause()
        assert app.main.input_for("time0.clock").value == "07:00"
        assert app.main.input_for("time1.clock").value == "13:30"
        assert [t.hhmm for t in app.outcome.schedule.plan.times] == ["07:00", "13:30", "21:00"]
