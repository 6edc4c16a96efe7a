"""Every language is an equal citizen: every catalogue found holds the same keys with the same
placeholders, every parameter is explained in each, a new language needs only a new file, and no
learner-visible sentence is written in the code."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

import sim
from sim import i18n
from sim.cli import build_parser
from sim.i18n import FIRST, catalogue, dump, languages, t
from sim.params import PARAMS

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "sim" / "locales"
PLACEHOLDER = re.compile(r"\{(\w+)")


def placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text)))


def catalogue_problems(catalogues: dict[str, dict[str, str]]) -> list[str]:
    """What differs between catalogues: keys one lacks or has alone, placeholders that differ."""
    keys = set().union(*catalogues.values())
    source = catalogues[FIRST]
    problems = []
    for lang, strings in sorted(catalogues.items()):
        problems += [f"{lang}: missing {k}" for k in sorted(keys - set(strings))]
        problems += [f"{lang}: only here {k}" for k in sorted(set(strings) - set(source))]
        problems += [f"{lang}: placeholders of {k}" for k in sorted(set(strings) & set(source))
                     if placeholders(strings[k]) != placeholders(source[k])]
    return problems


def test_the_languages_are_the_catalogue_files():
    files = sorted(p.stem for p in LOCALES.glob("*.json"))
    assert sorted(languages()) == files and languages()[0] == FIRST
    assert {"en", "id"} <= set(files)


def test_every_catalogue_has_the_same_keys_and_placeholders():
    assert catalogue_problems({lang: catalogue(lang) for lang in languages()}) == []


def test_the_check_finds_missing_extra_and_mismatched_keys():
    en = {"a": "one {n}", "b": "two"}
    broken = {"a": "satu {jumlah}", "c": "tiga"}  # b missing, c extra, {n} renamed
    assert catalogue_problems({"en": en, "id": dict(en), "xx": broken}) == [
        "en: missing c", "id: missing c", "xx: missing b", "xx: only here c",
        "xx: placeholders of a"]


def test_catalogues_are_written_in_one_format():
    for path in LOCALES.glob("*.json"):
        text = path.read_text("utf-8")
        assert text == dump(json.loads(text)), f"{path.name}: flat, sorted, indent=1"


def test_no_empty_or_untranslated_texts():
    source = catalogue(FIRST)
    for lang in languages():
        if lang == FIRST:
            continue
        other = catalogue(lang)
        # empty on purpose in both (e.g. unit.none) is fine; empty in only one is a gap
        assert [k for k in source if bool(source[k].strip()) != bool(other[k].strip())] == []
        # a long sentence left in English in another catalogue is a forgotten translation
        assert [k for k in source if source[k] == other[k] and len(source[k].split()) > 3] == []


@pytest.mark.parametrize("lang", languages())
def test_every_parameter_is_explained_in_every_language(lang):
    missing = [n for n, p in PARAMS.items()
               if not p.label.get(lang, "").strip() or not p.help.get(lang, "").strip()]
    assert missing == []


def test_parameter_texts_come_from_derived_keys():
    assert PARAMS["wom_rate"].text("label", "id") == t("param.wom_rate.label", "id")
    assert PARAMS["seller3.price"].text("help", "en") == t("param.price.help", "en")
    assert PARAMS["seller3.strategy"].text("label", "id") == t(
        "param.seller.strategy.label", "id", seller=3)
    assert "3" in PARAMS["seller3.switch_week"].label["en"]
    assert dict(PARAMS["need_rate"].label) == {lang: t("param.need_rate.label", lang)
                                               for lang in languages()}
    used = {PARAMS[n].key(what) for n in PARAMS for what in ("label", "help")}
    declared = {k for k in catalogue(FIRST) if k.startswith("param.")}
    assert declared == used, "param.* keys no parameter reads, or parameters with no text"


def test_a_new_language_is_one_copied_file(tmp_path, monkeypatch):
    """A trainer copies en.json to xx.json and translates it: no code changes."""
    strings = json.loads((LOCALES / "en.json").read_text("utf-8"))
    strings["param.n_customers.label"] = "XX customers"
    strings["param.seller.strategy.label"] = "XX seller {seller}: strategy"
    strings["number.decimal"], strings["number.thousands"] = ",", " "
    (tmp_path / "xx.json").write_text(dump(strings), "utf-8")
    shutil.copy(LOCALES / "id.json", tmp_path / "id.json")  # a copy of a known one changes nothing
    monkeypatch.setattr(i18n, "_extra_dirs", [])
    i18n.add_locale_dir(tmp_path)
    assert "xx" in languages() and languages()[0] == FIRST
    assert t("param.n_customers.label", "xx") == "XX customers"
    assert t("stage.loyal", "xx") == t("stage.loyal", "en")
    table = sim.params("xx")
    assert table.label.iloc[0] == "XX customers" and len(table) == len(sim.params("en"))
    assert PARAMS["seller2.strategy"].label["xx"] == "XX seller 2: strategy"
    assert catalogue_problems({lang: catalogue(lang) for lang in languages()}) == []
    assert build_parser("xx").parse_args(["params", "--lang", "xx"]).lang == "xx"
    from sim.ui.style import number
    assert number(12345.5, "xx", 1) == "12 345,5"
    monkeypatch.setattr(i18n, "_extra_dirs", [])
    monkeypatch.setenv(i18n.ENV, str(tmp_path))  # the same through the environment
    assert t("param.n_customers.label", "xx") == "XX customers"
    monkeypatch.delenv(i18n.ENV)
    assert "xx" not in languages()
    with pytest.raises(ValueError, match="not available"):
        catalogue("xx")


def test_every_key_the_code_uses_exists():
    keys = catalogue("en")
    used = set()
    for path in (ROOT / "sim").rglob("*.py"):
        text = path.read_text("utf-8")
        used |= {f"ui.{k}" for k in re.findall(r"\bui\(\s*[\"']([\w.]+)[\"']", text)}
        used |= set(re.findall(r"\bt\(\s*[\"']([\w.]+)[\"']", text))
        if path.name == "cli.py":  # h("run") is cli.help.run
            used |= {f"cli.help.{k}" for k in re.findall(r"\bh\(\s*[\"']([\w.]+)[\"']", text)}
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(k for k in used if k not in keys) == []


def test_notebook_labels_are_catalogue_keys():
    """Labels passed to ui.* calls in notebooks are keys, so each language shows its own."""
    keys = catalogue("en")
    for nb in sorted((ROOT / "notebooks").glob("*/*.ipynb")):
        for cell in json.loads(nb.read_text("utf-8"))["cells"]:
            code = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            for label in re.findall(r"ui\.\w+\(\{\s*\"([^\"]+)\"", code):
                assert label in keys, f"{nb.name}: label {label!r} is not a catalogue key"


# --- No sentence in the code --------------------------------------------------------------------
MIN_WORDS = 4  # a literal with this many words is a sentence someone reads
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[.,;:!?)]?")
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}

# Files whose texts other work moves out (issue 8, §2 scenarios and §3 course logic): remove a
# file from this list when its sentences are in the catalogues.
PENDING: set[str] = set()

# Literals that are not sentences for learners, each with the reason. Keep this list short.
ALLOWED = {
    # sim/docs.py writes the developer guide's tables (sim/README.md is in English only)
    ("sim/docs.py", "| name | default | range | unit | meaning |"),
    ("sim/docs.py", "| name | product | customer | range | unit | meaning |"),
    ("sim/docs.py", "| per seller | default | range | meaning |"),
    ("sim/docs.py", "| name | title | based on | what it changes | look for |"),
    ("sim/docs.py",
     "**{}** (`sellerN.NAME`, N = 1..4; product-centric / customer-centric default)"),
    ("sim/docs.py", "| p per week | q per week | p, q per year | "
     "half adopted, closed form (week) | weekly recursion (the model) | estimation form | "
     "largest gap, recursion | "
     "largest gap, estimation form |"),
    ("sim/docs.py", "| seller | heard via | relationships per run | CLV, default | "
     "CLV, homophily | CLV, all on | first-year margin, default | first-year margin, all on |"),
    ("sim/docs.py", "| finding | seller | setting | difference, mean [95% band] | model |"),
    # a developer's mistake, not a learner's: a key missing from a catalogue
    ("sim/i18n.py", "no string '{}' in the '{}' catalogue"),
    ("sim/i18n.py", "module {} has no attribute {}"),
    # the answer-key tool's --help, for maintainers (python -m sim.course.answers)
    ("sim/course/answers.py", "lessons folder (default: ${} or the checkout's lessons/)"),
    # a programming mistake in a caller of sim.files, never caused by a learner
    ("sim/files.py", "every candidate group needs one path per data item"),
    # a developer's mistake in a scenario declaration, raised when sim is imported
    ("sim/scenarios/registry.py", "what: '{}' is not one of {}"),
    ("sim/scenarios/registry.py", "a scenario not declared (yet)"),
    ("sim/scenarios/registry.py", "scenario '{}' is based on '{}', {}; declare the base first"),
    ("sim/scenarios/registry.py", "scenario '{}' changes unknown parameters: {}"),
    ("sim/scenarios/registry.py", "{} has no number word with spec '{}'"),
}


def sentences(source: str) -> list[tuple[int, str]]:
    """String literals of ``source`` with MIN_WORDS words or more, outside docstrings and logging
    calls; an f-string counts as one literal, its fields as ``{}``."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in LOGGING and isinstance(node.func.value, ast.Name)
              and node.func.value.id in ("log", "logger", "logging")):
            skip |= {id(n) for arg in node.args for n in ast.walk(arg)}
        elif isinstance(node, ast.JoinedStr):
            skip |= {id(n) for n in ast.walk(node) if n is not node}
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        plain = re.sub(r"<style>.*?</style>|<[^>]*>", " ", text, flags=re.S)  # markup, CSS
        if sum(bool(WORD.fullmatch(w)) for w in plain.split()) >= MIN_WORDS:
            found.append((node.lineno, text))
    return sorted(found)


def test_the_scan_finds_a_sentence_and_skips_docstrings_and_logs():
    code = ('"""A module docstring with many words in it."""\n'
            "import logging\n"
            "def f(name):\n"
            '    """A function docstring with many words."""\n'
            '    logging.warning("a note for whoever reads the log")\n'
            '    label = "Short one"\n'
            '    return f"Hello {name}, welcome to the market today"\n'
            'def g():\n'
            '    raise ValueError("this value is not allowed here")\n')
    assert sentences(code) == [(7, "Hello {}, welcome to the market today"),
                               (9, "this value is not allowed here")]


def test_no_learner_visible_sentence_in_the_code():
    found = []
    for path in sorted((ROOT / "sim").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in PENDING:
            continue
        found += [(rel, line, text) for line, text in sentences(path.read_text("utf-8"))
                  if (rel, text) not in ALLOWED]
    assert found == [], "put these in sim/locales/<lang>.json and look them up with t(key, lang)"


def test_the_allow_list_is_not_stale():
    stale = [(rel, text) for rel, text in ALLOWED
             if text not in [s for _, s in sentences((ROOT / rel).read_text("utf-8"))]]
    assert stale == []


def test_glossaries_match():
    en = json.loads((ROOT / "lessons/en/glossary.json").read_text("utf-8"))
    id_ = json.loads((ROOT / "lessons/id/glossary.json").read_text("utf-8"))
    assert list(en) == list(id_)
    for term in en:
        assert set(en[term]) == set(id_[term]), term
        assert all(str(v).strip() for v in id_[term].values()), term


def test_the_catalogue_merge_driver_keeps_both_sides_and_names_clashes(tmp_path):
    """tools/merge_catalogue.py (the git merge driver for sim/locales/*.json)."""
    import subprocess
    import sys

    def write(name, d):
        p = tmp_path / name
        p.write_text(json.dumps(d), encoding="utf-8")
        return str(p)

    base = write("base", {"a": "1", "b": "2", "gone": "x"})
    ours = write("ours", {"a": "1", "b": "2 changed here", "ours.new": "o"})
    theirs = write("theirs", {"a": "1", "b": "2", "gone": "x", "theirs.new": "t"})
    tool = Path(__file__).resolve().parents[1] / "tools" / "merge_catalogue.py"
    done = subprocess.run([sys.executable, str(tool), base, ours, theirs])
    assert done.returncode == 0
    merged = json.loads(Path(ours).read_text(encoding="utf-8"))
    assert merged == {"a": "1", "b": "2 changed here", "ours.new": "o", "theirs.new": "t"}
    theirs = write("theirs", {"a": "1", "b": "2 changed there"})
    ours = write("ours", {"a": "1", "b": "2 changed here"})
    done = subprocess.run([sys.executable, str(tool), base, ours, theirs],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "'b'" in done.stderr
