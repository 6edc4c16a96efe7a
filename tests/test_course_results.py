"""What the course states, the model shows.

Every result a lesson states is generated (``<!-- pasar:result NAME -->`` blocks, answer keys)
from the runs of a widget in the same lesson, with the course's seeds; a stale block, a result no
widget shows, a widget on other seeds, a typed outcome number or a widget whose summary reads
the evidence differently from the text beside it is an error here. The runs are computed once
for the whole session (``course_runs``) and shared with ``test_course_claims.py``.
"""

from __future__ import annotations

import ast
import json
import re
from concurrent.futures import Executor, Future
from pathlib import Path

import nbformat
import pytest

from sim.course import answers, results
from sim.course.evidence import leaders
from sim.course.judge import TIE, judge, runs_of
from sim.course.lessons import MARKER, load_lesson
from sim.course.stated import RESULTS, TRIES
from sim.i18n import t
from sim.runner import resolve

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks" / "en").glob("[0-9][0-9]_*.ipynb"))
WIDGETS = ("compare_view", "sweep_view")  # views whose summary names a leader
RESULT_WIDGETS = (*WIDGETS, "decompose_view")  # every view a stated result may come from


def lesson_of(path: Path) -> str:
    return path.name[:2]


def widget_calls(path: Path, kinds: tuple[str, ...] = WIDGETS) -> list[ast.Call]:
    calls = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            calls += [n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Attribute) and n.func.attr in kinds]
    return calls


def runs_of_call(call: ast.Call) -> results.Compare | results.Sweep | results.Decompose:
    """The runs a notebook's ``ui.compare_view(...)``, ``ui.sweep_view(...)`` or
    ``ui.decompose_view(...)`` shows."""
    args = [ast.literal_eval(a) for a in call.args]
    kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg != "lang"}
    seeds = kw.pop("seeds", {"compare_view": 5, "sweep_view": 3}.get(call.func.attr, 10))
    if not isinstance(seeds, int):
        assert list(seeds) == list(range(1, len(seeds) + 1)), "widget seeds: 1..n"
        seeds = len(seeds)
    if call.func.attr == "compare_view":
        return results.Compare.of(*args, seeds=seeds, **kw)
    if call.func.attr == "decompose_view":
        return results.Decompose(*args, seeds=seeds, **kw)
    param, values = args[0], tuple(args[1])
    return results.Sweep(param, values, kw.pop("base", "switch"), seeds, **kw)


def fingerprint(runs) -> tuple:
    """What decides the numbers: the runs' parameter values, seeds, metric and line."""
    specs = {str(k): json.dumps(v, sort_keys=True) for k, v in runs.specs().items()}
    return (type(runs).__name__, tuple(sorted(specs.items())), runs.seeds, runs.metric,
            runs.seller)


def shop_parts(path: Path) -> list[results.ShopParts]:
    """The runs of every ``ui.shop_difference(view, seeds=...)`` of a worked example shop in the
    notebook, its view made by ``view = ui.shop("example", ...)`` (lesson 9). These widgets use
    the shop questions' own seeds (five, as ``ui.shop_question`` beside them), not the course's
    ten: the stated result declares the same seeds, so text and chart share their runs."""
    examples, found = {}, []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                    isinstance(node.value.func, ast.Attribute) and \
                    node.value.func.attr == "shop" and node.value.args:
                examples[node.targets[0].id] = ast.literal_eval(node.value.args[0])
    for call in widget_calls(path, ("shop_difference",)):
        kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg != "lang"}
        if call.args[0].id in examples:
            found.append(results.ShopParts(examples[call.args[0].id], **kw))
    return found


def shown(lesson: str) -> set[tuple]:
    """Fingerprints of every widget's runs in the lesson: its views and its predictions."""
    path = next(p for p in NOTEBOOKS if lesson_of(p) == lesson)
    found = {fingerprint(runs_of_call(c)) for c in widget_calls(path, RESULT_WIDGETS)}
    found |= {fingerprint(r) for r in shop_parts(path)}
    quiz = next((ROOT / "lessons/en/quiz").glob(f"{lesson}_*.json")).stem
    found |= {fingerprint(r) for p in load_lesson(quiz, "en")["predictions"]
              if (r := runs_of(p)) is not None}
    return found


def marked() -> dict[Path, list[str]]:
    """Every file that may hold results -> the result names marked in it."""
    return {path: [n for words in answers._words_of(path) for n in results.names_in(words)]
            for path, _ in answers.texts()}


@pytest.fixture(scope="session")
def course_runs():
    """Every run the course's texts and predictions need, computed once, in parallel."""
    answers.prefetch()
    return results._RUNS


def test_every_marked_result_exists_and_belongs_to_its_lesson():
    found = marked()
    assert sum(map(len, found.values())) > 20
    for path, names in found.items():
        for name in names:
            assert name in RESULTS or name in TRIES, (path.name, name)
            assert name.startswith(f"l{int(lesson_of(path))}_"), (path.name, name)


def test_every_declared_result_is_stated_somewhere():
    used = {n for names in marked().values() for n in names}
    assert set(RESULTS) - used == set()
    assert set(TRIES) - used == set()


def test_a_things_to_try_answer_is_stated_only_in_its_guides_solutions():
    """No widget shows a try's runs, so no notebook or quiz may state them; in a guide they
    sit in the *Things to try* solutions, the last section."""
    assert not set(TRIES) & set(RESULTS)
    for path, names in marked().items():
        tries = [n for n in names if n in TRIES]
        if not tries:
            continue
        assert path.suffix == ".md" and path.parent.parent.name == "lessons", (path, tries)
        last = path.read_text("utf-8").rsplit("\n## ", 1)[-1]
        assert [n for n in results.names_in(last) if n in TRIES] == tries, (path.name, tries)


def test_each_stated_result_is_what_a_widget_of_its_lesson_shows():
    for name, said in RESULTS.items():
        lesson = f"{int(name[1:name.index('_')]):02d}"
        assert fingerprint(said.runs) in shown(lesson), name


def test_lesson_9_states_what_its_shop_widget_shows():
    """Bu Ratna's decomposition is stated (``l9_ratna_parts``) from the widget beside it; the
    learner's own shop (``mine``, no example) has a widget but no stated result."""
    path = next(p for p in NOTEBOOKS if lesson_of(p) == "09")
    assert [r.example for r in shop_parts(path)] == ["batik"]
    assert len(widget_calls(path, ("shop_difference",))) == 2
    assert fingerprint(RESULTS["l9_ratna_parts"].runs) in shown("09")
    assert fingerprint(results.ShopParts("batik", seeds=3)) not in shown("09")


def test_result_widgets_and_predictions_use_the_course_seeds():
    for path in NOTEBOOKS:
        for call in widget_calls(path, RESULT_WIDGETS):
            assert runs_of_call(call).seeds == results.SEEDS, (path.name, ast.unparse(call))
    for quiz in sorted((ROOT / "lessons/en/quiz").glob("*.json")):
        for p in load_lesson(quiz.stem, "en")["predictions"]:
            runs, seeds = runs_of(p), p["judge"].get("seeds")
            assert runs is None or runs.seeds == results.SEEDS, (quiz.name, p["id"])
            assert runs is not None or seeds in (None, list(range(1, results.SEEDS + 1))), \
                (quiz.name, p["id"])


# a model outcome typed into a text: "about 23,100", "sekitar 23.100", "Seed 1: 41 ..."
# (not a shop's own inputs, lesson 9: "1,400 buyers a week", "2,000 people nearby", "25% of 2,000")
PEOPLE = r"(buyers|people|neighbours|pembeli|orang|tetangga)"
TYPED = re.compile(r"\b(about|sekitar|kira-kira)\s+[−-]?\d[\d.,]*\d\b"  # about 0.71, sekitar 26.100
                   r"|(?<!of )(?<!dari )(?<!× )\b[1-9]\d{0,2}([.,]\d{3})+\b"  # 23,100 or 23.100
                   rf"(?!\s+{PEOPLE}\b)(?! (is|=|adalah) \d)"
                   r"|\b(seed|Seed)\s+\d+\s*:\s*[−-]?\d")  # Seed 1: 41 new customers


def test_no_model_outcome_is_typed_outside_a_generated_block():
    typed = []
    for path, _ in answers.texts():
        if path.name == "README.md":  # the course overview: timings of the tournament, not results
            continue
        for words in answers._words_of(path):
            free = answers.BLOCK.sub("", answers.OUTCOME.sub("", MARKER.sub("", words)))
            typed += [(path.name, m.group(0)) for m in TYPED.finditer(free)]
    assert typed == []


def test_the_marker_pattern_finds_typed_outcomes():
    """The check above can fail: it sees the numbers the course used to type."""
    assert TYPED.search("over 10 seeds (about 23,100 against 20,900 thousand rupiah)")
    assert TYPED.search("sekitar 23.100 dibanding 20.900")
    assert TYPED.search("(Seed 1: 41 new customers in week 1)")
    assert not TYPED.search("4 values × 3 seeds = 12 runs; week 52; 0.475; −0.225; 150")
    assert not TYPED.search("said 1,400 buyers a week; 2,000 people nearby; 25% of 2,000 is 500")
    assert TYPED.search("the shop earned 1,400 a week") and TYPED.search("about 1,400 buyers")


def test_every_generated_block_is_fresh(course_runs):
    """`python -m sim.course.answers` has been run since the model, a quiz or a text changed."""
    assert answers.stale() == [], "run `python -m sim.course.answers` to refresh"


def test_every_guide_has_its_answer_key_and_the_run_sheets_quote_outcomes():
    assert len(answers.guides()) == 2 * len(NOTEBOOKS)
    assert {lang for _, lesson, lang in answers.generated() if lesson is None} == {"en", "id"}


def test_a_prediction_without_a_tie_outcome_has_a_clear_winner(course_runs):
    """A bet whose answer the seeds cannot decide must offer "no clear difference"."""
    for quiz in sorted((ROOT / "lessons/en/quiz").glob("*.json")):
        for p in load_lesson(quiz.stem, "en")["predictions"]:
            if runs_of(p) is None or any(o["outcome"] == TIE for o in p["options"]):
                continue
            verdict = judge(p)
            assert len(leaders(verdict.lines)) == 1, (quiz.name, p["id"], verdict.said())


class Cached(Executor):
    """Serves a compare view's runs from the session's computed runs (a sweep's come from
    sim.batch's cache, which the texts' sweeps filled)."""

    def submit(self, fn, spec, seed, weeks):
        values = resolve(spec)[1]
        if weeks is not None:
            values["weeks"] = weeks
        future = Future()
        future.set_result(results._weekly(values, seed).copy())
        return future


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_widget_summary_reads_the_evidence_as_the_text_does(path, course_runs):
    """The verdict under each compare and sweep chart names the same leading lines as the
    generated sentences of the results it shows."""
    import sim.ui as ui

    for call in widget_calls(path):
        runs = runs_of_call(call)
        kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg != "lang"}
        args = [ast.literal_eval(a) for a in call.args]
        cached = Cached() if call.func.attr == "compare_view" else None  # sweeps: sim.batch
        view = getattr(ui, call.func.attr)(*args, **kw, lang="en", executor=cached)
        lines = view.lines() if call.func.attr == "compare_view" else view.lines
        said = results.Said(runs)
        assert [x.key for x in leaders(lines)] == [x.key for x in leaders(said.lines())]
        assert [round(x.mean, 6) for x in lines] == [round(x.mean, 6) for x in said.lines()]


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if widget_calls(p, ("decompose_view",))],
                         ids=lambda p: p.name)
def test_each_decomposition_chart_draws_the_parts_its_text_states(path, course_runs):
    """A "what made the difference" chart and the generated sentence beside it give every lever
    group the same part of the gap (the chart's bars are the sentence's means), and the chart's
    summary names as clear exactly the groups whose band excludes zero."""
    import sim.ui as ui

    for call in widget_calls(path, ("decompose_view",)):
        runs = runs_of_call(call)
        kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg != "lang"}
        view = ui.decompose_view(*[ast.literal_eval(a) for a in call.args], **kw, lang="en")
        drawn = view.result.parts.set_index("part")["mean"]
        said = results.Said(runs).lines()
        assert said and [round(drawn[x.key], 6) for x in said] == [round(x.mean, 6)
                                                                   for x in said]
        clear = [x.key for x in said if x.low > 0 or x.high < 0]
        assert sorted(view.result.clear_groups()) == sorted(clear)
        for group in clear:
            assert t(f"group.{group}", "en") in view.summary.value
