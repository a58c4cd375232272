"""Messages between the app's widgets and screens (dataclasses, so they read as data)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class FormEdited(Message):
    """The session's form changed; `rebuilt` when rows were added, removed or moved."""

    rebuilt: bool = False


@dataclass
class FieldEdited(Message):
    """A form field's text changed; `key` is the form key it edits (``age``, ``phase1.target``)."""

    key: str
    value: str


@dataclass
class AdjustStep(Message):
    """The clinician asked to adjust the step with this number."""

    step_number: int


@dataclass
class RemoveAdjustments(Message):
    """Remove one adjustment (by its position in the plan), or all of them when `index` is None."""

    index: int | None = None
