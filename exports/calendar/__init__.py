"""The patient's calendar (.ics): `calendar_bytes(schedule, options)`, or a CalendarError.

events builds every event with `ics`; ledger is the record (kept in the plan) of what earlier
exports held, so a revision updates or cancels them; lines and zone write what `ics` 0.7 cannot.
"""

from .errors import CalendarError
from .events import CalendarOptions, calendar_bytes

__all__ = ["CalendarError", "CalendarOptions", "calendar_bytes"]
