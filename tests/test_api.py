"""The public Python API: the CLI's computations as plain functions over the same modules."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cli_helpers import run
from slactl import api
from slactl.errors import InputError, PolicyError

ROOT = Path(__file__).resolve().parents[1]
MEXICO = ZoneInfo("America/Mexico_City")
POLICIES = api.load_policies()


def test_the_documented_names_import_from_the_package():
    from slactl import classify, comms, due, load_policies, quote

    assert (load_policies, due) == (api.load_policies, api.due)
    assert all(callable(f) for f in (classify, comms, quote))


def test_import_slactl_does_not_load_the_api():
    code = "import sys, slactl; print(sorted(m for m in sys.modules if m.startswith('slactl')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['slactl', 'slactl.version']"


def test_the_package_names_are_the_api_functions():
    import slactl

    assert (slactl.classify, slactl.comms, slactl.quote) == (api.classify, api.comms, api.quote)
    assert slactl.classify("conecta", "caída total", policies=POLICIES).severity.id == "total-outage"


# Seed 002 (Ignus): "Alta | 1 hora | 1-3 Día | Horario oficina" and "lunes a viernes 8 - 19 hrs".
# Opened Friday 18:30: 30 min of Friday's office hours, the other 30 on Monday from 08:00.
IGNUS_HIGH = [
    pytest.param("alta", "2026-11-20T18:30", None, [("response", "2026-11-23T08:30-06:00", None)],
                 id="a Spanish alias and local text: high opened Friday 18:30 is due Monday 08:30"),
    pytest.param("high", datetime(2026, 11, 20, 18, 30), "2026-11-23T09:00",
                 [("response", "2026-11-23T08:30-06:00", "breached")],
                 id="a naive datetime is Mexico City time; judged Monday 09:00 the response is breached"),
    pytest.param("high", datetime(2026, 11, 21, 0, 30, tzinfo=timezone.utc), datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc),
                 [("response", "2026-11-23T08:30-06:00", "pending")],
                 id="aware UTC datetimes: judged Monday 08:00 local the response is pending"),
]


@pytest.mark.parametrize("severity, opened, now, expected", IGNUS_HIGH)
def test_due(severity, opened, now, expected):
    deadlines = api.due("ignus", severity, opened, now=now, policies=POLICIES)
    got = {d.target.name: (d.due, d.status.value if d.status else None) for d in deadlines}
    for name, when, status in expected:
        assert got[name] == (datetime.fromisoformat(when), status)


def test_due_with_a_pause_moves_the_deadline_by_the_pause():
    # Two business hours paused on Monday morning push Monday 08:30 to 10:30.
    deadlines = api.due(POLICIES.get("ignus"), "high", "2026-11-20T18:30", pauses=["2026-11-23T08:00/2026-11-23T10:00"])
    assert deadlines[0].due == datetime(2026, 11, 23, 10, 30, tzinfo=MEXICO)


def test_due_answers_what_slactl_due_json_answers(capsys):
    code, out, _ = run(capsys, "due", "athento", "--plan", "enterprise", "--severity", "critical",
                       "--opened", "2026-11-20T19:30", "--json")
    cli = {t["name"]: t["due"] for t in json.loads(out)["targets"]}
    lib = {d.target.name: d.due.isoformat() if d.due else None
           for d in api.due("athento", "critical", "2026-11-20T19:30", plan="enterprise", policies=POLICIES)}
    assert code == 0 and {k: datetime.fromisoformat(v) if v else None for k, v in cli.items()} == \
        {k: datetime.fromisoformat(v) if v else None for k, v in lib.items()}


def test_classify_reads_the_text_and_facts():
    result = api.classify("ivcisa", "la base de datos de producción se cayó", policies=POLICIES)
    assert result.severity.id == "production-down"
    assert api.classify("conecta", impact="total", policies=POLICIES).severity.id == "total-outage"


def test_comms_lists_the_agenda_until_the_resolution():
    agenda = api.comms("conecta", "caida total", "2026-11-23T10:00", resolved="2026-11-23T15:00", policies=POLICIES)
    assert agenda.resolved == datetime(2026, 11, 23, 15, tzinfo=timezone(timedelta(hours=-5)))
    assert agenda.items and not agenda.open_ended


def test_quote_is_exact():
    # Seed 004: "35 $USD por hora". 2 h guarantee (70) + 5 h normalization at 35 (175) + 10 h
    # mitigation at 25 (250) = 495.00.
    result = api.quote(normalization=5, mitigation="10", guarantee=2, on_demand_rate="25.00", policies=POLICIES)
    assert result.total == Decimal("495.00")


@pytest.mark.parametrize("call, message", [
    pytest.param(lambda: api.due("ignus", "hgh", "2026-11-20T18:30", policies=POLICIES),
                 "unknown severity 'hgh' for ignus; did you mean 'high'?", id="a misspelt severity suggests the right one"),
    pytest.param(lambda: api.due("ignus", "high", "now", policies=POLICIES),
                 "the library never reads the clock", id="now is refused: the library never reads the clock"),
    pytest.param(lambda: api.due("nosuch", "high", "2026-11-20T18:30", policies=POLICIES),
                 "unknown provider 'nosuch'", id="an unknown provider is bad input"),
    pytest.param(lambda: api.quote("ignus", normalization=1, policies=POLICIES),
                 "ignus publishes no prices", id="a quote needs a pricing block"),
    pytest.param(lambda: api.quote(normalization="5,5", policies=POLICIES),
                 "normalization: bad hours '5,5'", id="hours with a decimal comma are refused"),
])
def test_bad_input_raises_input_error_with_the_cli_message(call, message):
    with pytest.raises(InputError, match=re.escape(message)):
        call()


def test_load_policies_takes_one_path_or_several_and_reports_bad_files():
    good = ROOT / "tests" / "testdata" / "validate" / "good"
    assert [p.id for p in api.load_policies(good / "minimal.yaml")] == ["minimal"]
    assert len(api.load_policies([ROOT / "policies"])) == 5
    with pytest.raises(PolicyError):
        api.load_policies(ROOT / "tests" / "testdata" / "validate" / "bad" / "unknown-key.yaml")


def test_the_example_in_docs_api_md_prints_what_the_page_says():
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    example = page.split("## Example", 1)[1]
    code = re.search(r"```python\n(.*?)```", example, re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", example, re.S).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "docs/api.md", "exec"), {})
    assert printed.getvalue() == shown
