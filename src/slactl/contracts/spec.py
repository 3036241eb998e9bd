"""The customers file format (version 1) as a JSON Schema (draft 2020-12): ``slactl schema --customers``.

Like ``policy.spec``, one source of truth: the loader checks structure against this document
and the semantic rules (``contracts.rules``) check the rest.
"""

from __future__ import annotations

from typing import Any

from slactl.policy.spec import AMOUNT, CREDITS, DATE, ID

FORMAT_VERSION = 1

_text = {"type": "string", "minLength": 1}


def _object(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    schema.update(extra)
    return schema


CUSTOMERS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://slactl.dev/schema/customers.schema.json",
    "title": "slactl customers",
    "description": "The customers of the active policies, version 1.",
    **_object(
        {
            "slactl": {"const": FORMAT_VERSION, "description": "Format version."},
            "customers": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {
                        "id": {"type": "string", "pattern": ID, "description": "Customer id used in ticket files."},
                        "name": _text,
                        "provider": {"type": "string", "description": "The provider id of its policy."},
                        "plan": {"type": "string", "description": "Its plan; default: the policy's default plan."},
                        "go_live": {"type": "string", "pattern": DATE, "description": "When its project went into production."},
                        "contract_start": {"type": "string", "pattern": DATE,
                                           "description": "Quota years run from this date (default: calendar years)."},
                        "contacts": {"type": "array", "items": _text,
                                     "description": "Who may report incidents (e-mail addresses or names)."},
                        "monthly_fee": {"type": "string", "pattern": AMOUNT, "description": "The fee credits apply to, e.g. \"1200.00\"."},
                        "currency": {"type": "string", "pattern": r"^[A-Z]{3}$"},
                        "credits": {"$ref": "#/$defs/credits"},
                    },
                    required=("id", "name", "provider"),
                ),
            },
        },
        required=("slactl", "customers"),
    ),
    "$defs": {"credits": CREDITS},
}
