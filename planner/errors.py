"""Problems found in a plan: errors stop a schedule, warnings travel with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding, with a stable code, the field it concerns and a plain message.

    `field` is a logical field name (``target``, ``times``, ``crcl`` ...); the CLI and
    the app map it to their own flag or widget. `message` does not repeat the field.
    """

    code: str
    field: str
    message: str
    severity: Severity = "error"
    phase: int | None = None  # the 1-based phase the field belongs to, when it belongs to one
    # What the patient reads about it, in English plain words (planner.phrases.plan.warning_words); empty when the
    # finding is for the clinician only. `message` (reasons, factors, citations) never reaches the patient.
    patient: str = ""

    def describe(self) -> str:
        return f"{self.field}: {self.message}"


class PlanError(ValueError):
    """Raised when a plan cannot become a schedule; carries every error found."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = (problems,)
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(p.describe() for p in self.problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]


def error(code: str, field: str, message: str, phase: int | None = None) -> Problem:
    return Problem(code, field, message, "error", phase)


def warning(code: str, field: str, message: str, phase: int | None = None, *, patient: str = "") -> Problem:
    return Problem(code, field, message, "warning", phase, patient)
