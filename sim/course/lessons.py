"""Where the lesson files live, and reading them (quiz and prediction files, the glossary).

Layout (see ``lessons/README.md``): ``<root>/<lang>/quiz/<lesson>.json``,
``<root>/<lang>/glossary.json`` and the facilitator guides ``<root>/<lang>/NN_*.md``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..i18n import t

# a stated result in a lesson text (:mod:`sim.course.results` fills it)
MARKER = re.compile(r"(<!-- pasar:result ([\w.-]+) -->)(.*?)(<!-- /pasar:result -->)", re.S)
ENV = "PASAR_LESSONS"  # a lessons folder to use instead of the checkout's
LESSONS = Path(__file__).resolve().parents[2] / "lessons"  # the checkout's (the default)


def lessons_root(root: str | os.PathLike | None = None) -> Path:
    """The lessons folder: ``root`` if given, else ``$PASAR_LESSONS``, else the checkout's
    ``lessons/``. Raises FileNotFoundError naming the folder when it is missing."""
    if root is None:
        root = os.environ.get(ENV) or LESSONS
    path = Path(root)
    if not path.is_dir():
        raise FileNotFoundError(t("error.lessons_missing", "en", path=path, env=ENV))
    return path


def lesson_file(lesson: str, lang: str = "en", root: str | os.PathLike | None = None) -> Path:
    """``<root>/<lang>/quiz/<lesson>.json``; ``"03"`` also finds ``03_kepuasan.json`` and
    ``"03_satisfaction"`` also finds ``03.json``."""
    folder = lessons_root(root) / lang / "quiz"
    exact = folder / f"{lesson}.json"
    if exact.exists():
        return exact
    number = str(lesson).split("_")[0]
    for candidate in sorted(folder.glob(f"{number}*.json")):
        if candidate.stem == number or candidate.stem.startswith(f"{number}_"):
            return candidate
    raise FileNotFoundError(t("error.no_quiz_file", lang, lesson=lesson, path=folder))


def load_lesson(lesson: str, lang: str = "en", root: str | os.PathLike | None = None) -> dict:
    """A lesson's quiz and prediction file, with empty lists for what it does not have."""
    doc = map_texts(json.loads(lesson_file(lesson, lang, root).read_text("utf-8")), unmarked)
    doc.setdefault("questions", [])
    doc.setdefault("predictions", [])
    return doc


def unmarked(text: str) -> str:
    """``text`` as a learner reads it: the result markers gone, their sentences kept."""
    return MARKER.sub(lambda m: m.group(3), text)


def map_texts(node, fn):
    """A copy of a JSON document with ``fn`` applied to every string value in it."""
    if isinstance(node, str):
        return fn(node)
    if isinstance(node, dict):
        return {k: map_texts(v, fn) for k, v in node.items()}
    if isinstance(node, list):
        return [map_texts(v, fn) for v in node]
    return node


def load_glossary(lang: str = "en", root: str | os.PathLike | None = None) -> dict[str, dict]:
    """``{"term_id": {"term": ..., "definition": ..., "example": ...}}`` in ``lang``."""
    return json.loads((lessons_root(root) / lang / "glossary.json").read_text("utf-8"))
