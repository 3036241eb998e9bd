"""Business-time arithmetic: add a duration to an instant, measure the time between two.

All inputs are aware datetimes; every returned instant is in UTC.
"""

from slactl.calendar.always_open import AlwaysOpen
from slactl.calendar.business import BusinessCalendar
from slactl.calendar.hours import WeeklyHours
from slactl.calendar.pauses import merge_pauses
from slactl.calendar.protocol import Calendar

__all__ = ["AlwaysOpen", "BusinessCalendar", "Calendar", "WeeklyHours", "merge_pauses"]
