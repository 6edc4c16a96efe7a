"""What runs over several seeds support: a mean and 95% band per line, the gap between two lines
seed by seed, how often one line beat another, and which lines cannot be told apart.

One rule everywhere, so that a sentence under a chart and a sentence in the lesson beside it never
disagree. Every line of a comparison runs on the same seeds (the same market luck: who hears of
whom first, who needs to buy when), so two lines are compared seed by seed: the gap between them
in each seed, its mean and its 95% band. A line is *clearly* above another only when that band
lies above zero; when it includes zero the honest words are "no clear difference at this number
of seeds". Lines known only by their mean and band (not their seeds) fall back to the plain rule:
clearly above only when the two 95% bands do not overlap. The widgets' summaries
(:mod:`sim.ui.summaries`) and the course's generated texts (:mod:`sim.course.results`) both
decide with :func:`leaders` and word it with :func:`verdict`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..i18n import number, t
from ..runner import band, share_band


@dataclass(frozen=True)
class Line:
    """One curve's outcome at one week: its runs' values (one per seed, in seed order) or, when
    only the summary is known, its mean and band."""

    label: str
    mean: float
    low: float
    high: float
    values: tuple[float, ...] = field(default=())
    key: Any = None  # what the line is in the runs: a seller, a variant, a parameter's value
    share: bool = False  # values are 0 or 1 (the shop stayed open): a Wilson band, not a t band

    @classmethod
    def of(cls, label: str, values: Sequence[float], key: Any = None,
           share: bool = False) -> Line:
        values = [float(v) for v in values]
        mean, low, high = (share_band(round(sum(values)), len(values)) if share else
                           band(pd.Series(values, dtype=float)))
        return cls(label, mean, low, high, tuple(values), key, share)

    @property
    def hits(self) -> int:
        """In how many seeds it happened (a share's line)."""
        return round(sum(self.values))


def paired(a: Line, b: Line) -> bool:
    """Were both lines run on the same seeds (so they can be compared seed by seed)?"""
    return bool(a.values) and len(a.values) == len(b.values)


def gap(a: Line, b: Line) -> Line:
    """``a`` minus ``b``, seed by seed: its mean and 95% band."""
    return Line.of(f"{a.label} − {b.label}", [x - y for x, y in zip(a.values, b.values,
                                                                      strict=True)])


def clearly_above(a: Line, b: Line) -> bool:
    """Is ``a`` above ``b`` beyond luck: the seed-by-seed gap's band above zero (or, without
    the seeds, or for shares of seeds such as "stayed open", ``a``'s band above ``b``'s)?"""
    return gap(a, b).low > 0 if paired(a, b) and not a.share else a.low > b.high


def leaders(lines: Sequence[Line]) -> list[Line]:
    """The line with the highest mean, then every other line not clearly below it (highest
    mean first): one line means a clear best, several mean "no clear difference"."""
    ranked = sorted(lines, key=lambda line: line.mean, reverse=True)
    return [ranked[0], *(x for x in ranked[1:] if not clearly_above(ranked[0], x))] \
        if ranked else []


def wins(a: Line, b: Line) -> int:
    """In how many seeds ``a`` ended above ``b`` (the same seeds, so the same market luck)."""
    return sum(x > y for x, y in zip(a.values, b.values, strict=True))


def about(x: float, lang: str = "en") -> str:
    """A number as the course says it: three significant figures (26,729 → 26,700; −1,877 →
    −1,880), small numbers with two decimals (0.71)."""
    if abs(x) >= 1000:
        digits = len(str(int(abs(x)))) - 3
        text = number(abs(round(x, -digits)), lang)
    elif abs(x) >= 10:
        text = number(abs(round(x)), lang)
    else:
        text = number(abs(x), lang, 2)
    return ("−" if x < 0 and text.strip("0,.") else "") + text


def signed(x: float, lang: str = "en") -> str:
    """:func:`about` with its sign: +970, −1,880."""
    text = about(x, lang)
    return text if text.startswith("−") or not text.strip("0,.") else "+" + text


def joined(items: Sequence[str], lang: str) -> str:
    """"a", "a and b", "a, b and c" in ``lang``."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return t("evidence.list", lang, items=", ".join(items[:-1]), last=items[-1])


def verdict(lines: Sequence[Line], seeds: int, lang: str = "en") -> str:
    """The evidence in plain words (names as the lines' labels). Two lines on the same seeds:
    how often the leader was ahead and by how much, the gap's 95% band, and whether that is a
    clear difference. More lines: the clear best, or which lines cannot be told apart."""
    top = leaders(lines)
    ranked = sorted(lines, key=lambda x: x.mean, reverse=True)
    if len(lines) == 2 and ranked[0].share:
        first, second = ranked
        return t("evidence.share_clear" if len(top) == 1 else "evidence.share_unclear", lang,
                 leader=first.label, n=seeds)
    if len(lines) == 2 and paired(*ranked):
        first, second = ranked
        diff = gap(first, second)
        return t("evidence.pair_clear" if len(top) == 1 else "evidence.pair_unclear", lang,
                 leader=first.label, other=second.label, k=wins(first, second), n=seeds,
                 gap=about(diff.mean, lang), low=signed(diff.low, lang),
                 high=signed(diff.high, lang))
    if len(top) == 1:
        return t("evidence.best", lang, best=top[0].label)
    if len(top) == len(lines):
        return t("evidence.none_apart", lang, n=seeds)
    return t("evidence.group", lang, group=joined([x.label for x in top], lang), n=seeds)


__all__ = ["Line", "about", "clearly_above", "gap", "joined", "leaders", "paired", "signed",
           "verdict", "wins"]
