"""The policy file format (version 1) as a JSON Schema (draft 2020-12).

One source of truth: the loader checks structure against this document (unknown keys, types,
required keys, enums, patterns) and ``slactl schema`` prints it for editors. Semantic rules
(durations, hours, zones, references) live in ``rules``.
"""

from __future__ import annotations

from typing import Any

FORMAT_VERSION = 1

DURATION = r"^\s*(([0-9]+\s*[dhms]\s*)+|end-of-day(\+[0-9]+d)?\s*)$"
DAY_TIME_RANGE = r"^[0-9]{1,2}:[0-9]{2}\s*-\s*[0-9]{1,2}:[0-9]{2}$"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FLAG = r"^[a-z][a-z0-9_]*$"
WARN = r"^\s*([0-9]{1,3}\s*%|([0-9]+\s*[dhms]\s*)+)$"
DAY_KEY = r"^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$"
ID = r"^[a-z0-9][a-z0-9-]*$"
TARGET_NAMES = ("evaluation", "response", "mitigation", "resolution", "follow-up")
CHANNELS = ("status-page", "bulletin", "notification", "post-mortem", "follow-up", "report", "ticket")
ENVS = ("production", "non-production")
IMPACTS = ("total", "partial", "degraded", "minor")
PRIVACY = ("materialized", "vulnerability")
CONCEPTS = (
    "service-down", "degraded", "intermittent", "mail-failure", "database-unreachable", "dns-failure",
    "function-failure", "work-blocked", "denial-of-service", "attack", "data-exposure", "security-finding",
    "spam-flood", "spam-filter", "mail-setup", "config-change", "new-feature", "question", "documentation-error",
)
"""The concepts of the shared lexicon (``slactl/sla/lexicon.yaml``) a decision row may name."""
UNKNOWN = "unknown"
READ_FACTS = {
    "env": ENVS,
    "scope": ("everything", "part", "function"),
    "cause": ("client", "provider", "third-party"),
    "exposure": ("materialized", "potential"),
}
"""The facts classify reads from the text (or takes from flags), and their values; ``unknown``
when nothing speaks to one."""

_text = {"type": "string", "minLength": 1}
_source = {"type": "string", "description": "The seed sentence this value comes from, quoted."}
_assumption = {
    "type": "string",
    "description": "Why a value the source document does not state was assumed.",
}
_duration = {
    "type": "string",
    "pattern": DURATION,
    "description": "A length: 15m, 4h, 3d, 1h30m. Days are business days on a business calendar. "
                   "Targets and `every` also take end-of-day and end-of-day+Nd: the closing of the "
                   "business day the clock starts on, or of the N-th business day after it.",
}
_date = {"type": "string", "format": "date", "description": "An ISO date, 2026-12-24."}
_intervals = {
    "type": ["string", "array"],
    "items": {"type": "string", "pattern": DAY_TIME_RANGE},
    "description": "\"08:00-19:00\", \"09:00-13:00, 15:00-19:00\" or a list; 24:00 ends at midnight; an end "
                   "before the start (\"22:00-06:00\") runs past midnight and belongs to the day it starts on.",
}
AMOUNT = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
"""Money as text: ASCII digits, at most two decimals, below a trillion (Decimal arithmetic on
the amount then stays exact)."""

_money = {
    "type": ["string", "number"],
    "pattern": AMOUNT,
    "description": "An amount per hour, e.g. \"35.00\" (a string keeps it exact).",
}


def _object(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    schema.update(extra)
    return schema


_facts = _object(
    {
        "env": {"enum": list(ENVS), "description": "Environment affected."},
        "impact": {"enum": list(IMPACTS), "description": "How much of the service is affected."},
        "privacy": {"enum": list(PRIVACY), "description": "A data-privacy breach: materialized or a vulnerability."},
        "dos": {"type": "boolean", "description": "A denial-of-service attack."},
        "third_party": {"type": "boolean", "description": "The cause lies with a third party."},
    },
    description="Structured facts about an incident; all listed facts must hold.",
)

_match = _object(
    {
        "phrases": {
            "type": "array",
            "items": _text,
            "minItems": 1,
            "description": "Any one phrase found in the incident text (accent-, case- and inflection-tolerant).",
        },
        "facts": {"$ref": "#/$defs/facts"},
        "unless": {"$ref": "#/$defs/facts", "description": "The rule does not apply when these facts hold."},
        "label": _text,
    },
    description="A classification rule: the phrases (any) and the facts (all) that must both hold.",
)

_inference = _object(
    {
        "phrases": _match["properties"]["phrases"],
        "facts": {"$ref": "#/$defs/facts"},
        "label": _text,
    },
    required=("phrases", "facts"),
    description="Facts classify infers from the incident text: they hold when one of the phrases is found "
                "(not negated). Facts given on the command line win; conflicting inferences are dropped.",
)

_decision = _object(
    {
        "concepts": {
            "type": "array", "items": {"enum": list(CONCEPTS)}, "minItems": 1,
            "description": "The row holds when any of these concepts is read (every incident, when left out).",
        },
        **{
            fact: {
                "type": "array", "items": {"enum": [*values, UNKNOWN]}, "minItems": 1,
                "description": f"The row holds when the {fact} read is one of these ({UNKNOWN}: nothing says).",
            }
            for fact, values in READ_FACTS.items()
        },
        "severity": {"type": "string", "pattern": ID, "description": "The severity id this row gives."},
        "label": _text,
        "source": _source,
        "assumption": _assumption,
    },
    required=("severity", "source"),
    description="One row of a decision table: concepts (any) and read facts (all) that give a severity.",
)

_classification = _object(
    {
        "requires": {
            "type": "array", "items": {"enum": list(READ_FACTS)},
            "description": "Facts the table cannot decide without: when one is unknown, classify says so "
                           "and what each value would give, instead of a severity.",
        },
        "table": {"type": "array", "items": {"$ref": "#/$defs/decision"}, "minItems": 1,
                  "description": "Rows in any order; the most severe row that holds wins."},
    },
    required=("table",),
    description="How the shared lexicon's concepts and facts map to this provider's severities.",
)

_target = _object(
    {
        "max": {**_duration, "description": "Upper bound: due at most this long after the start (`< 30 días`)."},
        "min": {**_duration, "description": "Lower bound: not before (`> 5 días`); alone it commits no deadline."},
        "exact": {**_duration, "description": "Exactly this long after the start."},
        "none": {"const": True, "description": "The provider states there is no estimated time."},
        "note": _text,
        "calendar": {
            "type": "string",
            "description": "A calendar name, `24x7`, or `plan` for the plan's calendar. Defaults to the plan's calendar inside a plan.",
        },
        "from": {"enum": ["opened", "resolved"], "description": "What the clock counts from (default opened)."},
        "estimate": {"type": "boolean", "description": "The provider publishes this time as an estimate, not a "
                     "commitment: it is judged within-estimate or over-estimate, never breached, and left out of "
                     "compliance and --check."},
        "applies_unless": {"type": "array", "items": {"type": "string", "pattern": FLAG},
                           "description": "Flags that exclude the target for a ticket (e.g. third_party, misreported): "
                                          "its status is excluded, left out of compliance, credits and --check."},
        "services": {"type": "array", "items": {"type": "string", "pattern": ID},
                     "description": "The services the target applies to (a ticket's service field, e.g. shared-hosting); "
                                    "a ticket of another service has no such target."},
        "warn": {"type": "string", "pattern": WARN, "description": "When the target is at risk: a share of its length "
                 "(`75%`) or a time before it is due (`1h`, business time)."},
        "source": _source,
        "assumption": _assumption,
    },
    description="One target: exact, max, min, min+max (a range) or none.",
)

_targets = {
    "type": "object",
    "propertyNames": {"enum": list(TARGET_NAMES)},
    "additionalProperties": {"$ref": "#/$defs/target"},
    "description": "Targets by name: evaluation, response, mitigation, resolution, follow-up.",
}

_communication = _object(
    {
        "channel": {"enum": list(CHANNELS)},
        "what": _text,
        "when": {
            "enum": ["opened", "resolved", *TARGET_NAMES],
            "description": "The moment it is owed: the opening, the resolution or a target's due time.",
        },
        "after": {**_duration, "description": "Offset after `when` (elapsed time)."},
        "every": {**_duration, "description": "Recurring from the opening while unresolved: each occurrence this "
                                              "long after the one before (elapsed time, or business time of "
                                              "`calendar`); end-of-day recurs at each closing (midnight on 24x7)."},
        "calendar": {"type": "string", "description": "The calendar `every` counts on: a calendar name or `24x7` "
                                                      "(default: elapsed time, days ending at the policy's midnight)."},
        "until": {**_duration, "description": "A window: owed during this long after `when`."},
        "source": _source,
        "assumption": _assumption,
    },
    required=("channel", "what"),
    description="One communication owed: one-off (`when` + `after`) or recurring (`every`).",
)

_note = _object(
    {
        "text": _text,
        "source": _source,
        "severities": {"type": "array", "items": _text, "description": "Only for these severities."},
        "when": {"type": "array", "items": {"$ref": "#/$defs/match"}, "description": "Only when one of these matches."},
    },
    required=("text",),
)

_calendar = _object(
    {
        "label": _text,
        "hours": {
            "type": "object",
            "propertyNames": {"pattern": DAY_KEY},
            "additionalProperties": _intervals,
            "description": "Weekly opening hours by weekday or weekday range (mon-fri).",
        },
        "holidays": _object(
            {
                "country": {"type": "string", "pattern": r"^[A-Z]{2}$",
                            "description": "Public holidays of this country from the `holidays` library."},
                "subdivision": {"type": "string", "description": "The country's subdivision (ES + MD is Madrid)."},
                "add": {"type": "array", "items": _date, "description": "Holidays the list lacks (closed)."},
                "remove": {"type": "array", "items": _date,
                           "description": "Holidays of the list (country or ics) the provider works."},
                "ics": {**_text, "description": "An iCalendar file of holidays, relative to the policy file: "
                                                "all-day events close their dates, timed events their interval."},
            },
            description="Holidays (closed): a country's public holidays and an iCalendar file, adjusted.",
        ),
        "closed": {"type": "array", "items": _date, "description": "Extra closed dates."},
        "exceptions": {
            "type": "object",
            "additionalProperties": _intervals,
            "description": "Dates with hours of their own: ISO date -> hours (as in `hours`) or `closed`. "
                           "They replace the weekly hours and the holidays on that date.",
        },
        "source": _source,
        "assumption": _assumption,
    },
    required=("hours",),
)

_plan = _object(
    {
        "id": {"type": "string", "pattern": ID},
        "label": _text,
        "default": {"type": "boolean"},
        "calendar": {"type": "string"},
        "contacts": {"type": ["integer", "null"], "minimum": 0},
        "tickets_per_year": {"type": ["integer", "null"], "minimum": 0},
        "channels": {"type": "array", "items": _text},
        "targets": {
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/targets"},
            "description": "Targets by severity id for this plan.",
        },
        "source": _source,
        "assumption": _assumption,
    },
    required=("id",),
)

_severity = _object(
    {
        "id": {"type": "string", "pattern": ID},
        "label": _text,
        "aliases": {"type": "array", "items": _text},
        "description": _text,
        "rules": {"type": "array", "items": {"$ref": "#/$defs/match"}},
        "targets": {"$ref": "#/$defs/targets"},
        "protocol": {"type": "array", "items": _text},
        "communications": {"type": "array", "items": {"$ref": "#/$defs/communication"}},
        "source": _source,
        "assumption": _assumption,
    },
    required=("id", "label"),
)

_pricing = _object(
    {
        "currency": {"type": "string", "pattern": r"^[A-Z]{3}$"},
        "express_rate": _money,
        "express_rate_source": _source,
        "on_demand_rate": {**_money, "type": ["string", "number", "null"]},
        "on_demand_rate_assumption": _assumption,
        "evaluation_cost": {**_money, "description": "What the technical evaluation costs, e.g. \"0.00\"."},
        "evaluation_cost_source": _source,
        "guarantee_hours": _object(
            {
                "min": {"type": "integer", "minimum": 0},
                "default": {"type": "integer", "minimum": 0},
                "max": {"type": "integer", "minimum": 0},
                "source": _source,
            },
            required=("min", "default", "max"),
        ),
        "invoices": {
            "type": "array",
            "items": _object({"id": {"enum": ["guarantee", "normalization", "mitigation"]}, "label": _text}, required=("id", "label")),
        },
        "source": _source,
    },
    required=("currency", "express_rate", "guarantee_hours"),
)

PERCENT = r"^[0-9]{1,3}(\.[0-9]{1,4})?%$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_percent = {"type": "string", "pattern": PERCENT, "description": "A percentage, e.g. \"5%\" or \"99.5%\"."}

CREDITS: dict[str, Any] = _object(
    {
        "tiers": {
            "type": "array",
            "items": _object({"below": {**_percent, "description": "The month's compliance is below this."},
                              "credit": {**_percent, "description": "Credit, as a share of the monthly fee."}},
                             required=("below", "credit")),
            "description": "The lowest tier whose threshold the month's compliance falls below applies.",
        },
        "per_breach": {**_percent, "description": "Credit per breached or missed target in the month."},
        "cap": {**_percent, "description": "The most a month's credit can be, as a share of the monthly fee."},
        "source": {"type": "string", "description": "The contract sentence the credits come from."},
        "assumption": {"type": "string", "description": "Why values the contract does not state were assumed."},
    },
    description="Service credits: a share of the monthly fee owed when the month's SLA compliance falls short.",
)


POLICY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://slactl.dev/schema/policy.schema.json",
    "title": "slactl policy",
    "description": "One support provider's published SLA policy, version 1.",
    **_object(
        {
            "slactl": {"const": FORMAT_VERSION, "description": "Format version."},
            "id": {"type": "string", "pattern": ID, "description": "Provider id used on the command line."},
            "name": _text,
            "source": {"type": "string", "description": "The source document's file name."},
            "timezone": {"type": "string", "description": "IANA zone (America/Bogota) or fixed offset (-05:00)."},
            "assumptions": {"type": "array", "items": _text},
            "calendars": {
                "type": "object",
                "propertyNames": {"pattern": ID, "not": {"const": "24x7"}},
                "additionalProperties": {"$ref": "#/$defs/calendar"},
                "description": "Named calendars; `24x7` is built in.",
            },
            "plans": {"type": "array", "items": {"$ref": "#/$defs/plan"}},
            "default_severity": {"type": "string", "description": "Used by classify when no rule matches."},
            "facts_from_text": {"type": "array", "items": {"$ref": "#/$defs/inference"},
                                "description": "Facts classify infers from the incident text (e.g. staging: env non-production)."},
            "classification": {"$ref": "#/$defs/classification"},
            "severities": {"type": "array", "items": {"$ref": "#/$defs/severity"}, "minItems": 1,
                           "description": "Most severe first."},
            "protocol": {"type": "array", "items": _text, "description": "Steps shared by every severity."},
            "communications": {
                "type": "array",
                "items": {"$ref": "#/$defs/communication"},
                "description": "Communications owed for every severity that lists none of its own.",
            },
            "notes": {"type": "array", "items": {"$ref": "#/$defs/note"}},
            "pricing": {"$ref": "#/$defs/pricing"},
            "pause_statuses": {"type": "array", "items": {"type": "string", "pattern": ID},
                               "description": "Ticket statuses that stop every clock while the ticket is in them "
                                              "(e.g. pending: waiting on the customer)."},
            "pause_statuses_source": _source,
            "pause_statuses_assumption": _assumption,
            "credits": {"$ref": "#/$defs/credits",
                        "description": "Service credits for every customer of the policy that defines none of its own."},
            "beyond_quota": {"type": "string", "minLength": 1,
                             "description": "What a customer over its plan's yearly ticket quota can do (slactl quota shows it)."},
            "beyond_quota_source": _source,
            "on_reopen": {"enum": ["resume", "restart"], "description": "What a reopened ticket's resolution clock "
                          "does: resume where it stopped (default) or restart from the reopening."},
        },
        required=("slactl", "id", "name", "timezone", "severities"),
    ),
    "$defs": {
        "facts": _facts,
        "match": _match,
        "inference": _inference,
        "decision": _decision,
        "classification": _classification,
        "target": _target,
        "targets": _targets,
        "communication": _communication,
        "note": _note,
        "calendar": _calendar,
        "plan": _plan,
        "severity": _severity,
        "pricing": _pricing,
        "credits": CREDITS,
    },
}

