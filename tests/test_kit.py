"""The trainer's kit is generated from the course files: every lesson's predictions on the cards,
every question in the answer key, every glossary term on the card, and the run sheet. (The PDFs,
printed by a real browser, are checked in tests/browser/test_kit_pdf.py.)"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from sim.course import kit
from sim.course.answers import OUTCOME, generated

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "id")


def lesson_docs(lang: str) -> list[dict]:
    return [json.loads(p.read_text("utf-8"))
            for p in sorted((ROOT / "lessons" / lang / "quiz").glob("*.json"))]


def expected(lang: str) -> dict[str, list[str]]:
    """What each document must hold, as plain text."""
    docs = lesson_docs(lang)
    predictions = [p["prompt"] for d in docs for p in d["predictions"]]
    questions = [q["prompt"] for d in docs for q in d["questions"]]
    glossary = json.loads((ROOT / "lessons" / lang / "glossary.json").read_text("utf-8"))
    sheet = next(p for p, lesson, page_lang in generated() if lesson is None
                 and page_lang == lang)
    quoted = [m.group(0) for m in OUTCOME.finditer(sheet.read_text("utf-8"))]
    labels = [q.split("**")[1] for q in quoted]  # "... -->**label** (seed ...)<!-- ..."
    return {"prediction_cards": predictions, "answer_key": predictions + questions,
            "glossary_card": [e["term"] for e in glossary.values()], "run_sheet": labels}


@pytest.mark.parametrize("lang", LANGS)
def test_the_html_pages_hold_every_lesson(lang, tmp_path):
    pages = kit.build_html(lang, tmp_path)
    assert [p.name for p in pages] == [f"{d}.html" for d in kit.DOCUMENTS]
    want = expected(lang)
    assert all(want.values()) and len(want["run_sheet"]) >= 5
    for page in pages:
        text = page.read_text("utf-8")
        missing = [x for x in want[page.stem] if x not in html.unescape(text)]
        assert missing == [], (page.name, missing[:3])
        assert "<!--" not in text and "http" not in text  # nothing fetched, nothing hidden


def test_html_only_needs_no_browser_and_a_missing_browser_is_explained(tmp_path, monkeypatch,
                                                                       capsys):
    assert kit.main(["--lang", "id", "--html-only", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in (tmp_path / "id").iterdir()) == sorted(
        f"{d}.html" for d in kit.DOCUMENTS)
    pytest.importorskip("playwright")
    monkeypatch.setenv(kit.BROWSER_ENV, str(tmp_path / "no-such-browser"))
    assert kit.main(["--lang", "en", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install chromium" in err and str(tmp_path / "en") in err
    assert (tmp_path / "en" / "answer_key.html").exists()


def test_printing_works_where_an_asyncio_loop_runs(tmp_path, monkeypatch):
    """A notebook's kernel (or a test session driving a browser) runs an asyncio loop; the kit
    must still reach Chromium there, so a missing browser is explained, not Playwright's
    'Sync API inside the asyncio loop' error."""
    import asyncio
    import concurrent.futures
    pytest.importorskip("playwright")
    pages = kit.build_html("en", tmp_path)
    monkeypatch.setenv(kit.BROWSER_ENV, str(tmp_path / "no-such-browser"))

    async def inside_a_loop():
        with pytest.raises(kit.KitError, match="chromium"):
            kit.print_pdfs(pages[:1], lang="en")

    # a thread of the test's own, with its own running loop: this test's main thread may
    # already be driven by the browser tests' session (asyncio.run is refused there)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, inside_a_loop()).result()
