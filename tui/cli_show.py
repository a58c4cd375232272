"""The schedule as a terminal table."""

from __future__ import annotations

from planner import Schedule, Step, day_label, dispense_line, fmt
from planner.phrases.plan import current_split_known


def schedule_table(schedule: Schedule) -> str:
    plan = schedule.plan
    times = plan.times
    header = ["step", "dates", "days"] + [f"{t.name} {t.hhmm}" for t in times] + ["mg/day", ""]
    rows = []
    if schedule.current is not None:
        given = current_split_known(schedule)
        rows.append(["now", "current dose", ""] + [_cell(d.mg) if given else "?" for d in schedule.current]
                    + [fmt(sum(d.mg for d in schedule.current)), "" if given else "daily total only"])
    shared = False
    for steps in _same_dose_runs(schedule):
        first, last = steps[0], steps[-1]
        notes = ["until review"] if last.holds_until_review else []
        if any(step.adjusted for step in steps):
            notes.append("adjusted")
        number = str(first.number)
        if len(steps) > 1:  # as the patient's handout and calendar show it: one dose, one row
            shared = True
            number = f"{first.number}-{last.number}"
            notes.append(" + ".join(str(step.days) for step in steps) + " days")
        rows.append([number, f"{day_label(first.start)} - {day_label(last.end)}", str((last.end - first.start).days + 1)]
                    + [_cell(d.mg) for d in first.doses] + [fmt(first.daily_mg), "; ".join(notes)])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    tail = []
    if shared:
        tail.append("Steps with the same doses share a row, as the patient's handout and calendar show them (their days in order "
                    "in the note); `taperplan adjust add --step N` takes each step's own number.")
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


def _same_dose_runs(schedule: Schedule) -> list[list[Step]]:
    """The steps grouped as planner.schedule.patient_steps merges them: consecutive steps with the same doses."""
    runs: list[list[Step]] = []
    for step in schedule.steps:
        if runs and runs[-1][-1].doses == step.doses:
            runs[-1].append(step)
        else:
            runs.append([step])
    return runs


def _cell(mg: object) -> str:
    return "no dose" if mg == 0 else f"{fmt(mg)} mg"  # type: ignore[arg-type]
