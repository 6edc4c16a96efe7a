"""The course holds together: both languages have the same notebooks with the same structure,
every lesson has the standard parts, and everything a notebook names (presets, parameters,
quiz files, glossary terms, links) exists. Adding lesson 09 needs no change here."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest

import sim
from sim.params import PARAMS

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = {lang: sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))
             for lang in ("en", "id")}
PAIRS = {p.name[:2]: (p, q) for p, q in zip(NOTEBOOKS["en"], NOTEBOOKS["id"], strict=False)}
LESSONS = [n for n in PAIRS if n != "00"]
HEADINGS = {
    "en": ["# Lesson {n} ·", "## Story", "## By hand", "## Predict", "## Experiment 1:",
           "## Experiment 2:", "## When it does not hold", "## Things to try", "## Quiz",
           "## Key points", "## Glossary"],
    "id": ["# Pelajaran {n} ·", "## Cerita", "## Coba sendiri dulu", "## Tebak dulu",
           "## Eksperimen 1:", "## Eksperimen 2:", "## Saat klaim ini tidak berlaku",
           "## Hal yang bisa dicoba", "## Kuis", "## Poin penting", "## Glosarium"],
}
WHY = {"en": "**Why?**", "id": "**Mengapa?**"}
TIME = {"en": "**Time:**", "id": "**Waktu:**"}
SETUP = re.compile(r'^LANG = "(en|id)"$', re.M)


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def code_cells(path: Path) -> list[str]:
    return [c.source for c in read(path).cells if c.cell_type == "code"]


def calls(path: Path) -> list[ast.Call]:
    """Every ``ui.<name>(...)`` call in the notebook's code."""
    found = []
    for source in code_cells(path):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "ui":
                found.append(node)
    return found


def literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def quiz_file(lesson_id: str, lang: str) -> Path:
    return ROOT / "lessons" / lang / "quiz" / f"{lesson_id}.json"


def test_both_languages_have_the_same_notebooks():
    assert NOTEBOOKS["en"], "no notebooks found"
    assert [p.name[:2] for p in NOTEBOOKS["en"]] == [p.name[:2] for p in NOTEBOOKS["id"]]


@pytest.mark.parametrize("number", list(PAIRS))
def test_twins_have_identical_structure_and_code(number):
    en, id_ = (read(p) for p in PAIRS[number])
    assert [c.cell_type for c in en.cells] == [c.cell_type for c in id_.cells]
    setup = 0
    for a, b in zip(en.cells, id_.cells, strict=True):
        if a.cell_type != "code":
            continue
        if SETUP.search(a.source):
            setup += 1
            assert SETUP.sub("", a.source) == SETUP.sub("", b.source)
            assert 'LANG = "en"' in a.source and 'LANG = "id"' in b.source
        else:
            assert a.source == b.source
            assert "lang=LANG" in a.source or "lang=" not in a.source
    assert setup == 1


@pytest.mark.parametrize("path", NOTEBOOKS["en"] + NOTEBOOKS["id"], ids=lambda p: p.name)
def test_committed_without_outputs(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("number", LESSONS)
def test_every_lesson_has_the_standard_parts(number, lang):
    path = PAIRS[number][0 if lang == "en" else 1]
    cells = read(path).cells
    markdown = [c.source for c in cells if c.cell_type == "markdown"]
    wanted = [h.format(n=int(number)) for h in HEADINGS[lang]]
    at = [next((i for i, text in enumerate(markdown) if text.startswith(h)), None)
          for h in wanted]
    assert None not in at, [h for h, i in zip(wanted, at, strict=True) if i is None]
    assert at == sorted(at), "the parts are out of order"
    assert TIME[lang] in markdown[0]
    experiments = [t for t in markdown if t.startswith(wanted[4][:-2])]
    assert len(experiments) >= 2 and all(WHY[lang] in t for t in experiments)
    names = [c.func.attr for c in calls(path)]
    for needed in ("predict", "quiz", "glossary", "by_hand"):
        assert needed in names, needed


def scenario_names(call: ast.Call) -> list[str]:
    values = []
    if call.args:
        first = literal(call.args[0])
        if call.func.attr == "sweep_view":
            first = None
        values.append(first)
    for kw in call.keywords:
        if kw.arg in ("base", "presets", "market"):
            values.append(literal(kw.value))
    names = []
    for value in values:
        items = value.values() if isinstance(value, dict) else \
            value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                item = item.get("scenario")
            if isinstance(item, str):
                names.append(item)
    return names


@pytest.mark.parametrize("path", NOTEBOOKS["en"], ids=lambda p: p.name)
def test_everything_a_notebook_names_exists(path):
    glossary = json.loads((ROOT / "lessons/en/glossary.json").read_text("utf-8"))
    for call in calls(path):
        name = call.func.attr
        if name in ("dashboard", "compare_view", "sweep_view", "survival_view",
                    "preset_buttons", "sandbox", "regime_map"):
            for scenario in scenario_names(call):
                assert scenario in sim.SCENARIOS, scenario
        if name == "regime_map":
            axes = [literal(kw.value) for kw in call.keywords if kw.arg in ("x", "y")]
            assert len(axes) == 2 and all(axis[0] in PARAMS for axis in axes), axes
        for kw in call.keywords:
            if kw.arg in ("controls",) or (kw.arg == "fixed"):
                for param in literal(kw.value):
                    assert param in PARAMS, param
        if name == "sweep_view":
            assert literal(call.args[0]) in PARAMS
        if name == "survival_view":
            assert literal(call.args[1]) in PARAMS
        if name in ("predict", "quiz"):
            lesson_id = literal(call.args[0])
            for lang in ("en", "id"):
                assert quiz_file(lesson_id, lang).exists(), (lesson_id, lang)
            if name == "predict":
                doc = json.loads(quiz_file(lesson_id, "en").read_text("utf-8"))
                assert literal(call.args[1]) in [p["id"] for p in doc["predictions"]]
        if name == "glossary":
            assert set(literal(call.args[0])) <= set(glossary)


def structure(doc: dict) -> dict:
    """Everything in a quiz file except the words."""
    def q(item):
        keep = {k: v for k, v in item.items() if k in ("id", "kind", "answer", "tolerance")}
        keep["options"] = len(item.get("options", []))
        keep["feedback"] = len(item.get("feedback", []))
        return keep

    def p(item):
        return {"id": item["id"], "experiment": item["experiment"], "judge": item["judge"],
                "outcomes": [o["outcome"] for o in item["options"]],
                "explained": sorted(item.get("explain", {}))}

    return {"questions": [q(x) for x in doc["questions"]],
            "predictions": [p(x) for x in doc.get("predictions", [])]}


QUIZZES = sorted(p.name for p in (ROOT / "lessons/en/quiz").glob("*.json"))


def test_every_quiz_has_a_twin():
    assert QUIZZES == sorted(p.name for p in (ROOT / "lessons/id/quiz").glob("*.json"))


@pytest.mark.parametrize("name", QUIZZES)
def test_quiz_twins_agree_and_are_complete(name):
    en = json.loads((ROOT / "lessons/en/quiz" / name).read_text("utf-8"))
    id_ = json.loads((ROOT / "lessons/id/quiz" / name).read_text("utf-8"))
    assert structure(en) == structure(id_)
    assert len(en["questions"]) >= 4 and en["predictions"]
    for doc in (en, id_):
        for q in doc["questions"]:
            if q["kind"] == "choice":
                assert 0 <= q["answer"] < len(q["options"]) == len(q["feedback"])
            else:
                assert q["right"].strip() and q["wrong"].strip()
        for p in doc["predictions"]:
            outcomes = {o["outcome"] for o in p["options"]}
            assert outcomes == set(p["explain"]) and all(p["explain"].values())


@pytest.mark.parametrize("path", NOTEBOOKS["en"] + NOTEBOOKS["id"], ids=lambda p: p.name)
def test_relative_links_lead_somewhere(path):
    for cell in read(path).cells:
        if cell.cell_type != "markdown":
            continue
        for target in re.findall(r"\]\(([^)#]+)\)", cell.source):
            if "://" not in target:
                assert (path.parent / target).exists(), target


def test_start_notebook_links_every_lesson():
    text = " ".join(c.source for c in read(NOTEBOOKS["en"][0]).cells)
    assert all(p.name in text for p in NOTEBOOKS["en"][1:])


@pytest.mark.parametrize("name", sorted(n for n in sim.SCENARIOS if re.match(r"l\d_", n)))
def test_every_lesson_experiment_runs(name):
    result = sim.run(name, seed=1, weeks=3)
    assert len(result.market) == 3


@pytest.mark.parametrize("number", list(PAIRS))
def test_every_lesson_has_its_two_guides(number):
    en, id_ = PAIRS[number]
    assert (ROOT / "lessons/en" / f"{en.stem}.md").exists()
    assert (ROOT / "lessons/id" / f"{id_.stem}.md").exists()


@pytest.mark.parametrize("path", sorted((ROOT / "lessons").rglob("*.md")), ids=lambda p: p.name)
def test_guide_links_lead_somewhere(path):
    for target in re.findall(r"\]\(([^)#]+)\)", path.read_text("utf-8")):
        if "://" not in target:
            assert (path.parent / target).exists(), target
