"""Export time and file size of a 365-day calendar at four doses a day (1,460 dose events).

Run: python benchmarks/bench_ics.py
Prints the first export in this process (including importing ics), the best of five warm exports,
the same plan as a compact calendar (--repeat), and where a warm export spends its time, grouped by package (cProfile, so slower than the plain run).
"""

from __future__ import annotations

import cProfile
import importlib
import pstats
import sys
import time
from datetime import date
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner import build_schedule, bundled_profile, default_times  # noqa: E402
from planner.factory import titration_plan  # noqa: E402


def main() -> None:
    plan = titration_plan(bundled_profile(), plan_id="00000000-0000-4000-8000-000000000365", start_date=date(2027, 1, 1),
                          timezone="Europe/Berlin", times=default_times(4), start_mg=Fraction(20), target_mg=Fraction(40),
                          step_mg=Fraction(20), every_days=1, review_days=363)
    schedule = build_schedule(plan)
    days = (schedule.steps[-1].end - schedule.first_day).days + 1
    print(f"plan: {days} days, {len(schedule.occurrences)} dose events")

    started = time.perf_counter()
    from exports.calendar import CalendarOptions, calendar_bytes

    options = CalendarOptions(issued=date(2026, 12, 20))
    data, record = calendar_bytes(schedule, options)
    print(f"first export (imports ics): {time.perf_counter() - started:.3f} s")

    runs = []
    for _ in range(5):
        started = time.perf_counter()
        calendar_bytes(schedule, options)
        runs.append(time.perf_counter() - started)
    print(f"warm export, best of 5:     {min(runs):.3f} s")
    print(f"file size: {len(data):,} bytes, {data.count(b'BEGIN:VEVENT')} events; record in plan file: {len(str(record)):,} characters")
    compact = CalendarOptions(issued=date(2026, 12, 20), repeat=True)
    started = time.perf_counter()
    data, record = calendar_bytes(schedule, compact)
    print(f"--repeat: warm export {time.perf_counter() - started:.3f} s, {len(data):,} bytes, {data.count(b'BEGIN:VEVENT')} events; "
          f"record {len(str(record)):,} characters")

    profile = cProfile.Profile()
    profile.enable()
    calendar_bytes(schedule, options)
    profile.disable()
    roots = {name: str(Path(importlib.import_module(name).__file__ or "").parent)
             for name in ("ics", "arrow", "dateutil", "exports", "planner", "tatsu")}
    by_package: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, _) in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        package = next((name for name, root in roots.items() if filename.startswith(root + "/")), "other (stdlib)")
        by_package[package] = by_package.get(package, 0.0) + own
    total = sum(by_package.values())
    print("profiled time by package (own time):")
    for package, seconds in sorted(by_package.items(), key=lambda item: -item[1]):
        print(f"  {package:15} {seconds:.3f} s  {100 * seconds / total:4.0f} %")


if __name__ == "__main__":
    main()
