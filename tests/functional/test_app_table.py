"""The table of steps shows every dose of a step, or marks the columns it cannot show."""

from __future__ import annotations

from app_helpers import make_app, type_into
from textual.widgets import Button

from tui.widgets.preview import ScheduleTable

CLOCKS = ["06:00", "09:00", "12:00", "15:00", "18:00", "21:00"]


async def with_times(pilot, count: int) -> None:
    app = pilot.app
    while len(app.session.form.times) < count:
        next(b for b in app.main.query(Button) if b.name == "time-add").press()
        await pilot.pause()
    for i in range(count):
        await type_into(pilot, f"time{i}.clock", CLOCKS[i])
    await pilot.pause()


def screen_lines(table: ScheduleTable) -> list[str]:
    return [table.render_line(y).text for y in range(min(table.size.height, len(table.rows) + 2))]


async def test_four_dose_times_fit_beside_the_form_at_120_columns_and_the_bedtime_dose_shows(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await with_times(pilot, 4)
        await type_into(pilot, "phase0.target", "65")
        table = app.main.query_one(ScheduleTable)
        assert not table.columns_hidden
        lines = screen_lines(table)
        assert "15:00" in lines[1] and "▸" not in "".join(lines)
        schedule = app.outcome.schedule
        for step, line in zip(schedule.steps, lines[2:], strict=False):
            shown = [cell for cell in line.split("  ") if cell.strip()]
            assert len(shown) == 3 + 4, line  # number, dates, mg/day and every dose time
            bedtime = step.doses[-1].mg
            assert shown[-1].strip().split("=")[0] == ("–" if bedtime == 0 else str(bedtime))


async def test_six_dose_times_mark_the_hidden_columns_and_right_shows_them(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await with_times(pilot, 6)
        await type_into(pilot, "phase0.target", "75")
        table = app.main.query_one(ScheduleTable)
        assert table.columns_hidden
        lines = screen_lines(table)
        assert all(line.rstrip().endswith("▸") for line in lines)
        assert not any("21:00" in line for line in lines)  # the last column is hidden, whole
        # No column is cut in half: every cell shown is a whole dose of that step.
        step = app.outcome.schedule.steps[-1]
        cells = [c.strip() for c in lines[-1].rstrip("▸ ").split("  ") if c.strip()][3:]
        assert cells and all(c.split("=")[0] in {str(d.mg) for d in step.doses} | {"–"} for c in cells)
        table.focus()
        await pilot.press("right", "right", "right")
        lines = screen_lines(table)
        assert "21:00" in lines[1] and "◂" in lines[1]
        await pilot.press("left", "left", "left")
        assert "◂" not in screen_lines(table)[1]


async def test_the_current_dose_row_follows_when_the_per_time_doses_are_given(tmp_path):
    """A daily total alone shows '?' per time; typing the per-time doses shows them, also when
    they are the very split the planner had made (the table once kept its '?' then)."""
    from datetime import date
    from fractions import Fraction

    from planner import bundled_profile
    from planner.factory import taper_plan

    plan = taper_plan(bundled_profile(), plan_id="00000000-0000-4000-8000-000000000030", start_date=date(2026, 12, 1),
                      timezone="Europe/Berlin", from_mg=Fraction(30), method="step", amount=Fraction(10), every_days=7)
    app = make_app(tmp_path, plan=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_into(pilot, "current_doses", "")
        table = app.main.query_one(ScheduleTable)
        schedule = app.outcome.schedule
        assert schedule is not None and schedule.current is not None
        assert table.rows[0][0] == "now" and set(table.rows[0][3:]) == {"?"}
        split = "/".join(str(d.mg) for d in schedule.current)
        await type_into(pilot, "current_doses", split)
        assert app.outcome.schedule is not None and app.outcome.schedule.current == schedule.current  # the same doses
        assert table.rows[0][3:] == tuple(str(d.mg) for d in schedule.current)
