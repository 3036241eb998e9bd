"""From a valid policy document to the frozen model.

``load`` calls this only after the structure (``spec``) and every semantic rule (``rules``)
have passed, so nothing here checks or reports: each value is read as the format defines it.
"""

from __future__ import annotations

from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from slactl.businesstime import WeeklyHours
from slactl.contracts.model import Credits, Tier
from slactl.businesstime.duration import Duration
from slactl.businesstime.holidays import HolidayStore, PublicHolidays
from slactl.businesstime.ics_holidays import IcsHolidays
from slactl.businesstime.zones import fixed_offset
from slactl.policy.calendar import ALWAYS, Calendar
from slactl.policy.communication import Communication
from slactl.policy.model import Note, Plan, Policy
from slactl.policy.names import fold
from slactl.policy.pricing import GuaranteeHours, Pricing
from slactl.policy.values import day_intervals, day_range, money_of
from slactl.policy.severity import Decision, DecisionTable, Facts, Match, Severity
from slactl.policy.target import Bound, Target, Warn

if TYPE_CHECKING:
    from slactl.policy.load import Document


def policy(document: Document, holidays: HolidayStore | None = None) -> Policy:
    """The ``Policy`` of a document that passed every rule; public holidays are read through
    ``holidays`` (a store such as the on-disk cache) or straight from the library."""
    data = document.data
    zone = _zone(data["timezone"])
    calendars = (Calendar.always(zone), *(_calendar(name, raw, zone, holidays, document.attached)
                                          for name, raw in data.get("calendars", {}).items()))
    by_name = {calendar.name: calendar for calendar in calendars}
    severities = tuple(_severity(raw, by_name) for raw in data["severities"])
    default = data.get("default_severity", severities[-1].id)
    return Policy(
        id=data["id"], name=data["name"], zone=zone, zone_name=data["timezone"],
        severities=severities, default_severity=next(s.id for s in severities if fold(default) in s.names()),
        calendars=calendars, plans=tuple(_plan(raw) for raw in data.get("plans", [])),
        protocol=tuple(data.get("protocol", [])),
        communications=tuple(_communication(raw, by_name) for raw in data.get("communications", [])),
        notes=tuple(_note(raw) for raw in data.get("notes", [])),
        facts_from_text=tuple(_match(raw) for raw in data.get("facts_from_text", [])),
        decisions=_decisions(data.get("classification")),
        pricing=_pricing(data["pricing"]) if "pricing" in data else None,
        pause_statuses=tuple(data.get("pause_statuses", [])), on_reopen=data.get("on_reopen", "resume"),
        credits=_credits(data["credits"]) if "credits" in data else None, beyond_quota=data.get("beyond_quota"),
        assumptions=tuple(data.get("assumptions", [])),
        source=data.get("source"), file=document.file, line=document.line(("id",)),
    )


def _zone(text: str) -> tzinfo:
    return fixed_offset(text) or ZoneInfo(text)


def _calendar(name: str, raw: dict, zone: tzinfo, store: HolidayStore | None, attached: dict) -> Calendar:
    week: dict[int, list[tuple[int, int]]] = {day: [] for day in range(7)}
    for key, ranges in raw["hours"].items():
        for day in day_range(key) or ():
            week[day].extend(day_intervals(ranges))
    hours = WeeklyHours.from_minutes({day: _merged(sorted(intervals)) for day, intervals in week.items()})
    region = raw.get("holidays") or {}
    public = PublicHolidays(region["country"], region.get("subdivision"), store) if "country" in region else None
    ics = region.get("ics")
    return Calendar(name, zone, hours, label=raw.get("label"), holidays=public,
                    closed=_dates(raw.get("closed", [])),
                    source=raw.get("source"), assumption=raw.get("assumption"),
                    exceptions=tuple(sorted((date.fromisoformat(str(key)), tuple(day_intervals(ranges)))
                                            for key, ranges in raw.get("exceptions", {}).items())),
                    holidays_added=_dates(region.get("add", [])), holidays_removed=_dates(region.get("remove", [])),
                    ics=ics, ics_holidays=IcsHolidays.from_data(attached[ics]["holidays"]) if ics else None)


def _dates(texts: list) -> tuple[date, ...]:
    return tuple(sorted({date.fromisoformat(str(text)) for text in texts}))


def _merged(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _target(name: str, raw: dict, plan_calendar: str | None = None, in_plan: bool = False) -> Target:
    start, note = raw.get("from", "opened"), raw.get("note")
    if raw.get("none"):
        return Target(name, Bound.NONE, None, note=note, source=raw.get("source"),
                      assumption=raw.get("assumption"), start=start)
    calendar = raw.get("calendar", "plan" if in_plan else None)
    if calendar == "plan" and plan_calendar is not None:
        calendar = plan_calendar
    limits = {key: Duration.parse(raw[key]) for key in ("exact", "min", "max") if key in raw}
    earliest = limits.get("exact") or limits.get("min")
    latest = limits.get("exact") or limits.get("max")
    bound = (Bound.EXACT if "exact" in limits else Bound.RANGE if len(limits) == 2
             else Bound.MAX if "max" in limits else Bound.MIN)
    return Target(name, bound, calendar, earliest, latest, start=start, note=note,
                  source=raw.get("source"), assumption=raw.get("assumption"), estimate=raw.get("estimate", False),
                  warn=Warn.parse(raw["warn"]) if "warn" in raw else None,
                  applies_unless=tuple(raw.get("applies_unless", [])), services=tuple(raw.get("services", [])))


def _targets(raw: dict, plan_calendar: str | None = None, in_plan: bool = False) -> tuple[Target, ...]:
    return tuple(_target(name, value, plan_calendar, in_plan) for name, value in raw.items())


def _match(raw: dict) -> Match:
    return Match(
        phrases=tuple(fold(phrase) for phrase in raw.get("phrases", []) if fold(phrase)),
        facts=Facts(**raw["facts"]) if "facts" in raw else None,
        unless=Facts(**raw["unless"]) if "unless" in raw else None,
        label=raw.get("label"),
    )


_ROW_KEYS = frozenset({"severity", "concepts", "label", "source", "assumption"})
"""The keys of a decision row that are not facts it tests (the spec allows no others)."""


def _decisions(raw: dict | None) -> DecisionTable:
    if raw is None:
        return DecisionTable()
    rows = tuple(
        Decision(severity=row["severity"], concepts=tuple(row.get("concepts", [])),
                 when=tuple((fact, tuple(values)) for fact, values in row.items() if fact not in _ROW_KEYS),
                 source=row.get("source"), label=row.get("label"), assumption=row.get("assumption"))
        for row in raw["table"]
    )
    return DecisionTable(rows, tuple(raw.get("requires", [])))


def _communication(raw: dict, calendars: dict[str, Calendar]) -> Communication:
    def length(key: str) -> Duration | None:
        """The ``Duration`` written under ``key`` (``6h``, ``end-of-day``), None when absent."""
        return Duration.parse(raw[key]) if key in raw else None

    every = length("every")
    return Communication(
        channel=raw["channel"], what=raw["what"], when=raw.get("when", "opened"),
        after=length("after") or Duration(), every=every, until=length("until"),
        source=raw.get("source"), assumption=raw.get("assumption"),
        calendar=calendars[raw.get("calendar", ALWAYS)] if every else None,
    )


def _severity(raw: dict, calendars: dict[str, Calendar]) -> Severity:
    return Severity(
        id=raw["id"], label=raw["label"], aliases=tuple(raw.get("aliases", [])),
        description=raw.get("description"),
        rules=tuple(_match(rule) for rule in raw.get("rules", [])),
        targets=_targets(raw.get("targets", {})),
        protocol=tuple(raw.get("protocol", [])),
        communications=tuple(_communication(item, calendars) for item in raw.get("communications", [])),
        source=raw.get("source"),
    )


def _plan(raw: dict) -> Plan:
    calendar = raw.get("calendar")
    return Plan(
        id=raw["id"], label=raw.get("label", raw["id"]), calendar=calendar, default=raw.get("default", False),
        contacts=raw.get("contacts"), tickets_per_year=raw.get("tickets_per_year"),
        channels=tuple(raw.get("channels", [])),
        targets=tuple((severity_id, _targets(targets, calendar, in_plan=True))
                      for severity_id, targets in raw.get("targets", {}).items()),
        source=raw.get("source"), assumption=raw.get("assumption"),
    )


def _note(raw: dict) -> Note:
    return Note(raw["text"], raw.get("source"), tuple(raw.get("severities", [])),
                tuple(_match(rule) for rule in raw.get("when", [])))


def _pricing(raw: dict) -> Pricing:
    def amount(key: str) -> Any:
        """The money under ``key`` as a ``Decimal``, None when absent or null."""
        return money_of(raw[key]) if raw.get(key) is not None else None

    g = raw["guarantee_hours"]
    return Pricing(raw["currency"], amount("express_rate"), GuaranteeHours(g["min"], g["default"], g["max"]),
                   amount("on_demand_rate"), tuple((i["id"], i["label"]) for i in raw.get("invoices", [])),
                   raw.get("source"), amount("evaluation_cost"))


def _credits(raw: dict) -> Credits:
    from slactl.contracts.rules import percent

    return Credits(tiers=tuple(Tier(percent(t["below"]), percent(t["credit"])) for t in raw.get("tiers", [])),
                   per_breach=percent(raw["per_breach"]) if "per_breach" in raw else None,
                   cap=percent(raw["cap"]) if "cap" in raw else None, source=raw.get("source"),
                   assumption=raw.get("assumption"))
