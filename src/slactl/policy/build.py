"""From a structurally valid document to the frozen domain model, checking the semantic rules.

Every rule that fails adds ``FILE:LINE: message``; all of them are reported together.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, tzinfo
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slactl.policy.communication import Communication
from slactl.businesstime.duration import Duration
from slactl.errors import PolicyError
from slactl.policy.model import Note, Plan, Policy
from slactl.policy.pricing import GuaranteeHours, Pricing
from slactl.policy.schedule import ALWAYS, Schedule, hhmm as _hhmm
from slactl.policy.severity import Facts, Match, Severity
from slactl.policy.names import fold
from slactl.policy.spec import WEEKDAYS
from slactl.policy.target import Bound, Target
from slactl.businesstime.zones import fixed_offset

if TYPE_CHECKING:
    from slactl.policy.load import Document

_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


class _Builder:
    def __init__(self, document: Document):
        self.doc = document
        self.problems: list[str] = []

    def fail(self, path: tuple, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    # -- scalars -------------------------------------------------------------------------

    def duration(self, value: str, path: tuple) -> Duration | None:
        try:
            duration = Duration.parse(value)
        except ValueError as error:
            self.fail(path, f"{path[-1]!r}: {error}")
            return None
        if duration.is_zero:
            self.fail(path, f"{path[-1]!r} must be longer than zero, got {value!r}")
            return None
        return duration

    def zone(self, value: str, path: tuple) -> tzinfo | None:
        try:
            fixed = fixed_offset(value)
        except ValueError:
            self.fail(path, f"time zone offset {value!r} is out of range (at most 14:00)")
            return None
        if fixed is not None:
            return fixed
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            self.fail(path, f"unknown time zone {value!r} (use an IANA name such as America/Bogota or an offset such as -05:00)")
            return None

    def money(self, value: Any, path: tuple) -> Decimal | None:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or amount < 0:
            self.fail(path, f"{path[-1]!r} must be a non-negative amount such as \"35.00\", got {value!r}")
            return None
        return amount

    # -- calendars -----------------------------------------------------------------------

    def schedule(self, name: str, raw: dict, zone: tzinfo, path: tuple) -> Schedule | None:
        problems_before = len(self.problems)
        week: list[list[tuple[int, int, str]]] = [[] for _ in range(7)]
        seen: dict[int, str] = {}
        for key, ranges in raw["hours"].items():
            days = _days(key)
            if days is None:
                self.fail(path + ("hours", key), f"day range {key!r} runs backwards (write mon-fri)")
                continue
            items = ranges if isinstance(ranges, list) else ranges.split(",")
            intervals = [self.interval(text.strip(), path + ("hours", key)) for text in items]
            for day in days:
                if day in seen:
                    self.fail(path + ("hours", key), f"{WEEKDAYS[day]} is listed twice (in {seen[day]!r} and {key!r})")
                    continue
                seen[day] = key
                week[day].extend((*i, key) for i in intervals if i is not None)
        overlaps: dict[tuple, list[str]] = {}
        for day, intervals in enumerate(week):
            intervals.sort()
            for (s1, e1, _), (s2, e2, key) in zip(intervals, intervals[1:]):
                if s2 < e1:
                    overlaps.setdefault((key, s1, e1, s2, e2), []).append(WEEKDAYS[day])
            week[day] = _merge([(start, end) for start, end, _ in intervals])
        for (key, s1, e1, s2, e2), days in overlaps.items():
            self.fail(path + ("hours", key), f"opening hours {_hhmm(s1)}-{_hhmm(e1)} and {_hhmm(s2)}-{_hhmm(e2)} overlap on {', '.join(days)}")
        holidays = raw.get("holidays")
        if holidays is not None:
            self.check_holidays(holidays, path + ("holidays",))
        closed = []
        for index, text in enumerate(raw.get("closed", [])):
            try:
                closed.append(date.fromisoformat(str(text)))
            except ValueError:
                self.fail(path + ("closed", index), f"closed date {text!r} is not a date (write 2026-12-24)")
        if len(self.problems) > problems_before:
            return None
        try:
            return Schedule(
                name, zone, tuple(tuple(d) for d in week), label=raw.get("label"),
                holiday_country=holidays["country"] if holidays else None,
                holiday_subdivision=holidays.get("subdivision") if holidays else None,
                closed=tuple(sorted(closed)), source=raw.get("source"), assumption=raw.get("assumption"),
            )
        except ValueError:
            return None

    def interval(self, text: str, path: tuple) -> tuple[int, int] | None:
        match = _RANGE.match(text)
        if not match:
            self.fail(path, f"bad opening hours {text!r} (write 08:00-19:00)")
            return None
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if m1 > 59 or m2 > 59 or start > 1440 or end > 1440:
            self.fail(path, f"bad time in {text!r}: hours run 00:00 to 24:00")
            return None
        if start == 1440:
            self.fail(path, f"{text!r} starts at 24:00; write the next day from 00:00")
            return None
        if end <= start:
            self.fail(path, f"opening hours {text!r} end before they start (an interval ending at midnight is written 24:00)")
            return None
        return start, end

    def check_holidays(self, raw: dict, path: tuple) -> None:
        from slactl.businesstime.holidays import holiday_subdivisions

        country = raw["country"]
        subdivisions = holiday_subdivisions(country)
        if subdivisions is None:
            self.fail(path + ("country",), f"unknown holiday country {country!r} (use an ISO 3166 code the holidays library supports, e.g. CO, MX, ES)")
            return
        subdivision = raw.get("subdivision")
        if subdivision is not None and subdivision not in subdivisions:
            self.fail(path + ("subdivision",), f"unknown subdivision {subdivision!r} of {country} (choose from: {', '.join(subdivisions)})")

    # -- targets, rules, communications --------------------------------------------------

    def target(self, name: str, raw: dict, path: tuple, calendars: dict, in_plan: bool) -> Target | None:
        keys = {k for k in ("exact", "max", "min", "none") if k in raw}
        if not keys:
            self.fail(path, f"target {name!r} needs one of max, min, min + max, exact, or none: true")
            return None
        if "none" in keys and len(keys) > 1 or "exact" in keys and len(keys) > 1:
            self.fail(path, f"target {name!r} mixes {', '.join(sorted(keys))}; use exact alone, none alone, or min/max")
            return None
        limits = {k: self.duration(raw[k], path + (k,)) for k in keys - {"none"}}
        if None in limits.values():
            return None
        calendar = raw.get("calendar", "plan" if in_plan else None)
        if "none" in keys:
            return Target(name, Bound.NONE, None, note=raw.get("note"), source=raw.get("source"),
                          assumption=raw.get("assumption"), start=raw.get("from", "opened"))
        if calendar is None:
            self.fail(path, f"target {name!r} needs a calendar (24x7, plan or one of: {', '.join(calendars) or 'none declared'})")
            return None
        if calendar not in calendars and calendar not in (ALWAYS, "plan"):
            self.fail(path + ("calendar",), f"unknown calendar {calendar!r} (choose from: {', '.join([ALWAYS, *calendars])})")
            return None
        if calendar in calendars and calendars[calendar] is not None and calendars[calendar].is_empty:
            self.fail(path + ("calendar",), f"calendar {calendar!r} has no opening hours, so target {name!r} could never be due")
            return None
        earliest = limits.get("exact") or limits.get("min")
        latest = limits.get("exact") or limits.get("max")
        if "min" in limits and "max" in limits:
            low, high = limits["min"], limits["max"]
            same_unit = (low.days == 0) == (high.days == 0)
            if same_unit and low > high:
                self.fail(path, f"range of {name!r} has min {low} greater than max {high}")
                return None
        bound = Bound.EXACT if "exact" in keys else Bound.RANGE if len(keys) == 2 else Bound.MAX if "max" in keys else Bound.MIN
        return Target(name, bound, calendar, earliest, latest, start=raw.get("from", "opened"),
                      note=raw.get("note"), source=raw.get("source"), assumption=raw.get("assumption"))

    def targets(self, raw: dict, path: tuple, calendars: dict, in_plan: bool = False) -> tuple[Target, ...]:
        built = (self.target(name, value, path + (name,), calendars, in_plan) for name, value in raw.items())
        return tuple(t for t in built if t is not None)

    def match(self, raw: dict, path: tuple) -> Match | None:
        if "phrases" not in raw and "facts" not in raw:
            self.fail(path, "a rule needs phrases, facts or both")
            return None
        phrases = []
        for index, phrase in enumerate(raw.get("phrases", [])):
            if fold(phrase):
                phrases.append(fold(phrase))
            else:
                self.fail(path + ("phrases", index), f"phrase {phrase!r} must contain letters or digits")
        if not phrases and "facts" not in raw:
            return None
        return Match(
            phrases=tuple(phrases),
            facts=Facts(**raw["facts"]) if "facts" in raw else None,
            unless=Facts(**raw["unless"]) if "unless" in raw else None,
            label=raw.get("label"),
        )

    def communication(self, raw: dict, path: tuple) -> Communication | None:
        clash = [key for key in ("when", "after", "until") if key in raw]
        if "every" in raw and clash:
            self.fail(path + (clash[0],), f"a recurring communication (every) cannot also have {clash[0]!r}; drop it or drop 'every'")
            return None
        durations = {k: self.duration(raw[k], path + (k,)) for k in ("after", "every", "until") if k in raw}
        if None in durations.values():
            return None
        return Communication(
            channel=raw["channel"], what=raw["what"], when=raw.get("when", "opened"),
            after=durations.get("after", Duration()), every=durations.get("every"), until=durations.get("until"),
            source=raw.get("source"), assumption=raw.get("assumption"),
        )

    def communications(self, raw: list, path: tuple) -> tuple[Communication, ...]:
        built = (self.communication(item, path + (i,)) for i, item in enumerate(raw))
        return tuple(c for c in built if c is not None)

    # -- the whole policy ----------------------------------------------------------------

    def policy(self) -> Policy:
        data = self.doc.data
        zone = self.zone(data["timezone"], ("timezone",))
        schedules = {
            name: self.schedule(name, raw, zone, ("calendars", name)) if zone else None
            for name, raw in data.get("calendars", {}).items()
        }
        severities = self.severities(data, schedules)
        plans = self.plans(data, schedules, {s.id for s in severities})
        default = data.get("default_severity", severities[-1].id if severities else "")
        if severities and not any(fold(default) in s.names() for s in severities):
            self.fail(("default_severity",), f"default severity {default!r} is not a severity (choose from: {', '.join(s.id for s in severities)})")
        elif severities:
            default = next(s.id for s in severities if fold(default) in s.names())
        if any(t.calendar == "plan" for s in severities for t in s.targets) and not plans:
            self.fail(("severities",), "a target counts on the plan's calendar but the policy has no plans")
        notes = self.notes(data.get("notes", []), {s.id for s in severities})
        pricing = self.pricing(data["pricing"], ("pricing",)) if "pricing" in data else None
        if self.problems:
            raise PolicyError(self.problems)
        return Policy(
            id=data["id"], name=data["name"], zone=zone, zone_name=data["timezone"],
            severities=severities, default_severity=default,
            schedules=tuple(s for s in schedules.values() if s is not None), plans=plans,
            protocol=tuple(data.get("protocol", [])),
            communications=self.communications(data.get("communications", []), ("communications",)),
            notes=notes, facts_from_text=self.inferences(data.get("facts_from_text", [])),
            pricing=pricing, assumptions=tuple(data.get("assumptions", [])),
            source=data.get("source"), file=self.doc.file, line=self.doc.line(("id",)),
        )

    def severities(self, data: dict, schedules: dict) -> tuple[Severity, ...]:
        result, owners, ids = [], {}, {}
        for index, raw in enumerate(data["severities"]):
            path = ("severities", index)
            severity = Severity(
                id=raw["id"], label=raw["label"], aliases=tuple(raw.get("aliases", [])),
                description=raw.get("description"),
                rules=tuple(m for i, r in enumerate(raw.get("rules", [])) if (m := self.match(r, path + ("rules", i)))),
                targets=self.targets(raw.get("targets", {}), path + ("targets",), schedules),
                protocol=tuple(raw.get("protocol", [])),
                communications=self.communications(raw.get("communications", []), path + ("communications",)),
                source=raw.get("source"),
            )
            if raw["id"] in ids:
                self.fail(path + ("id",), f"duplicate severity id {raw['id']!r} (also at line {ids[raw['id']]})")
            ids.setdefault(raw["id"], self.doc.line(path + ("id",)))
            for name in sorted(severity.names()):
                if name in owners and owners[name] != severity.id:
                    where, what = _name_origin(raw, name)
                    self.fail(path + where, f"{what} of severity {severity.id!r} is already a name of severity {owners[name]!r}")
                owners.setdefault(name, severity.id)
            result.append(severity)
        return tuple(result)

    def plans(self, data: dict, schedules: dict, severity_ids: set[str]) -> tuple[Plan, ...]:
        result, seen = [], set()
        for index, raw in enumerate(data.get("plans", [])):
            path = ("plans", index)
            if raw["id"] in seen:
                self.fail(path + ("id",), f"duplicate plan id {raw['id']!r}")
            seen.add(raw["id"])
            calendar = raw.get("calendar")
            if calendar is not None and calendar != ALWAYS and calendar not in schedules:
                self.fail(path + ("calendar",), f"unknown calendar {calendar!r} (choose from: {', '.join([ALWAYS, *schedules])})")
            targets = []
            for severity_id, raw_targets in raw.get("targets", {}).items():
                if severity_id not in severity_ids:
                    self.fail(path + ("targets", severity_id), f"unknown severity {severity_id!r} (choose from: {', '.join(sorted(severity_ids))})")
                    continue
                built = self.targets(raw_targets, path + ("targets", severity_id), schedules, in_plan=True)
                if calendar is None and any(t.calendar == "plan" for t in built):
                    self.fail(path + ("targets", severity_id), f"plan {raw['id']!r} has targets on the plan's calendar but no calendar")
                targets.append((severity_id, tuple(_plan_calendar(t, calendar) for t in built)))
            result.append(Plan(
                id=raw["id"], label=raw.get("label", raw["id"]), calendar=calendar, default=raw.get("default", False),
                contacts=raw.get("contacts"), tickets_per_year=raw.get("tickets_per_year"),
                channels=tuple(raw.get("channels", [])), targets=tuple(targets),
                source=raw.get("source"), assumption=raw.get("assumption"),
            ))
        defaults = [(index, p.id) for index, p in enumerate(result) if p.default]
        for index, plan_id in defaults[1:]:
            self.fail(("plans", index, "default"), f"plan {plan_id!r} is marked default, but so is plan {defaults[0][1]!r}; only one plan can be the default")
        return tuple(result)

    def notes(self, raw: list, severity_ids: set[str]) -> tuple[Note, ...]:
        notes = []
        for index, item in enumerate(raw):
            for s in item.get("severities", []):
                if s not in severity_ids:
                    self.fail(("notes", index, "severities"), f"unknown severity {s!r} (choose from: {', '.join(sorted(severity_ids))})")
            when = tuple(m for i, r in enumerate(item.get("when", [])) if (m := self.match(r, ("notes", index, "when", i))))
            notes.append(Note(item["text"], item.get("source"), tuple(item.get("severities", [])), when))
        return tuple(notes)

    def inferences(self, raw: list) -> tuple[Match, ...]:
        built = (self.match(item, ("facts_from_text", i)) for i, item in enumerate(raw))
        return tuple(m for m in built if m is not None)

    def pricing(self, raw: dict, path: tuple) -> Pricing | None:
        express = self.money(raw["express_rate"], path + ("express_rate",))
        on_demand = raw.get("on_demand_rate")
        on_demand = self.money(on_demand, path + ("on_demand_rate",)) if on_demand is not None else None
        g = raw["guarantee_hours"]
        if not g["min"] <= g["default"] <= g["max"]:
            self.fail(path + ("guarantee_hours",), f"guarantee hours need min <= default <= max, got {g['min']}, {g['default']}, {g['max']}")
            return None
        if express is None:
            return None
        evaluation = self.money(raw["evaluation_cost"], path + ("evaluation_cost",)) if "evaluation_cost" in raw else None
        return Pricing(raw["currency"], express, GuaranteeHours(g["min"], g["default"], g["max"]), on_demand,
                       tuple((i["id"], i["label"]) for i in raw.get("invoices", [])), raw.get("source"), evaluation)


def _plan_calendar(target: Target, calendar: str | None) -> Target:
    if target.calendar == "plan" and calendar is not None:
        return replace(target, calendar=calendar)
    return target


def _name_origin(raw: dict, name: str) -> tuple[tuple, str]:
    """Where a severity's folded ``name`` comes from: its id, its label or one of its aliases."""
    if fold(raw["id"]) == name:
        return ("id",), f"id {raw['id']!r}"
    for index, alias in enumerate(raw.get("aliases", [])):
        if fold(alias) == name:
            return ("aliases", index), f"alias {alias!r}"
    return ("label",), f"label {raw['label']!r}"


def _days(key: str) -> list[int] | None:
    first, _, last = key.partition("-")
    a, b = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
    return list(range(a, b + 1)) if a <= b else None


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def policy(document: Document) -> Policy:
    return _Builder(document).policy()
