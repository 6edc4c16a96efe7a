"""Every generated block of the course, refreshed by one command: ``python -m sim.course.answers``.

- The answer key of each facilitator guide (``lessons/<lang>/NN_*.md``), between
  ``<!-- generated:answers -->`` and ``<!-- /generated:answers -->``: every prediction with the
  outcome the model actually produces (computed by running its experiment, exactly as the
  notebook's button does) and every quiz question with its answer and the feedback for each
  option. The blocks' own words are ``answers.*`` in the language catalogues.
- Any other page in ``lessons/<lang>/`` (the workshop run sheet) quotes a prediction's outcome
  with an inline block, ``<!-- generated:outcome LESSON ID -->...<!-- /generated:outcome -->``.
- Every stated result, between ``<!-- pasar:result NAME -->`` and ``<!-- /pasar:result -->``,
  in the notebooks' Markdown, the lessons' pages and the quiz files (:mod:`sim.course.results`,
  the names in :mod:`sim.course.stated`: its ``RESULTS``, and its ``TRIES``, the answers to the
  notebooks' *Things to try* that only the guides state).

``--check`` only lists what is stale (exit status 1); ``tests/test_course_results.py`` fails
when anything is, so no text contradicts the model, its quiz file or the widget beside it.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys
from pathlib import Path

from ..i18n import t
from ..words import metric_label
from . import results
from .judge import Verdict, find, judge, prefetch_predictions
from .lessons import ENV, lesson_file, lessons_root, load_lesson, map_texts
from .stated import RESULTS, TRIES

STATED = {**RESULTS, **TRIES}  # every name a marker may use (tries: in the guides only)

BLOCK = re.compile(r"(<!-- generated:answers -->\n).*?(<!-- /generated:answers -->)", re.S)
OUTCOME = re.compile(r"(<!-- generated:outcome ([\w.-]+) ([\w.-]+) -->).*?"
                     r"(<!-- /generated:outcome -->)", re.S)


def _number(x: float, lang: str) -> str:
    whole = float(x).is_integer() or abs(x) >= 10
    text = f"{x:,.0f}" if whole else f"{x:,.2f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def _shown(value: float, metric: str, runs: int, lang: str) -> str:
    """A compared number; a share of runs in which the shop stayed open as "8 of 10"."""
    if metric == "open":
        return t("answers.open_in", lang, k=round(value * runs), n=runs)
    return _number(value, lang)


def _words(lang: str) -> dict[str, str]:
    """The answer keys' own words (``answers.*`` in the language catalogue)."""
    return {k: t(f"answers.{k}", lang) for k in ("predictions", "quiz", "outcome", "numbers",
                                                   "answer", "seeds", "seed", "other")}


@functools.cache
def _judged(quiz: Path, modified: int, prediction: str, lang: str) -> Verdict:
    """The verdict of one prediction, computed once per process and quiz-file version (a guide
    and the run sheet quoting the same prediction share one run)."""
    doc = load_lesson(quiz.stem, lang, quiz.parents[2])
    return judge(find(doc["predictions"], prediction), lang)


def verdict_of(p: dict, lesson: str, lang: str, root=None) -> Verdict:
    """The verdict of prediction ``p`` of ``lesson`` (run once per process)."""
    quiz = lesson_file(lesson, lang, root).resolve()
    return _judged(quiz, quiz.stat().st_mtime_ns, p["id"], lang)


def _outcome_parts(p: dict, verdict: Verdict, lang: str) -> tuple[str, str, str]:
    """(the outcome's label, which seeds, the numbers compared) of a judged prediction: over
    the course's seeds and for one run, in the course's words (:meth:`Verdict.said`)."""
    w = _words(lang)
    label = next(o["label"] for o in p["options"] if o["outcome"] == verdict.outcome)
    if verdict.lines:
        return label, f"{w['seeds']} 1–{verdict.seeds}", verdict.said(lang)
    if verdict.one_run:
        return label, f"{w['seed']} {verdict.seeds}", verdict.numbers(lang) + "."
    seeds = p["judge"].get("seeds")  # another judge (channel values): its numbers as they are
    run = (f"{w['seeds']} {', '.join(map(str, seeds))}" if seeds
           else f"{w['seed']} {p['experiment'].get('seed', 1)}")
    numbers = "; ".join(f"{k}: {_shown(v, verdict.metric, len(seeds or [1]), lang)}"
                        for k, v in verdict.values.items())
    return label, run, numbers + "."


def outcome(lesson: str, prediction: str, lang: str,
            root: str | os.PathLike | None = None) -> str:
    """One line quoting what the model shows for ``prediction`` of ``lesson``:
    ``**label** (seed 1; cumulative_profit: seller1: 2,212; seller2: 162)``."""
    p = find(load_lesson(lesson, lang, root)["predictions"], prediction)
    verdict = verdict_of(p, lesson, lang, root)
    label, run, numbers = _outcome_parts(p, verdict, lang)
    return f"**{label}** ({run}; {metric_label(verdict.metric, lang)}: {numbers.rstrip('.')})"


def answer_key(lesson: str, lang: str, root: str | os.PathLike | None = None) -> str:
    """The Markdown answer key of ``lesson`` in ``lang``."""
    doc, w = load_lesson(lesson, lang, root), _words(lang)
    lines = [f"### {w['predictions']}", ""]
    for p in doc["predictions"]:
        verdict = verdict_of(p, lesson, lang, root)
        label, run, numbers = _outcome_parts(p, verdict, lang)
        lines += [f"- **{p['id']}.** {p['prompt']}",
                  f"  - {w['outcome']} ({run}): **{label}**. {p['explain'][verdict.outcome]}",
                  f"  - {w['numbers']} ({metric_label(verdict.metric, lang)}): {numbers}"]
    lines += ["", f"### {w['quiz']}", ""]
    for q in doc["questions"]:
        if q.get("kind", "choice") == "choice":
            right = q["options"][q["answer"]]
            lines += [f"- **{q['id']}.** {q['prompt']}",
                      f"  - {w['answer']}: **{right}**. {q['feedback'][q['answer']]}"]
            for i, option in enumerate(q["options"]):
                if i != q["answer"]:
                    lines.append(f"  - {w['other']} \"{option}\": {q['feedback'][i]}")
        else:
            tol = f" ± {_number(q['tolerance'], lang)}" if q.get("tolerance") else ""
            lines += [f"- **{q['id']}.** {q['prompt']}",
                      f"  - {w['answer']}: **{_number(q['answer'], lang)}{tol} {q.get('unit', '')}"
                      f"**. {q['right']}"]
    return "\n".join(lines) + "\n"


def guides(root: str | os.PathLike | None = None) -> list[tuple[Path, str, str]]:
    """(guide path, lesson id, language) for every guide that has an answer block."""
    lessons, found = lessons_root(root), []
    for lang in ("en", "id"):
        for path in sorted((lessons / lang).glob("[0-9][0-9]_*.md")):
            stem = next((q.stem for q in (lessons / "en" / "quiz").glob(f"{path.name[:2]}_*.json")),
                        None)
            if stem and BLOCK.search(path.read_text("utf-8")):
                found.append((path, stem, lang))
    return found


def generated(root: str | os.PathLike | None = None) -> list[tuple[Path, str | None, str]]:
    """(path, lesson id or None, language) for every page in ``lessons/<lang>/`` with a
    generated block: the guides (:func:`guides`) and pages quoting outcomes (the run sheet)."""
    found = guides(root)
    known = {path for path, _, _ in found}
    for lang in ("en", "id"):
        for path in sorted((lessons_root(root) / lang).glob("*.md")):
            if path not in known and OUTCOME.search(path.read_text("utf-8")):
                found.append((path, None, lang))
    return found


def render(text: str, lesson: str | None, lang: str,
           root: str | os.PathLike | None = None) -> str:
    """``text`` (a guide or the run sheet) with its generated blocks regenerated."""
    if lesson is not None:
        text = BLOCK.sub(lambda m: m.group(1) + answer_key(lesson, lang, root) + m.group(2),
                         text)
    return OUTCOME.sub(lambda m: m.group(1) + outcome(m.group(2), m.group(3), lang, root)
                       + m.group(4), text)


def texts(root: str | os.PathLike | None = None) -> list[tuple[Path, str]]:
    """(path, language) of every file that may hold generated blocks: the lessons' pages, the
    quiz files and, beside the lessons folder, the notebooks."""
    lessons, found = lessons_root(root), []
    for lang in ("en", "id"):
        found += [(p, lang) for p in sorted((lessons / lang).glob("*.md"))]
        found += [(p, lang) for p in sorted((lessons / lang / "quiz").glob("*.json"))]
        found += [(p, lang) for p in sorted((lessons.parent / "notebooks" / lang).glob(
            "[0-9][0-9]_*.ipynb"))]
    return found


def _words_of(path: Path) -> list[str]:
    """The texts of a file in which a result may be marked."""
    if path.suffix == ".ipynb":
        import nbformat  # the course's notebooks come with the course extras

        return [c.source for c in nbformat.read(path, as_version=4).cells
                if c.cell_type == "markdown"]
    if path.suffix == ".json":
        found: list[str] = []
        map_texts(json.loads(path.read_text("utf-8")), found.append)
        return found
    return [path.read_text("utf-8")]


def refreshed(path: Path, lang: str, root: str | os.PathLike | None = None,
              pages: dict[Path, str | None] | None = None) -> str:
    """The file's text with every generated block in it regenerated (``pages``: the lesson of
    each page with answer keys or quoted outcomes, as :func:`generated` finds them)."""
    text = path.read_text("utf-8")
    if path.suffix == ".ipynb":
        import nbformat

        nb = nbformat.reads(text, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = results.fill(cell.source, lang, STATED)
        fresh = nbformat.writes(nb)
        return fresh if fresh.endswith("\n") else fresh + "\n"
    if path.suffix == ".json":
        doc = map_texts(json.loads(text), lambda x: results.fill(x, lang, STATED))
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if pages is not None and path in pages:
        text = render(text, pages[path], lang, root)
    return results.fill(text, lang, STATED)


def prefetch(root: str | os.PathLike | None = None, executor=None) -> None:
    """Compute, in one parallel batch, every run that the marked results and the predictions
    need (the texts are then filled from memory)."""
    names = {n for path, _ in texts(root) for words in _words_of(path)
             for n in results.names_in(words)}
    results.prefetch([STATED[n] for n in sorted(names) if n in STATED], executor)
    prefetch_predictions([p for path, lesson, lang in guides(root) if lang == "en"
                          for p in load_lesson(lesson, lang, root)["predictions"]], executor)


def stale(root: str | os.PathLike | None = None, write: bool = False) -> list[Path]:
    """The files whose generated blocks are out of date (``write``: refresh them)."""
    prefetch(root)
    pages = {path: lesson for path, lesson, _ in generated(root)}
    out = []
    for path, lang in texts(root):
        fresh = refreshed(path, lang, root, pages)
        if fresh != path.read_text("utf-8"):
            out.append(path)
            if write:
                path.write_text(fresh, "utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Refresh every generated block (``--check``: only list the stale files; ``--lessons
    PATH``: another lessons folder)."""
    parser = argparse.ArgumentParser(prog="python -m sim.course.answers")
    parser.add_argument("--lessons", default=None, help=f"lessons folder (default: ${ENV} or "
                        "the checkout's lessons/)")
    parser.add_argument("--check", action="store_true",
                        help=t("cli.help.check_generated", "en"))
    args = parser.parse_args(argv)
    found = stale(args.lessons, write=not args.check)
    for path in found:
        print(t("cli.stale" if args.check else "cli.saved", "en", path=path))
    return 1 if args.check and found else 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["answer_key", "generated", "guides", "main", "outcome", "prefetch", "refreshed",
           "render", "stale", "texts"]
