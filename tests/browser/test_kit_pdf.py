"""The trainer's kit printed by a real browser (headless Chromium through Playwright, with the
harness's flags): every PDF exists and holds each lesson's questions, as text a reader can
find (extracted with pypdf)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_kit import LANGS, expected  # noqa: E402

from sim.course import kit  # noqa: E402


def squashed(text: str) -> str:
    """Text without any white space, ligatures undone: how a PDF's words are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return squashed(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def test_the_kit_pdfs_hold_every_lesson(browser, tmp_path):
    written = kit.build(list(LANGS), tmp_path, pdf=True, browser=browser)
    assert len(written) == 2 * len(LANGS) * len(kit.DOCUMENTS)
    for lang in LANGS:
        want = expected(lang)
        for document in kit.DOCUMENTS:
            pdf = tmp_path / lang / f"{document}.pdf"
            assert pdf.read_bytes()[:5] == b"%PDF-", pdf
            text = pdf_text(pdf)
            missing = [x for x in want[document] if squashed(x) not in text]
            assert missing == [], (lang, document, missing[:3])
