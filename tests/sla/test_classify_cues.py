"""The weighed cues (``slactl.sla.cues``): the arithmetic, when they are asked, what they say,
and that the shipped weights are those of today's training inputs."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

from slactl.policy import load as loader
from slactl.policy.severity import Facts
from slactl.render.classify import classification_json
from slactl.sla import cues
from dataclasses import replace

from slactl.sla.classify import DECIDES, Incident, classify
from slactl.sla.lexicon import lexicon
from slactl.sla.reading import read
from slactl.sla.textmatch import Text

ROOT = Path(__file__).resolve().parents[2]
POLICIES = loader.load(loader.active_paths(None))


def trainer():
    spec = importlib.util.spec_from_file_location("train_classifier", ROOT / "tools" / "train_classifier.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_weights_are_trained_on_todays_inputs():
    # The model weighs the table's answer, so a change to the sets, the unit tables, the lexicon
    # or a bundled policy needs a new training: python tools/train_classifier.py
    tool = trainer()
    shipped = json.loads((cues.WEIGHTS / "index.json").read_text(encoding="utf-8"))
    assert shipped["digest"] == tool.digest(tool.set_files()), "weights are stale: python tools/train_classifier.py"
    assert not any(name.startswith(tool.HELD_OUT) for name in shipped["sets"])  # never trained on the unseen sets
    assert sorted(shipped["providers"]) == sorted(p.name[:-5] for p in cues.WEIGHTS.glob("*.json") if p.name != "index.json")
    assert sorted(shipped["providers"]) == ["athento", "conecta", "ignus", "ivcisa"]


TINY = {"demo": {"format": 1, "severities": ["a", "b"], "table": "",
                 "weights": {"w:caid": [2.0, 0.0], "bias": [0.0, 1.0], "f:scope=unknown": [0.0, 0.5]}}}


def test_weighing_is_a_softmax_of_summed_weights(monkeypatch):
    monkeypatch.setattr(cues, "_model", TINY.get)
    found = {"w:caid": (1.0, "caído"), "bias": (1.0, ""), "w:hola": (1.0, "hola"), "c:service-down": (1.0, "caído")}
    weighed = cues.weigh("demo", ("a", "b"), found)
    # scores: a = 2.0, b = 1.0 (bias); P(a) = e^2 / (e^2 + e^1) = 1 / (1 + e^-1) = 0.7311
    assert weighed.severity == "a"
    assert weighed.probability == pytest.approx(1 / (1 + math.exp(-1)))
    assert [s for s, _ in weighed.shares] == ["a", "b"]
    # the pull of a cue towards the answer is its weight there minus its largest weight elsewhere
    assert weighed.cues == (("w:caid", "caído", 2.0),)


def test_no_cue_of_the_text_no_weighing(monkeypatch):
    monkeypatch.setattr(cues, "_model", TINY.get)
    # the bias and an unknown fact are not the text speaking
    assert cues.weigh("demo", ("a", "b"), {"bias": (1.0, ""), "f:scope=unknown": (1.0, "")}) is None


def test_a_model_for_other_severities_or_another_table_is_not_used(monkeypatch):
    monkeypatch.setattr(cues, "_model", TINY.get)
    found = {"w:caid": (1.0, "caído"), "c:service-down": (1.0, "caído")}
    assert cues.weigh("demo", ("a", "b"), found) is not None
    assert cues.weigh("demo", ("a", "b", "c"), found) is None
    assert cues.weigh("other", ("a", "b"), found) is None
    assert cues.weigh("demo", ("a", "b"), found, table="another table") is None


def test_a_policy_of_ones_own_with_a_bundled_id_and_severities_but_its_own_table_has_no_model():
    bundled = POLICIES.get("ignus")
    mine = replace(bundled, decisions=replace(bundled.decisions, rows=tuple(reversed(bundled.decisions.rows))))
    text = "Necesito configurar mi correo en Outlook del celular"
    assert classify(bundled, Incident(text)).weighed is not None
    assert classify(mine, Incident(text)).weighed is None


@pytest.mark.parametrize("text", ["12", "10:30", "2025-03-12", "0", "hello good morning thanks", "🚨🚨 URGENTE 🚨🚨",
                                  "buenos días, gracias"])
def test_a_text_that_says_nothing_to_weigh_falls_to_the_default(text):
    # Athento's default is Major; nothing read, nothing weighed, confidence none.
    result = classify(POLICIES.get("athento"), Incident(text))
    assert (result.severity.id, result.default_used, result.confidence, result.weighed) == ("major", True, "none", None)


def test_times_and_dates_are_no_cues():
    found = cues.cues(Text.of("caído desde las 10:30 del 12/03, 9am"), read(Text.of(""), lexicon()),
                      cues.Answer("a", (), "high", False))
    assert not [cue for cue in found if any(ch.isdigit() for ch in cue)]


def test_terminal_escapes_in_a_pasted_report_are_not_words():
    plain = classify(POLICIES.get("ignus"), Incident("el sitio no carga"))
    coloured = classify(POLICIES.get("ignus"), Incident("el sitio no \x1b[31mcarga\x1b[0m"))
    assert (coloured.severity.id, coloured.confidence) == (plain.severity.id, plain.confidence) == ("urgent", "high")


def test_overruling_a_sure_table_is_no_certainty():
    # The table is sure of Caída Total ("caído", Seed 000); if the weighed cues overrule it, the answer is low.
    result = classify(POLICIES.get("conecta"), Incident("el sitio está caído y el formulario falla"))
    assert result.table == "total-outage"
    if result.severity.id != result.table:
        assert result.confidence == "low"


def test_a_policy_id_never_names_a_file_outside_the_weights():
    assert cues._model("../index") is None and cues._model("index/..") is None and cues._model("express") is None
    assert cues._model("index") is None  # the index of the weights is no model


def test_a_policy_without_a_model_is_decided_by_its_table():
    result = classify(POLICIES.get("express"), Incident("el servidor está caído"))
    assert result.weighed is None and result.severity.id == result.table == "emergency"


def test_facts_given_as_flags_are_decided_by_the_table():
    # Seed 001: "Sistema de producción inactivo" < 2 h; the reporter said production with --env.
    result = classify(POLICIES.get("ivcisa"), Incident("staging is down", Facts(env="production")))
    assert result.weighed is None and result.severity.id == "production-down"


def test_a_greeting_alone_falls_to_the_default():
    result = classify(POLICIES.get("ignus"), Incident("hola, buenos días"))
    assert (result.severity.id, result.default_used, result.confidence, result.weighed) == ("medium", True, "none", None)


def test_the_weighed_cues_overrule_a_table_fooled_by_urgency_words():
    # Seed 003, Trivial: "Plugins o funcionalidades concretas no se encuentran funcionando con normalidad,
    # pero el cliente es completamente capaz de operar con el sistema." The urgency words are not facts.
    text = ("URGENTE - CRÍTICO: el botón Exportar a CSV del listado de expedientes no hace nada. Se puede exportar "
            "desde el informe, así que seguimos trabajando normal.")
    result = classify(POLICIES.get("athento"), Incident(text))
    assert result.severity.id == "trivial" and result.weighed.severity == "trivial"
    assert result.weighed.probability >= DECIDES and not result.default_used


def test_classify_json_says_what_was_weighed():
    result = classify(POLICIES.get("ignus"), Incident("no nos llegan correos, borramos los MX por error"))
    data = classification_json(result)
    # Seed 002, Alto: "Error en el servidor de correo: error de recepción y envío de correos debidos al cliente."
    assert (data["severity"], data["table_severity"]) == ("high", "high")
    assert data["weighed"]["severity"] == "high" and 0.5 <= data["weighed"]["probability"] <= 1
    assert abs(sum(data["weighed"]["shares"].values()) - 1) < 0.01
    assert all(set(cue) == {"cue", "words", "weight"} for cue in data["weighed"]["cues"])
    assert data["weighed"]["cues"] and all(c["weight"] > 0 for c in data["weighed"]["cues"])


def test_not_weighed_is_null_in_json():
    data = classification_json(classify(POLICIES.get("ivcisa"), Incident("caído", Facts(env="production"))))
    assert data["weighed"] is None and data["table_severity"] == data["severity"] == "production-down"


def test_the_table_standing_against_weighed_cues_that_disagree_is_no_certainty(monkeypatch):
    # The weighed cues give "trivial" 0.45 against the table's answer: the table stands, with low confidence.
    def disagreeing(policy_id, severity_ids, found, table=""):
        return cues.Weighed("trivial", 0.45, (("trivial", 0.45), ("blocker", 0.40), ("major", 0.1), ("critical", 0.05)),
                            (("w:caid", "caída", 0.3),))

    monkeypatch.setattr("slactl.sla.classify.weigh", disagreeing)
    result = classify(POLICIES.get("athento"), Incident("La plataforma en producción está caída para todos"))
    assert (result.severity.id, result.table, result.weighed_decides) == ("blocker", "blocker", False)
    assert result.confidence == "low"
