"""Presets as a table, as their YAML, and as JSON (``slactl presets``)."""

from __future__ import annotations

from typing import Any

from slactl.render.output import console, plain, table
from slactl.tickets.presets import Form, Preset


def _form_text(form: Form) -> str:
    how = form.format or ("dayfirst" if form.dayfirst else "ISO 8601 / dateutil")
    return f"{form.name} ({form.mapping.rows}; times {how})"


def form_json(form: Form) -> dict[str, Any]:
    mapping = form.mapping
    columns: dict[str, Any] = {name: list(columns) for name, columns in mapping.columns.items()}
    columns.update({name: {"after": list(bases), "minutes": minutes} for name, (bases, minutes) in mapping.after.items()})
    return {"name": form.name, "rows": mapping.rows, "when": list(mapping.when), "columns": columns,
            "time": {"format": form.format, "dayfirst": form.dayfirst, "zone": form.zone_name}}


def preset_json(preset: Preset) -> dict[str, Any]:
    first = preset.forms[0].mapping
    return {"name": preset.name, "title": preset.title, "source": preset.source, "export": preset.export,
            "file": preset.file, "extra_levels": "least-severe" if preset.extra_levels else "error",
            "na": sorted(first.na), "priorities": dict(first.severities), "statuses": dict(first.statuses),
            "forms": [form_json(form) for form in preset.forms]}


def print_presets(presets: list[Preset]) -> None:
    grid = table("preset", "reads", "forms (rows; times)")
    for preset in presets:
        grid.add_row(preset.name, preset.title, "\n".join(_form_text(form) for form in preset.forms))
    out = console()
    out.print(grid)
    out.print("Use: slactl report FILE --preset NAME --provider ID; slactl presets show NAME prints one (docs/exports.md).")


def print_preset(preset: Preset) -> None:
    """The preset's YAML as written (a bundled one with its comments), as plain text."""
    import sys

    text = preset.text if preset.text.endswith("\n") else preset.text + "\n"
    sys.stdout.write(plain(text))
