"""Planner speed: build a 365-day, four-times-a-day plan and its dose occurrences.

Run: python benchmarks/bench_planner.py
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from fractions import Fraction

from planner import build_schedule, bundled_profile, default_times
from planner.factory import titration_plan


def year_plan():
    # 20 -> 80 mg/day in 5 mg steps every 7 days fills 12 x 7 = 84 days; the review step the other 281.
    return titration_plan(
        bundled_profile(), plan_id="bench", start_date=date(2027, 1, 1), timezone="Europe/Berlin",
        start_mg=Fraction(20), step_mg=Fraction(5), target_mg=Fraction(80), every_days=7, review_days=280,
        times=default_times(4),
    )


def main() -> None:
    plan = year_plan()
    times = []
    for _ in range(30):
        began = time.perf_counter()
        schedule = build_schedule(plan)
        occurrences = schedule.occurrences
        times.append(time.perf_counter() - began)
    days = sum(s.days for s in schedule.steps)
    print(f"planner build + occurrences: {days} days, {len(occurrences)} doses, "
          f"median {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms (30 runs)")


if __name__ == "__main__":
    main()
