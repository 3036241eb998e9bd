"""Business-time arithmetic: add a duration to an instant, measure the time between two.

All inputs are aware datetimes; every returned instant is in UTC.
"""

from slactl.businesstime.always_open import AlwaysOpen
from slactl.businesstime.business import BusinessCalendar
from slactl.businesstime.weekly_hours import WeeklyHours
from slactl.businesstime.pauses import merge_pauses
from slactl.businesstime.protocol import Calendar

__all__ = ["AlwaysOpen", "BusinessCalendar", "Calendar", "WeeklyHours", "merge_pauses"]
