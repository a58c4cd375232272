"""The schedule as a terminal table."""

from __future__ import annotations

from planner import Schedule
from planner.numbers import fmt
from planner.phrases.plan import current_split_known
from planner.render import dispense_line
from planner.schedule import day_label


def schedule_table(schedule: Schedule) -> str:
    plan = schedule.plan
    times = plan.times
    header = ["step", "dates", "days"] + [f"{t.name} {t.hhmm}" for t in times] + ["mg/day", ""]
    rows = []
    if schedule.current is not None:
        given = current_split_known(schedule)
        rows.append(["now", "current dose", ""] + [_cell(d.mg) if given else "?" for d in schedule.current]
                    + [fmt(sum(d.mg for d in schedule.current)), "" if given else "daily total only"])
    for step in schedule.steps:
        note = "until review" if step.maintenance else ""
        if step.adjusted:
            note = (note + " adjusted").strip()
        rows.append([str(step.number), f"{day_label(step.start)} - {day_label(step.end)}", str(step.days)]
                    + [_cell(d.mg) for d in step.doses] + [fmt(step.daily_mg), note])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    tail = []
    if schedule.stop_date:
        tail.append(f"Last dose {day_label(schedule.last_dose_day)}; stopped from {day_label(schedule.stop_date)} ({schedule.stop_date.isoformat()}).")
    if schedule.follow_up_date:
        days = (schedule.follow_up_date - schedule.last_dose_day).days
        tail.append(f"Follow-up {day_label(schedule.follow_up_date)} ({schedule.follow_up_date.isoformat()}), {days} days after the last dose.")
    if schedule.review_date:
        tail.append(f"Review on {day_label(schedule.review_date)} ({schedule.review_date.isoformat()}).")
    tail.append(f"Limit: {fmt(schedule.max_daily_mg)} mg a day, {fmt(schedule.max_dose_mg)} mg a dose; kidneys: {schedule.renal.describe}.")
    tail.append(f"Dispense: {dispense_line(schedule)}.")
    tail.append(f"Times in {plan.timezone}. Plan {plan.plan_id} revision {plan.revision}.")
    return "\n".join(lines + [""] + tail) + "\n"


def _cell(mg: object) -> str:
    return "no dose" if mg == 0 else f"{fmt(mg)} mg"  # type: ignore[arg-type]
