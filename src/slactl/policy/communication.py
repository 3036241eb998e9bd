"""A communication the provider owes: one-off or recurring."""

from __future__ import annotations

from dataclasses import dataclass

from slactl.businesstime.duration import Duration
from slactl.policy.calendar import Calendar

CHANNELS = ("status-page", "bulletin", "notification", "post-mortem", "follow-up", "report", "ticket")


@dataclass(frozen=True, slots=True)
class Communication:
    """Owed ``after`` the moment ``when`` (opened, resolved or a target's due), or ``every``
    so long after the opening, then after each occurrence, while unresolved; ``until`` makes
    it a window. ``every`` counts on ``calendar`` (recurring only): business time of a named
    calendar, or ``24x7`` (elapsed time; ``end-of-day`` is each midnight of the policy's zone)."""

    channel: str
    what: str
    when: str = "opened"
    after: Duration = Duration()
    every: Duration | None = None
    until: Duration | None = None
    source: str | None = None
    assumption: str | None = None
    calendar: Calendar | None = None

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(f"unknown channel {self.channel!r}")
        if self.every is not None and self.every.is_zero:
            raise ValueError("a recurring communication needs a positive interval")
        if self.calendar is not None and self.every is None:
            raise ValueError("only a recurring communication counts on a calendar")
        if self.every is not None and self.every.end_of_day and self.calendar is None:
            raise ValueError("end-of-day needs a calendar to say where a day ends")

    @property
    def recurring(self) -> bool:
        """True when owed every ``every`` while unresolved (Conecta: "Reportamos en el estado
        del servicio cada 6 horas"), False for a one-off owed ``after`` ``when``."""
        return self.every is not None
