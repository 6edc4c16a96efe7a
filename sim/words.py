"""How the things a run records are named for people, in the learner's language: sellers,
strategies and metrics. Shared by the widgets (:mod:`sim.ui`) and the course's generated texts
(:mod:`sim.course.results`), which must name a line the same way as the chart beside them."""

from __future__ import annotations

from .i18n import t


def text_or(key: str, lang: str, fallback: str) -> str:
    """``t(key)`` when the catalogue has it, else ``fallback`` (for names others may add)."""
    try:
        return t(key, lang)
    except KeyError:
        return fallback


def seller_number(name: str) -> int:
    """``"seller2"`` → 2."""
    digits = "".join(ch for ch in str(name) if ch.isdigit())
    return int(digits) if digits else 1


def strategy_label(strategy: str, lang: str) -> str:
    """Short name of a strategy for legends ("switcher", not the full explanation)."""
    return text_or(f"ui.strategy.{strategy}", lang, "") or t(f"strategy.{strategy}", lang)


def seller_label(name: str, strategy: str | None, lang: str) -> str:
    """"Seller 1 (product-centric)" / "Penjual 1 (berpusat pada produk)"."""
    short = t("ui.seller", lang, n=seller_number(name))
    if not strategy:
        return short
    return f"{short} ({strategy_label(strategy, lang)})"


def metric_label(metric: str, lang: str) -> str:
    """A weekly column's name for people ("cumulative profit"); unknown columns read as-is."""
    return text_or(f"ui.metric.{metric}", lang, metric.replace("_", " "))


__all__ = ["metric_label", "seller_label", "seller_number", "strategy_label", "text_or"]
