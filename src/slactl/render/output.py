"""Where output goes: one JSON document, or rich text that degrades to plain ASCII off a terminal."""

from __future__ import annotations

import json
import sys
from datetime import datetime, tzinfo
from typing import Any

from slactl.policy.names import escaped


def emit_json(data: Any) -> None:
    narrow = (sys.stdout.encoding or "utf-8").lower().replace("-", "") != "utf8"
    sys.stdout.write(json.dumps(data, ensure_ascii=narrow, indent=2, default=str) + "\n")
    sys.stdout.flush()


def plain(text: str) -> str:
    """``text`` safe to print as data: control characters shown as ``\\x1b`` or ``\\u202e``
    (tabs and line feeds kept, for text of several lines)."""
    return escaped(text)


def one_line(text: str) -> str:
    """``text`` safe to print as one line of a message: also tabs and line breaks escaped."""
    return escaped(text, one_line=True)


def console():
    """A rich Console on stdout that prints data as plain text: markup is never interpreted and
    control characters are escaped (``plain``). Off a terminal it prints ASCII boxes."""
    from rich.console import Console

    class Plain(Console):
        def print(self, *objects: Any, **options: Any) -> None:
            super().print(*(plain(o) if isinstance(o, str) else o for o in objects), **options)

        def on_broken_pipe(self) -> None:
            """rich would exit 1; the CLI exits 0 quietly when the reader went away."""
            raise BrokenPipeError

    interactive = sys.stdout.isatty()
    out = Plain(highlight=False, emoji=False, markup=False, width=None if interactive else 140,
                force_terminal=False if not interactive else None)
    return out


# Columns holding ids and instants are never broken across lines.
_IDENTIFIERS = {"id", "provider", "plan", "severity", "target", "calendar", "ticket", "channel", "due", "earliest"}


def table(*columns: str, title: str | None = None):
    """A table whose cells are data: plain text, control characters escaped; in the columns of
    ids and instants, which are never broken across lines, tabs and line breaks too."""
    from rich import box
    from rich.table import Table

    single = [column in _IDENTIFIERS for column in columns]

    class PlainTable(Table):
        def add_row(self, *cells: Any, **options: Any) -> None:
            super().add_row(*(_cell(c, one) for c, one in zip(cells, single + [False] * (len(cells) - len(single)))),
                            **options)

    interactive = sys.stdout.isatty()
    grid = PlainTable(title=plain(title) if title else None, box=box.ROUNDED if interactive else box.ASCII2, title_justify="left",
                 header_style="bold" if interactive else "", show_lines=False)
    for column in columns:
        grid.add_column(column, overflow="fold", no_wrap=column in _IDENTIFIERS)
    return grid


def _cell(value: Any, one: bool) -> Any:
    if not isinstance(value, str):
        return value
    return one_line(value) if one else plain(value)


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
