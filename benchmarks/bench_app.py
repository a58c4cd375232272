"""How fast the app feels: time to first frame (against a bare Textual app, same run) and
time from a keystroke to the updated preview on a long plan.

    python benchmarks/bench_app.py

Prints medians and 90th percentiles; nothing is asserted (timings belong here, not in the tests).
The bare Textual app is started in the same run, alternating with taperplan, so both see the same
machine load; the ratio is taken run by run.
"""

from __future__ import annotations

import asyncio
import atexit
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 11
KEYS = 24

# Each probe runs in a fresh interpreter, so imports count; it prints seconds from its first
# line to the first frame of its first real screen (the compositor's first refresh), and to the
# first frame that shows everything the screen holds (taperplan's first frame is the top of the
# form; the planner, the rest of the form and the schedule follow just after it; a bare app is
# complete at once).
FIRST_FRAME = r"""
import time
start = time.perf_counter()
import sys, tempfile
from datetime import date
from textual.screen import Screen

original = Screen._compositor_refresh
frames = []

def first_frame(self):
    original(self)
    if self.id in WATCH and len(frames) < 2:
        if not frames:
            frames.append(time.perf_counter() - start)
        if complete(self):
            frames.append(time.perf_counter() - start)
            print(*frames)
            self.app.exit()

Screen._compositor_refresh = first_frame
if sys.argv[1] == "bare":
    from textual.app import App
    WATCH = {"_default"}
    app = App()
    complete = lambda screen: True
else:
    from tui.app import TaperplanApp
    WATCH = {"main"}
    app = TaperplanApp(today=date(2026, 11, 30), timezone="Europe/Berlin", data_folder=tempfile.mkdtemp())
    complete = lambda screen: bool(screen.query("LowerForm")) and any(table.rows for table in screen.query("#steps"))
app.run(headless=True, size=(120, 40))
"""


# Both apps start from compiled bytecode, as an installed copy does: Textual's comes with its
# install, and taperplan's own modules get theirs here, in a folder of this run's own (with
# PYTHONDONTWRITEBYTECODE set, as on the development machine, they would otherwise be compiled
# from source at every start, about 50 ms that no installed copy pays).
BYTECODE = tempfile.mkdtemp(prefix="taperplan-bench-pyc-")
atexit.register(shutil.rmtree, BYTECODE, ignore_errors=True)
PROBE_ENV = {**os.environ, "PYTHONPYCACHEPREFIX": BYTECODE}
PROBE_ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def first_frame(kind: str) -> tuple[float, float]:
    """Seconds to the first frame and to the complete one."""
    out = subprocess.run([sys.executable, "-c", FIRST_FRAME, kind], capture_output=True, text=True, cwd=ROOT, check=True,
                         env=PROBE_ENV)
    first, complete = out.stdout.strip().splitlines()[-1].split()
    return float(first), float(complete)


async def keystroke_latencies() -> tuple[list[float], list[float]]:
    """Alternately delete and retype the last digit of a 52-week taper (4 doses a day, tablets and
    oral solution): every key changes the whole schedule (52 weeks <-> 5 weeks).
    Echo: key sent -> the end of the first screen refresh that shows the field's new text.
    Preview: key sent -> the end of the first screen refresh after the re-plan."""
    from textual.screen import Screen

    from planner import build_schedule, bundled_profile, default_times
    from planner.factory import taper_plan
    from tui.app import TaperplanApp
    from tui.screens.main import MainScreen

    plan = taper_plan(bundled_profile(), plan_id="00000000-0000-4000-8000-000000000001", start_date=date(2026, 12, 1),
                      timezone="Europe/Berlin", from_mg=Fraction(80), method="weeks", amount=Fraction(52), every_days=7,
                      times=default_times(4), products=("tab10", "sol1"))
    schedule = build_schedule(plan)
    days = (schedule.stop_date - schedule.first_day).days
    print(f"plan: {days} days, {len(plan.times)} doses a day, {len(schedule.steps)} steps, {len(schedule.occurrences)} doses")

    # The preview is on screen at the end of the first screen refresh after the re-plan.
    replanned: list[float] = []
    refreshed: list[float] = []
    original_refresh, original_replan = Screen._compositor_refresh, MainScreen.replan

    def stamp_refresh(self: Screen) -> None:  # type: ignore[type-arg]
        original_refresh(self)
        refreshed.append(time.perf_counter())

    def stamp_replan(self: MainScreen) -> None:
        original_replan(self)
        replanned.append(time.perf_counter())

    Screen._compositor_refresh = stamp_refresh  # type: ignore[method-assign]
    MainScreen.replan = stamp_replan  # type: ignore[method-assign]
    app = TaperplanApp(today=date(2026, 11, 30), timezone="Europe/Berlin", plan=plan, data_folder=tempfile.mkdtemp())
    latencies, echoes = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.main.input_for("phase0.amount")
        field.focus()
        await pilot.pause()
        await pilot.press("end")
        for i in range(KEYS):
            replanned.clear()
            refreshed.clear()
            sent = time.perf_counter()
            await pilot.press("backspace" if i % 2 == 0 else "2")
            await pilot.pause(0.05)
            assert len(replanned) == 1
            latencies.append(next(t for t in refreshed if t > replanned[0]) - sent)
            echoes.append(refreshed[0] - sent)
        assert app.outcome is not None and app.outcome.schedule is not None
    Screen._compositor_refresh = original_refresh  # type: ignore[method-assign]
    MainScreen.replan = original_replan  # type: ignore[method-assign]
    return latencies, echoes


def first_frames() -> tuple[list[float], list[float], list[float], list[float]]:
    """Sorted seconds (bare Textual app, taperplan's first frame, taperplan complete) and the
    sorted ratios of first frames, run by run."""
    bare, ours, complete, ratios = [], [], [], []
    first_frame("bare"), first_frame("taperplan")  # not counted: writes the bytecode
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        b, _ = first_frame("bare")
        o, c = first_frame("taperplan")
        bare.append(b)
        ours.append(o)
        complete.append(c)
        ratios.append(o / b)
    return sorted(bare), sorted(ours), sorted(complete), sorted(ratios)


def keystrokes_ms() -> tuple[list[float], list[float]]:
    """Sorted milliseconds: (key to updated preview, key to echo)."""
    sys.path.insert(0, str(ROOT))
    preview, echo = asyncio.run(keystroke_latencies())
    return sorted(x * 1000 for x in preview), sorted(x * 1000 for x in echo)


def p90(values: list[float]) -> float:
    """The 90th percentile of sorted values (nearest rank)."""
    return values[min(math.ceil(len(values) * 0.9), len(values)) - 1]


def measure_app() -> list[tuple[str, str, str, str, str]]:
    """Rows for benchmarks/run_all.py: (name, result, aim, peak MiB, detail)."""
    bare, ours, complete, ratios = first_frames()
    ms, echo = keystrokes_ms()
    return [
        ("app: first frame, 120x40, against a bare Textual app", f"{statistics.median(ratios):.2f}x", "at most 1.5x", "",
         f"{statistics.median(ours) * 1000:.0f} ms vs {statistics.median(bare) * 1000:.0f} ms, median of {RUNS}; "
         f"ratio 90th percentile {p90(ratios):.2f}x; whole form and preview {statistics.median(complete) * 1000:.0f} ms"),
        ("app: keystroke to echo in the field, 364-day taper x 4", f"{statistics.median(echo):.1f} ms", "next frame", "",
         f"median of {len(echo)} keys; 90th percentile {p90(echo):.1f} ms, max {echo[-1]:.1f} ms"),
        ("app: keystroke to updated preview, 364-day taper x 4", f"{p90(ms):.1f} ms p90", "under 50 ms at p90", "",
         f"median {statistics.median(ms):.1f} ms of {len(ms)} keys, max {ms[-1]:.1f} ms"),
    ]


def main() -> None:
    print(f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    bare, ours, complete, ratios = first_frames()
    print(f"first frame, {RUNS} runs each, alternating (import + start + first render, 120x40):")
    print(f"  bare Textual App  median {statistics.median(bare) * 1000:7.1f} ms   90th percentile {p90(bare) * 1000:7.1f} ms")
    print(f"  taperplan         median {statistics.median(ours) * 1000:7.1f} ms   90th percentile {p90(ours) * 1000:7.1f} ms")
    print(f"  taperplan, all    median {statistics.median(complete) * 1000:7.1f} ms   90th percentile {p90(complete) * 1000:7.1f} ms"
          "   (the first frame that shows the whole form and the preview)")
    print(f"  ratio, run by run median {statistics.median(ratios):.2f}   90th percentile {p90(ratios):.2f} (aim: at most 1.5)")
    ms, echo = keystrokes_ms()
    print(f"keystroke to echo, {len(echo)} keys: median {statistics.median(echo):.1f} ms, "
          f"90th percentile {p90(echo):.1f} ms, max {echo[-1]:.1f} ms (aim: the next frame)")
    print(f"keystroke to updated preview, {len(ms)} keys: median {statistics.median(ms):.1f} ms, "
          f"90th percentile {p90(ms):.1f} ms, max {ms[-1]:.1f} ms (aim: under 50 ms at the 90th percentile)")
    print(f"load average (1 min) {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
