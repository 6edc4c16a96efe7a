"""Scenarios are derived, not copied: each is a base plus its changes, no two are the same market
unless one says it retells the other, and every number a text states comes from the settings."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import sim
from sim.i18n import LANGUAGES, catalogue
from sim.params import seller_levers, validate
from sim.scenarios import SCENARIOS, declare
from sim.scenarios.registry import TEXTS, Number, fields, settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sim" / "scenarios"


# --- based_on ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(SCENARIOS))
def test_values_are_the_base_plus_the_changes(name):
    sc = SCENARIOS[name]
    base = SCENARIOS[sc.based_on].values if sc.based_on else {}
    assert dict(sc.values) == {**base, **sc.changes}
    assert sc.lineage()[0] == name and SCENARIOS[sc.lineage()[-1]].based_on is None


def test_a_chain_resolves_once_at_declaration():
    try:
        a = declare("_test_a", "pizza_shop", {"seller2.product_lines": 5})
        b = declare("_test_b", "_test_a", {"gift_share": 0.1})
        assert dict(b.values) == {**SCENARIOS["pizza_shop"].values,
                                  "seller2.product_lines": 5, "gift_share": 0.1}
        assert b.lineage() == ["_test_b", "_test_a", "pizza_shop", "twins"]
        assert a.changes == {"seller2.product_lines": 5}
        with pytest.raises(TypeError):
            b.values["gift_share"] = 0.5  # read-only: a scenario cannot drift after declaring
    finally:
        SCENARIOS.pop("_test_b", None)
        SCENARIOS.pop("_test_a", None)


@pytest.mark.parametrize("name, base, changes, message", [
    ("_test_c", "nowhere", {}, "based on 'nowhere', a scenario not declared"),
    ("_test_c", "_test_c", {}, "based on '_test_c', itself"),
    ("head_to_head", None, {}, "declared twice"),
    ("_test_c", "twins", {"seller9.strategy": "product"}, "unknown parameters: seller9.strategy"),
])
def test_a_bad_declaration_is_refused_with_a_clear_error(name, base, changes, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        declare(name, base, changes)
    assert "_test_c" not in SCENARIOS


def test_a_wrong_value_is_refused_at_declaration():
    with pytest.raises(sim.ParameterError):
        declare("_test_d", "twins", {"gift_share": 2.0})
    assert "_test_d" not in SCENARIOS


# --- no copies --------------------------------------------------------------------------------

def market(name: str) -> str:
    """Everything that decides how scenario ``name`` runs (a switching seller's levers in both
    phases), as one comparable string."""
    full = settings(SCENARIOS[name].values)
    raw = validate(dict(SCENARIOS[name].values))
    for i in range(1, full["n_sellers"] + 1):
        if full[f"seller{i}.strategy"] == "switch":
            full |= {f"seller{i}.after_switch.{k}": v
                     for k, v in seller_levers(raw, i, "customer").items()}
    return json.dumps(full, sort_keys=True, default=str)


def test_no_two_scenarios_are_the_same_market_unless_one_retells_the_other():
    """A lesson may retell a headline market with its own story, but only by naming it as its
    base: in a group of identical markets, one is the base of all the others."""
    groups: dict[str, list[str]] = {}
    for name in SCENARIOS:
        groups.setdefault(market(name), []).append(name)
    copies = []
    for group in (g for g in groups.values() if len(g) > 1):
        if not any(all(root in SCENARIOS[n].lineage() for n in group) for root in group):
            copies.append(group)
    assert copies == [], "same settings, not derived from one another"


def test_the_copy_check_catches_a_copy():
    try:
        declare("_test_copy", changes=dict(SCENARIOS["gift_shop"].values))
        assert market("_test_copy") == market("gift_shop")
        assert "gift_shop" not in SCENARIOS["_test_copy"].lineage()
    finally:
        SCENARIOS.pop("_test_copy", None)


# --- imports ----------------------------------------------------------------------------------

def test_lessons_import_alone_without_the_ui():
    code = ("import sys, sim.scenarios.lessons; from sim.scenarios import SCENARIOS; "
            "assert 'l7_usual_market' in SCENARIOS and 'beginner' in SCENARIOS; "
            "assert not [m for m in sys.modules if m.startswith('sim.ui')], 'imports sim.ui'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found |= {f"{'.' * node.level}{node.module or ''}:{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_registration_has_no_import_circle():
    """registry imports no scenario module; market imports only the registry; lessons builds
    on market. Nothing in the package reaches the UI."""
    registry, market_, lessons = (imports(PACKAGE / f"{m}.py")
                                  for m in ("registry", "market", "lessons"))
    assert not any("market" in i or "lessons" in i for i in registry)
    assert not any("lessons" in i or ":market" in i for i in market_)
    every = set().union(*(imports(p) for p in PACKAGE.glob("*.py")))
    assert not any("ui" in re.split(r"[.:]", i) for i in every)


# --- texts ------------------------------------------------------------------------------------

def test_every_scenario_has_its_texts_and_no_text_lacks_a_scenario():
    for lang in LANGUAGES:
        keys = {k for k in catalogue(lang) if k.startswith("scenario.")} - {"scenario.numbers"}
        wanted = {f"scenario.{n}.{w}" for n in SCENARIOS for w in TEXTS}
        assert sorted(wanted - keys) == [], lang
        assert sorted(keys - wanted) == [], lang
        for sc in SCENARIOS.values():
            assert all(sc.text(w, lang).strip() for w in TEXTS), sc.name
            assert sc.title[lang] == sc.text("title", lang)


def test_declarations_hold_no_sentence():
    for path in (PACKAGE / "market.py", PACKAGE / "lessons.py"):
        tree = ast.parse(path.read_text("utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef) and n.body
                and isinstance(n.body[0], ast.Expr)}
        texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
                 and isinstance(n.value, str) and id(n) not in docs and len(n.value.split()) > 3]
        assert texts == [], path.name


def test_numbers_are_written_the_language_s_way():
    assert f"{Number(0.7, 'id')}" == "0,7" and f"{Number(0.7, 'en')}" == "0.7"
    assert f"{Number(0.7, 'id'):.0%}" == "70%" and f"{Number(12345.5, 'id'):,.1f}" == "12.345,5"
    assert f"{Number(0.7, 'en'):10w} in ten" == "seven in ten"
    assert f"{Number(0.7, 'id'):10W} dari sepuluh" == "Tujuh dari sepuluh"
    with pytest.raises(ValueError):
        format(Number(0.75, "en"), "10w")


NUMBER = {
    "en": r"\b\d+(?:[.,]\d+)?|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
          r"twelve|twenty|thirty|forty|fifty|hundred|thousand|million|half|quarter|single|"
          r"twice|double|doubles|triple|dozen|second|third)\b",
    "id": r"\b\d+(?:[.,]\d+)?|\b(?:nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|"
          r"sepuluh|sebelas|belas|puluh|ratus|ribu|juta|setengah|separuh|seperempat|seorang|"
          r"setahun|sebulan|seminggu|kedua|ketiga|lipat|ganda)\b",
}

# Numbers a text may state that are not a setting of its scenario, each with the reason.
ALLOWED = {
    "en": {
        "one street": "a place, not a count of anything set",
        "one town": "a place, not a count of anything set",
        "the two ends": "a street has two ends",
        "one advertises": "'one ... the other' says which seller, not how many",
        "one adds": "'one ... the other' says which seller",
        "one's ads": "'one ... the other' says which seller",
        "one shop's": "'one ... the other' says which seller",
        "customer-centric one": "says which seller",
        "in ten": "the denominator of '{share:10w} in ten'",
        "1/(1-r)": "a formula",
        "in week 13": "a moment to look at, not a setting",
        "after a quarter": "a moment to look at, not a setting",
        "first two months": "a moment to look at, not a setting",
        "about week 6": "what the Bass model predicts (tests/test_validation.py), a result",
        "lesson 5": "a lesson's number",
        "seller 1": "the learner's seat, a name",
        "horizon doubles": "two years against l7_fad_year's one (both are placeholders there)",
        "thousand rupiah": "the money unit, not a count",
        "week 0 with switching at week 13": "the two plans lesson 7 compares, not settings",
        "week 0 against week 13": "the two plans lesson 7 compares, not settings",
    },
    "id": {
        "satu jalan": "a place, not a count of anything set",
        "satu kota": "a place, not a count of anything set",
        "dua ujung": "a street has two ends",
        "satu beriklan": "'satu ... yang lain' says which seller, not how many",
        "satu menambah": "says which seller",
        "salah satunya": "says which seller",
        "iklan satu toko": "says which seller",
        "dari sepuluh": "the denominator of '{share:10w} dari sepuluh'",
        "1/(1-r)": "a formula",
        "di minggu ke-13": "a moment to look at, not a setting",
        "setelah tiga bulan": "a moment to look at, not a setting",
        "dua bulan pertama": "a moment to look at, not a setting",
        "sekitar minggu ke-6": "what the Bass model predicts (tests/test_validation.py)",
        "pelajaran 5": "a lesson's number",
        "penjual 1": "the learner's seat, a name",
        "kedua toko": "'both shops': says which sellers, n_sellers is stated elsewhere",
        "dua kali lebih panjang": "two years against l7_fad_year's one",
        "ribu rupiah": "the money unit, not a count",
        "minggu 0 dengan beralih di minggu 13": "the two plans lesson 7 compares, not settings",
        "minggu 0 dibanding minggu 13": "the two plans lesson 7 compares, not settings",
        "mencapai separuh": "what a half-life means (half the skill), not a count",
        "menguasai separuh": "what a half-life means (half the skill), not a count",
    },
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_number_a_text_states_comes_from_the_settings(lang):
    """A number in a scenario's title, story or look_for is a {placeholder} filled from its
    settings (so it cannot drift), or a phrase on the short list above with its reason."""
    number = re.compile(NUMBER[lang], re.I)
    stray, used = [], set()
    for name in SCENARIOS:
        for what in TEXTS:
            text = re.sub(r"\{[^}]*\}", "#", catalogue(lang)[f"scenario.{name}.{what}"])
            for phrase in ALLOWED[lang]:
                if phrase in text.lower():
                    used.add(phrase)
                    text = re.sub(re.escape(phrase), "#", text, flags=re.I)
            stray += [f"{name}.{what}: {m.group(0)!r}" for m in number.finditer(text)]
    assert stray == [], "state a setting as a {placeholder} (see registry.fields)"
    assert sorted(set(ALLOWED[lang]) - used) == [], "an allowance no text needs any more"


def test_placeholders_are_filled_from_the_settings():
    f = fields("l1_four_consultants", "en")
    assert f"{f['seller2_staff']:w}" == "four" and f"{f['base_seller2_staff']:w}" == "one"
    assert "six" not in SCENARIOS["l7_usual_market"].story["en"]
    assert "three segments" in SCENARIOS["l7_usual_market"].story["en"]  # n_segments default
    assert "70%" not in SCENARIOS["l1_gift_street"].story["id"]
    assert "tujuh dari sepuluh" in SCENARIOS["l1_gift_street"].story["id"]
    assert "(90% on time)" in SCENARIOS["l3_late_courier"].look_for["en"]
