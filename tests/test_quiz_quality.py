"""Quizzes that test understanding, not test-taking (issue 12 §3).

Over the whole course, in each language:

- the right answer of a choice question is not a give-away by its length: it is the longest
  option in at most 40% of the choice questions (and, so the fix is not the opposite tell, the
  shortest in at most 40%);
- right answers do not gather in one position: at most 40% of them in any one place;
- no option is a throwaway: none matches a known throwaway phrasing, and every option has
  feedback of its own that explains (not empty, not shared with another option, not one word);
- no number question can be answered by arithmetic on the numbers printed in its own prompt:
  its answer is neither one of them nor a + b, a − b, a × b or a ÷ b of two of them (a
  percentage also counts as a fraction).

Each check is run once on a planted bad quiz too, so that it can fail.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "id")
SHARE = 0.40  # the most any one tell may cover

# Options that no learner would pick, as this course once wrote them or as quizzes often do.
THROWAWAYS = [
    r"\bmodel is broken\b", r"\bmodel(nya)? (rusak|salah hitung)\b",
    r"^nothing\b", r"^nothing changes?$", r"^tidak ada(\s*(apa-apa|yang berubah))?[.:]?$",
    r"\bdoes not matter\b", r"^it does not matter$", r"^tidak (penting|berpengaruh)$",
    r"\bnone of the above\b", r"\ball of the above\b", r"\bsemua (benar|jawaban di atas)\b",
    r"^to make it longer$", r"^supaya lebih lama$", r"^never advertise$",
    r"^jangan pernah beriklan$", r"\bseeds are expensive\b", r"\bseed itu mahal\b",
    r"\bspelled right\b", r"\bejaan\b", r"\bone run is proof\b", r"\bsatu kali jalan sudah bukti\b",
    r"^i don'?t know$", r"^(saya )?tidak tahu$", r"\brandom(ly)?\b.*\bno reason\b",
]

# A number in a prompt: "1,400" / "0.95" in English, "1.400" / "0,95" in Indonesian.
NUMBER = {"en": re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?(%?)"),
          "id": re.compile(r"\d+(?:\.\d{3})*(?:,\d+)?(%?)")}


def quizzes(root: Path = ROOT) -> dict[str, dict[str, dict]]:
    """{lang: {file name: quiz document}} of the whole course."""
    return {lang: {p.name: json.loads(p.read_text("utf-8"))
                   for p in sorted((root / "lessons" / lang / "quiz").glob("*.json"))}
            for lang in LANGS}


def choices(docs: dict[str, dict]) -> list[tuple[str, dict]]:
    return [(f"{name} {q['id']}", q) for name, doc in docs.items() for q in doc["questions"]
            if q.get("kind", "choice") == "choice"]


def numbers_in(text: str, lang: str) -> list[float]:
    """The numbers printed in a text; a percentage as both 25 and 0.25."""
    found = []
    for m in NUMBER[lang].finditer(text):
        digits = m.group(0).rstrip("%")
        digits = (digits.replace(",", "") if lang == "en"
                  else digits.replace(".", "").replace(",", "."))
        found.append(float(digits))
        if m.group(1):
            found.append(float(digits) / 100)
    return found


def reachable(values: list[float]) -> list[tuple[str, float]]:
    """Every number one step of arithmetic on two of ``values`` gives, and the values."""
    out = [(f"{a:g}", a) for a in values]
    for a, b in itertools.permutations(values, 2):  # two different places in the prompt
        out += [(f"{a:g} + {b:g}", a + b), (f"{a:g} − {b:g}", a - b), (f"{a:g} × {b:g}", a * b)]
        if b:
            out.append((f"{a:g} ÷ {b:g}", a / b))
    return out


def arithmetic_answers(q: dict, lang: str) -> list[str]:
    """The ways a number question's answer falls out of its own prompt's numbers."""
    tolerance = max(float(q.get("tolerance", 0)), 1e-9 * max(1.0, abs(q["answer"])))
    return [how for how, value in reachable(numbers_in(q["prompt"], lang))
            if abs(value - q["answer"]) <= tolerance]


def length_shares(docs: dict[str, dict]) -> tuple[float, float, int]:
    """(share of choice questions whose right answer is the longest option, share where it is
    the strictly shortest, number of choice questions)."""
    found = choices(docs)
    longest = shortest = 0
    for _, q in found:
        sizes = [len(o) for o in q["options"]]
        right = sizes.pop(q["answer"])
        longest += right >= max(sizes)
        shortest += right < min(sizes)
    n = len(found)
    return longest / n, shortest / n, n


def positions(docs: dict[str, dict]) -> Counter:
    return Counter(q["answer"] for _, q in choices(docs))


def throwaways(docs: dict[str, dict]) -> list[str]:
    """Options that match a known throwaway phrasing, and options without their own feedback."""
    bad = []
    for where, q in choices(docs):
        feedback = q.get("feedback", [])
        if len(feedback) != len(q["options"]):
            bad.append(f"{where}: {len(q['options'])} options, {len(feedback)} feedback")
            continue
        for option, why in zip(q["options"], feedback, strict=True):
            plain = option.strip().rstrip(".").lower()
            if any(re.search(p, plain) for p in THROWAWAYS):
                bad.append(f"{where}: throwaway option {option!r}")
            if len(why.split()) < 4:
                bad.append(f"{where}: feedback of {option!r} explains nothing: {why!r}")
        if len(set(feedback)) != len(feedback):
            bad.append(f"{where}: two options share one feedback")
    return bad


def arithmetic(docs: dict[str, dict], lang: str) -> list[str]:
    return [f"{name} {q['id']}: {q['answer']} = {', '.join(ways)}"
            for name, doc in docs.items() for q in doc["questions"]
            if q.get("kind") == "number" and (ways := arithmetic_answers(q, lang))]


# --- the course ----------------------------------------------------------------------------
COURSE = quizzes()


@pytest.mark.parametrize("lang", LANGS)
def test_the_right_answer_is_not_given_away_by_its_length(lang):
    longest, shortest, n = length_shares(COURSE[lang])
    assert n >= 30
    assert longest <= SHARE, f"right answer longest in {longest:.0%} of {n}"
    assert shortest <= SHARE, f"right answer shortest in {shortest:.0%} of {n}"


@pytest.mark.parametrize("lang", LANGS)
def test_right_answers_are_spread_over_the_positions(lang):
    found = positions(COURSE[lang])
    n = sum(found.values())
    assert max(found.values()) <= SHARE * n, dict(found)


@pytest.mark.parametrize("lang", LANGS)
def test_no_option_is_a_throwaway(lang):
    assert throwaways(COURSE[lang]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_number_question_is_arithmetic_on_its_own_prompt(lang):
    assert arithmetic(COURSE[lang], lang) == []


# --- each check can fail -------------------------------------------------------------------
BAD = {"99_bad.json": {"questions": [
    {"id": "q1", "kind": "choice", "prompt": "Who wins?",
     "options": ["Nobody", "The customer-centric seller, because loyalty compounds", "Nothing"],
     "answer": 1, "feedback": ["No.", "Right: loyal customers come back and tell friends.",
                               "No."]},
    {"id": "q2", "kind": "choice", "prompt": "Why?",
     "options": ["A", "Because customers who fit come back", "The model is broken"],
     "answer": 1, "feedback": ["Letters are not reasons at all.", "Right, that is the reason.",
                               "It works as it should, stating its doubt."]},
    {"id": "q3", "kind": "number", "prompt": "A class of 80 clients shares 4 consultants: "
     "how many clients does each carry?", "answer": 20, "tolerance": 2,
     "right": "Right.", "wrong": "80 / 4."},
    {"id": "q4", "kind": "number", "prompt": "Of 2.000 orang, 25% membeli. Berapa orang?",
     "answer": 500, "tolerance": 0, "right": "Betul.", "wrong": "25% dari 2.000."},
]}}


def test_the_checks_catch_a_planted_bad_quiz():
    longest, _, _ = length_shares(BAD)
    assert longest > SHARE
    assert max(positions(BAD).values()) > SHARE * 2
    found = throwaways(BAD)
    assert any("'Nothing'" in x and "throwaway" in x for x in found)
    assert any("'The model is broken'" in x for x in found)
    assert any("explains nothing" in x for x in found)
    assert any("share one feedback" in x for x in found)
    assert [x.split(":")[0] for x in arithmetic(BAD, "en")] == ["99_bad.json q3"]
    assert {x.split(":")[0] for x in arithmetic(BAD, "id")} == {"99_bad.json q3", "99_bad.json q4"}
    assert "2000 × 0.25" in arithmetic_answers(BAD["99_bad.json"]["questions"][3], "id")


def test_a_fair_quiz_passes_the_same_checks():
    """The checks do not fail everything: the planted questions, mended, pass."""
    fair = copy.deepcopy(BAD)
    q1, q2 = fair["99_bad.json"]["questions"][:2]
    q1["options"] = ["The product-centric seller, because its ads reach more people early",
                     "The customer-centric one", "Neither: the bands overlap at ten seeds"]
    q1["feedback"] = ["Early, yes; after two years its lead is gone.",
                      "Right: loyal customers come back and tell friends.",
                      "They overlap early on; after two years they are apart."]
    q1["answer"] = 1
    q2["options"] = ["Because it is cheaper than its rival, week after week",
                     "Because it advertises more widely than its rival", "Fit"]
    q2["feedback"] = ["Both charge the same price in this market.",
                      "It aims its ads at fewer people, not more.",
                      "Right: customers whose needs it fits come back."]
    q2["answer"] = 2
    fair["99_bad.json"]["questions"] = [q1, q2]
    assert throwaways(fair) == []
    assert length_shares(fair)[:2] == (0.0, 1.0)
    assert positions(fair) == Counter({1: 1, 2: 1})
