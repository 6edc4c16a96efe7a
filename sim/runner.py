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

from .batch import SERIAL_JOBS, SerialExecutor, executor_map, final_rows
from .engine import RunResult, Simulation
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
    if runs:
        return allruns
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


__all__ = ["ParameterError", "RunResult", "SerialExecutor", "band", "compare", "resolve", "run",
           "sweep"]
