"""Learner-facing text names a setting or a preset by its label, never by its identifier
(issue 12 §2): a learner reads "Over-promise" on the slider, so the lesson says "Over-promise",
not ``promise_gap``; the preset menu shows "Head to head", not ``head_to_head``.

Scanned, in every language: the Markdown cells of every notebook, the quizzes' and predictions'
texts (prompts, options, feedback; not their ids or the runs they judge), the glossary, and the
catalogue's strings, and the trainer's 90-minute run sheet (a trainer reads the same menus).
Error messages are exempt: they name the parameter on purpose, so that the
same message serves the CLI and the widget. Code cells are code: identifiers belong there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sim.params import PARAMS
from sim.scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parents[1]
LANGS = sorted(p.stem for p in (ROOT / "sim/locales").glob("*.json"))
QUIZ_TEXT = {"prompt", "options", "feedback", "right", "wrong", "label", "explain"}


def identifiers() -> set[str]:
    """Every parameter (with and without its seller prefix) and scenario name that looks like
    an identifier (has an underscore or a dot: a plain word like "bundle" is also English)."""
    names = set(PARAMS) | {n.split(".", 1)[1] for n in PARAMS if "." in n} | set(SCENARIOS)
    return {n for n in names if "_" in n or "." in n}


PATTERN = re.compile(r"(?<![\w.{])(" + "|".join(
    sorted(map(re.escape, identifiers()), key=len, reverse=True)) + r")(?!\w)")


def quiz_texts(value, key: str = "") -> list[str]:
    """The learner-visible strings of a quiz document."""
    if isinstance(value, dict):
        return [t for k, v in value.items() if k in QUIZ_TEXT or key in QUIZ_TEXT
                or isinstance(v, (dict, list)) and k not in {"judge", "experiment"}
                for t in quiz_texts(v, k)]
    if isinstance(value, list):
        return [t for item in value for t in quiz_texts(item, key)]
    return [value] if isinstance(value, str) and key in QUIZ_TEXT else []


def texts(root: Path, lang: str) -> list[tuple[str, str]]:
    """(where, text) of every learner-facing text in ``lang``."""
    out = []
    catalogue = json.loads((root / f"sim/locales/{lang}.json").read_text("utf-8"))
    out += [(f"{lang}.json {k}", v) for k, v in catalogue.items()
            if not k.startswith(("error.", "cli."))]
    lessons = root / "lessons" / lang
    for path in sorted(lessons.glob("quiz/*.json")):
        out += [(str(path.relative_to(root)), t)
                for t in quiz_texts(json.loads(path.read_text("utf-8")))]
    glossary = lessons / "glossary.json"
    if glossary.exists():
        doc = json.loads(glossary.read_text("utf-8"))
        out += [(f"{glossary.relative_to(root)} {term}", json.dumps(entry, ensure_ascii=False))
                for term, entry in doc.items()]
    for path in sorted(lessons.glob("*90*.md")):  # the run sheet: what a trainer says and does
        out.append((str(path.relative_to(root)), path.read_text("utf-8")))
    for path in sorted((root / "notebooks" / lang).glob("*.ipynb")):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        out += [(f"{path.relative_to(root)} cell {n}", "".join(cell["source"]))
                for n, cell in enumerate(cells) if cell["cell_type"] == "markdown"]
    return out


COMMENT = re.compile(r"<!--.*?-->", re.S)  # generated-result markers: not shown


def found(root: Path, lang: str) -> list[str]:
    return [f"{where}: {m.group(1)}" for where, text in texts(root, lang)
            for m in PATTERN.finditer(COMMENT.sub("", text))]


@pytest.mark.parametrize("lang", LANGS)
def test_learner_text_shows_no_identifier(lang):
    hits = found(ROOT, lang)
    assert hits == [], "use the label the learner sees:\n" + "\n".join(hits)


def test_a_planted_identifier_is_found(tmp_path):
    """The check can fail: an identifier planted in a notebook and in a quiz is reported."""
    (tmp_path / "sim/locales").mkdir(parents=True)
    (tmp_path / "sim/locales/en.json").write_text('{"ui.x": "Move the slider"}', "utf-8")
    (tmp_path / "lessons/en/quiz").mkdir(parents=True)
    quiz = {"questions": [{"id": "q1", "prompt": "In head_to_head, who wins?",
                           "options": ["a", "b"], "feedback": ["raise `wom_rate`", "no"]}],
            "predictions": [{"id": "p1", "experiment": {"scenario": "head_to_head"},
                             "prompt": "Bet", "options": [{"label": "seller2.crm_offer up"}]}]}
    (tmp_path / "lessons/en/quiz/01.json").write_text(json.dumps(quiz), "utf-8")
    (tmp_path / "notebooks/en").mkdir(parents=True)
    nb = {"cells": [{"cell_type": "markdown", "source": ["Set `promise_gap` to 0.3"]},
                    {"cell_type": "code", "source": ['ui.dashboard("head_to_head")']}]}
    (tmp_path / "notebooks/en/01.ipynb").write_text(json.dumps(nb), "utf-8")
    hits = found(tmp_path, "en")
    assert [h.rsplit(": ", 1)[1] for h in hits] == [
        "head_to_head", "wom_rate", "seller2.crm_offer", "promise_gap"], hits
