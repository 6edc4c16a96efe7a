"""A class's answers as small files, read as untrusted input (like the tournament's strategies).

Learners opt in: under a lesson's quiz they type a name and press "Send to the class"; their
bets and quiz answers for that lesson are saved as ``<folder>/<name>-<NN>.json`` (never over
another file: a second send is ``<name>-<NN>_2.json``). Lesson 8's strategies may land in the
same folder. The folder is ``$PASAR_CLASS`` if set (e.g. a shared drive every laptop sees),
else ``class/``.

:func:`read_class` reads everything in the folder the way the tournament does: regular files
only, size and nesting capped, every field checked; a file that cannot be used is reported by
name with the reason and left out. :func:`bets` puts the class's bets next to what the model
produced (each prediction judged once, with the seeds its widget uses); :func:`missed` ranks the
quiz questions by how many got them wrong. ``sim.ui.class_view`` shows both, and the
tournament table, to the trainer.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ..files import (
    UntrustedFileError,
    file_stem,
    load_json_untrusted,
    numbered,
    printable,
    write_first_free,
)
from ..i18n import t
from ..params import ParameterError
from ..tournament import (
    ANSWERS_KIND,
    MAX_FILE_BYTES,
    MAX_JSON_DEPTH,
    Strategy,
    StrategyFileError,
    check_name,
    is_candidate,
    is_other_pasar_file,
    market_values,
    parse_strategy,
)
from .answers import verdict_of
from .judge import check_choice, check_number
from .lessons import lesson_file, lessons_root, load_lesson

ENV = "PASAR_CLASS"  # the class folder, e.g. a shared drive
FOLDER = "class"
ANSWERS_STEM = "answers"  # a file name for a learner's name with no letter or digit in it
ANSWER_KEYS = {"kind", "name", "lesson", "lang", "predictions", "quiz", "saved"}


def class_folder(folder: str | os.PathLike | None = None) -> Path:
    """``folder`` if given, else ``$PASAR_CLASS``, else ``class/``."""
    return Path(folder or os.environ.get(ENV) or FOLDER)


class ClassFileError(ValueError):
    """A learner's answers file cannot be used; the message names the file and the reason."""


@dataclass
class Answers:
    """One learner's bets and quiz answers for one lesson."""

    name: str
    lesson: str  # the lesson's id, e.g. "05_product_vs_customer"
    predictions: dict[str, str] = field(default_factory=dict)  # prediction id -> outcome bet on
    quiz: dict[str, float] = field(default_factory=dict)  # question id -> option index or number
    saved: str = ""
    file: str = ""


def lesson_id(lesson: str, root=None) -> str:
    """The lesson's id (its English quiz file's name) for ``"05"``, ``"05_produk..."``..."""
    return lesson_file(lesson, "en", root).stem


def save_answers(name: str, lesson: str, predictions: dict[str, str], quiz: dict[str, Any],
                 folder: str | os.PathLike | None = None, lang: str = "en") -> Path:
    """Check and save one learner's answers for ``lesson``; returns the file written (never
    replaces a file). ParameterError for a bad name, ClassFileError for unknown ids."""
    clean = check_name(name, lang)
    lesson = lesson_id(lesson)
    doc = {"kind": ANSWERS_KIND, "name": clean, "lesson": lesson, "lang": lang,
           "predictions": predictions, "quiz": quiz,
           "saved": datetime.now().isoformat(timespec="seconds")}
    stem = file_stem(clean, ANSWERS_STEM)
    _parse_answers(Path(f"{stem}.json"), doc, lang)  # what we write, we can read
    target = class_folder(folder)
    target.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    stem = f"{stem}-{lesson[:2]}"
    return write_first_free(numbered(target, stem, (".json",)), [text], lang)[0]


def _problem(path: Path, lang: str, problem: str) -> ClassFileError:
    return ClassFileError(t("error.class_file", lang, path=printable(path.name, 80),
                            problem=problem))


def _parse_answers(path: Path, doc: dict, lang: str, root=None) -> Answers:
    """Check an answers document against its schema and its lesson's quiz file."""
    extra = sorted(str(k) for k in doc if k not in ANSWER_KEYS)
    missing = sorted({"name", "lesson"} - set(doc))
    if extra or missing:
        raise _problem(path, lang, t("error.answers_keys", lang,
                                     keys=printable(", ".join(extra + missing)),
                                     valid=", ".join(sorted(ANSWER_KEYS))))
    try:
        name = check_name(doc["name"], lang)
    except ParameterError as err:
        raise _problem(path, lang, err.message(lang)) from err
    known = {p.stem for p in (lessons_root(root) / "en" / "quiz").glob("*.json")}
    lesson = doc["lesson"]
    if not isinstance(lesson, str) or lesson not in known:
        raise _problem(path, lang, t("error.answers_lesson", lang, value=printable(lesson),
                                     valid=", ".join(sorted(known))))
    quiz_doc = load_lesson(lesson, "en", root)
    predictions, quiz = doc.get("predictions", {}), doc.get("quiz", {})
    if not isinstance(predictions, dict) or not isinstance(quiz, dict):
        raise _problem(path, lang, t("error.answers_keys", lang, keys="predictions, quiz",
                                     valid="{...}"))
    options = {p["id"]: {o["outcome"] for o in p["options"]} for p in quiz_doc["predictions"]}
    for pid, bet in predictions.items():
        if pid not in options or bet not in options[pid]:
            raise _problem(path, lang, t("error.answers_prediction", lang,
                                         name=printable(pid), value=printable(bet),
                                         lesson=lesson))
    questions = {q["id"]: q for q in quiz_doc["questions"]}
    for qid, answer in quiz.items():
        if qid not in questions or not _answer_fits(questions[qid], answer):
            raise _problem(path, lang, t("error.answers_question", lang,
                                         name=printable(qid), value=printable(answer),
                                         lesson=lesson))
    saved = doc.get("saved", "")
    return Answers(name, lesson, dict(predictions), {k: float(v) for k, v in quiz.items()},
                   saved if isinstance(saved, str) else "", str(path))


def _answer_fits(question: dict, answer: Any) -> bool:
    """A choice answer is an option's index; a number answer is a finite number."""
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return False
    if question.get("kind", "choice") == "choice":
        return isinstance(answer, int) and 0 <= answer < len(question["options"])
    return math.isfinite(answer)


@dataclass
class ClassFiles:
    """What a class folder holds: usable answers and strategies, and the files left out."""

    answers: list[Answers] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_class(folder: str | os.PathLike | None = None, lang: str = "en",
               market: str | dict = "head_to_head", root=None) -> ClassFiles:
    """Every usable answers file and strategy in the class folder; each file that cannot be
    used is named with its reason in ``problems`` and left out. A learner who sent the same
    lesson twice counts once, with the latest answers. Never raises for a bad file; a missing
    folder is an empty class."""
    folder = class_folder(folder)
    found = ClassFiles()
    if not folder.is_dir():
        return found
    base = market_values(market, lang)
    latest: dict[tuple[str, str], Answers] = {}
    for path in sorted(p for p in folder.iterdir() if is_candidate(p)):
        try:
            doc = load_json_untrusted(path, MAX_FILE_BYTES, MAX_JSON_DEPTH, lang)
            if isinstance(doc, dict) and doc.get("kind") == ANSWERS_KIND:
                answers = _parse_answers(path, doc, lang, root)
                key = (answers.name.casefold(), answers.lesson)
                if key not in latest or (answers.saved, answers.file) >= (latest[key].saved,
                                                                          latest[key].file):
                    latest[key] = answers
            elif not is_other_pasar_file(doc):
                found.strategies.append(parse_strategy(path, doc, lang, base))
        except UntrustedFileError as err:
            found.problems.append(str(_problem(path, lang, err.reason)))
        except (ClassFileError, StrategyFileError) as err:
            found.problems.append(str(err))
    found.answers = sorted(latest.values(), key=lambda a: (a.lesson, a.name.casefold()))
    return found


def signature(folder: str | os.PathLike | None = None) -> tuple:
    """A cheap fingerprint of the folder (names, sizes, change times, without opening any
    file): it changes when a file arrives, changes or leaves."""
    folder = class_folder(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return ()
    marks = []
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        marks.append((entry.name, info.st_size, info.st_mtime_ns, info.st_mode))
    return tuple(marks)


def _answered(answers: list[Answers], part: str, field: str, lang: str, root):
    """(lesson, item, the class's answers to it) for every prediction or question
    (``part`` of the lesson file; ``field`` of :class:`Answers`) someone answered."""
    for lesson in sorted({a.lesson for a in answers}):
        for item in load_lesson(lesson, lang, root)[part]:
            given = [getattr(a, field)[item["id"]] for a in answers
                     if a.lesson == lesson and item["id"] in getattr(a, field)]
            if given:
                yield lesson, item, given


def bets(answers: list[Answers], lang: str = "en", root=None) -> pd.DataFrame:
    """The class's bets next to the model: one row per prediction and option, with the
    option's label and prompt in ``lang``, how many bet on it (``bets``, of ``total``) and
    whether the model produced it (``model``), judged with the seeds the widget uses."""
    rows = []
    for lesson, p, counts in _answered(answers, "predictions", "predictions", lang, root):
        verdict = verdict_of(p, lesson, lang, root)
        for option in p["options"]:
            rows.append({"lesson": lesson, "prediction": p["id"], "prompt": p["prompt"],
                             "outcome": option["outcome"], "label": option["label"],
                             "bets": counts.count(option["outcome"]), "total": len(counts),
                             "model": option["outcome"] == verdict.outcome})
    return pd.DataFrame(rows, columns=["lesson", "prediction", "prompt", "outcome", "label",
                                       "bets", "total", "model"])


def missed(answers: list[Answers], lang: str = "en", root=None) -> pd.DataFrame:
    """The quiz questions answered, most missed first: lesson, question, prompt, the right
    answer, how many ``answered`` and how many got it ``wrong``."""
    rows = []
    for lesson, q, given in _answered(answers, "questions", "quiz", lang, root):
        choice = q.get("kind", "choice") == "choice"
        wrong = sum(not (check_choice(q, int(v)) if choice else check_number(q, v))[0]
                    for v in given)
        right = q["options"][q["answer"]] if choice else q["answer"]
        rows.append({"lesson": lesson, "question": q["id"], "prompt": q["prompt"],
                     "answer": right, "answered": len(given), "wrong": wrong})
    table = pd.DataFrame(rows, columns=["lesson", "question", "prompt", "answer", "answered",
                                        "wrong"])
    share = table.wrong / table.answered.where(table.answered > 0)
    return (table.assign(share_wrong=share)
            .sort_values(["share_wrong", "wrong"], ascending=False, kind="stable")
            .reset_index(drop=True))


__all__ = ["Answers", "ClassFileError", "ClassFiles", "bets", "class_folder", "lesson_id",
           "missed", "read_class", "save_answers", "signature"]
