"""Time to make the handout for a 24-week taper at three doses a day (aim: under 0.5 s).

Run: python benchmarks/bench_pdf.py  (prints seconds; the first run includes loading the fonts)
"""

from __future__ import annotations

import sys
import time
from datetime import date
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner import Clinician, Patient, build_schedule, bundled_profile  # noqa: E402
from planner.factory import taper_plan  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    from exports.handout import HandoutOptions, handout_bytes

    imported = time.perf_counter()
    schedule = build_schedule(taper_plan(
        bundled_profile(), plan_id="00000000-0000-4000-8000-000000000001", start_date=date(2026, 12, 1),
        timezone="Europe/Berlin", from_mg=Fraction(40), method="percent", amount=Fraction(15),
        products=("tab5", "tab10", "sol1"), current_doses=(Fraction(10), Fraction(10), Fraction(20)),
        patient=Patient("Zoë Łukasiewicz"), clinician=Clinician("Dr Ana Silva", "+49 30 1234 5678")))
    weeks = (schedule.last_dose_day - schedule.first_day).days / 7
    options = HandoutOptions(issued=date(2026, 11, 27))
    timings = []
    for _ in range(5):
        begin = time.perf_counter()
        data = handout_bytes(schedule, options)
        timings.append(time.perf_counter() - begin)
    print(f"24-week taper: {len(schedule.steps)} steps over {weeks:.0f} weeks, {len(schedule.occurrences)} doses, "
          f"{len(data):,} bytes")
    print(f"import exports.handout (reportlab): {imported - started:.3f} s")
    print(f"first handout (loads and subsets the fonts): {timings[0]:.3f} s")
    print(f"later handouts: best {min(timings[1:]):.3f} s, worst {max(timings[1:]):.3f} s")
    print(f"import + first handout: {imported - started + timings[0]:.3f} s (aim: under 0.5 s)")


if __name__ == "__main__":
    main()
