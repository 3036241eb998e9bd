"""Where output goes: one JSON document, or rich text that degrades to plain ASCII off a terminal."""

from __future__ import annotations

import json
import sys
from datetime import datetime, tzinfo
from typing import Any


def emit_json(data: Any) -> None:
    narrow = (sys.stdout.encoding or "utf-8").lower().replace("-", "") != "utf8"
    sys.stdout.write(json.dumps(data, ensure_ascii=narrow, indent=2, default=str) + "\n")
    sys.stdout.flush()


def console():
    """A rich Console on stdout; off a terminal it prints plain text with ASCII boxes."""
    from rich.console import Console

    interactive = sys.stdout.isatty()
    out = Console(highlight=False, emoji=False, width=None if interactive else 140,
                  force_terminal=False if not interactive else None)
    out.on_broken_pipe = _reader_went_away  # rich would exit 1; the CLI exits 0 quietly
    return out


def _reader_went_away() -> None:
    raise BrokenPipeError


# Columns holding ids and instants are never broken across lines.
_IDENTIFIERS = {"id", "provider", "plan", "severity", "target", "calendar", "ticket", "channel", "due", "earliest"}


def table(*columns: str, title: str | None = None):
    from rich import box
    from rich.table import Table

    interactive = sys.stdout.isatty()
    grid = Table(title=title, box=box.ROUNDED if interactive else box.ASCII2, title_justify="left",
                 header_style="bold" if interactive else "", show_lines=False)
    for column in columns:
        grid.add_column(column, overflow="fold", no_wrap=column in _IDENTIFIERS)
    return grid


def iso(instant: datetime | None, zone: tzinfo | None = None) -> str | None:
    """ISO 8601 with offset, in ``zone`` when given."""
    if instant is None:
        return None
    return (instant.astimezone(zone) if zone else instant).isoformat()


def local(instant: datetime, zone: tzinfo, *, offset: bool = False) -> str:
    """``Mon 2026-11-23 08:30`` for people (``-06:00`` appended with ``offset``)."""
    moment = instant.astimezone(zone)
    text = moment.strftime("%a %Y-%m-%d %H:%M")
    if offset:
        raw = moment.strftime("%z")
        text += f" {raw[:3]}:{raw[3:]}"
    return text
