"""What the first frame shows before the planner is loaded: the start date, the time zone and
the patient's name, at the top of the screen.

The planner, the drug profiles and the rest of the form are loaded just after the first frame
(see MainScreen.start_planning); these three values are the ones the session then holds, so
nothing changes on screen when it arrives, and what was typed meanwhile is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

NEW_PLAN_LEAD = timedelta(days=1)  # a new plan starts tomorrow
FIRST_KEYS = ("start_date", "timezone", "patient_name")  # the form keys of the fields below


@dataclass(frozen=True)
class FirstFields:
    start_date: str
    timezone: str
    patient_name: str

    @classmethod
    def new_plan(cls, today: date, timezone: str) -> FirstFields:
        return cls((today + NEW_PLAN_LEAD).isoformat(), timezone, "")
