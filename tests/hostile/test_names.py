"""Validation gaps: ids match whole strings, names that look like other names are refused, and
``validate`` refuses what every other command refuses.

A pattern of the spec matches the whole value (``id: "acme\\n"`` is no id); a severity's label or
alias with an invisible character (a zero-width space, a direction mark, a control character)
or with a letter of another script among its letters (a Cyrillic ``а`` among Latin ones) is
refused, and the message names the character; names are compared in NFKC form (``fold``), so
a full-width or ligature spelling is the same name. Hypothesis writes the look-alikes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import run
from slactl.policy import load as loader
from slactl.policy.names import fold
from slactl.errors import PolicyError
from slactl.render.output import one_line
from test_terminal import TEXT, quoted

GOOD = Path(__file__).resolve().parents[1] / "testdata" / "validate" / "good"
BASE = (GOOD / "base.yaml").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
LOOK_ALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "x": "\u0445",
               "i": "\u0456", "A": "\u0391", "B": "\u0392", "E": "\u0395", "O": "\u039f", "T": "\u03a4"}
"""Latin letters and the Cyrillic or Greek letters drawn like them."""
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u202e", "\u00ad", "\x1b", "\t", "\u2028"]


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    [(_, found)] = list(loader.validate([path]))
    return [problem.split(": ", 1)[1] for problem in found]


def _with_alias(alias: str) -> str:
    return BASE.replace("aliases: [baja]", f"aliases: [baja, {quoted(alias)}]")


@SETTINGS
@given(word=st.text("abcdeiloprstxuABEOT", min_size=2, max_size=12), data=st.data())
def test_a_look_alike_letter_in_an_alias_is_refused_and_named(tmp_path, word, data):
    positions = [i for i, c in enumerate(word) if c in LOOK_ALIKES]
    if not positions:
        return
    at = data.draw(st.sampled_from(positions))
    alias = word[:at] + LOOK_ALIKES[word[at]] + word[at + 1:]
    problems = [p for p in _problems(tmp_path, _with_alias(alias)) if "mixes scripts" in p]
    foreign = LOOK_ALIKES[word[at]]
    if len([c for c in alias if c in LOOK_ALIKES.values()]) * 2 >= len(alias):
        assert problems  # most letters foreign: the Latin ones are named instead
        return
    assert problems == [f"alias {alias!r} of severity 'low' mixes scripts: {foreign!r} (U+{ord(foreign):04X} "
                        f"{unicodedata.name(foreign)}) is {unicodedata.name(foreign).split()[0].capitalize()} among "
                        "Latin letters, a look-alike; write the name in one script"]


@SETTINGS
@given(word=st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10), mark=st.sampled_from(INVISIBLE),
       at=st.integers(0, 10))
def test_an_invisible_character_in_an_alias_is_refused_with_its_position(tmp_path, word, mark, at):
    at = min(at, len(word))
    alias = word[:at] + mark + word[at:]
    problems = [p for p in _problems(tmp_path, _with_alias(alias)) if "invisible" in p]
    assert problems == [f"alias {alias!r} of severity 'low' has an invisible character {mark!r} "
                        f"(U+{ord(mark):04X} {unicodedata.name(mark, 'a control character')}) at position {at + 1}: a name that looks "
                        "like another; delete it"]


@SETTINGS
@given(label=TEXT.filter(lambda t: t.strip() and any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp")
                                                     for c in t)))
def test_a_label_with_an_invisible_character_is_refused_on_one_line_naming_it(capsys, tmp_path, label):
    policy = tmp_path / "p.yaml"
    policy.write_text((GOOD / "minimal.yaml").read_text().replace("label: High", f"label: {quoted(label)}"))
    code, out, err = run(capsys, "validate", str(policy))
    assert code == 1 and out == ""
    *problems, summary = err.splitlines()
    assert summary == "slactl: error: 1 invalid file(s)"
    assert problems and all(p.startswith(f"{one_line(str(policy))}:8: label ") for p in problems)
    assert any("has an invisible character" in p for p in problems)
    assert all(one_line(p) == p for p in problems)


@pytest.mark.parametrize("alias", ["Caída Total", "crítico", "緊急", "きんきゅう対応", "긴급", "ΚΡΙΣΙΜΟ", "p1", "Срочно",
                                   "Sistema de producción inactivo – crítico"],
                         ids=["Spanish with accents", "lowercase accented", "Chinese", "Japanese mixes kana and kanji",
                              "Korean", "Greek alone", "letters and digits", "Cyrillic alone", "a dash and spaces"])
def test_a_name_in_one_script_is_accepted(tmp_path, alias):
    assert _problems(tmp_path, _with_alias(alias)) == []


@pytest.mark.parametrize("typed, name", [("ｕｒｇｅｎｔｅ", "urgente"), ("ﬁx", "fix"), ("Caída Total", "caida-total"),
                                         ("Ⅳ", "iv"), ("CRÍTICO", "critico")],
                         ids=["full-width letters", "a ligature", "accents and separators", "a roman numeral",
                              "capitals and accents"])
def test_names_are_compared_in_nfkc_form(typed, name):
    assert fold(typed) == fold(name)


def test_a_full_width_alias_is_the_same_name_as_another_severitys(tmp_path):
    problems = _problems(tmp_path, _with_alias("ＡＬＴＡ"))
    assert problems == ["alias 'ＡＬＴＡ' of severity 'low' is already a name of severity 'high'"]


@SETTINGS
@given(ending=st.sampled_from(["\n", "\r\n", " \n", "\n\n", "\x00", "\u2028"]))
def test_an_id_is_matched_as_a_whole(tmp_path, ending):
    problems = _problems(tmp_path, BASE.replace("id: broken", f"id: {quoted('broken' + ending)}"))
    assert len(problems) == 1 and problems[0].startswith("'id' has a bad value ")


@pytest.mark.parametrize("edit, message", [
    (("max: 4h", 'max: "\u0664h"'), "'max' has a bad value '٤h' (write a number and a unit, e.g. 15m, 4h, 3d, 1h30m)"),
    (("country: CO", 'country: "CO\\n"'), "'country' has a bad value 'CO\\n' (write a two-letter ISO 3166 country "
                                          "code in capitals, e.g. CO, MX, ES)"),
    (("- id: basic", '- id: "basic\\n"'), "'id' has a bad value 'basic\\n' (use lowercase letters, digits and dashes, "
                                          "e.g. my-provider)"),
], ids=["an Arabic-Indic digit is no digit of a duration", "a country code with a line break",
        "a plan id with a line break"])
def test_every_pattern_matches_the_whole_value_in_ascii(tmp_path, edit, message):
    assert _problems(tmp_path, BASE.replace(*edit)) == [message]


@pytest.mark.parametrize("file", ["confusable-alias.yaml", "invisible-alias.yaml", "confusable-label.yaml",
                                  "lone-surrogate.yaml", "trailing-newline-id.yaml"])
def test_validate_and_every_other_command_refuse_the_same_file(capsys, file):
    path = Path(__file__).resolve().parents[1] / "testdata" / "validate" / "bad" / file
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1 and out == ""
    for args in (("providers",), ("show", "broken"), ("due", "broken", "-s", "high", "--opened", "2026-11-20T10:00")):
        again, out, err_again = run(capsys, "--policies", str(path), *args)
        assert again == 1 and out == "" and err_again.splitlines() == err.splitlines()[:-1]
    with pytest.raises(PolicyError):
        loader.load([path])
