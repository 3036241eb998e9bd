"""slactl classify through the real entry point: JSON contract, human explanation, errors."""

from __future__ import annotations

import io

from cli_helpers import run, run_json


def test_json_carries_severity_matched_phrase_and_default_flag(capsys):
    data = run_json(capsys, "classify", "conecta", "Se cayó el hosting")
    assert (data["provider"], data["severity"], data["label"], data["default_used"]) == ("conecta", "total-outage", "Caída Total", False)
    # The phrase is the lexicon's wording that found the words, the quote the words as written.
    assert [(m["concept"], m["phrase"], m["quote"]) for m in data["matched"]] == [("service-down", "se cayó", "Se cayó")]
    assert data["matched"][0]["source"] == "Caída Total (Crítico): Interrupción completa de los servicios de hosting."


def test_json_lists_targets_protocol_and_communications(capsys):
    # Seed 000, Caída Total: "mitigación estimado es de 12 a 24 horas ... resolución es de 24-48 horas laborables";
    # "Reportamos en el estado del servicio cada 4 horas y enviamos un boletín cada 12 horas".
    data = run_json(capsys, "classify", "conecta", "todo caído")
    [plan] = data["targets"]
    assert [(t["name"], t["text"], t["calendar"]) for t in plan["targets"]] == [("mitigation", "12h - 24h", "24x7"), ("resolution", "24h - 48h", "business")]
    assert ("status-page", "4h") in [(c["channel"], c["every"]) for c in data["communications"]]
    assert ("bulletin", "12h") in [(c["channel"], c["every"]) for c in data["communications"]]
    assert data["protocol"][0].startswith("Recolección de Datos")


def test_no_rule_matched_says_so(capsys):
    data = run_json(capsys, "classify", "ignus", "hola, buenos días")
    assert (data["severity"], data["default_used"], data["matched"]) == ("medium", True, [])
    code, out, _ = run(capsys, "classify", "ignus", "hola, buenos días")
    assert code == 0 and "no rule matched" in out


def test_flags_are_facts(capsys):
    data = run_json(capsys, "classify", "ivcisa", "--env", "production", "--impact", "total")
    assert data["severity"] == "production-down"
    assert data["matched"][0]["facts"] == {"env": "production", "impact": "total"}


def test_privacy_and_dos_flags(capsys):
    assert run_json(capsys, "classify", "athento", "--privacy", "materialized")["severity"] == "blocker"
    assert run_json(capsys, "classify", "athento", "--dos")["severity"] == "critical"


def test_third_party_flag_brings_the_note(capsys):
    data = run_json(capsys, "classify", "ivcisa", "la API no responde", "--third-party")
    assert any("terceros" in n["text"] for n in data["notes"])


def test_inferred_environment_is_reported(capsys):
    data = run_json(capsys, "classify", "ivcisa", "staging is down")
    assert data["severity"] == "non-production"
    assert data["inferred"] == [{"fact": "env", "value": "non-production", "phrase": "staging", "quote": "staging", "applied": True}]


def test_human_output_explains_itself(capsys):
    code, out, _ = run(capsys, "classify", "conecta", "todo el servidor está caído, y antes el formulario fallaba")
    assert code == 0
    assert "total-outage (Caída Total)" in out
    assert "matched: 'caído'" in out
    assert "weighed cues: total-outage with probability" in out
    assert "also matched bug" in out and "less severe, not chosen" in out
    assert "Communications owed" in out and "Protocol" in out


def test_opened_adds_due_times(capsys):
    # Seed 002: "Alta | 1 hora | 1-3 Día | Horario oficina", office Mon-Fri 8-19: Friday 18:30 + 1h
    # is 30 min on Friday and 30 min on Monday: due Monday 08:30.
    data = run_json(capsys, "classify", "ignus", "ataque masivo de spam", "--opened", "2026-11-20T18:30")
    [plan] = data["targets"]
    assert plan["due"][0]["name"] == "response"
    assert plan["due"][0]["due"] == "2026-11-23T08:30:00-06:00"


def test_plan_option_selects_the_targets(capsys):
    # Seed 003: "Tiempos de Respuesta. Enterprise: Bloqueante 2 horas".
    data = run_json(capsys, "classify", "athento", "la plataforma está caída", "--plan", "enterprise")
    [plan] = data["targets"]
    assert plan["plan"] == "enterprise" and plan["targets"][0]["text"] == "< 2h"


def test_text_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Prod is down"))
    assert run_json(capsys, "classify", "ivcisa", "-")["severity"] == "production-down"


def test_nothing_to_classify_is_bad_input(capsys):
    code, out, err = run(capsys, "classify", "conecta")
    assert (code, out) == (2, "")
    assert err == "slactl: error: nothing to classify: give the incident TEXT or facts such as --impact total\n"


def test_unknown_impact_is_bad_input(capsys):
    code, _, err = run(capsys, "classify", "conecta", "x", "--impact", "huge")
    assert code == 2 and err.startswith("slactl: error:") and len(err.splitlines()) == 1


def test_unknown_provider_is_bad_input(capsys):
    code, _, err = run(capsys, "classify", "conekta", "caído")
    assert code == 2 and "unknown provider 'conekta'" in err
