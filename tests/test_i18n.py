"""English and Bahasa Indonesia are equal citizens: every key, placeholder, parameter text and
glossary entry exists in both, and every string key the code asks for exists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sim.i18n import LANGUAGES, catalogue
from sim.params import PARAMS

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{(\w+)")


def placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text)))


def test_both_catalogues_have_the_same_keys():
    en, id_ = catalogue("en"), catalogue("id")
    assert sorted(set(en) - set(id_)) == [], "missing in id.json"
    assert sorted(set(id_) - set(en)) == [], "missing in en.json"


def test_placeholders_agree():
    en, id_ = catalogue("en"), catalogue("id")
    wrong = {k: (placeholders(en[k]), placeholders(id_[k])) for k in en
             if placeholders(en[k]) != placeholders(id_.get(k, ""))}
    assert wrong == {}


def test_no_empty_or_untranslated_texts():
    en, id_ = catalogue("en"), catalogue("id")
    # empty on purpose in both (e.g. unit.none) is fine; empty in only one is a gap
    assert [k for k in en if bool(en[k].strip()) != bool(id_[k].strip())] == []
    # a long sentence left in English in the Indonesian catalogue is a forgotten translation
    same = [k for k in en if en[k] == id_[k] and len(en[k].split()) > 3]
    assert same == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_parameter_is_explained_in_every_language(lang):
    missing = [n for n, p in PARAMS.items()
               if not p.label.get(lang, "").strip() or not p.help.get(lang, "").strip()]
    assert missing == []


def test_every_key_the_code_uses_exists():
    keys = catalogue("en")
    used = set()
    for path in (ROOT / "sim").rglob("*.py"):
        text = path.read_text("utf-8")
        used |= {f"ui.{k}" for k in re.findall(r"\bui\(\s*[\"']([\w.]+)[\"']", text)}
        used |= set(re.findall(r"\bt\(\s*[\"']([\w.]+)[\"']", text))
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(k for k in used if k not in keys) == []


def test_glossaries_match():
    en = json.loads((ROOT / "lessons/en/glossary.json").read_text("utf-8"))
    id_ = json.loads((ROOT / "lessons/id/glossary.json").read_text("utf-8"))
    assert list(en) == list(id_)
    for term in en:
        assert set(en[term]) == set(id_[term]), term
        assert all(str(v).strip() for v in id_[term].values()), term
