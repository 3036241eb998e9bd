"""A communication the provider owes: one-off or recurring."""

from __future__ import annotations

from dataclasses import dataclass

from slactl.businesstime.duration import Duration

CHANNELS = ("status-page", "bulletin", "notification", "post-mortem", "follow-up", "report", "ticket")


@dataclass(frozen=True, slots=True)
class Communication:
    """Owed ``after`` the moment ``when`` (opened, resolved or a target's due), or ``every``
    so long from the opening while unresolved; ``until`` makes it a window."""

    channel: str
    what: str
    when: str = "opened"
    after: Duration = Duration()
    every: Duration | None = None
    until: Duration | None = None
    source: str | None = None
    assumption: str | None = None

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(f"unknown channel {self.channel!r}")
        if self.every is not None and self.every.is_zero:
            raise ValueError("a recurring communication needs a positive interval")

    @property
    def recurring(self) -> bool:
        return self.every is not None
