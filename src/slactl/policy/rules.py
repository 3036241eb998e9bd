"""The semantic rules of the policy format, as a table: each ``Rule`` names where it looks and
what it says when a value breaks it.

The JSON Schema (``spec``) has already checked keys, types, enums and patterns; these rules
check what a schema cannot: that durations are positive, hours do not overlap, names refer to
things that exist, a zone is known. ``problems(document)`` runs every rule over every place it
applies to and returns every problem, ``(path, message)``, in file order; the loader turns the
path into a line. A document no rule objects to can be built (``build``) without further
checks. ``docs/errors.md`` lists the messages of this table (``tools/errors_catalogue.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slactl.businesstime.duration import Duration
from slactl.businesstime.zones import fixed_offset
from slactl.policy.names import described, fold, foreign_letter, invisible
from slactl.policy.target import Warn
from slactl.policy.spec import READ_FACTS, UNKNOWN, WEEKDAYS
from slactl.policy.values import (RANGE, day_intervals, day_range, duration_of, hhmm, interval_texts, is_closed,
                                  money_of, parse_interval)

Path = tuple[str | int, ...]
Fields = dict[str, Any]
ALWAYS = "24x7"
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: ``places(document)`` yields ``(path, value)`` for every place the rule applies
    to; ``broken(value, document)`` yields the fields of ``message`` once per violation there
    (a field ``at`` extends the path to the exact key)."""

    name: str
    message: str
    places: Callable[[dict], Iterator[tuple[Path, Any]]]
    broken: Callable[[Any, dict], Iterator[Fields]]

    def check(self, document: dict, line: Callable[[Path], int]) -> Iterator[tuple[Path, str]]:
        """Every violation as ``(path, message)``; a field ``line_of`` holds a path whose line
        the message names (``line``)."""
        for path, value in self.places(document):
            for fields in self.broken(value, document):
                at = fields.pop("at", ())
                if "line_of" in fields:
                    fields["line"] = line(fields.pop("line_of"))
                yield path + tuple(at), self.message.format(**fields)


# -- parsing ----------------------------------------------------------------------------------


def zone_known(text: str) -> bool:
    try:
        if fixed_offset(text) is not None:
            return True
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


# -- where rules look ----------------------------------------------------------------------------


def _root(document: dict) -> Iterator[tuple[Path, Any]]:
    yield (), document


def _key(*keys: str) -> Callable[[dict], Iterator[tuple[Path, Any]]]:
    def places(document: dict) -> Iterator[tuple[Path, Any]]:
        value: Any = document
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return
            value = value[key]
        yield keys, value
    return places


def _calendars(document: dict) -> Iterator[tuple[Path, Any]]:
    for name, raw in document.get("calendars", {}).items():
        yield ("calendars", name), raw


def _hours_entries(document: dict) -> Iterator[tuple[Path, Any]]:
    for path, raw in _calendars(document):
        for key, ranges in raw["hours"].items():
            yield path + ("hours", key), (key, ranges)


def _intervals(document: dict) -> Iterator[tuple[Path, Any]]:
    for path, (_, ranges) in _hours_entries(document):
        for text in interval_texts(ranges):
            yield path, text


def _exceptions(document: dict) -> Iterator[tuple[Path, Any]]:
    """Every dated exception as ``(date text, hours or closed)``."""
    for path, raw in _calendars(document):
        for key, ranges in raw.get("exceptions", {}).items():
            yield path + ("exceptions", key), (key, ranges)


def _all_intervals(document: dict) -> Iterator[tuple[Path, Any]]:
    """The intervals of weekly hours and of exceptions (``closed`` is none)."""
    yield from _intervals(document)
    for path, (_, ranges) in _exceptions(document):
        if not is_closed(ranges):
            for text in interval_texts(ranges):
                yield path, text


def _holidays(document: dict) -> Iterator[tuple[Path, Any]]:
    for path, raw in _calendars(document):
        if "holidays" in raw:
            yield path + ("holidays",), raw["holidays"]


def _holiday_dates(document: dict) -> Iterator[tuple[Path, Any]]:
    for path, raw in _holidays(document):
        for key in ("add", "remove"):
            for index, text in enumerate(raw.get(key, [])):
                yield path + (key, index), (key, text)


def _closed_dates(document: dict) -> Iterator[tuple[Path, Any]]:
    for path, raw in _calendars(document):
        for index, text in enumerate(raw.get("closed", [])):
            yield path + ("closed", index), text


def _severities(document: dict) -> Iterator[tuple[Path, Any]]:
    for index, raw in enumerate(document["severities"]):
        yield ("severities", index), raw


def _plans(document: dict) -> Iterator[tuple[Path, Any]]:
    for index, raw in enumerate(document.get("plans", [])):
        yield ("plans", index), raw


def _targets(document: dict) -> Iterator[tuple[Path, Any]]:
    """Every target as ``(name, raw, in_plan, plan calendar)``."""
    for path, raw in _severities(document):
        for name, target in raw.get("targets", {}).items():
            yield path + ("targets", name), (name, target, False, None)
    for path, raw in _plans(document):
        for severity_id, targets in raw.get("targets", {}).items():
            for name, target in targets.items():
                yield path + ("targets", severity_id, name), (name, target, True, raw.get("calendar"))


def _elapsed_durations(document: dict) -> Iterator[tuple[Path, Any]]:
    """Lengths that are elapsed time: a communication's ``after`` and ``until``."""
    for path, item in _communications(document):
        for key in ("after", "until"):
            if key in item:
                yield path + (key,), (key, item[key])


def _durations(document: dict) -> Iterator[tuple[Path, Any]]:
    for path, (_, target, _, _) in _targets(document):
        for key in ("exact", "max", "min"):
            if key in target:
                yield path + (key,), (key, target[key])
    for path, item in _communications(document):
        for key in ("after", "every", "until"):
            if key in item:
                yield path + (key,), (key, item[key])


def _communications(document: dict) -> Iterator[tuple[Path, Any]]:
    for index, item in enumerate(document.get("communications", [])):
        yield ("communications", index), item
    for path, raw in _severities(document):
        for index, item in enumerate(raw.get("communications", [])):
            yield path + ("communications", index), item


def _matches(document: dict) -> Iterator[tuple[Path, Any]]:
    for path, raw in _severities(document):
        for index, rule in enumerate(raw.get("rules", [])):
            yield path + ("rules", index), rule
    for index, note in enumerate(document.get("notes", [])):
        for position, rule in enumerate(note.get("when", [])):
            yield ("notes", index, "when", position), rule
    for index, rule in enumerate(document.get("facts_from_text", [])):
        yield ("facts_from_text", index), rule


def _decision_rows(document: dict) -> Iterator[tuple[Path, Any]]:
    for index, row in enumerate(document.get("classification", {}).get("table", [])):
        yield ("classification", "table", index), row


def _severity_texts(document: dict) -> Iterator[tuple[Path, Any]]:
    """The names of a severity written as free text, its label and aliases, as ``(what, severity, text)``
    (ids are lowercase ASCII by the spec's pattern)."""
    for path, raw in _severities(document):
        yield path + ("label",), (f"label {raw['label']!r}", raw["id"], raw["label"])
        for index, alias in enumerate(raw.get("aliases", [])):
            yield path + ("aliases", index), (f"alias {alias!r}", raw["id"], alias)


def _notes(document: dict) -> Iterator[tuple[Path, Any]]:
    for index, note in enumerate(document.get("notes", [])):
        yield ("notes", index), note


# -- what rules check ----------------------------------------------------------------------------


def _zone_offset_out_of_range(text: str, _: dict) -> Iterator[Fields]:
    try:
        fixed_offset(text)
    except ValueError:
        yield {"value": text}


def _zone_unknown(text: str, _: dict) -> Iterator[Fields]:
    try:
        fixed_offset(text)
    except ValueError:
        return  # out of range: its own rule
    if not zone_known(text):
        yield {"value": text}


def _backwards_day_range(entry: tuple, _: dict) -> Iterator[Fields]:
    key, _ = entry
    if day_range(key) is None:
        yield {"key": key}


def _day_listed_twice(calendar: dict, _: dict) -> Iterator[Fields]:
    seen: dict[int, str] = {}
    for key in calendar["hours"]:
        for day in day_range(key) or ():
            if day in seen:
                yield {"at": ("hours", key), "day": WEEKDAYS[day], "first": seen[day], "key": key}
            else:
                seen[day] = key


def _bad_interval_format(text: str, _: dict) -> Iterator[Fields]:
    if not RANGE.match(text):
        yield {"text": text}


def _interval_parts(text: str) -> tuple[int, int, int, int] | None:
    match = RANGE.match(text)
    return None if match is None else tuple(int(g) for g in match.groups())  # type: ignore[return-value]


def _bad_clock_time(text: str, _: dict) -> Iterator[Fields]:
    parts = _interval_parts(text)
    if parts is not None:
        h1, m1, h2, m2 = parts
        if m1 > 59 or m2 > 59 or h1 * 60 + m1 > 1440 or h2 * 60 + m2 > 1440:
            yield {"text": text}


def _starts_at_midnight_end(text: str, _: dict) -> Iterator[Fields]:
    parts = _interval_parts(text)
    if parts is not None and parts[0] * 60 + parts[1] == 1440 and parts[2] * 60 + parts[3] <= 1440 and parts[3] <= 59:
        yield {"text": text}


def _interval_empty(text: str, _: dict) -> Iterator[Fields]:
    """An end before the start runs past midnight (issue 17); an end equal to it is nothing."""
    parts = _interval_parts(text)
    if parts is None or parts[1] > 59 or parts[3] > 59:
        return
    start, end = parts[0] * 60 + parts[1], parts[2] * 60 + parts[3]
    if start < 1440 and end == start:
        yield {"text": text}


def _week(calendar: dict) -> list[list[tuple[int, int, str]]]:
    """Each weekday's intervals ``(start, end, key)`` from the first key naming it."""
    week: list[list[tuple[int, int, str]]] = [[] for _ in range(7)]
    seen: set[int] = set()
    for key, ranges in calendar["hours"].items():
        days = [d for d in day_range(key) or () if d not in seen]
        seen.update(days)
        intervals = [i for i in map(parse_interval, interval_texts(ranges)) if i is not None]
        for day in days:
            week[day].extend((start, end, key) for start, end in intervals)
    return week


def _overlaps(named: list[tuple[str, list[tuple[int, int, str]]]]) -> Iterator[Fields]:
    """Intervals of one day that overlap, one problem per pair naming every day it happens on."""
    overlaps: dict[tuple, list[str]] = {}
    for day, intervals in named:
        intervals = sorted(intervals)
        for (s1, e1, _), (s2, e2, key) in zip(intervals, intervals[1:]):
            if s2 < e1:
                overlaps.setdefault((key, s1, e1, s2, e2), []).append(day)
    for (key, s1, e1, s2, e2), days in overlaps.items():
        yield {"at": key, "first": f"{hhmm(s1)}-{hhmm(e1)}", "second": f"{hhmm(s2)}-{hhmm(e2)}",
               "days": ", ".join(days)}


def _overlapping_hours(calendar: dict, _: dict) -> Iterator[Fields]:
    week = [(WEEKDAYS[day], [(s, e, ("hours", key)) for s, e, key in intervals])
            for day, intervals in enumerate(_week(calendar))]
    dated = [(str(key), [(s, e, ("exceptions", key)) for s, e in day_intervals(ranges, merge=False)])
             for key, ranges in calendar.get("exceptions", {}).items()]
    yield from _overlaps(week + dated)  # type: ignore[arg-type]


def _night_into_next_day(calendar: dict, _: dict) -> Iterator[Fields]:
    """A night interval must end before the next day's hours start (weekly, or a dated exception's)."""
    week = _week(calendar)
    days = [sorted((s, e) for s, e, _ in intervals) for intervals in week]
    keys = [next((key for _, _, key in intervals), None) for intervals in week]
    found: dict[tuple, list[str]] = {}
    for day in range(7):
        night, following = days[day][-1:], days[(day + 1) % 7][:1]
        if night and following and night[0][1] - 1440 > following[0][0]:
            found.setdefault((("hours", keys[day]), night[0], following[0]), []).append(WEEKDAYS[day])
    exceptions: dict[date, tuple[Any, list[tuple[int, int]]]] = {}
    for key, ranges in calendar.get("exceptions", {}).items():
        if (day_of := _date_of(key)) is not None:
            exceptions[day_of] = (key, day_intervals(ranges))

    def hours_of(day: date) -> list[tuple[int, int]]:
        return exceptions[day][1] if day in exceptions else days[day.weekday()]

    for dated, (key, _own) in sorted(exceptions.items()):
        if not date.min < dated < date.max:
            continue
        for before, after in ((dated - ONE_DAY, dated), (dated, dated + ONE_DAY)):
            night, following = hours_of(before)[-1:], hours_of(after)[:1]
            if night and following and night[0][1] - 1440 > following[0][0]:
                found.setdefault((("exceptions", key), night[0], following[0]), []).append(before.isoformat())
    for (at, (start, end), (opens, closes)), named in found.items():
        yield {"at": at, "night": f"{hhmm(start)}-{hhmm(end)}", "days": ", ".join(dict.fromkeys(named)),
               "next": f"{hhmm(opens)}-{hhmm(closes)}"}


def _date_of(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def _bad_exception_date(entry: tuple, _: dict) -> Iterator[Fields]:
    key, _ = entry
    if _date_of(key) is None:
        yield {"text": key}


def _bad_exception_hours(entry: tuple, _: dict) -> Iterator[Fields]:
    _, ranges = entry
    if not is_closed(ranges):
        for text in interval_texts(ranges):
            if not RANGE.match(text):
                yield {"text": text}


def _unknown_holiday_country(raw: dict, _: dict) -> Iterator[Fields]:
    from slactl.businesstime.holidays import holiday_subdivisions

    if "country" in raw and holiday_subdivisions(raw["country"]) is None:
        yield {"at": ("country",), "country": raw["country"]}


def _unknown_subdivision(raw: dict, _: dict) -> Iterator[Fields]:
    from slactl.businesstime.holidays import holiday_subdivisions

    subdivisions = holiday_subdivisions(raw["country"]) if "country" in raw else None
    subdivision = raw.get("subdivision")
    if subdivisions is not None and subdivision is not None and subdivision not in subdivisions:
        yield {"at": ("subdivision",), "subdivision": subdivision, "country": raw["country"],
               "choices": ", ".join(subdivisions)}


def _subdivision_without_country(raw: dict, _: dict) -> Iterator[Fields]:
    if "subdivision" in raw and "country" not in raw:
        yield {"at": ("subdivision",)}


def _holidays_empty(raw: dict, _: dict) -> Iterator[Fields]:
    if not raw:
        yield {}


def _remove_from_nothing(raw: dict, _: dict) -> Iterator[Fields]:
    if raw.get("remove") and "country" not in raw and "ics" not in raw:
        yield {"at": ("remove",)}


def _added_and_removed(raw: dict, _: dict) -> Iterator[Fields]:
    added = {_date_of(text) for text in raw.get("add", [])} - {None}
    for index, text in enumerate(raw.get("remove", [])):
        if _date_of(text) in added:
            yield {"at": ("remove", index), "date": str(text)}


def _bad_holiday_date(item: tuple, _: dict) -> Iterator[Fields]:
    key, text = item
    if _date_of(text) is None:
        yield {"text": text, "key": key}


def _not_a_date(text: Any, _: dict) -> Iterator[Fields]:
    try:
        date.fromisoformat(str(text))
    except ValueError:
        yield {"text": text}


def _zero_duration(item: tuple, _: dict) -> Iterator[Fields]:
    key, text = item
    duration = duration_of(text)
    if duration is not None and duration.is_zero:
        yield {"key": key, "text": text}


def _end_of_day_elapsed(item: tuple, _: dict) -> Iterator[Fields]:
    key, text = item
    duration = duration_of(text)
    if duration is not None and duration.end_of_day:
        yield {"key": key, "text": text}


def _duration_unreadable(item: tuple, _: dict) -> Iterator[Fields]:
    """What the spec's pattern lets through but ``Duration`` refuses: a unit twice, too long."""
    key, text = item
    try:
        Duration.parse(text)
    except ValueError as error:
        yield {"key": key, "reason": str(error)}


def _limits(target: dict) -> set[str]:
    return {k for k in ("exact", "max", "min", "none") if k in target}


def _target_without_limits(item: tuple, _: dict) -> Iterator[Fields]:
    name, target, _, _ = item
    if not _limits(target):
        yield {"name": name}


def _target_mixes_limits(item: tuple, _: dict) -> Iterator[Fields]:
    name, target, _, _ = item
    keys = _limits(target)
    if len(keys) > 1 and ("none" in keys or "exact" in keys):
        yield {"name": name, "keys": ", ".join(sorted(keys))}


def _timed(target: dict) -> bool:
    """A target whose limits are well formed and that commits to a time."""
    keys = _limits(target)
    well_formed = keys and not (len(keys) > 1 and ("none" in keys or "exact" in keys))
    return bool(well_formed) and "none" not in keys


def _target_without_calendar(item: tuple, document: dict) -> Iterator[Fields]:
    name, target, in_plan, _ = item
    if _timed(target) and "calendar" not in target and not in_plan:
        yield {"name": name, "choices": ", ".join(document.get("calendars", {})) or "none declared"}


def _target_unknown_calendar(item: tuple, document: dict) -> Iterator[Fields]:
    name, target, _, _ = item
    calendar = target.get("calendar")
    known = document.get("calendars", {})
    if _timed(target) and calendar is not None and calendar not in known and calendar not in (ALWAYS, "plan"):
        yield {"at": ("calendar",), "calendar": calendar, "choices": ", ".join([ALWAYS, *known])}


def _calendar_never_open(item: tuple, document: dict) -> Iterator[Fields]:
    name, target, _, _ = item
    raw = document.get("calendars", {}).get(target.get("calendar"))
    if not _timed(target) or raw is None:
        return
    texts = [text for ranges in raw["hours"].values() for text in interval_texts(ranges)]
    intervals = [parse_interval(text) for text in texts]
    if all(i is not None for i in intervals) and all(day_range(k) for k in raw["hours"]) and not intervals:
        yield {"at": ("calendar",), "calendar": target["calendar"], "name": name}


def _range_inverted(item: tuple, _: dict) -> Iterator[Fields]:
    name, target, _, _ = item
    if "min" in target and "max" in target and _timed(target):
        low, high = duration_of(target["min"]), duration_of(target["max"])
        if not low or not high or low.is_zero or high.is_zero or low.end_of_day != high.end_of_day:
            return  # end-of-day and a length are not comparable without a start
        if (low.days > high.days if low.end_of_day else (low.days == 0) == (high.days == 0) and low > high):
            yield {"name": name, "low": low, "high": high}


def _warn_outside_target(item: tuple, _: dict) -> Iterator[Fields]:
    name, target, _, _ = item
    if "warn" not in target:
        return
    text = target["warn"].strip()
    if text.endswith("%") and not 0 < int(text[:-1]) <= 100:
        yield {"at": ("warn",), "name": name, "text": target["warn"], "reason": "a share runs above 0% up to 100%"}
        return
    zero = not text.endswith("%") and _is_zero_length(text)
    if not zero:
        try:
            Warn.parse(text)
        except ValueError:
            yield {"at": ("warn",), "name": name, "text": target["warn"], "reason": "it is not a share or a length"}
            return
    if not _timed(target) or "max" not in target and "exact" not in target:
        yield {"at": ("warn",), "name": name, "text": target["warn"], "reason": "the target has no due time to warn before"}
    elif zero:
        yield {"at": ("warn",), "name": name, "text": target["warn"], "reason": "a warning 0 before the due time is the breach itself"}


def _is_zero_length(text: str) -> bool:
    try:
        return Duration.parse(text).is_zero
    except ValueError:
        return False


def _rule_without_match(rule: dict, _: dict) -> Iterator[Fields]:
    if "phrases" not in rule and "facts" not in rule:
        yield {}


def _phrase_without_letters(rule: dict, _: dict) -> Iterator[Fields]:
    for index, phrase in enumerate(rule.get("phrases", [])):
        if not fold(phrase):
            yield {"at": ("phrases", index), "phrase": phrase}


def _recurring_with_moment(item: dict, _: dict) -> Iterator[Fields]:
    clash = [key for key in ("when", "after", "until") if key in item]
    if "every" in item and clash:
        yield {"at": (clash[0],), "key": clash[0]}


def _cadence_unknown_calendar(item: dict, document: dict) -> Iterator[Fields]:
    calendar, known = item.get("calendar"), document.get("calendars", {})
    if calendar is not None and calendar != ALWAYS and calendar not in known:
        yield {"at": ("calendar",), "calendar": calendar, "choices": ", ".join([ALWAYS, *known])}


def _calendar_without_cadence(item: dict, _: dict) -> Iterator[Fields]:
    if "calendar" in item and "every" not in item:
        yield {"at": ("calendar",)}


def _unknown_default_severity(document: dict, _: dict) -> Iterator[Fields]:
    default = document.get("default_severity")
    names = {fold(name) for raw in document["severities"] for name in _severity_names(raw)}
    if default is not None and fold(default) not in names:
        yield {"at": ("default_severity",), "default": default,
               "choices": ", ".join(raw["id"] for raw in document["severities"])}


def _plan_calendar_without_plans(document: dict, _: dict) -> Iterator[Fields]:
    uses_plan = any(t.get("calendar") == "plan" for raw in document["severities"] for t in raw.get("targets", {}).values())
    if uses_plan and not document.get("plans"):
        yield {"at": ("severities",)}


def _severity_names(raw: dict) -> list[str]:
    return [raw["id"], raw["label"], *raw.get("aliases", [])]


def _duplicate_severity_id(document: dict, _: dict) -> Iterator[Fields]:
    first: dict[str, int] = {}
    for index, raw in enumerate(document["severities"]):
        if raw["id"] in first:
            yield {"at": ("severities", index, "id"), "id": raw["id"], "line_of": ("severities", first[raw["id"]], "id")}
        first.setdefault(raw["id"], index)


def _name_taken(document: dict, _: dict) -> Iterator[Fields]:
    owners: dict[str, str] = {}
    for index, raw in enumerate(document["severities"]):
        origins: dict[str, tuple[Path, str]] = {}  # a folded name -> where it first comes from: id, an alias, the label
        named = [(("id",), f"id {raw['id']!r}", raw["id"]),
                 *((("aliases", i), f"alias {alias!r}", alias) for i, alias in enumerate(raw.get("aliases", []))),
                 (("label",), f"label {raw['label']!r}", raw["label"])]
        for where, what, name in named:
            origins.setdefault(fold(name), (where, what))
        for name in sorted(origins):
            if name in owners and owners[name] != raw["id"]:
                where, what = origins[name]
                yield {"at": ("severities", index, *where), "what": what, "severity": raw["id"], "owner": owners[name]}
            owners.setdefault(name, raw["id"])


def _invisible_character(item: tuple, _: dict) -> Iterator[Fields]:
    what, severity, text = item
    found = invisible(text)
    if found is not None:
        yield {"what": what, "severity": severity, "character": described(found[1]), "position": found[0] + 1}


def _mixed_scripts(item: tuple, _: dict) -> Iterator[Fields]:
    what, severity, text = item
    found = foreign_letter(text)
    if found is not None:
        letter, script, main = found
        yield {"what": what, "severity": severity, "character": described(letter), "script": script.capitalize(),
               "main": main.capitalize()}


def _duplicate_plan_id(document: dict, _: dict) -> Iterator[Fields]:
    seen: set[str] = set()
    for index, raw in enumerate(document.get("plans", [])):
        if raw["id"] in seen:
            yield {"at": ("plans", index, "id"), "id": raw["id"]}
        seen.add(raw["id"])


def _plan_unknown_calendar(plan: dict, document: dict) -> Iterator[Fields]:
    calendar, known = plan.get("calendar"), document.get("calendars", {})
    if calendar is not None and calendar != ALWAYS and calendar not in known:
        yield {"at": ("calendar",), "calendar": calendar, "choices": ", ".join([ALWAYS, *known])}


def _plan_unknown_severity(plan: dict, document: dict) -> Iterator[Fields]:
    ids = {raw["id"] for raw in document["severities"]}
    for severity_id in plan.get("targets", {}):
        if severity_id not in ids:
            yield {"at": ("targets", severity_id), "severity": severity_id, "choices": ", ".join(sorted(ids))}


def _plan_targets_without_calendar(plan: dict, document: dict) -> Iterator[Fields]:
    ids = {raw["id"] for raw in document["severities"]}
    if plan.get("calendar") is not None:
        return
    for severity_id, targets in plan.get("targets", {}).items():
        if severity_id in ids and any(_timed(t) and t.get("calendar", "plan") == "plan" for t in targets.values()):
            yield {"at": ("targets", severity_id), "plan": plan["id"]}


def _two_default_plans(document: dict, _: dict) -> Iterator[Fields]:
    defaults = [(index, raw["id"]) for index, raw in enumerate(document.get("plans", [])) if raw.get("default")]
    for index, plan_id in defaults[1:]:
        yield {"at": ("plans", index, "default"), "plan": plan_id, "first": defaults[0][1]}


def _note_unknown_severity(note: dict, document: dict) -> Iterator[Fields]:
    ids = {raw["id"] for raw in document["severities"]}
    for severity_id in note.get("severities", []):
        if severity_id not in ids:
            yield {"at": ("severities",), "severity": severity_id, "choices": ", ".join(sorted(ids))}


def _row_unknown_severity(row: dict, document: dict) -> Iterator[Fields]:
    ids = [raw["id"] for raw in document["severities"]]
    if row["severity"] not in ids:
        yield {"at": ("severity",), "severity": row["severity"], "choices": ", ".join(ids)}


def _row_without_condition(row: dict, _: dict) -> Iterator[Fields]:
    if not any(key in row for key in ("concepts", *READ_FACTS)):
        yield {}


def _row_accepts_required_unknown(row: dict, document: dict) -> Iterator[Fields]:
    for fact in document["classification"].get("requires", []):
        if UNKNOWN in row.get(fact, []):
            yield {"at": (fact,), "fact": fact}


def _required_fact_untested(classification: dict, _: dict) -> Iterator[Fields]:
    rows = classification["table"]
    for index, fact in enumerate(classification.get("requires", [])):
        if not any(fact in row for row in rows):
            yield {"at": ("requires", index), "fact": fact}


def _bad_money(key: str) -> Callable[[Any, dict], Iterator[Fields]]:
    def broken(pricing: dict, _: dict) -> Iterator[Fields]:
        if pricing.get(key) is not None and money_of(pricing[key]) is None:
            yield {"at": (key,), "key": key, "value": pricing[key]}
    return broken


def _guarantee_out_of_order(pricing: dict, _: dict) -> Iterator[Fields]:
    g = pricing["guarantee_hours"]
    if not g["min"] <= g["default"] <= g["max"]:
        yield {"at": ("guarantee_hours",), "min": g["min"], "default": g["default"], "max": g["max"]}


_AMOUNT = "{key!r} must be a non-negative amount such as \"35.00\", got {value!r}"

RULES: tuple[Rule, ...] = (
    Rule("zone-offset-range", "time zone offset {value!r} is out of range (at most 14:00)", _key("timezone"),
         _zone_offset_out_of_range),
    Rule("zone-known", "unknown time zone {value!r} (use an IANA name such as America/Bogota or an offset such as -05:00)",
         _key("timezone"), _zone_unknown),
    Rule("day-range-order", "day range {key!r} runs backwards (write mon-fri)", _hours_entries, _backwards_day_range),
    Rule("day-once", "{day} is listed twice (in {first!r} and {key!r})", _calendars, _day_listed_twice),
    Rule("hours-format", "bad opening hours {text!r} (write 08:00-19:00)", _intervals, _bad_interval_format),
    Rule("exception-date", "exception date {text!r} is not a date (write 2026-12-24)", _exceptions,
         _bad_exception_date),
    Rule("exception-hours", "bad exception {text!r} (write hours such as 09:00-13:00, or closed)", _exceptions,
         _bad_exception_hours),
    Rule("hours-clock", "bad time in {text!r}: hours run 00:00 to 24:00", _all_intervals, _bad_clock_time),
    Rule("hours-start-24", "{text!r} starts at 24:00; write the next day from 00:00", _all_intervals,
         _starts_at_midnight_end),
    # An end before the start is a night (issue 17): only an interval of no length is left to refuse.
    Rule("hours-order", "opening hours {text!r} end before they start (an interval ending at midnight is written 24:00)",
         _all_intervals, _interval_empty),
    Rule("hours-overlap", "opening hours {first} and {second} overlap on {days}", _calendars, _overlapping_hours),
    Rule("hours-night", "opening hours {night} on {days} run past midnight into the next day's {next}", _calendars,
         _night_into_next_day),
    Rule("holidays-empty", "'holidays' is empty: give a country, an ics file or dates to add", _holidays,
         _holidays_empty),
    Rule("holiday-country", "unknown holiday country {country!r} (use an ISO 3166 code the holidays library supports, "
                            "e.g. CO, MX, ES)", _holidays, _unknown_holiday_country),
    Rule("holiday-subdivision", "unknown subdivision {subdivision!r} of {country} (choose from: {choices})",
         _holidays, _unknown_subdivision),
    Rule("holiday-subdivision-country", "'subdivision' needs a 'country'", _holidays, _subdivision_without_country),
    Rule("holiday-date", "holiday date {text!r} in {key!r} is not a date (write 2026-12-24)", _holiday_dates,
         _bad_holiday_date),
    Rule("holiday-remove-source", "'remove' needs holidays to remove from: a country or an ics file", _holidays,
         _remove_from_nothing),
    Rule("holiday-add-remove", "{date} is both added to and removed from the holidays", _holidays,
         _added_and_removed),
    Rule("closed-date", "closed date {text!r} is not a date (write 2026-12-24)", _closed_dates, _not_a_date),
    Rule("duration-positive", "{key!r} must be longer than zero, got {text!r}", _durations, _zero_duration),
    Rule("duration-elapsed", "{key!r} is elapsed time and cannot be {text!r} (end-of-day is for targets and 'every')",
         _elapsed_durations, _end_of_day_elapsed),
    Rule("duration-readable", "{key!r}: {reason}", _durations, _duration_unreadable),
    Rule("target-limits", "target {name!r} needs one of max, min, min + max, exact, or none: true", _targets,
         _target_without_limits),
    Rule("target-mixed", "target {name!r} mixes {keys}; use exact alone, none alone, or min/max", _targets,
         _target_mixes_limits),
    Rule("target-calendar", "target {name!r} needs a calendar (24x7, plan or one of: {choices})", _targets,
         _target_without_calendar),
    Rule("target-calendar-known", "unknown calendar {calendar!r} (choose from: {choices})", _targets,
         _target_unknown_calendar),
    Rule("target-calendar-open", "calendar {calendar!r} has no weekly opening hours, so target {name!r} could not be due "
                                 "after its last exception date; give hours for days of the week",
         _targets, _calendar_never_open),
    Rule("target-range-order", "range of {name!r} has min {low} greater than max {high}", _targets, _range_inverted),
    Rule("target-warn", "warning {text!r} of target {name!r} cannot apply: {reason}", _targets, _warn_outside_target),
    Rule("match-something", "a rule needs phrases, facts or both", _matches, _rule_without_match),
    Rule("phrase-letters", "phrase {phrase!r} must contain letters or digits", _matches, _phrase_without_letters),
    Rule("recurring-alone", "a recurring communication (every) cannot also have {key!r}; drop it or drop 'every'",
         _communications, _recurring_with_moment),
    Rule("cadence-calendar-known", "unknown calendar {calendar!r} (choose from: {choices})", _communications,
         _cadence_unknown_calendar),
    Rule("cadence-calendar-alone", "'calendar' counts the time of 'every'; a communication without 'every' cannot have "
                                   "one", _communications, _calendar_without_cadence),
    Rule("default-severity", "default severity {default!r} is not a severity (choose from: {choices})", _root,
         _unknown_default_severity),
    Rule("plan-calendar-plans", "a target counts on the plan's calendar but the policy has no plans", _root,
         _plan_calendar_without_plans),
    Rule("severity-id-once", "duplicate severity id {id!r} (also at line {line})", _root, _duplicate_severity_id),
    Rule("severity-names-once", "{what} of severity {severity!r} is already a name of severity {owner!r}", _root,
         _name_taken),
    Rule("name-visible", "{what} of severity {severity!r} has an invisible character {character} at position "
                         "{position}: a name that looks like another; delete it", _severity_texts, _invisible_character),
    Rule("name-one-script", "{what} of severity {severity!r} mixes scripts: {character} is {script} among {main} "
                            "letters, a look-alike; write the name in one script", _severity_texts, _mixed_scripts),
    Rule("plan-id-once", "duplicate plan id {id!r}", _root, _duplicate_plan_id),
    Rule("plan-calendar-known", "unknown calendar {calendar!r} (choose from: {choices})", _plans, _plan_unknown_calendar),
    Rule("plan-severity-known", "unknown severity {severity!r} (choose from: {choices})", _plans, _plan_unknown_severity),
    Rule("plan-calendar-needed", "plan {plan!r} has targets on the plan's calendar but no calendar", _plans,
         _plan_targets_without_calendar),
    Rule("plan-default-once", "plan {plan!r} is marked default, but so is plan {first!r}; only one plan can be the "
                              "default", _root, _two_default_plans),
    Rule("note-severity-known", "unknown severity {severity!r} (choose from: {choices})", _notes, _note_unknown_severity),
    Rule("decision-severity", "decision row gives {severity!r}, which is not a severity id (choose from: {choices})",
         _decision_rows, _row_unknown_severity),
    Rule("decision-condition", "a decision row needs concepts, facts or both", _decision_rows, _row_without_condition),
    Rule("decision-required-unknown", "the table requires {fact}, so a row cannot accept {fact} 'unknown'",
         _decision_rows, _row_accepts_required_unknown),
    Rule("decision-required-tested", "the table requires {fact!r}, but no row tests it", _key("classification"),
         _required_fact_untested),
    Rule("express-rate", _AMOUNT, _key("pricing"), _bad_money("express_rate")),
    Rule("on-demand-rate", _AMOUNT, _key("pricing"), _bad_money("on_demand_rate")),
    Rule("evaluation-cost", _AMOUNT, _key("pricing"), _bad_money("evaluation_cost")),
    Rule("guarantee-order", "guarantee hours need min <= default <= max, got {min}, {default}, {max}", _key("pricing"),
         _guarantee_out_of_order),
)
"""Every semantic rule, in the order its problems are reported for one line."""


def problems(document: dict, line: Callable[[Path], int]) -> list[tuple[Path, str]]:
    """Every problem of a structurally valid ``document``, ordered by ``line(path)`` and then by
    rule: ``[(path, message), ...]``; empty when it can be built."""
    found = [(path, message, order) for order, rule in enumerate(RULES) for path, message in rule.check(document, line)]
    found.sort(key=lambda item: (line(item[0]), item[2]))
    return [(path, message) for path, message, _ in found]
