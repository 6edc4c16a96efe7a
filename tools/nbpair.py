"""Write a lesson's English and Indonesian notebooks from one description, so that their
structure cannot drift apart (``tests/test_course.py`` checks the result either way).

    from tools.nbpair import md, code, write_pair
    write_pair("05_product_vs_customer", "05_produk_vs_pelanggan", [
        md("# Lesson 5 · ...", "# Pelajaran 5 · ..."),
        code('ui.dashboard("head_to_head", lang=LANG)'),
    ])

The first code cell is always ``import sim.ui as ui`` and ``LANG = "en"`` (or ``"id"``); every
other code cell is the same in both languages and passes ``lang=LANG``. Notebooks are written
without outputs.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "id")


def md(en: str, id_: str) -> tuple[str, str, str]:
    """A Markdown cell: its English and its Indonesian text."""
    return ("markdown", en.strip("\n"), id_.strip("\n"))


def code(source: str) -> tuple[str, str, str]:
    """A code cell, the same in both languages (use ``lang=LANG``)."""
    return ("code", source.strip("\n"), source.strip("\n"))


def setup_source(lang: str) -> str:
    return f'import sim.ui as ui\n\nLANG = "{lang}"'


def build(cells: list[tuple[str, str, str]], lang: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                  "name": "python3"},
                   "language_info": {"name": "python"}}
    index = LANGS.index(lang) + 1
    setup_done = False
    for kind, *texts in cells:
        text = texts[index - 1]
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(text))
            continue
        if not setup_done:
            nb.cells.append(nbformat.v4.new_code_cell(setup_source(lang)))
            setup_done = True
        nb.cells.append(nbformat.v4.new_code_cell(text))
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{number:02d}"  # stable ids: clean diffs when regenerated
    return nb


def write_pair(en_name: str, id_name: str, cells: list[tuple[str, str, str]]) -> list[Path]:
    """Write ``notebooks/en/<en_name>.ipynb`` and ``notebooks/id/<id_name>.ipynb``."""
    paths = []
    for lang, name in zip(LANGS, (en_name, id_name), strict=True):
        path = ROOT / "notebooks" / lang / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(build(cells, lang), path)
        paths.append(path)
    return paths
