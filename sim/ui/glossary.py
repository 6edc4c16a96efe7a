"""The course glossary as cards, from ``lessons/<lang>/glossary.json``
(``{"term_id": {"term": ..., "definition": ..., "example": ...}}``)."""

from __future__ import annotations

import html

import ipywidgets as w

from ..course.lessons import load_glossary
from ..i18n import t
from .style import AUTHORED, ui

CARD = ("<div style='border:1px solid #ccc;border-left:6px solid {colour};border-radius:4px;"
        "padding:8px 12px;height:100%;box-sizing:border-box'>"
        "<div style='font-weight:bold;font-size:110%'>{term}</div>"
        "<div style='margin:4px 0'>{definition}</div>"
        "<div style='color:#444;font-style:italic'>{example}</div></div>")


class Glossary(w.VBox):
    """Cards for ``terms`` (ids; None: all), in the order given."""

    def __init__(self, terms: list[str] | None = None, lang: str = "en"):
        super().__init__()
        entries = load_glossary(lang)
        ids = list(entries) if terms is None else list(terms)
        missing = [i for i in ids if i not in entries]
        if missing:
            raise KeyError(t("error.no_glossary_entry", lang, value=", ".join(missing)))
        self.cards = {}
        for i, term_id in enumerate(ids):
            e = entries[term_id]
            colour = ("#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9")[i % 5]
            example = e.get("example", "")
            self.cards[term_id] = w.HTML(CARD.format(
                colour=colour, term=html.escape(e["term"]),
                definition=html.escape(e["definition"]),
                example=html.escape(f"{ui('glossary.example', lang)} {example}")
                if example else ""))
            self.cards[term_id].add_class(AUTHORED)
        grid = w.GridBox(list(self.cards.values()), layout=w.Layout(
            grid_template_columns="repeat(auto-fill, minmax(300px, 1fr))", grid_gap="10px",
            width="100%"))
        self.children = [w.HTML(f"<h4>{ui('glossary.title', lang)}</h4>"), grid]


def glossary(terms: list[str] | None = None, lang: str = "en") -> Glossary:
    """Glossary cards for the given term ids (None: every term)."""
    return Glossary(terms, lang)
