"""The dose chart follows the plan: a new schedule is drawn, the same schedule is left alone."""

from __future__ import annotations

from datetime import timedelta

from app_helpers import make_app, type_into

from tui.widgets.dose_chart import DoseChart


def chart_lines(chart: DoseChart) -> list[str]:
    return [chart.render_line(y).text for y in range(chart.size.height)]


async def test_the_chart_shows_the_new_schedule_and_keeps_an_unchanged_one(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chart = app.main.query_one(DoseChart)
        assert chart.data is not None
        first = chart.data
        assert chart_lines(chart)[-1].rstrip().endswith("7 Jan 2027")  # to the review
        await type_into(pilot, "review", str(int(app.session.form.review or 28) + 28))
        assert chart.data != first and chart.data.last == first.last + timedelta(days=28)
        assert chart_lines(chart)[-1].rstrip().endswith("4 Feb 2027")
        shown = chart.data
        await type_into(pilot, "patient_name", "Ann Example")  # not on the chart
        assert chart.data is shown
