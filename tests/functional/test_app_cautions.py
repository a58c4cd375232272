"""The app asks who the patient is and warns at the field; kidney function scales a new titration."""

from __future__ import annotations

from app_helpers import field_message, field_row, make_app, type_into
from textual.widgets import Button, Checkbox, Select


async def test_pregnancy_seizures_and_a_pump_show_and_warn_at_their_fields(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name in ("pregnant", "seizures", "intrathecal"):
            box = next(c for c in app.main.query(Checkbox) if c.name == name)
            box.value = True
            await pilot.pause()
        assert field_row(app, "pregnant").has_class("-warning")
        assert "taper and stop baclofen before delivery" in field_message(app, "pregnant")
        assert "history of seizures" in field_message(app, "seizures")
        assert "oral baclofen only" in field_message(app, "intrathecal")
        patient = app.outcome.plan.patient
        assert patient.pregnant and patient.seizures and patient.intrathecal
        assert app.check_action("export", ()) is True  # warnings do not stop a plan


async def test_a_fast_titration_and_a_missing_clearance_warn(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_into(pilot, "phase0.every", "1")
        assert "the label raises it every 3 days" in field_message(app, "phase0.every")
        await type_into(pilot, "age", "70")
        assert "no kidney function given" in field_message(app, "kidney")


async def test_a_titration_added_with_low_clearance_starts_low(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        next(s for s in app.main.query(Select) if s.name == "kidney").value = "crcl"
        await pilot.pause()
        await type_into(pilot, "crcl", "10")
        await type_into(pilot, "phase0.target", "25")
        assert "above 5 mg a day" in field_message(app, "phase0.start")  # the form still holds the label's 15
        await pilot.click(next(b for b in app.main.query(Button) if b.name == "phase-remove:0"))
        await pilot.pause()
        await pilot.click(next(b for b in app.main.query(Button) if b.name == "phase-add:titrate"))
        await pilot.pause()
        row = app.session.form.phases[0]
        assert (row.start, row.step) == ("5", "5")
