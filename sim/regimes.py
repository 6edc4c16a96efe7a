"""Where each strategy wins: two strategies compared over a grid of market conditions.

``sim.regimes`` answers the course's question, "when does product-centric or customer-centric
selling win?", as a map. Along ``x`` and ``y`` go two market parameters; in each cell the same
seeds are run for both sides (common random numbers, as ``sim.compare`` does), and the cell
holds the mean difference A − B of an outcome with its 95% band over the paired seeds and a
verdict: A wins (the band lies above zero), B wins (below zero), or no clear difference.

Two ways to name the sides:

* two sellers of one market (``a="seller1", b="seller2"``): a head-to-head, one run per seed;
* two versions of one seller (``a="switch", b="customer"`` for its strategy, or dicts of
  parameter changes, with ``seller="seller1"``): two runs per seed in otherwise equal markets.

Runs go through :func:`sim.batch.final_rows`: any executor, a progress callback, and a cache by
parameters and seed, so a rerun (or the same map for another outcome) is instant.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from functools import lru_cache

import pandas as pd

from .batch import final_rows
from .engine import Simulation
from .params import PARAMS, STRATEGIES, ParameterError, check_seed, validate
from .runner import band, resolve

A_WINS, B_WINS, NO_CLEAR_DIFFERENCE = "a_wins", "b_wins", "no_clear_difference"
VERDICTS = (A_WINS, B_WINS, NO_CLEAR_DIFFERENCE)
OUTCOME_COLUMNS = {"profit": "cumulative_profit"}  # "profit" of a run: all of it, to its end
SELLER = re.compile(r"seller[1-9]$")


def verdict(low: float, high: float) -> str:
    """A wins when the whole band of A − B is above zero, B when it is below, else neither."""
    return A_WINS if low > 0 else B_WINS if high < 0 else NO_CLEAR_DIFFERENCE


@lru_cache(maxsize=1)
def outcomes() -> tuple[str, ...]:
    """The outcomes a map can compare: ``profit`` and every numeric column of the weekly table."""
    simulation = Simulation(validate({"weeks": 1, "n_customers": 10, "network_degree": 2}), 0,
                            checked=True)
    simulation.advance()
    row = simulation.model.recorder.seller_rows[0]
    numeric = [k for k, v in row.items() if isinstance(v, int | float) and k != "week"]
    return ("profit", *numeric)


def _axis(axis, lang: str) -> tuple[str, list]:
    """``(param, values)`` checked: a known parameter and at least one value."""
    if not (isinstance(axis, Sequence) and len(axis) == 2 and isinstance(axis[0], str)
            and isinstance(axis[1], Iterable) and not isinstance(axis[1], str)):
        raise ParameterError("error.bad_axis", lang, value=axis)
    param, values = axis[0], list(axis[1])
    if param not in PARAMS:
        raise ParameterError("error.unknown_param", lang, name=param, value=values,
                             valid=", ".join(sorted(PARAMS)[:6]) + ", ...")
    if not values:
        raise ParameterError("error.bad_axis", lang, value=axis)
    return param, values


def _side(side, seller: str, lang: str) -> dict | str:
    """A seller's name stays a name; a strategy becomes ``{seller.strategy: it}``; a dict of
    parameter changes stays a dict."""
    if isinstance(side, str) and SELLER.match(side):
        return side
    if isinstance(side, str) and side in STRATEGIES:
        return {f"{seller}.strategy": side}
    if isinstance(side, Mapping):
        return dict(side)
    raise ParameterError("error.bad_side", lang, value=side, valid=", ".join(STRATEGIES))


def regimes(spec: str | dict | None = "head_to_head", *, x: tuple[str, Iterable],
            y: tuple[str, Iterable], a: str | dict = "seller1", b: str | dict = "seller2",
            seeds: Iterable[int] = range(1, 6), outcome: str = "profit",
            seller: str = "seller1", weeks: int | None = None,
            executor: Executor | None = None,
            progress: Callable[[int, int], None] | None = None, cache: bool = True,
            runs: bool = False, lang: str = "en") -> pd.DataFrame:
    """Compare side ``a`` with side ``b`` in every cell of the grid ``x`` × ``y``.

    Args:
        spec: the market (a scenario name or a dict of parameter values, as ``sim.run``).
        x, y: ``(parameter, values)``: the market conditions along each axis.
        a, b: two sellers of the market (``"seller1"``, ``"seller2"``), or two versions of
            ``seller``: strategies (``"product"``, ``"customer"``, ``"switch"``) or dicts of
            parameter changes (``{"seller1.switch_week": 13}``).
        seeds: at least two; every cell and side runs the same seeds.
        outcome: ``"profit"`` (cumulative profit at the end) or any numeric column of the
            weekly table, at the last week (see :func:`outcomes`); higher counts as winning.
        weeks: the horizon, unless an axis varies it.
        executor, progress, cache: as for :func:`sim.batch.final_rows` (default: a local
            process pool; ``progress(done, total)`` counts runs).
        runs: return one row per cell and seed (``a``, ``b``, ``difference``) instead.

    Returns one row per cell, ``y`` values outermost: the two axis values (columns named by
    the parameters), ``a_mean`` and ``b_mean``, the mean difference ``mean`` with its 95% band
    ``low``..``high`` over ``n`` paired seeds, and ``verdict`` (:data:`VERDICTS`). The table's
    ``attrs`` say what was compared (for charts and summaries).
    """
    x_param, x_values = _axis(x, lang)
    y_param, y_values = _axis(y, lang)
    if x_param == y_param:
        raise ParameterError("error.same_axes", lang, name=x_param)
    seeds = [check_seed(s, lang) for s in seeds]
    if len(set(seeds)) < 2:
        raise ParameterError("error.too_few_seeds", lang, name="seeds", value=seeds,
                             valid="range(1, 6)")
    column = OUTCOME_COLUMNS.get(outcome, outcome)
    if outcome not in outcomes():
        raise ParameterError("error.unknown_outcome", lang, name="outcome", value=outcome,
                             valid=", ".join(outcomes()[:8]) + ", ...")
    side_a, side_b = _side(a, seller, lang), _side(b, seller, lang)
    head_to_head = isinstance(side_a, str) and isinstance(side_b, str)
    if not head_to_head and (isinstance(side_a, str) or isinstance(side_b, str)):
        raise ParameterError("error.mixed_sides", lang, a=a, b=b)
    if not head_to_head and not SELLER.match(seller):
        raise ParameterError("error.bad_side", lang, value=seller, valid=", ".join(STRATEGIES))
    variants = [{}] if head_to_head else [side_a, side_b]
    for changes in variants:
        clash = sorted({x_param, y_param} & set(changes))
        if clash:
            raise ParameterError("error.side_sets_axis", lang, name=clash[0])
    label, base = resolve(spec, lang)
    if weeks is not None:
        base["weeks"] = weeks
    cells = [(xv, yv) for yv in y_values for xv in x_values]
    markets = [[validate(base | {x_param: xv, y_param: yv} | changes, lang)
                for changes in variants] for xv, yv in cells]  # every point before any run
    readers = ([(0, side_a), (0, side_b)] if head_to_head else [(0, seller), (1, seller)])
    for variant, name in readers:
        fewest = min(values[variant]["n_sellers"] for values in markets)
        if int(name.removeprefix("seller")) > fewest:
            raise ParameterError("error.no_such_seller", lang, name=name, value=name, n=fewest,
                                 valid=f"seller1 .. seller{fewest}")
    points = [(values, seed) for variant_values in markets for seed in seeds
              for values in variant_values]
    finals = iter(final_rows(points, executor, progress, cache))
    per_seed, table = [], []
    for (xv, yv), variant_values in zip(cells, markets, strict=True):
        outcomes_a, outcomes_b = [], []
        for seed in seeds:
            rows = [{r["seller"]: r for r in next(finals)} for _ in variant_values]
            value_a = float(rows[readers[0][0]][readers[0][1]][column])
            value_b = float(rows[readers[1][0]][readers[1][1]][column])
            outcomes_a.append(value_a)
            outcomes_b.append(value_b)
            per_seed.append({x_param: xv, y_param: yv, "seed": seed, "a": value_a,
                             "b": value_b, "difference": value_a - value_b})
        difference = pd.Series(outcomes_a) - pd.Series(outcomes_b)
        mean, low, high = band(difference)
        table.append({x_param: xv, y_param: yv, "a_mean": sum(outcomes_a) / len(seeds),
                      "b_mean": sum(outcomes_b) / len(seeds), "mean": mean, "low": low,
                      "high": high, "n": len(seeds), "verdict": verdict(low, high)})
    result = pd.DataFrame(per_seed if runs else table)
    result.attrs = {
        "spec": label, "x": x_param, "y": y_param, "outcome": outcome, "seeds": seeds,
        "head_to_head": head_to_head, "a": a if isinstance(a, str) else dict(side_a),
        "b": b if isinstance(b, str) else dict(side_b), "seller": seller,
        "a_strategy": _strategy(markets, *readers[0]),
        "b_strategy": _strategy(markets, *readers[1]),
    }
    return result


def _strategy(markets: list[list[dict]], variant: int, seller: str) -> str | None:
    """The side's strategy when it is the same in every cell (for labels and colours)."""
    found = {values[variant][f"{seller}.strategy"] for values in markets}
    return found.pop() if len(found) == 1 else None


__all__ = ["A_WINS", "B_WINS", "NO_CLEAR_DIFFERENCE", "VERDICTS", "outcomes", "regimes",
           "verdict"]
