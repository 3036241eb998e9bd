"""``slactl presets`` lists the bundled presets; ``slactl presets show NAME|FILE`` prints one."""

from __future__ import annotations

import json

from cli_helpers import run

from slactl.tickets import presets


def test_presets_lists_every_bundled_preset(capsys):
    code, out, err = run(capsys, "presets")
    assert (code, err) == (0, "")
    for name in ("servicenow", "zendesk", "jira", "freshdesk", "zammad"):
        assert f"| {name} " in out
    assert "event log (events; times %d/%m/%Y %H:%M)" in out


def test_presets_as_json(capsys):
    code, out, _ = run(capsys, "presets", "--json")
    found = {preset["name"]: preset for preset in json.loads(out)}
    assert code == 0 and sorted(found) == presets.names()
    servicenow = found["servicenow"]
    assert [form["rows"] for form in servicenow["forms"]] == ["events", "tickets"]
    assert servicenow["priorities"]["1 critical"] == "p1" and servicenow["extra_levels"] == "least-severe"
    assert found["zendesk"]["forms"][0]["columns"]["responded"] == {"after": ["Created at"],
                                                                   "minutes": "First reply time in minutes"}


def test_show_prints_the_yaml_with_its_comments(capsys):
    code, out, _ = run(capsys, "presets", "show", "servicenow")
    assert code == 0 and out == presets.get("servicenow").text
    assert "# Five priorities; a policy with fewer severities reads the extra ones as its least severe" in out


def test_show_json_of_a_preset_file(capsys, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(presets.get("freshdesk").text.replace("name: freshdesk", "name: mine"))
    code, out, _ = run(capsys, "presets", "show", str(path), "--json")
    shown = json.loads(out)
    assert code == 0 and (shown["name"], shown["file"]) == ("mine", str(path))


def test_show_of_an_unknown_preset_is_one_line(capsys):
    code, out, err = run(capsys, "presets", "show", "zendsk")
    assert (code, out) == (2, "")
    assert err == ("slactl: error: unknown preset 'zendsk'; did you mean 'zendesk'? (choose from: freshdesk, jira, "
                   "servicenow, zammad, zendesk; or give a preset file)\n")
