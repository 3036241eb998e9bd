"""A preset: how to read one help desk's exports, as slactl ships it or a user writes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from slactl.tickets.mapping import Mapping


@dataclass(frozen=True, slots=True)
class Form:
    """One form of a help desk's export (an incident list, an event log): its ``mapping``,
    and how its times are written: ``format`` (``strptime``; None: ISO 8601, then what
    python-dateutil reads), ``dayfirst``, and the ``zone`` of times without an offset (None:
    the provider's). ``zone_name`` is the zone as written."""

    name: str
    mapping: Mapping
    format: str | None = None
    dayfirst: bool = False
    zone: tzinfo | None = None
    zone_name: str | None = None


@dataclass(frozen=True, slots=True)
class Preset:
    """A help desk's exports: ``forms`` in the order they are tried (the first whose columns
    the header has is read), ``extra_levels`` (a priority past a policy's last severity is
    that severity, else an unknown severity), where it comes from (``source``, ``file``) and
    its YAML ``text``."""

    name: str
    title: str
    forms: tuple[Form, ...]
    extra_levels: bool = True
    source: str | None = None
    export: str | None = None
    file: str | None = None
    text: str = ""

    def __post_init__(self) -> None:
        if not self.forms:
            raise ValueError("a preset needs at least one form")
