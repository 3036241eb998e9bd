"""Where a ticket's values are in someone else's export, and how to read them: a ``Mapping``.

A help desk names its columns its own way (``Created at``, ``opened_at``), writes its own
priorities (``1 - Critical``, ``urgent``) and statuses (``Awaiting User Info``), and its own
null marker (``?``). A ``Mapping`` (from a preset, ``tickets.presets``, or the ``--map``
options) says, for each field of the ticket form (``tickets.row``), which columns hold it,
and how values translate; ``Picker`` applies it to the rows of one header.

Rows are tickets (one per ticket) or events (one per update of a ticket: its state after the
update, folded by ``tickets.events.fold_states``). Column names and mapped values are compared
as ``policy.names.fold`` compares names: case, accents, spaces, ``-`` and ``_`` ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping as MappingType
from dataclasses import dataclass, field, replace
from operator import itemgetter
from types import MappingProxyType

from slactl.errors import InputError
from slactl.policy.names import fold
from slactl.tickets.row import OPTIONAL, REQUIRED, BadRow, Row, _row_ticket

TICKET_FIELDS = REQUIRED + OPTIONAL + ("status", "status_since")
"""What a column of a one-row-per-ticket export may hold: the ticket form's columns, and the
ticket's current ``status`` with the instant it took it (``status_since``)."""
EVENT_FIELDS = ("id", "time", "status", "severity", "opened", "provider", "plan")
"""What a column of an event log (one row per update) may hold."""
DONE_STATUSES = frozenset({"solved", "resolved", "closed"})
"""Statuses in which a ticket is done: entering one resolves it, leaving one reopens it."""
NEW_STATUS = "new"
ROWS = ("tickets", "events")
CACHED_VALUES = 4096
_EMPTY: MappingProxyType = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Mapping:
    """How to read one export form.

    ``columns``: field -> the columns that may hold it (the first one with a value counts; a
    column the header lacks is passed over). ``after``: field -> ``(columns, minutes column)``,
    a time given as minutes after another (Zendesk's first reply). ``severities`` and
    ``statuses``: value -> value (keys folded), for the vendor's priorities and statuses; a
    value they do not list passes as it is. ``na``: texts that mean "no value" (folded; the
    empty text always does). ``provider`` and ``plan``: for rows without one. ``when``:
    columns the header must have for this form to apply (besides the required ones)."""

    rows: str = "tickets"
    columns: MappingType[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    after: MappingType[str, tuple[tuple[str, ...], str]] = field(default_factory=lambda: _EMPTY)
    severities: MappingType[str, str] = field(default_factory=lambda: _EMPTY)
    statuses: MappingType[str, str] = field(default_factory=lambda: _EMPTY)
    na: frozenset[str] = frozenset()
    provider: str | None = None
    plan: str | None = None
    when: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.rows not in ROWS:
            raise ValueError(f"rows must be one of {', '.join(ROWS)}")
        allowed = EVENT_FIELDS if self.rows == "events" else TICKET_FIELDS
        unknown = [name for name in (*self.columns, *self.after) if name not in allowed]
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)} for {self.rows} rows")
        object.__setattr__(self, "columns", MappingProxyType({k: tuple(v) for k, v in self.columns.items()}))
        object.__setattr__(self, "after", MappingProxyType(dict(self.after)))
        object.__setattr__(self, "severities", MappingProxyType({fold(k): v for k, v in self.severities.items()}))
        object.__setattr__(self, "statuses", MappingProxyType({fold(k): v for k, v in self.statuses.items()}))
        object.__setattr__(self, "na", frozenset(marker(text) for text in self.na))

    @classmethod
    def identity(cls) -> Mapping:
        """The ticket form as it is: each field in the column of its own name."""
        return cls(columns={name: (name,) for name in REQUIRED + OPTIONAL})

    def with_options(self, *, columns: Iterable[tuple[str, str]] = (), na: Iterable[str] = (),
                     provider: str | None = None, plan: str | None = None) -> Mapping:
        """This mapping with ``--map FIELD=COLUMN`` (replacing the field's columns), more null
        markers, and a provider and plan for rows without one."""
        mapped = dict(self.columns)
        after = dict(self.after)
        allowed = EVENT_FIELDS if self.rows == "events" else TICKET_FIELDS
        for name, column in columns:
            if name not in allowed:
                raise InputError(f"--map {name}={column}: {self.rows} rows have no field {name!r} "
                                 f"(choose from: {', '.join(allowed)})")
            mapped[name] = (column,)
            after.pop(name, None)
        return replace(self, columns=mapped, after=after, na=self.na | {marker(t) for t in na},
                       provider=provider or self.provider, plan=plan or self.plan)

    def referenced(self) -> list[str]:
        """Every column this mapping reads, in order, once."""
        named = [c for columns in self.columns.values() for c in columns]
        named += [c for columns, minutes in self.after.values() for c in (*columns, minutes)]
        return list(dict.fromkeys([*named, *self.when]))

    def required(self) -> tuple[str, ...]:
        """Fields a row cannot do without, as columns (a provider given by default is not, nor
        one a customer column gives: ``picker``)."""
        wanted = ("id", "time", "severity") if self.rows == "events" else ("severity", "opened")
        return (*(("provider",) if self.provider is None else ()), *wanted)

    def picker(self, header: list[str]) -> Picker:
        """This mapping applied to the columns of ``header``. ``InputError`` when the header
        lacks a required field or a ``when`` column."""
        names = [fold(name) for name in header]
        position: dict[str, int] = {}
        for index, name in enumerate(names):
            position.setdefault(name, index)

        def found(columns: tuple[str, ...]) -> tuple[int, ...]:
            return tuple(position[fold(c)] for c in columns if fold(c) in position)

        used = {fold(column) for columns in self.columns.values() for column in columns}
        twice = sorted({header[index] for index, name in enumerate(names) if name in used and names.count(name) > 1})
        if twice:
            raise InputError(f"column(s) {', '.join(repr(name) for name in twice)} named twice in the header: which "
                             f"one holds the ticket's value cannot be told")
        indices = {name: found(columns) for name, columns in self.columns.items()}
        afters: dict[str, tuple[tuple[int, ...], int]] = {}
        for name, (columns, minutes) in self.after.items():
            bases, amount = found(columns), position.get(fold(minutes))
            if bases and amount is not None:
                afters[name] = (bases, amount)
        missing = [name for name in self.required() if not indices.get(name) and name not in afters
                   and not (name == "provider" and indices.get("customer"))]  # a customer names its provider
        absent = [column for column in self.when if fold(column) not in position]
        if missing or absent:
            raise InputError(self._describe_missing(missing, absent))
        return Picker(self, len(header), indices, afters)

    def _describe_missing(self, missing: list[str], absent: list[str]) -> str:
        parts = [name if self.columns.get(name, (name,)) == (name,) else f"{name} ({' or '.join(self.columns[name])})"
                 for name in missing]
        parts += [repr(column) for column in absent]
        hint = "; give --provider for rows without one" if "provider" in missing else ""
        return f"the header lacks column(s) {', '.join(parts)}{hint}"

    def matches(self, header: list[str]) -> bool:
        try:
            self.picker(header)
        except InputError:
            return False
        return True


def marker(text: str) -> str:
    """How null markers are compared: case and surrounding or repeated spaces ignored (not
    ``-`` or ``_``, which are markers themselves)."""
    return " ".join(text.split()).casefold()


class Picker:
    """A ``Mapping`` applied to one header: picks, cleans and translates the values of a row
    (a list of texts, one per column). Owned by one run: it remembers translated values
    (bounded). Made for the batch loop: one ``itemgetter`` picks every field's first column."""

    def __init__(self, mapping: Mapping, width: int, indices: dict[str, tuple[int, ...]],
                 afters: dict[str, tuple[tuple[int, ...], int]]) -> None:
        self.mapping, self.width = mapping, width
        events = mapping.rows == "events"
        self.fields = EVENT_FIELDS if events else REQUIRED + OPTIONAL
        slots = [indices.get(name, ()) for name in self.fields]
        if not events:
            slots += [indices.get("status", ()), indices.get("status_since", ())]
        self._count = len(self.fields)
        self._has_status = bool(not events and slots[-2])
        self._pick = itemgetter(*[slot[0] if slot else width for slot in slots])
        self._more = [(at, slot[1:]) for at, slot in enumerate(slots) if len(slot) > 1]
        self._afters = [(self.fields.index(name), bases, minutes) for name, (bases, minutes) in afters.items()]
        self._na = mapping.na - {""}
        self._na_width = max((len(text) for text in self._na), default=0) + 8
        self._severity_at = self.fields.index("severity")
        self._status_at = self.fields.index("status") if events else len(slots) - 2
        self._provider_at, self._plan_at = self.fields.index("provider"), self.fields.index("plan")
        self._provider, self._plan = mapping.provider, mapping.plan
        self._severities: dict[str, str] = {}
        self._statuses: dict[str, str] = {}
        self._done: dict[str, bool] = {}

    def values(self, row: list[str]) -> list[str]:
        """The fields of ``row`` (then, for ticket rows, its status and since when), "" when
        absent; nulls dropped, values translated, defaults filled."""
        row.append("")  # what a field without a column reads
        values = list(self._pick(row))
        if self._na:
            values = [self._clean(value) for value in values]
        for at, others in self._more:
            if not values[at].strip():
                values[at] = self._first(row, others)
        for at, bases, minutes in self._afters:
            start, amount = self._first(row, bases), self._clean(row[minutes]).strip()
            values[at] = f"{start} + {amount} min" if start and amount else ""
        row.pop()
        at = self._severity_at
        if values[at]:
            values[at] = self._severities.get(values[at]) or self._translated(values[at], self.mapping.severities,
                                                                              self._severities)
        at = self._status_at
        if values[at]:
            values[at] = self._statuses.get(values[at]) or self._translated(values[at], self.mapping.statuses,
                                                                            self._statuses)
        if self._provider and not values[self._provider_at].strip():
            values[self._provider_at] = self._provider
        if self._plan and not values[self._plan_at].strip():
            values[self._plan_at] = self._plan
        return values

    def ticket(self, line: int, row: list[str]) -> Row | BadRow:
        """The ticket of a one-row-per-ticket row. Its current ``status`` since ``status_since``
        (the last update: the latest instant it can have taken it) is a status change then, so
        a pause status stops the clocks from there. A ticket whose status is not done is open:
        a resolution time left from before a reopening is dropped (the export does not say
        when it was reopened, so no time is excused). A done ticket without a resolution time
        (merged, canceled) is resolved at ``status_since``."""
        values = self.values(row)
        if self._has_status:
            since = values.pop().strip()
            status = values.pop().strip()
            if status:
                if since:
                    known = values[_STATUSES_AT].strip()
                    values[_STATUSES_AT] = f"{known};{since}={status}" if known else f"{since}={status}"
                done = self._done.get(status)
                if done is None:
                    done = self._done[status] = fold(status) in DONE_STATUSES
                if not done:
                    values[_RESOLVED_AT] = ""
                elif since and not values[_RESOLVED_AT].strip():
                    values[_RESOLVED_AT] = since
        else:
            del values[self._count:]
        return _row_ticket(line, tuple(values))

    def event(self, line: int, row: list[str]) -> tuple[int, dict[str, str | None]]:
        """The record ``(line, {field: value})`` of an event-log row."""
        return line, {name: (value.strip() or None) for name, value in zip(self.fields, self.values(row))}

    def _first(self, row: list[str], slot: tuple[int, ...]) -> str:
        """The first of the slot's columns with a value (nulls are no value), else ""."""
        for index in slot:
            value = row[index]
            if value.strip() and not (self._na and self._clean(value) == ""):
                return value
        return ""

    def _clean(self, value: str) -> str:
        """"" for a null marker (markers are short: longer values are not folded)."""
        if self._na and value and len(value) <= self._na_width and marker(value) in self._na:
            return ""
        return value

    @staticmethod
    def _translated(value: str, table: MappingType[str, str], memo: dict[str, str]) -> str:
        found = memo.get(value)
        if found is None:
            if len(memo) >= CACHED_VALUES:
                memo.clear()
            found = memo[value] = table.get(fold(value), value) if table else value
        return found


_STATUSES_AT, _RESOLVED_AT = (REQUIRED + OPTIONAL).index("statuses"), (REQUIRED + OPTIONAL).index("resolved")
