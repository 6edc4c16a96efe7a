"""The answer key of every facilitator guide, generated from the quiz files and the model.

Each guide in ``lessons/<lang>/`` holds a block between ``<!-- generated:answers -->`` and
``<!-- /generated:answers -->``: every prediction with the outcome the model actually produces
(computed here by running its experiment, exactly as the notebook's button does) and every quiz
question with its answer and the feedback for each option. ``python -m sim.ui.answers`` refreshes
the blocks; ``tests/test_course.py`` fails when one is stale, so a guide never contradicts the
model or its quiz file.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..i18n import t
from .judge import LESSONS, judge, load_lesson

BLOCK = re.compile(r"(<!-- generated:answers -->\n).*?(<!-- /generated:answers -->)", re.S)
WORDS = {
    "en": {"predictions": "Predictions: what the model shows", "quiz": "Quiz answers",
           "outcome": "Outcome", "numbers": "Numbers compared", "answer": "Answer",
           "seeds": "seeds", "seed": "seed", "other": "If a learner picks"},
    "id": {"predictions": "Tebakan: apa yang ditunjukkan model", "quiz": "Jawaban kuis",
           "outcome": "Hasil", "numbers": "Angka yang dibandingkan", "answer": "Jawaban",
           "seeds": "seed", "seed": "seed", "other": "Kalau peserta memilih"},
}


def _number(x: float, lang: str) -> str:
    whole = float(x).is_integer() or abs(x) >= 10
    text = f"{x:,.0f}" if whole else f"{x:,.2f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def answer_key(lesson: str, lang: str) -> str:
    """The Markdown answer key of ``lesson`` in ``lang``."""
    doc, w = load_lesson(lesson, lang), WORDS[lang]
    lines = [f"### {w['predictions']}", ""]
    for p in doc["predictions"]:
        verdict = judge(p, lang)
        label = next(o["label"] for o in p["options"] if o["outcome"] == verdict.outcome)
        how = p["judge"]
        seeds = how.get("seeds")
        run = (f"{w['seeds']} {', '.join(map(str, seeds))}" if seeds
               else f"{w['seed']} {p['experiment'].get('seed', 1)}")
        numbers = "; ".join(f"{k}: {_number(v, lang)}" for k, v in verdict.values.items())
        lines += [f"- **{p['id']}.** {p['prompt']}",
                  f"  - {w['outcome']} ({run}): **{label}**. {p['explain'][verdict.outcome]}",
                  f"  - {w['numbers']} ({verdict.metric}): {numbers}."]
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


def guides() -> list[tuple[Path, str, str]]:
    """(guide path, lesson id, language) for every guide that has an answer block."""
    found = []
    for lang in ("en", "id"):
        for path in sorted((LESSONS / lang).glob("[0-9][0-9]_*.md")):
            stem = next((q.stem for q in (LESSONS / "en" / "quiz").glob(f"{path.name[:2]}_*.json")),
                        None)
            if stem and BLOCK.search(path.read_text("utf-8")):
                found.append((path, stem, lang))
    return found


def render(text: str, lesson: str, lang: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + answer_key(lesson, lang) + m.group(2), text)


def main() -> int:
    for path, lesson, lang in guides():
        text = path.read_text("utf-8")
        fresh = render(text, lesson, lang)
        if fresh != text:
            path.write_text(fresh, "utf-8")
            print(t("cli.saved", "en", path=path))
    return 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["answer_key", "guides", "render"]
