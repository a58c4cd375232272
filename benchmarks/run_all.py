"""All benchmarks in one table: each row runs in a fresh Python process, so start-up costs
(imports, fonts) count as a user meets them, and its peak memory is that process's own.

Run: python benchmarks/run_all.py
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRELUDE = """
import json, resource, time, sys
from datetime import date
from fractions import Fraction
sys.path.insert(0, {root!r})
from planner import build_schedule, bundled_profile, default_times
from planner.factory import taper_plan, titration_plan
YEAR = titration_plan(bundled_profile(), plan_id="00000000-0000-4000-8000-000000000365", start_date=date(2027, 1, 1),
                      timezone="Europe/Berlin", times=default_times(4), start_mg=Fraction(20), target_mg=Fraction(80),
                      step_mg=Fraction(5), every_days=7, review_days=280)
TAPER = taper_plan(bundled_profile(), plan_id="00000000-0000-4000-8000-000000000024", start_date=date(2027, 1, 1),
                   timezone="Europe/Berlin", from_mg=Fraction(40), method="percent", amount=Fraction(15),
                   products=("tab5", "tab10", "sol1"), current_doses=(Fraction(10), Fraction(10), Fraction(20)))
def peak_mib():
    # VmHWM starts afresh at exec; ru_maxrss would carry the parent's peak over from fork.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def report(seconds, detail=""):
    print(json.dumps({{"seconds": seconds, "detail": detail, "peak_mib": peak_mib()}}))
"""

ROWS = [
    ("planner: 365 days x 4 doses, build + occurrences", "under 20 ms", """
build_schedule(YEAR).occurrences  # warm the caches once, as the app does on every keystroke
runs = []
for _ in range(20):
    t = time.perf_counter(); s = build_schedule(YEAR); n = len(s.occurrences); runs.append(time.perf_counter() - t)
report(sorted(runs)[len(runs) // 2], f"{n} doses, median of 20")
"""),
    ("planner: 364-day taper x 4 doses (the app's typing test)", "under 20 ms", """
plan = taper_plan(bundled_profile(), plan_id="00000000-0000-4000-8000-000000000001", start_date=date(2026, 12, 1),
                  timezone="Europe/Berlin", from_mg=Fraction(80), method="weeks", amount=Fraction(52), every_days=7,
                  times=default_times(4), products=("tab10", "sol1"))
build_schedule(plan)
runs = []
for _ in range(20):
    t = time.perf_counter(); s = build_schedule(plan); runs.append(time.perf_counter() - t)
report(sorted(runs)[len(runs) // 2], f"{len(s.steps)} steps, median of 20 (what the app re-plans on a keystroke)")
"""),
    (".ics export: 365 days x 4 doses, first in a process", "under 1 s", """
s = build_schedule(YEAR)
t = time.perf_counter()
from exports.calendar import CalendarOptions, calendar_bytes
data, _ = calendar_bytes(s, CalendarOptions(issued=date(2026, 12, 20)))
report(time.perf_counter() - t, f"{data.count(b'BEGIN:VEVENT')} events, {len(data):,} bytes, imports ics")
"""),
    ("PDF handout: 24-week 15 % taper x 3 doses, first in process", "under 0.5 s", """
s = build_schedule(TAPER)
t = time.perf_counter()
from exports.handout import HandoutOptions, handout_bytes
data = handout_bytes(s, HandoutOptions(issued=date(2026, 12, 20)))
report(time.perf_counter() - t, f"{len(data):,} bytes, imports reportlab, loads fonts")
"""),
]


def run_row(code: str) -> dict[str, float | str]:
    script = PRELUDE.format(root=str(ROOT)) + code
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    load_before = os.getloadavg()[0]
    extra = []
    try:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from bench_app import measure_app  # the Textual rows, when the app is installed

        extra = measure_app()
    except ImportError:
        pass
    print(f"machine: {platform.machine()}, {platform.processor() or 'unknown cpu'}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    header = f"{'benchmark':58} {'result':>12} {'aim':>14} {'peak MiB':>9}  detail"
    print(header)
    print("-" * len(header))
    for name, aim, code in ROWS:
        row = run_row(code)
        seconds = float(row["seconds"])
        shown = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(f"{name:58} {shown:>12} {aim:>14} {float(row['peak_mib']):9.1f}  {row['detail']}")
    for name, shown, aim, peak, detail in extra:  # the app rows measure time, not memory
        print(f"{name:58} {shown:>12} {aim:>14} {peak:>9}  {detail}")
    # The machine may be shared: timings mean little without the load they were taken under.
    print(f"load average (1 min) at the start {load_before:.2f}, at the end {os.getloadavg()[0]:.2f}, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
