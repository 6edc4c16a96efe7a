"""Calibrate a simulated market to a learner's shop: ``sim.calibrate(shop)``.

A shopkeeper knows two numbers the model can reproduce: **buyers per week** now, and the
**share of buyers who come back within a month**. Two market parameters are fitted to them:

* the **need rate** (how often a person needs what the shop sells). The return share depends on
  it and hardly on the size of the market, so it is found first: Brent's root finder
  (``scipy.optimize.brentq``) on the simulated return share, over a few seeds that stay the same
  for every try (common random numbers), within the need rate's declared range;
* the **market share**: how many of the people nearby buy this kind of thing at all. Buyers per
  week grow in proportion to the people in the market (the simulated market of ``SIM_PEOPLE``
  stands for all of them), so once the need rate is known it follows by a rule of three.

Other pairs (need rate with the outside option, loyalty or ad reach) move both numbers the same
way: many pairs fit equally well, so no pair could be recovered. This pair can, and a test
recovers it from simulated shops. The fitted market is then run once more over the same seeds and
compared with the shop's numbers within a stated tolerance; when a number cannot be matched the
result says which input to check. Same shop and seeds, same result.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .engine import Simulation, buyers_of
from .i18n import number, t
from .params import PARAMS, check_seed, validate
from .runner import SerialExecutor, band
from .shop import (
    INPUT_BY_NAME,
    MIN_MARKET,
    MONTH_WEEKS,
    SIM_PEOPLE,
    Shop,
    market_values,
)

SEEDS = range(1, 5)
NOW_WEEKS = 8  # "buyers per week now": the mean of the last two months
RETURN_WEEKS = 12  # purchases of the quarter before the last month, followed a month each
BUYERS_TOLERANCE, BUYERS_AT_LEAST = 0.10, 1.0  # ±10% of the shop's number, at least ±1 buyer
RETURN_TOLERANCE = 0.05  # ±5 percentage points
# Need rates tried first, from twice a year to every week (the whole declared range): where the
# simulated return share crosses the shop's, Brent's method narrows it down. A grid, not just the
# two ends, because the return share need not rise all the way (a market whose shops disappoint
# wears out faster when people buy more often).
NEED_GRID = (PARAMS["need_rate"].low, 0.03, 0.1, 0.3, PARAMS["need_rate"].high)


def measure(values: dict, seed: int) -> tuple[float, int, int, bool]:
    """One simulated shop (seller 1; ``values`` validated) over ``values["weeks"]``: (buyers
    per week now, per simulated person; purchases in the RETURN_WEEKS before the last month;
    how many of those came back within a month; whether it is still open). Top level, so that
    it can run in another process."""
    run = Simulation(values, seed, checked=True)
    weeks = values["weeks"]
    buyers: list[set[int]] = []
    while run.week < weeks:
        run.advance(run.week + 1)
        buyers.append(set(buyers_of(run.model, 0)))
    now = sum(len(b) for b in buyers[-NOW_WEEKS:]) / NOW_WEEKS / values["n_customers"]
    purchases = came_back = 0
    for week in range(max(0, weeks - MONTH_WEEKS - RETURN_WEEKS), weeks - MONTH_WEEKS):
        later = set().union(*buyers[week + 1: week + 1 + MONTH_WEEKS])
        purchases += len(buyers[week])
        came_back += len(buyers[week] & later)
    return now, purchases, came_back, run.model.sellers[0].open


@dataclass
class Calibration:
    """A shop's calibrated market and how well it fits."""

    shop: Shop
    need_rate: float
    market_share: float
    values: dict[str, Any]  # the fitted market's parameters (the shop is seller 1)
    runs: pd.DataFrame  # one row per seed of the fitted market: buyers, returning
    seeds: list[int]
    problems: list[tuple[str, dict]] = field(default_factory=list)  # catalogue key, fields
    fitted: tuple[str, ...] = ()  # which of need_rate, market_share were fitted
    evaluations: int = 0  # simulated markets (each over every seed)
    seconds: float = 0.0

    @property
    def people_in_market(self) -> float:
        return self.market_share * self.shop["people"]

    @property
    def scale(self) -> float:
        """Real people per simulated person (money and buyers of a run times this)."""
        return self.people_in_market / SIM_PEOPLE

    def fit(self) -> pd.DataFrame:
        """Target, simulated mean with its 95% band over the seeds, tolerance and whether it is
        matched: one row for buyers per week, one for the return share."""
        rows = []
        for name, target, tolerance in (
                ("buyers_per_week", self.shop.given("buyers_per_week"), buyers_tolerance(
                    self.shop["buyers_per_week"])),
                ("return_share", self.shop.given("return_share"), RETURN_TOLERANCE)):
            mean, low, high = band(self.runs[name])
            low, high = max(0.0, low), min(high, 1.0) if name == "return_share" else high
            matched = None if target is None else abs(mean - target) <= tolerance
            rows.append({"input": name, "target": target, "mean": mean, "low": low,
                         "high": high, "tolerance": tolerance, "matched": matched})
        return pd.DataFrame(rows)

    @property
    def matched(self) -> bool:
        """Every number the learner gave is reproduced within its tolerance."""
        return not self.problems and all(m is not False for m in self.fit().matched)

    def report(self, lang: str = "en") -> str:
        """The fit in plain words: what was matched, what was fitted, what to check."""
        s = self.shop
        lines = [t("shop.fit.title", lang, name=s["name"] or t("shop.default_name", lang),
                   seeds=len(self.seeds))]
        for row in self.fit().itertuples():
            lines.append(fit_line(row, lang))
        lines.append(t("shop.fit.need", lang, need=number(self.need_rate, lang, 2),
                       weeks=number(1 / self.need_rate, lang, 1))
                     if "need_rate" in self.fitted else
                     t("shop.fit.need_default", lang, need=number(self.need_rate, lang, 2)))
        lines.append(t("shop.fit.market", lang, market=number(self.people_in_market, lang),
                       people=number(s["people"], lang),
                       share=number(100 * self.market_share, lang))
                     if "market_share" in self.fitted else
                     t("shop.fit.market_default", lang, people=number(s["people"], lang)))
        unknown = [INPUT_BY_NAME[name].label(lang) for name in s.unknown]
        if unknown:
            lines.append(t("shop.fit.unknown", lang, inputs="; ".join(unknown)))
        lines.append(t("shop.fit.all_ok", lang) if self.matched else t("shop.fit.failed", lang))
        lines += [t(key, lang, **localise(fields, lang)) for key, fields in self.problems]
        return "\n".join(lines)


def buyers_tolerance(buyers: float) -> float:
    return max(BUYERS_AT_LEAST, BUYERS_TOLERANCE * buyers)


def fit_line(row, lang: str) -> str:
    """One row of :meth:`Calibration.fit` in words."""
    percent = row.input == "return_share"

    def show(x: float) -> str:
        return f"{number(100 * x, lang)}%" if percent else number(x, lang, 1)

    if pd.isna(row.target):
        return t("shop.fit.line_unknown", lang, what=INPUT_BY_NAME[row.input].label(lang),
                 mean=show(row.mean), low=show(row.low), high=show(row.high))
    return t("shop.fit.line", lang, what=INPUT_BY_NAME[row.input].label(lang),
             target=show(row.target), mean=show(row.mean), low=show(row.low),
             high=show(row.high), tolerance=(f"{number(100 * row.tolerance, lang)}"
                                             + t("shop.fit.points", lang)) if percent
             else number(row.tolerance, lang, 1),
             verdict=t("shop.fit.matched" if row.matched else "shop.fit.not_matched", lang))


def localise(fields: dict, lang: str) -> dict:
    """A problem's fields for ``lang``: input names become their labels, numbers are written
    the language's way."""
    out = {}
    for key, value in fields.items():
        if key.endswith("input"):
            out[key] = INPUT_BY_NAME[value].label(lang)
        elif key.endswith("share"):
            out[key] = f"{number(100 * value, lang)}%"
        elif isinstance(value, float):
            out[key] = number(value, lang, 1 if value < 100 else 0)
        else:
            out[key] = number(value, lang) if isinstance(value, int) else value
    return out


def shop_runs(shop: Shop, need_rate: float, market_share: float = 1.0,
              seeds: Iterable[int] = SEEDS, executor: Executor | None = None,
              lang: str = "en") -> pd.DataFrame:
    """The shop's simulated market at ``need_rate`` and ``market_share``, one row per seed:
    buyers per week (real people), purchases, came back, return share, buyers per person."""
    values = validate(market_values(shop, need_rate, market_share, lang), lang)
    seeds = [check_seed(x, lang) for x in seeds]
    executor = executor or SerialExecutor()
    rows = [fut.result() for fut in [executor.submit(measure, values, x) for x in seeds]]
    people = market_share * shop["people"]
    return pd.DataFrame({
        "seed": seeds, "buyers_per_week": [r[0] * people for r in rows],
        "purchases": [r[1] for r in rows], "came_back": [r[2] for r in rows],
        "return_share": [r[2] / r[1] if r[1] else 0.0 for r in rows],
        "buyers_per_person": [r[0] for r in rows], "open": [r[3] for r in rows]})


class _Market:
    """One shop's simulated markets over the same seeds, each simulated once (cached)."""

    def __init__(self, shop: Shop, seeds: list[int], executor: Executor | None, lang: str,
                 progress: Callable[[int], None] | None):
        self.shop, self.seeds, self.lang, self.progress = shop, seeds, lang, progress
        self.executor = executor
        self.cache: dict[tuple[float, float], pd.DataFrame] = {}

    def runs(self, need_rate: float, market_share: float = 1.0) -> pd.DataFrame:
        key = (float(need_rate), float(market_share))
        if key not in self.cache:
            self.cache[key] = shop_runs(self.shop, need_rate, market_share, self.seeds,
                                        self.executor, self.lang)
            if self.progress:
                self.progress(len(self.cache))
        return self.cache[key]

    def return_share(self, need_rate: float) -> float:
        return float(self.runs(need_rate).return_share.mean())


def _fit_need(gap: Callable[[float], float], target: float,
              problems: list[tuple[str, dict]]) -> float:
    """The need rate whose simulated return share meets ``target`` (``gap`` = simulated minus
    target): the first crossing on NEED_GRID (tried from the rarest need up), narrowed by
    ``brentq``; with no crossing, the grid's closest point, and a problem saying which input to
    check."""
    from scipy.optimize import brentq  # imported on first use: scipy is slow to import

    gaps: list[float] = []
    for x in NEED_GRID:  # from the rarest need up, stopping at the first crossing
        gaps.append(gap(x))
        if len(gaps) > 1 and (gaps[-1] == 0 or (gaps[-2] < 0) != (gaps[-1] < 0)):
            a, b = NEED_GRID[len(gaps) - 2], x
            return b if gaps[-1] == 0 else brentq(gap, a, b, xtol=0.005, rtol=0.1, maxiter=30)
        if gaps[-1] == 0:
            return x
    best = min(range(len(gaps)), key=lambda i: abs(gaps[i]))
    if abs(gaps[best]) > RETURN_TOLERANCE:
        key = "shop.check.return_too_low" if gaps[best] > 0 else "shop.check.return_too_high"
        problems.append((key, {"target_share": target, "best_share": target + gaps[best],
                               "input": "return_share"}))
    return NEED_GRID[best]


def calibrate(shop: Shop, seeds: Iterable[int] = SEEDS, executor: Executor | None = None,
              lang: str = "en",
              progress: Callable[[int], None] | None = None) -> Calibration:
    """Fit the need rate and the market share so that the simulated shop reproduces the shop's
    buyers per week and return share (see the module's docstring). Inputs left as "don't know"
    are not fitted: their parameter keeps its default (need rate) or the whole area buys
    (market share). Runs on ``executor`` (default: this process); ``progress(markets)`` is
    called after every simulated market."""
    started = time.perf_counter()
    seeds = [check_seed(x, lang) for x in seeds]
    market_values(shop, lang=lang)  # a shop the model cannot hold fails here, before any run
    market = _Market(shop, seeds, executor, lang, progress)

    def gap(need: float) -> float:
        return market.return_share(need) - shop.given("return_share")

    problems: list[tuple[str, dict]] = []
    fitted: list[str] = []
    need = PARAMS["need_rate"].default
    target = shop.given("return_share")
    if target is not None:
        fitted.append("need_rate")
        need = _fit_need(gap, target, problems)
    share = 1.0
    if shop.given("buyers_per_week") is not None:
        fitted.append("market_share")
        per_person = float(market.runs(need).buyers_per_person.mean())
        wanted = shop["buyers_per_week"] / max(per_person, 1e-9) / shop["people"]
        smallest = MIN_MARKET / shop["people"]
        share = min(1.0, max(smallest, wanted))
        if wanted > 1.0 + BUYERS_TOLERANCE:
            problems.append(("shop.check.buyers_too_many", {
                "target": shop["buyers_per_week"], "people": shop["people"],
                "best": per_person * shop["people"], "input": "buyers_per_week",
                "other_input": "people"}))
        elif wanted < smallest * (1 - BUYERS_TOLERANCE):
            problems.append(("shop.check.buyers_too_few", {
                "target": shop["buyers_per_week"], "least": MIN_MARKET,
                "input": "buyers_per_week"}))
    runs = market.runs(need, share)  # the fitted market itself, over the same seeds
    if not runs.open.all():  # the shop is open today; a simulated one that closed is not it
        problems.append(("shop.check.closed", {"closed": int((~runs.open).sum()),
                                               "seeds": len(seeds), "input": "cash"}))
    return Calibration(shop, float(need), float(share), market_values(shop, need, share, lang),
                       runs, seeds, problems, tuple(fitted), len(market.cache),
                       time.perf_counter() - started)


__all__ = ["Calibration", "calibrate", "measure", "shop_runs"]
