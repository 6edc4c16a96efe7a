"""The trainer's printable kit, generated from the course files, as HTML and PDF.

    python -m sim.course.kit [--lang en|id|all] [--out kit] [--html-only]
    ./pasar kit --lang id

For each language, ``<out>/<lang>/`` receives:

- ``prediction_cards``: every lesson's predictions as cards to cut out and hand round before a
  reveal (the question, a box per option, a line for a name and one for "why?"), from the quiz
  files;
- ``glossary_card``: every term with its definition and example, from ``glossary.json``;
- ``answer_key``: every lesson's answer key as its guide holds it (the generated block, which
  ``python -m sim.course.answers`` writes by running each prediction and a test keeps fresh);
- ``run_sheet``: the workshop run sheet (the page in ``lessons/<lang>/`` that quotes outcomes).

A real browser prints each page to PDF (headless Chromium through Playwright, the same way the
browser tests drive it), so the PDF is exactly what the HTML shows. The kit folder is rebuilt
on every run (files replaced atomically). Printing needs the ``kit`` extras (Playwright) and a
Chromium or Chrome; ``$PASAR_BROWSER`` names another one.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import html
import json
import os
import re
import sys
from pathlib import Path

from ..files import write_new
from ..i18n import t
from .answers import BLOCK, generated, guides
from .lessons import ENV, lessons_root, load_glossary, load_lesson

DOCUMENTS = ("prediction_cards", "glossary_card", "answer_key", "run_sheet")
BROWSER_ENV = "PASAR_BROWSER"
BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
# headless Chromium as the browser tests start it (tests/browser/conftest.py uses this list)
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]
COMMENT = re.compile(r"<!--.*?-->", re.S)

CSS = """<style>
@page { size: A4; margin: 12mm; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.35; color: #111; }
h1 { font-size: 17pt; margin: 0 0 4mm 0; } h2 { font-size: 13pt; margin: 5mm 0 2mm 0; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm 0; }
.intro { color: #333; margin-bottom: 4mm; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 0; }
.card { border: 1px dashed #777; padding: 4mm; break-inside: avoid; min-height: 52mm; }
.card .head { font-size: 8.5pt; color: #555; margin-bottom: 2mm; }
.card .option { margin: 1.5mm 0; } .card .box { display: inline-block; width: 3.5mm;
  height: 3.5mm; border: 1px solid #111; margin-right: 2mm; vertical-align: -0.5mm; }
.card .line { border-bottom: 1px solid #999; height: 7mm; }
.term { break-inside: avoid; margin-bottom: 2.5mm; } .term .example { color: #444; }
.glossary { column-count: 2; column-gap: 8mm; }
.lesson { break-inside: avoid-page; } table { border-collapse: collapse; }
td, th { border: 1px solid #bbb; padding: 1mm 2mm; vertical-align: top; text-align: left; }
</style>"""


class KitError(RuntimeError):
    """The kit cannot be printed; the message says why and what to do."""


def _page(title: str, body: str, lang: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title>{CSS}</head>"
            f"<body><h1>{html.escape(title)}</h1>{body}</body></html>\n")


def _markdown(text: str) -> str:
    import mistune  # a course package (nbconvert's); only the kit needs it

    return mistune.create_markdown(plugins=["table"])(COMMENT.sub("", text))


def lesson_titles(lang: str, root=None) -> dict[str, str]:
    """``{lesson id: "Lesson 5 · Product vs customer"}`` from the guides' first lines."""
    titles = {}
    for path, lesson, guide_lang in guides(root):
        if guide_lang == lang:
            first = path.read_text("utf-8").splitlines()[0].lstrip("# ")
            titles[lesson] = first.rsplit(":", 1)[0]
    return titles


def prediction_cards(lang: str, root=None) -> str:
    """Every lesson's predictions as cards to cut out (HTML)."""
    name, why = t("kit.cards.name", lang), t("kit.cards.why", lang)
    cards = []
    for lesson, title in lesson_titles(lang, root).items():
        for p in load_lesson(lesson, lang, root)["predictions"]:
            options = "".join(f"<div class='option'><span class='box'></span>"
                              f"{html.escape(o['label'])}</div>" for o in p["options"])
            cards.append(f"<div class='card'><div class='head'>{html.escape(title)} · "
                         f"{html.escape(p['id'])}</div><b>{html.escape(p['prompt'])}</b>"
                         f"{options}<div>{html.escape(name)}:</div><div class='line'></div>"
                         f"<div>{html.escape(why)}</div><div class='line'></div></div>")
    intro = f"<p class='intro'>{html.escape(t('kit.cards.intro', lang))}</p>"
    return _page(t("kit.cards.title", lang), intro + f"<div class='cards'>{''.join(cards)}"
                 "</div>", lang)


def glossary_card(lang: str, root=None) -> str:
    """Every glossary term with its definition and example (HTML)."""
    example = t("kit.glossary.example", lang)
    terms = sorted(load_glossary(lang, root).values(), key=lambda e: e["term"].casefold())
    body = "".join(f"<div class='term'><b>{html.escape(e['term'])}</b>: "
                   f"{html.escape(e['definition'])} <span class='example'><i>"
                   f"{html.escape(example)}:</i> {html.escape(e['example'])}</span></div>"
                   for e in terms)
    return _page(t("kit.glossary.title", lang), f"<div class='glossary'>{body}</div>", lang)


def answer_key(lang: str, root=None) -> str:
    """Every lesson's answer key, from its guide's generated block (HTML)."""
    titles, sections = lesson_titles(lang, root), []
    for path, lesson, guide_lang in guides(root):
        if guide_lang != lang:
            continue
        block = BLOCK.search(path.read_text("utf-8"))
        key = block.group(0) if block else ""
        sections.append(f"<div class='lesson'><h2>{html.escape(titles[lesson])}</h2>"
                        f"{_markdown(key)}</div>")
    intro = f"<p class='intro'>{html.escape(t('kit.key.intro', lang))}</p>"
    return _page(t("kit.key.title", lang), intro + "".join(sections), lang)


def run_sheet(lang: str, root=None) -> str:
    """The workshop run sheet: the page in ``lessons/<lang>/`` that quotes outcomes (HTML)."""
    pages = [path for path, lesson, page_lang in generated(root)
             if lesson is None and page_lang == lang]
    if not pages:
        raise KitError(t("kit.no_run_sheet", lang, folder=lessons_root(root) / lang))
    text = pages[0].read_text("utf-8")
    title, _, rest = text.partition("\n")
    return _page(title.lstrip("# "), _markdown(rest), lang)


BUILDERS = {"prediction_cards": prediction_cards, "glossary_card": glossary_card,
            "answer_key": answer_key, "run_sheet": run_sheet}


def build_html(lang: str, out: str | os.PathLike = "kit", root=None) -> list[Path]:
    """Write the kit's HTML pages for ``lang`` into ``<out>/<lang>/``; returns their paths."""
    folder = Path(out) / lang
    return [write_new(folder / f"{name}.html", BUILDERS[name](lang, root), force=True,
                      lang=lang) for name in DOCUMENTS]


def find_browser() -> str | None:
    """A Chromium or Chrome to print with: ``$PASAR_BROWSER``, else a usual place, else None
    (Playwright's own download, if there is one)."""
    named = os.environ.get(BROWSER_ENV)
    if named:
        return named
    return next((b for b in BROWSERS if Path(b).exists()), None)


def print_pdfs(pages: list[Path], browser=None, lang: str = "en") -> list[Path]:
    """Print each HTML page to a PDF beside it with headless Chromium; ``browser`` is a
    Playwright Browser to use (default: one started here). KitError when none can start."""
    if browser is not None:
        return [_print(browser, page, lang) for page in pages]
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as err:
        raise KitError(t("kit.no_playwright", lang)) from err
    executable = find_browser()

    def start_and_print():
        with sync_playwright() as playwright:
            return _launch_and_print(playwright, Error, executable, pages, lang)

    # Playwright's sync API refuses a thread whose asyncio loop runs (a notebook's kernel,
    # or a test session that already drives a browser): a thread of its own has none.
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="pasar-kit") as pool:
        return pool.submit(start_and_print).result()


def _launch_and_print(playwright, Error, executable, pages: list[Path], lang: str) -> list[Path]:
    """Start Chromium with ``playwright`` and print ``pages``; KitError when it cannot start."""
    try:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=BROWSER_ARGS)
    except Error as err:
        raise KitError(t("kit.no_browser", lang, tried=", ".join([*BROWSERS, BROWSER_ENV]),
                         folder=pages[0].parent if pages else "-")) from err
    try:
        return [_print(chromium, page, lang) for page in pages]
    finally:
        chromium.close()


def _print(browser, page_path: Path, lang: str) -> Path:
    """One page to PDF (A4, backgrounds kept); nothing is fetched but the file itself."""
    context = browser.new_context()
    try:
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith("file:") else route.abort())
        page = context.new_page()
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        context.close()
    return write_new(page_path.with_suffix(".pdf"), pdf, force=True, lang=lang)


def build(langs: list[str], out: str | os.PathLike = "kit", pdf: bool = True, root=None,
          browser=None) -> list[Path]:
    """The whole kit for ``langs``: HTML, then (``pdf``) the PDFs; returns every file."""
    written = []
    for lang in langs:
        pages = build_html(lang, out, root)
        written += pages
        if pdf:
            written += print_pdfs(pages, browser, lang)
    return written


def main(argv: list[str] | None = None) -> int:
    """Build the kit (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m sim.course.kit",
                                     description=t("kit.help.description", "en"))
    parser.add_argument("--lang", choices=["en", "id", "all"], default="all")
    parser.add_argument("--out", default="kit", help=t("kit.help.out", "en"))
    parser.add_argument("--html-only", action="store_true", help=t("kit.help.html_only", "en"))
    parser.add_argument("--lessons", default=None, help=t("kit.help.lessons", "en", env=ENV))
    args = parser.parse_args(argv)
    langs = ["en", "id"] if args.lang == "all" else [args.lang]
    try:
        for path in build(langs, args.out, not args.html_only, args.lessons):
            print(t("cli.saved", path.parent.name, path=path))
    except (KitError, OSError, json.JSONDecodeError) as err:
        print(t("cli.error", langs[-1], problem=err), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["BROWSER_ARGS", "DOCUMENTS", "KitError", "answer_key", "build", "build_html",
           "find_browser", "glossary_card", "main", "prediction_cards", "print_pdfs",
           "run_sheet"]
