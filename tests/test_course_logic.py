"""Course logic lives beside the model, without widgets (``sim.course``), and finds its lessons
folder without assuming a checkout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim.course import answers
from sim.course.lessons import ENV, LESSONS, lessons_root, load_glossary, load_lesson

REPO = Path(__file__).resolve().parents[1]
QUIZ = {"questions": [{"id": "q1", "kind": "choice", "prompt": "Who pays?",
                       "options": ["the customer", "the consumer"], "answer": 0,
                       "feedback": ["Right.", "No: the consumer uses it."]}]}
GUIDE = "# Lesson 1\n\n<!-- generated:answers -->\nstale\n<!-- /generated:answers -->\n"


def _lessons(tmp_path: Path) -> Path:
    """A lessons folder outside the checkout: one quiz, one guide with a stale answer block."""
    root = tmp_path / "my_lessons"
    (root / "en" / "quiz").mkdir(parents=True)
    (root / "en" / "quiz" / "01_pay.json").write_text(json.dumps(QUIZ), "utf-8")
    (root / "en" / "01_pay.md").write_text(GUIDE, "utf-8")
    return root


def test_the_answer_keys_refresh_without_plotly_or_ipywidgets(tmp_path):
    root = _lessons(tmp_path)
    code = ("import runpy, sys\n"
            f"sys.argv = ['answers', '--lessons', {str(root)!r}]\n"
            "try:\n    runpy.run_module('sim.course.answers', run_name='__main__')\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('plotly', 'ipywidgets', 'anywidget', 'sim') and m.startswith(('plotly', "
            "'ipywidgets', 'anywidget', 'sim.ui'))))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    guide = (root / "en" / "01_pay.md").read_text("utf-8")
    assert "stale" not in guide
    assert "  - Answer: **the customer**. Right." in guide
    assert '  - If a learner picks "the consumer": No: the consumer uses it.' in guide


def test_the_lessons_folder_comes_from_an_argument_or_the_environment(tmp_path, monkeypatch):
    root = _lessons(tmp_path)
    assert lessons_root() == LESSONS == REPO / "lessons"
    assert load_lesson("01", "en", root)["questions"] == QUIZ["questions"]
    assert [(p.name, lesson, lang) for p, lesson, lang in answers.guides(root)] == [
        ("01_pay.md", "01_pay", "en")]
    monkeypatch.setenv(ENV, str(root))
    assert lessons_root() == root
    assert load_lesson("01")["predictions"] == []


def test_a_missing_lessons_folder_is_named(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_glossary("en", missing)
    monkeypatch.setenv(ENV, str(missing))
    with pytest.raises(FileNotFoundError, match=ENV):
        load_lesson("01")


def test_the_old_module_paths_still_work():
    from sim.ui import answers as old_answers
    from sim.ui import judge as old_judge

    assert old_answers.render is answers.render and old_judge.load_lesson is load_lesson


def test_a_page_quoting_an_outcome_is_refreshed_and_listed(tmp_path):
    """The run sheet's inline blocks: the outcome and its numbers come from running the
    prediction, like the guides' answer keys."""
    root = _lessons(tmp_path)
    quiz = dict(QUIZ, predictions=[{
        "id": "p1", "prompt": "Who leads?", "options": [
            {"label": "Seller one", "outcome": "seller1"},
            {"label": "Seller two", "outcome": "seller2"}],
        "experiment": {"scenario": "head_to_head", "seed": 1, "weeks": 2},
        "judge": {"kind": "max_seller", "metric": "cumulative_profit", "week": -1},
        "explain": {"seller1": "one", "seller2": "two"}}])
    (root / "en" / "quiz" / "01_pay.json").write_text(json.dumps(quiz), "utf-8")
    sheet = root / "en" / "sheet.md"
    sheet.write_text("# Sheet\n\n| step | say |\n|---|---|\n| 1 | It was "
                     "<!-- generated:outcome 01_pay p1 -->stale<!-- /generated:outcome --> |\n",
                     "utf-8")
    assert (sheet, None, "en") in answers.generated(root)
    fresh = answers.render(sheet.read_text("utf-8"), None, "en", root)
    verdict = answers.verdict_of(quiz["predictions"][0], "01_pay", "en", root)
    label = {"seller1": "Seller one", "seller2": "Seller two"}[verdict.outcome]
    assert f"-->**{label}** (seed 1; total profit: Seller one " in fresh
    assert "stale" not in fresh and fresh.count("\n") == sheet.read_text("utf-8").count("\n")
