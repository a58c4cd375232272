"""The preview: a summary, the dose chart, the table of steps, adjustments, and the checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, OptionList, Static

from planner import Adjustment, Dose, DoseTime, Schedule, Step, Unit, day_label, dispense_line, fmt, fmt_count
from planner.phrases import ENGLISH
from planner.phrases.plan import current_split_known

from ..fields import describe, table_dates
from ..messages import AdjustStep, RemoveAdjustments
from ..session import Outcome
from .dose_chart import DoseChart
from .step_table import RowTable

STALE = "Out of date: this is the last schedule that passed every check. Fix the fields marked in red to update it."
NO_ADJUSTMENTS = "None. To change a step, select it in the table and press Enter."


def short_date(day: date) -> str:
    return ENGLISH.short_day(day)


def date_range(start: date, end: date) -> str:
    """'4 Dec', '4–6 Dec', '30 Nov–2 Dec': short enough that every dose column fits beside the form."""
    if start == end:
        return short_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{short_date(end)}"
    return f"{short_date(start)}–{short_date(end)}"


def unit_text(unit: Unit) -> str:
    """'10' (one 10 mg tablet), '2×10' (two), '½×10', '5 pkt', '7.5 mL'."""
    product = unit.product
    if product.is_liquid:
        return f"{fmt(unit.count)} mL"
    count = fmt_count(unit.count)
    for written, glyph in (("1/2", "½"), ("1/4", "¼"), ("3/4", "¾")):
        count = count.replace(f" {written}", glyph).replace(written, glyph)
    text = fmt(product.strength_mg) if unit.count == 1 else f"{count}×{fmt(product.strength_mg)}"
    return text + {"granules": " pkt", "capsule": " cap"}.get(product.form, "")


def dose_cell(dose: Dose) -> str:
    """'15=10+5': the dose in mg, then what makes it up; '10' alone is one tablet of that
    strength. Short, so four dose times fit beside the form."""
    if dose.mg == 0:
        return "–"
    parts = [unit_text(u) for u in dose.units]
    if parts == [fmt(dose.mg)]:
        return parts[0]
    return f"{fmt(dose.mg)}={'+'.join(parts)}"


def _legend(schedule: Schedule) -> str:
    """How to read a cell, with this plan's own largest product: '10 = one 10 mg tablet; 20=2×10 = two
    10 mg tablets' (the wording of earlier releases for baclofen's 10 mg tablet)."""
    solids = [p for p in (schedule.profile.product(pid) for pid in schedule.plan.products) if not p.is_liquid]
    if not solids:
        return "7.5 mL = the volume to measure"
    biggest = max(solids, key=lambda p: p.strength_mg)
    noun = {"granules": "packet", "capsule": "capsule"}.get(biggest.form, "tablet")
    mg = fmt(biggest.strength_mg)
    return f"{mg} = one {mg} mg {noun}; {fmt(biggest.strength_mg * 2)}=2×{mg} = two {mg} mg {noun}s"


def summary_lines(schedule: Schedule, revision_text: str = "") -> list[str]:
    plan = schedule.plan
    first, last = schedule.first_day, schedule.last_dose_day
    days = (last - first).days + 1
    count = len(schedule.steps)
    lines = [f"{count} step{'' if count == 1 else 's'} over {days} day{'' if days == 1 else 's'} from {day_label(first)} {first.year}."]
    if schedule.review_date is not None:
        lines[0] += f" Review on {day_label(schedule.review_date)} {schedule.review_date.year}."
    if schedule.stop_date is not None:
        lines[0] += f" Last dose {day_label(last)}; none from {day_label(schedule.stop_date)} {schedule.stop_date.year}."
    if schedule.follow_up_date is not None:
        days = (schedule.follow_up_date - last).days
        lines[0] += f" Follow-up on {day_label(schedule.follow_up_date)} {schedule.follow_up_date.year} ({days} days after the last dose)."
    lines.append(f"Dispense: {dispense_line(schedule)}.")
    lines.append(f"Limit {fmt(schedule.max_daily_mg)} mg a day, {fmt(schedule.max_dose_mg)} mg a dose; {schedule.renal.describe}.")
    lines.append(f"{revision_text or f'Revision {plan.revision}'}; times in {plan.timezone}. Doses in mg: {_legend(schedule)}; "
                 "* = step adjusted by hand"
                 + ("; ? = the current dose per time was not given (daily total only)." if schedule.current and not current_split_known(schedule) else "."))
    return lines


class TextPanel(Static):
    """Static text that is laid out again only when its height changes: a layout repaints the
    whole screen and was most of a keystroke's time. The text is a typed reactive, so an
    unchanged text costs nothing."""

    text: reactive[str | Content] = reactive("", repaint=False, init=False)

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, markup=False)
        self.set_reactive(TextPanel.text, text)

    def watch_text(self, text: str | Content) -> None:
        width = self.content_region.width
        same_height = width > 0 and Content(str(text)).get_height({}, width) == self.content_region.height
        self.update(text, layout=not same_height)


@dataclass(frozen=True)
class StepRows:
    """What the table of steps is made of: the same value (e.g. after the patient's name
    changed) leaves the table as it is."""

    times: tuple[DoseTime, ...]
    current: tuple[Dose, ...] | None
    current_known: bool  # the current dose per time was given (else only its daily total is shown)
    steps: tuple[Step, ...]

    @classmethod
    def of(cls, schedule: Schedule) -> StepRows:
        return cls(schedule.plan.times, schedule.current, current_split_known(schedule), schedule.steps)


def table_rows(schedule: Schedule) -> tuple[tuple[tuple[str, ...], ...], list[tuple[str, ...]], list[str]]:
    return step_table(StepRows.of(schedule))


def step_table(shown: StepRows) -> tuple[tuple[tuple[str, ...], ...], list[tuple[str, ...]], list[str]]:
    """Header lines, rows and row keys of the steps table (the current dose first, when given).

    No column for the number of days or for notes: the dates give the days, a maintenance step
    runs to the "review", and an adjusted step has a * after its number. Four dose times then
    fit beside the form at 120 columns."""
    times = shown.times
    header = (("#", "Dates", "mg/day", *(t.name for t in times)),
              ("", "", "", *(t.hhmm for t in times)))
    rows, keys = [], []
    if shown.current is not None:
        # Without per-time doses only the daily total is known; the planner's split is not shown as fact.
        rows.append(("now", "current dose", fmt(sum(d.mg for d in shown.current)),
                     *(dose_cell(d) if shown.current_known else "?" for d in shown.current)))
        keys.append("now")
    for step in shown.steps:
        dates = f"{short_date(step.start)}–review" if step.holds_until_review else date_range(step.start, step.end)
        rows.append((f"{step.number}*" if step.adjusted else str(step.number), dates, fmt(step.daily_mg),
                     *(dose_cell(d) for d in step.doses)))
        keys.append(str(step.number))
    return header, rows, keys


class ScheduleTable(RowTable):
    """The schedule's steps, one row each (RowTable draws and scrolls the rows)."""

    shown: reactive[StepRows | None] = reactive(None, repaint=False, init=False)
    """What the rows are made of; a different value redraws them."""

    def show(self, schedule: Schedule) -> None:
        self.shown = StepRows.of(schedule)

    def watch_shown(self, shown: StepRows | None) -> None:
        if shown is None:
            self.set_rows((), [], [])
        else:
            self.set_rows(*step_table(shown))

    def clear(self) -> None:
        self.shown = None

    def selected_step(self) -> int | None:
        key = self.selected_key
        return int(key) if key and key.isdigit() else None


def problems_text(outcome: Outcome) -> Content:
    lines = [Content.assemble(("✖ ", "bold $text-error"), describe(e)) for e in outcome.errors]
    lines += [Content.assemble(("⚠ ", "bold $text-warning"), describe(w)) for w in outcome.warnings]
    if not lines:
        lines = [Content.assemble(("✔ ", "bold $text-success"), "No errors or warnings.")]
    return Content("\n").join(lines)


class Preview(VerticalScroll):
    DEFAULT_CSS = """
    Preview #summary {
        height: auto;
    }
    Preview #stale-banner {
        display: none;
        height: auto;
        background: $error-muted;
        color: $text-error;
        text-style: bold;
    }
    Preview.-stale #stale-banner {
        display: block;
    }
    Preview.-stale #chart, Preview.-stale #steps, Preview.-stale #summary {
        opacity: 50%;
    }
    Preview #adjustments-box {
        height: auto;
    }
    Preview #adjustments-head {
        height: 1;
    }
    Preview #adjustments-head Button {
        margin-left: 1;
        min-width: 0;
        width: auto;
    }
    Preview #adjustments {
        display: none;
        height: auto;
        max-height: 4;
    }
    Preview.-has-adjustments #adjustments {
        display: block;
    }
    Preview.-has-adjustments #no-adjustments {
        display: none;
    }
    Preview #no-adjustments {
        color: $text-muted;
    }
    Preview .box-title {
        width: auto;
        text-style: bold;
        color: $accent;
    }
    Preview #problems-text {
        height: auto;
    }
    """

    outcome: reactive[Outcome | None] = reactive(None, always_update=True, repaint=False, init=False)
    """The latest re-plan; set before the preview is mounted, it is shown once it is."""

    adjustments: reactive[tuple[tuple[Adjustment, ...], frozenset[Adjustment]]] = reactive(((), frozenset()), repaint=False, init=False)
    """The plan's adjustments and those that no longer match a step."""

    def compose(self) -> ComposeResult:
        yield TextPanel(id="summary")
        yield Static(STALE, id="stale-banner", markup=False)
        yield DoseChart(id="chart")
        yield ScheduleTable(id="steps", fixed_columns=3)
        with Vertical(id="adjustments-box"):
            with Horizontal(id="adjustments-head"):
                yield Static("Adjustments", classes="box-title")
                yield Button("Adjust step", id="adjust-step", compact=True)
                yield Button("Remove", id="remove-adjustment", compact=True)
                yield Button("Remove all", id="remove-adjustments", compact=True)
            yield Static(NO_ADJUSTMENTS, id="no-adjustments", markup=False)
            yield OptionList(id="adjustments", compact=True)
        yield Static("Checks", classes="box-title")
        yield TextPanel(id="problems-text")

    def on_mount(self) -> None:
        if self.outcome is not None:
            self.watch_outcome(self.outcome)

    def reset(self) -> None:
        """Forget the schedule shown: a different plan is loaded."""
        if not self.is_mounted:
            return
        self.query_one("#summary", TextPanel).text = "No schedule yet: fix the fields marked in red."
        self.query_one(DoseChart).clear()
        self.query_one(ScheduleTable).clear()

    def watch_outcome(self, outcome: Outcome | None) -> None:
        """Show a new schedule; on errors keep the last one, marked out of date."""
        if outcome is None or not self.is_mounted:
            return
        schedule = outcome.schedule
        self.set_class(schedule is None, "-stale")
        if schedule is not None:
            self.query_one("#summary", TextPanel).text = "\n".join(summary_lines(schedule, outcome.revision_text))
            self.query_one(DoseChart).show(schedule)
            self.query_one(ScheduleTable).show(schedule)
            self.adjustments = (schedule.plan.adjustments, frozenset(schedule.orphaned))
        self.query_one("#problems-text", TextPanel).text = problems_text(outcome)

    def watch_adjustments(self, shown: tuple[tuple[Adjustment, ...], frozenset[Adjustment]]) -> None:
        adjustments, orphaned = shown
        listing = self.query_one("#adjustments", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options([table_dates(a.describe()) + (" — NOT APPLIED: no longer matches a step" if a in orphaned else "")
                             for a in adjustments])
        if adjustments:
            listing.highlighted = min(highlighted or 0, len(adjustments) - 1)
        self.set_class(bool(adjustments), "-has-adjustments")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "adjust-step":
            step = self.query_one(ScheduleTable).selected_step()
            if step is None:
                self.notify("Select a step in the table first.", severity="warning")
            else:
                self.post_message(AdjustStep(step))
        elif event.button.id == "remove-adjustment":
            index = self.query_one("#adjustments", OptionList).highlighted
            if index is not None:
                self.post_message(RemoveAdjustments(index))
        elif event.button.id == "remove-adjustments":
            self.post_message(RemoveAdjustments(None))
