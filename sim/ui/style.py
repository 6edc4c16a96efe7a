"""Colours, line styles and number formats shared by every chart and text of the dashboards.

Okabe & Ito (2008) colour-blind-safe palette: product-centric orange, customer-centric blue,
switch green; sellers that share a strategy are told apart by their line dash.
"""

from __future__ import annotations

import math

from ..i18n import t

ORANGE, BLUE, GREEN = "#E69F00", "#0072B2", "#009E73"
PINK, SKY, VERMILLION, YELLOW, GREY = "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"
STRATEGY_COLOURS = {"product": ORANGE, "customer": BLUE, "switch": GREEN}
OTHER_COLOURS = (PINK, SKY, VERMILLION, YELLOW, GREY)
DASHES = ("solid", "dash", "dot", "dashdot")
STAGE_COLOURS = {"unaware": "#DDDDDD", "potential": YELLOW, "new": SKY, "growing": GREEN,
                 "loyal": BLUE, "lost": VERMILLION}
FONT_SIZE = {False: 13, True: 20}  # normal, large fonts (projector)


def ui(key: str, lang: str, **fields) -> str:
    """A dashboard string (``ui.<key>`` in the language catalogues)."""
    return t(f"ui.{key}", lang, **fields)


def seller_number(name: str) -> int:
    """``"seller2"`` → 2."""
    digits = "".join(ch for ch in str(name) if ch.isdigit())
    return int(digits) if digits else 1


def seller_colour(strategy: str) -> str:
    return STRATEGY_COLOURS.get(strategy, PINK)


def seller_dash(name: str) -> str:
    return DASHES[(seller_number(name) - 1) % len(DASHES)]


def seller_label(name: str, strategy: str | None, lang: str) -> str:
    """"Seller 1 (product-centric)" / "Penjual 1 (berpusat pada produk)"."""
    short = ui("seller", lang, n=seller_number(name))
    if not strategy:
        return short
    return f"{short} ({strategy_label(strategy, lang)})"


def strategy_label(strategy: str, lang: str) -> str:
    """Short name of a strategy for legends ("switcher", not the full explanation)."""
    try:
        return ui(f"strategy.{strategy}", lang)
    except KeyError:
        return t(f"strategy.{strategy}", lang)


def number(x: float, lang: str, decimals: int = 0) -> str:
    """A number as people write it: 12,345.6 in English, 12.345,6 in Indonesian (the marks are
    ``number.thousands`` and ``number.decimal`` in each catalogue)."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if text.startswith("-") and set(text[1:]) <= {"0", ".", ","}:
        text = text[1:]  # no "-0"
    marks = {",": t("number.thousands", lang), ".": t("number.decimal", lang)}
    return "".join(marks.get(ch, ch) for ch in text)


def signed(x: float, lang: str, decimals: int = 0) -> str:
    """A change with its sign: +12 / -3."""
    body = number(abs(x), lang, decimals)
    if body.strip("0.,") == "":
        return body
    return ("+" if x > 0 else "-") + body


def percent(x: float, lang: str, decimals: int = 0) -> str:
    """0.256 → 26% (en) / 26% (id)."""
    return number(100 * x, lang, decimals) + "%"


def metric_label(metric: str, lang: str) -> str:
    """A weekly column's name for people ("cumulative profit"); unknown columns read as-is."""
    try:
        return ui(f"metric.{metric}", lang)
    except KeyError:
        return metric.replace("_", " ")


def text_or(key: str, lang: str, fallback: str) -> str:
    """``t(key)`` when the catalogue has it, else ``fallback`` (for names others may add)."""
    try:
        return t(key, lang)
    except KeyError:
        return fallback
