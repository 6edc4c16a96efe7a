"""The strategy question for a learner's own shop, asked in its calibrated market.

Two questions, each answered over the same seeds for every choice (common random numbers), in
the shop's own money, with a 95% band per choice and the verdict the bands allow ("no clear
difference" where they overlap):

* **head to head** (lessons 5 and 6): the shop run product-centric or customer-centric from the
  day it opened, its profit until ``horizon`` weeks from now. Both keep the shop's price, cost
  and visibility (its ad budget); only the way of selling differs.
* **when to switch** (lesson 7), for a shop that sells product-centric now: switch now, in six
  months, in a year, or never; its profit over the next ``horizon`` weeks.

And what made the difference in the head to head (:func:`difference`, lesson 5's question for
one shop): the gap between the shop run customer-centric and product-centric, split over the
lever groups with :func:`sim.decompose.decompose_versions` on the same seeds, in the shop's
money.

A shop that runs out of cash closes (its cash is the shop's own, see :mod:`sim.shop`): each
answer says in how many runs that happened under each choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import cache

import pandas as pd

from .calibration import Calibration, calibrate
from .decompose import Decomposition, decompose_versions
from .i18n import t
from .params import PARAMS
from .regimes import regimes
from .runner import band, compare
from .shop import CURRENCIES, example_shop, money

HORIZON = 104  # weeks ahead: two years
SEEDS = range(1, 6)
DIGITS = 3  # money in the answers, to three significant digits: the bands are wider than that
SWITCH_IN = {"now": 0, "half_year": 26, "year": 52}  # weeks from now; "never" stays product


@dataclass
class Answer:
    """One question's choices: mean and 95% band of the shop's profit per choice."""

    question: str  # "head_to_head" or "switch"
    table: pd.DataFrame  # choice, mean, low, high (the shop's money), n, closed (runs)
    runs: pd.DataFrame  # choice, seed, profit (the shop's money)
    currency: str
    horizon: int

    def ranked(self) -> pd.DataFrame:
        return self.table.sort_values("mean", ascending=False, kind="stable")

    @property
    def best(self) -> str:
        return str(self.ranked().choice.iloc[0])

    def clearly_behind(self) -> list[str]:
        """Choices whose band lies wholly below the best one's."""
        top = self.ranked().iloc[0]
        return [r.choice for r in self.ranked().iloc[1:].itertuples() if r.high < top.low]

    def tied(self) -> list[str]:
        """Choices whose band overlaps the best one's: no clear difference."""
        behind = set(self.clearly_behind())
        return [c for c in self.ranked().choice.iloc[1:] if c not in behind]

    def label(self, choice: str, lang: str) -> str:
        return t(f"shop.q.{self.question}.{choice}", lang)

    def text(self, lang: str = "en") -> str:
        """The answer in plain words: every choice with its band, then what the bands allow."""
        lines = [t(f"shop.q.{self.question}.title", lang, weeks=self.horizon,
                   seeds=int(self.table.n.iloc[0]))]
        for r in self.table.itertuples():
            lines.append(t("shop.q.line", lang, choice=self.label(r.choice, lang),
                           mean=money(r.mean, self.currency, lang, DIGITS),
                           low=money(r.low, self.currency, lang, DIGITS),
                           high=money(r.high, self.currency, lang, DIGITS)))
        for r in self.table.itertuples():
            if r.closed:
                lines.append(t("shop.q.closed", lang, choice=self.label(r.choice, lang),
                               closed=int(r.closed), n=int(r.n)))
        best = _joined([self.label(self.best, lang)], lang)
        if self.clearly_behind():
            lines.append(t("shop.q.clear", lang, best=best, others=_joined(
                [self.label(c, lang) for c in self.clearly_behind()], lang)))
        if self.tied():
            lines.append(t("shop.q.unclear", lang, choices=_joined(
                [self.label(c, lang) for c in [self.best, *self.tied()]], lang)))
        return "\n".join(lines)


def _joined(items: list[str], lang: str) -> str:
    """"A", "B" and "C" (each quoted)."""
    quoted = [t("shop.q.quoted", lang, text=item) for item in items]
    if len(quoted) < 2:
        return "".join(quoted)
    return t("shop.q.and", lang, first=", ".join(quoted[:-1]), last=quoted[-1])


def _answer(cal: Calibration, question: str, variants: dict[str, dict], weeks: int,
            from_week: int | None, seeds: Iterable[int], horizon: int,
            executor: Executor | None) -> Answer:
    """Run the variants over the same seeds; the shop's profit (from ``from_week`` on, or over
    the whole run) per run, in its money, and a band per variant."""
    runs = compare(variants, seeds=seeds, weeks=weeks, executor=executor, runs=True)
    mine = runs[runs.seller == "seller1"]
    last = mine[mine.week == mine.week.max()].set_index(["variant", "seed"])
    end = last.cumulative_profit
    if from_week is not None:  # profit from now on: what was earned before counts for no one
        start = mine[mine.week == from_week - 1].set_index(["variant", "seed"])
        end = end - start.cumulative_profit
    profit = (end * to_money(cal)).rename("profit").reset_index().rename(
        columns={"variant": "choice"})
    rows = []
    for choice in variants:
        mean, low, high = band(profit[profit.choice == choice].profit)
        rows.append({"choice": choice, "mean": mean, "low": low, "high": high,
                     "n": int((profit.choice == choice).sum()),
                     "closed": int((~last.loc[choice].open.astype(bool)).sum())})
    return Answer(question, pd.DataFrame(rows), profit, cal.shop.currency, horizon)


def to_money(cal: Calibration) -> float:
    """The shop's money per simulated thousand rupiah: the simulated market stands for the
    shop's whole market (``cal.scale`` people each), converted to its currency."""
    return cal.scale / CURRENCIES[cal.shop.currency]


def versions(cal: Calibration) -> dict[str, dict]:
    """The head to head's two versions of the shop's market: the shop (seller 1) run
    product-centric or customer-centric from the day it opened (all else as calibrated)."""
    return {style: cal.values | {"seller1.strategy": style} for style in ("product", "customer")}


def head_to_head(cal: Calibration, seeds: Iterable[int] = SEEDS, horizon: int = HORIZON,
                 executor: Executor | None = None) -> Answer:
    """The shop product-centric vs customer-centric from the day it opened: profit until
    ``horizon`` weeks from now."""
    return _answer(cal, "head_to_head", versions(cal), cal.values["weeks"] + horizon, None,
                   seeds, horizon, executor)


def difference(cal: Calibration, seeds: Iterable[int] = SEEDS, horizon: int = HORIZON,
               executor: Executor | None = None, progress=None) -> Decomposition:
    """What made the difference in the head to head: the shop customer-centric minus
    product-centric (its profit until ``horizon`` weeks from now, in its money, on the head
    to head's seeds), split over the lever groups. Each strategy's bundle is resolved to the
    shop's effective lever values first, so each group carries what the strategy does with
    it; the shop's price, cost and ad reach are its own in both, so they differ in no group."""
    both = versions(cal)
    return decompose_versions(both["product"], both["customer"], "seller1", seeds,
                              weeks=cal.values["weeks"] + horizon, executor=executor,
                              progress=progress, names=("product", "customer"),
                              labels={s: f"shop.q.head_to_head.{s}" for s in both},
                              scale=to_money(cal), currency=cal.shop.currency)


def when_to_switch(cal: Calibration, seeds: Iterable[int] = SEEDS, horizon: int = HORIZON,
                   executor: Executor | None = None) -> Answer | None:
    """For a shop that sells product-centric now: switch now, in six months, in a year or
    never; profit over the next ``horizon`` weeks. None for a customer-centric shop."""
    values = cal.values
    if values["seller1.strategy"] != "product":
        return None
    now = values["weeks"]
    variants = {when: values | {"seller1.strategy": "switch", "seller1.switch_week": now + weeks}
                for when, weeks in SWITCH_IN.items()}
    variants["never"] = dict(values)
    return _answer(cal, "switch", variants, now + horizon, now, seeds, horizon, executor)


def strategy_question(cal: Calibration, seeds: Iterable[int] = SEEDS, horizon: int = HORIZON,
                      executor: Executor | None = None) -> tuple[Answer, Answer | None]:
    """Both questions: (head to head, when to switch or None)."""
    return (head_to_head(cal, seeds, horizon, executor),
            when_to_switch(cal, seeds, horizon, executor))


REGIME_SEEDS = SEEDS  # the head to head's own seeds: the map's middle cell is that question
NEED_FACTORS = (0.5, 1.0, 2.0)  # the fitted need rate halved, as fitted, doubled
TALK = (0.1, PARAMS["wom_rate"].default, 0.6)  # how much people talk: not fitted, so varied


def regime_axes(cal: Calibration) -> tuple[tuple[str, list], tuple[str, list]]:
    """The map around a shop: its fitted need rate (halved, as fitted, doubled) along x, and
    how much people talk (an assumption the calibration cannot fit) along y."""
    low, high = PARAMS["need_rate"].low, PARAMS["need_rate"].high
    needs = sorted({round(min(high, max(low, cal.need_rate * f)), 3) for f in NEED_FACTORS})
    return ("need_rate", needs), ("wom_rate", list(TALK))


def regime_question(cal: Calibration, seeds: Iterable[int] = REGIME_SEEDS,
                    horizon: int = HORIZON, executor: Executor | None = None,
                    progress=None) -> pd.DataFrame:
    """The head to head (customer-centric minus product-centric, the shop as seller 1) in every
    cell of :func:`regime_axes`, over paired seeds (``sim.regimes``), with the means and bands
    in the shop's money: does the answer hold if the market differs from the fitted one?"""
    x, y = regime_axes(cal)
    spec = {**cal.values, "weeks": cal.values["weeks"] + horizon}
    table = regimes(spec, x=x, y=y, a="customer", b="product", seller="seller1", seeds=seeds,
                    executor=executor, progress=progress)
    for column in ("a_mean", "b_mean", "mean", "low", "high"):
        table[column] = table[column] * to_money(cal)
    return table


@cache
def example_calibration(name: str) -> Calibration:
    """A worked example shop (:data:`sim.shop.EXAMPLES`) calibrated on the default seeds, once
    per process (lesson 9's predictions, answer keys and tests share it)."""
    return calibrate(example_shop(name))


def example_market(name: str, weeks_ahead: int = HORIZON) -> dict:
    """The calibrated market of a worked example shop, run ``weeks_ahead`` beyond its now."""
    values = example_calibration(name).values
    return {**values, "weeks": values["weeks"] + weeks_ahead}


__all__ = ["Answer", "HORIZON", "difference", "example_calibration", "example_market",
           "head_to_head", "regime_axes", "regime_question", "strategy_question", "to_money",
           "versions", "when_to_switch"]
