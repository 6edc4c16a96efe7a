"""The public way in: run one market, compare strategies over seeds, sweep a parameter grid.

``run`` returns a :class:`RunResult` of pandas tables; ``compare`` and ``sweep`` use common
random numbers (the same seeds for every variant) and send runs to any
``concurrent.futures.Executor`` (a Dask client's executor works unchanged).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor
from itertools import product

import pandas as pd

from .batch import SERIAL_JOBS, SerialExecutor, executor_map, final_rows, process_pool
from .engine import RunResult, Simulation
from .metrics import closing_weeks
from .params import ParameterError, check_seed, validate
from .scenarios import get as get_scenario


def resolve(spec: str | Mapping | None, lang: str = "en", **overrides) -> tuple[str, dict]:
    """A scenario name or a parameter dict (optionally ``{"scenario": name, ...}``) → (label,
    values); anything else is a ParameterError."""
    if spec is None:
        spec = {}
    if isinstance(spec, str):
        return spec, {**get_scenario(spec, lang).values, **overrides}
    if not isinstance(spec, Mapping):
        raise ParameterError("error.bad_spec", lang, name="spec", value=spec,
                             valid="{'n_sellers': 3, ...}")
    spec = dict(spec)
    name = spec.pop("scenario", None)
    base = get_scenario(name, lang).values if name else {}
    return name or "custom", {**base, **spec, **overrides}


def run(spec: str | dict | None = None, seed: int | None = 1, weeks: int | None = None,
        lang: str = "en", keep_model: bool = False, **overrides) -> RunResult:
    """Run one market. ``spec`` is a scenario name or a dict of parameter values; ``seed`` a
    whole number from 0 up (None: a random one, recorded in the result's ``seed``)."""
    name, values = resolve(spec, lang, **overrides)
    if weeks is not None:
        values["weeks"] = weeks
    simulation = Simulation(values, seed, name, lang)
    simulation.advance()
    return simulation.result(keep_model)


def _run_weekly(spec, seed: int, weeks: int | None) -> pd.DataFrame:
    """Top-level (picklable) worker: one run's weekly table."""
    return run(spec, seed=seed, weeks=weeks).weekly


def t_quantile(n: int) -> float:
    """Two-sided 95% Student t quantile for n-1 degrees of freedom (n >= 2)."""
    from scipy.stats import t as student_t  # imported on first use: scipy is slow to import

    return float(student_t.ppf(0.975, max(1, n - 1)))


def band(values: pd.Series) -> tuple[float, float, float]:
    """Mean and 95% confidence band of a sample of run outcomes."""
    n = len(values)
    mean = float(values.mean())
    if n < 2:
        return mean, mean, mean
    half = t_quantile(n) * float(values.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half


def share_band(hits: int, n: int) -> tuple[float, float, float]:
    """Share of ``n`` runs with an outcome (e.g. the shop stayed open) and its 95% Wilson score
    band (Wilson 1927), which stays honest at 0 of n and n of n where mean ± t·s/√n would
    shrink to nothing."""
    if n == 0:
        return 0.0, 0.0, 1.0
    z = 1.959963984540054  # two-sided 95% normal quantile
    share = hits / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return share, max(0.0, centre - half), min(1.0, centre + half)


def compare(variants: dict[str, str | dict] | Iterable[str], seeds: Iterable[int] = range(5),
            weeks: int | None = None, metrics: Iterable[str] = ("cumulative_profit",
                                                                 "customers_active",
                                                                 "satisfaction_mean"),
            executor: Executor | None = None, progress: Callable | None = None,
            runs: bool = False) -> pd.DataFrame:
    """Run every variant over the same seeds; a tidy table of mean and 95% band per week.

    ``variants`` maps a label to a scenario name or parameter dict (a list of scenario names
    labels them by name). Columns: variant, week, seller, strategy, metric, mean, low, high, n.
    With ``runs=True`` the per-run weekly tables are returned instead (with variant and seed).
    """
    if not isinstance(variants, dict):
        variants = {name: name for name in variants}
    seeds = [check_seed(s) for s in seeds]
    for spec in variants.values():  # fail fast, in this process, on a bad name or value
        validate(resolve(spec)[1])
    labels = [(label, seed) for label in variants for seed in seeds]
    jobs = [(variants[label], seed, weeks) for label, seed in labels]
    frames = executor_map(executor or (SerialExecutor() if len(jobs) <= SERIAL_JOBS else None),
                          _run_weekly, jobs, progress)
    allruns = pd.concat([f.assign(variant=label, seed=seed)
                         for (label, seed), f in zip(labels, frames, strict=True)],
                        ignore_index=True)
    return allruns if runs else summarise(allruns, metrics)


def summarise(allruns: pd.DataFrame, metrics: Iterable[str] = ("cumulative_profit",)
              ) -> pd.DataFrame:
    """Per-run weekly tables (with variant and seed columns) → the tidy table of mean and 95%
    band per variant, week, seller and metric that :func:`compare` returns."""
    rows = []
    for (variant, week, seller, strategy), g in allruns.groupby(
            ["variant", "week", "seller", "strategy"], sort=False):
        for metric in metrics:
            mean, low, high = band(g[metric])
            rows.append({"variant": variant, "week": week, "seller": seller,
                         "strategy": strategy, "metric": metric, "mean": mean, "low": low,
                         "high": high, "n": len(g)})
    return pd.DataFrame(rows)


def sweep(grid: dict[str, Iterable], seeds: Iterable[int] = range(3),
          base: str | dict | None = None, weeks: int | None = None,
          executor: Executor | None = None,
          progress: Callable[[int, int], None] | None = None,
          cache: bool = True) -> pd.DataFrame:
    """BehaviorSpace-style: every combination of ``grid`` values × every seed, on top of
    ``base``. One tidy row per run and seller with the final week's numbers and the grid values.
    Runs already made in this process (same values, same seed) are not made again
    (``cache=False``: make every run).
    """
    names = list(grid)
    combos = [dict(zip(names, combo, strict=True))
              for combo in product(*(list(grid[n]) for n in names))]
    _, base_values = resolve(base)
    horizon = {} if weeks is None else {"weeks": weeks}
    points = [validate(base_values | combo | horizon) for combo in combos]  # all before any run
    seeds = [check_seed(s) for s in seeds]
    finals = final_rows([(values, seed) for values in points for seed in seeds], executor,
                        progress, cache)
    runs = [(combo, seed) for combo in combos for seed in seeds]
    return pd.DataFrame([{**combo, "seed": seed, **row}
                         for (combo, seed), rows in zip(runs, finals, strict=True)
                         for row in rows])


def survival(plans: Mapping[str, Mapping], param: str, values: Iterable,
             base: str | Mapping | None = None, seeds: Iterable[int] = range(1, 11),
             seller: str = "seller1", weeks: int | None = None,
             executor: Executor | None = None,
             progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Does ``seller`` stay open, and what does it earn, under each plan as ``param`` varies?

    ``plans`` maps a label to the settings that make the plan (on top of ``base``); every plan
    runs at every value of ``param`` over the same ``seeds``. One row per plan and value:
    ``n`` runs, ``survived`` (open at the end), ``share`` with its Wilson band
    (``share_low``, ``share_high``), the median week the shop closed (``closed_week``, NaN if it
    never did) and the final cumulative profit's mean and 95% band (``profit``,
    ``profit_low``, ``profit_high``; a closed shop's is what it had lost when it closed).
    """
    values, seeds = list(values), [check_seed(s) for s in seeds]
    _, base_values = resolve(base)
    points = [(label, value) for label in plans for value in values]
    for label, value in points:  # every point checked before any work starts
        validate({**base_values, **plans[label], param: value})
    jobs = [({**base_values, **plans[label], param: value}, seed, weeks)
            for label, value in points for seed in seeds]
    frames = iter(executor_map(
        executor or (SerialExecutor() if len(jobs) <= SERIAL_JOBS else None), _run_weekly, jobs,
        progress))
    rows = []
    for label, value in points:
        opened, profits, closed = [], [], []
        for _ in seeds:
            mine = next(frames)
            mine = mine[mine.seller == seller]
            opened.append(bool(mine.open.iloc[-1]))
            profits.append(float(mine.cumulative_profit.iloc[-1]))
            shut = closing_weeks(mine)
            if seller in shut:
                closed.append(shut[seller])
        share, low, high = share_band(sum(opened), len(seeds))
        profit, profit_low, profit_high = band(pd.Series(profits))
        rows.append({"plan": label, "value": value, "n": len(seeds), "survived": sum(opened),
                     "share": share, "share_low": low, "share_high": high,
                     "closed_week": float(pd.Series(closed).median()) if closed else math.nan,
                     "profit": profit, "profit_low": profit_low, "profit_high": profit_high})
    return pd.DataFrame(rows)


__all__ = ["ParameterError", "RunResult", "SerialExecutor", "band", "compare", "resolve", "run",
           "process_pool", "share_band", "summarise", "survival", "sweep"]
