"""Where a search for a deadline gives up, and what it tells the user."""

from __future__ import annotations

from datetime import date

from slactl.errors import InputError

NEVER_REACHED = "calendar has no opening hours: the target can never be reached"
BEYOND_9999 = "deadline beyond year 9999"

LAST_ORDINAL = date(9999, 12, 30).toordinal()
"""The last local date the engine builds instants for: its 24:00 still fits in a datetime."""

IDLE_DAYS = 2 * 366
"""A calendar without a single open day for this many days in a row is taken as never open."""


def never_reached() -> InputError:
    """The error for a calendar that is never open."""
    return InputError(NEVER_REACHED)


def beyond_9999() -> InputError:
    """The error for a deadline past the year 9999."""
    return InputError(BEYOND_9999)
