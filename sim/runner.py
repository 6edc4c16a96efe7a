"""The public way in: run one market, compare strategies over seeds, sweep a parameter grid.

``run`` returns a :class:`RunResult` of pandas tables; ``compare`` and ``sweep`` use common
random numbers (the same seeds for every variant) and send runs to any
``concurrent.futures.Executor`` (a Dask client's executor works unchanged).
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from itertools import product

import pandas as pd

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


PRELOAD = ("sim.runner",)  # what the fork server imports once, before starting any worker


def process_pool(max_workers: int | None = None) -> ProcessPoolExecutor:
    """A pool of worker processes that are not forked from this process.

    Forking a process that runs threads (a Jupyter kernel, a dashboard's worker, a thread pool)
    can deadlock the child, and Python 3.12 warns about it. Here the workers come from a fork
    server: a small single-threaded process, started once, that imports the model and then
    forks each worker from itself. The first pool costs one import of the model (about 3 s on
    a busy 2-core machine); every later pool starts in well under a second, faster than
    forking a large notebook kernel. Without a fork server (Windows) workers are spawned."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(list(PRELOAD))
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=context)


def _executor_map(executor: Executor | None, fn: Callable, jobs: list[tuple],
                  progress: Callable[[int, int], None] | None) -> list:
    """Run ``fn(*job)`` for every job on ``executor`` (default: :func:`process_pool`)."""
    own = executor is None
    if own:
        executor = process_pool(min(len(jobs), os.cpu_count() or 1))
    try:
        futures = [executor.submit(fn, *job) for job in jobs]
        results = []
        for i, fut in enumerate(futures, 1):
            results.append(fut.result())
            if progress:
                progress(i, len(jobs))
        return results
    finally:
        if own:
            executor.shutdown()


class SerialExecutor(Executor):
    """Runs jobs in this process, one by one (for tiny runs and notebooks)."""

    def submit(self, fn, *args, **kwargs):
        from concurrent.futures import Future
        fut: Future = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the future carries the error to the caller
            fut.set_exception(exc)
        return fut


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
    frames = _executor_map(executor or (SerialExecutor() if len(jobs) <= 2 else None),
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
          progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """BehaviorSpace-style: every combination of ``grid`` values × every seed, on top of
    ``base``. One tidy row per run and seller with the final week's numbers and the grid values.
    """
    names = list(grid)
    combos = list(product(*(list(grid[n]) for n in names)))
    _, base_values = resolve(base)
    for combo in combos:  # validate every point before starting any work
        validate(base_values | dict(zip(names, combo, strict=True)))
    seeds = [check_seed(s) for s in seeds]
    jobs = [(base_values | dict(zip(names, combo, strict=True)), seed, weeks)
            for combo in combos for seed in seeds]
    frames = _executor_map(executor, _run_weekly, jobs, progress)
    rows = []
    for (values, seed, _), weekly in zip(jobs, frames, strict=True):
        final = weekly[weekly.week == weekly.week.max()]
        for _, r in final.iterrows():
            rows.append({**{n: values[n] for n in names}, "seed": seed, **r.to_dict()})
    return pd.DataFrame(rows)


__all__ = ["ParameterError", "RunResult", "band", "compare", "process_pool", "resolve", "run",
           "sweep"]
