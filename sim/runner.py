"""The public way in: run one market, compare strategies over seeds, sweep a parameter grid.

``run`` returns a :class:`RunResult` of pandas tables; ``compare`` and ``sweep`` use common
random numbers (the same seeds for every variant) and send runs to any
``concurrent.futures.Executor`` (a Dask client's executor works unchanged).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any

import pandas as pd

from .i18n import t
from .model import MarketModel
from .params import ParameterError, validate
from .scenarios import get as get_scenario

# 97.5% quantiles of Student's t for small n (two-sided 95% bands); normal beyond 30.
_T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
         9: 2.262, 10: 2.228, 15: 2.131, 20: 2.086, 30: 2.042}


def resolve(spec: str | dict | None, lang: str = "en", **overrides) -> tuple[str, dict]:
    """A scenario name or a parameter dict (optionally ``{"scenario": name, ...}``) → (label,
    values)."""
    if spec is None:
        spec = {}
    if isinstance(spec, str):
        return spec, {**get_scenario(spec, lang).values, **overrides}
    spec = dict(spec)
    name = spec.pop("scenario", None)
    base = get_scenario(name, lang).values if name else {}
    return name or "custom", {**base, **spec, **overrides}


@dataclass
class RunResult:
    """One run: weekly tables, the customers' final state, and how it was made."""

    weekly: pd.DataFrame
    market: pd.DataFrame
    flows: pd.DataFrame
    customers: pd.DataFrame
    params: dict
    seed: int
    scenario: str
    model: Any = field(default=None, repr=False)

    @property
    def final(self) -> pd.DataFrame:
        """The last week's row per seller."""
        return self.weekly[self.weekly.week == self.weekly.week.max()].reset_index(drop=True)

    def stage_flows(self) -> pd.DataFrame:
        """Customers moved between each pair of stages over the whole run (for a Sankey)."""
        if self.flows.empty:
            return pd.DataFrame(columns=["from_stage", "to_stage", "customers"])
        return (self.flows.groupby(["from_stage", "to_stage"], as_index=False)["customers"]
                .sum())

    def summary(self, lang: str = "en") -> str:
        """A few readable lines: per seller profit, customers, satisfaction; the leader."""
        final, m = self.final, self.market.iloc[-1]
        lines = [t("summary.title", lang, scenario=self.scenario, weeks=len(self.market),
                   customers=self.params["n_customers"], seed=self.seed)]
        for _, row in final.iterrows():
            lines.append(t("summary.seller", lang, seller=row.seller,
                           strategy=t(f"strategy.{row.strategy}", lang),
                           profit=row.cumulative_profit, active=row.customers_active,
                           people=t(f"people.{row.offering}"
                                    + (".one" if row.customers_active == 1 else ""), lang),
                           loyal=row.stage_loyal, satisfaction=row.satisfaction_mean,
                           nps=row.nps, retention=row.retention_rate, cac=row.cac,
                           clv=row.clv_estimate))
        best = final.loc[final.cumulative_profit.idxmax()]
        lines.append(t("summary.leader", lang, seller=best.seller,
                       strategy=t(f"strategy.{best.strategy}", lang)))
        aware = 1 - m.stage_unaware / self.params["n_customers"]
        lines.append(t("summary.market", lang, aware=aware, lost=int(m.stage_lost)))
        return "\n".join(lines)

    def to_csv(self, path: str | os.PathLike, force: bool = False, lang: str = "en") -> Path:
        """Write the weekly table as CSV; never overwrites unless ``force``."""
        return _write(path, self.weekly.to_csv(index=False), force, lang)

    def to_json(self, path: str | os.PathLike, force: bool = False, lang: str = "en") -> Path:
        """Write everything (parameters, seed, weekly, market, customers) as one JSON file."""
        doc = {"scenario": self.scenario, "seed": self.seed, "params": self.params,
               "weekly": self.weekly.to_dict("records"), "market": self.market.to_dict("records"),
               "customers": self.customers.to_dict("records")}
        return _write(path, json.dumps(doc, default=str), force, lang)


def _write(path, text: str, force: bool, lang: str) -> Path:
    """Write safely (sim.files.write_new): never replaces a file unless ``force``."""
    from .files import write_new
    return write_new(path, text, force=force, lang=lang)


def customers_table(model: MarketModel) -> pd.DataFrame:
    sellers = model.sellers
    return pd.DataFrame([{
        "customer_id": c.unique_id, "trait": c.trait, "role": c.role, "stage": c.stage,
        "segment": c.segment,
        "seller": sellers[c.seller].name if c.seller is not None else "",
        "acquisition_channel": c.acquisition_channel or "", "tenure_weeks": c.tenure_weeks,
        "purchases": c.purchases, "lifetime_revenue": c.lifetime_revenue,
        "lifetime_margin": c.lifetime_margin, "paid_to_resellers": c.paid_to_resellers,
        "satisfaction": c.satisfaction[c.seller] if c.seller is not None else 0.0,
        "loyalty": c.loyalty_now(c.seller) if c.seller is not None else 0.0,
        "expectation": c.expectation[c.seller] if c.seller is not None else 0.0,
        "referrals_made": c.referrals_made,
    } for c in model.customer_list])


def run(spec: str | dict | None = None, seed: int = 1, weeks: int | None = None,
        lang: str = "en", keep_model: bool = False, **overrides) -> RunResult:
    """Run one market. ``spec`` is a scenario name or a dict of parameter values."""
    name, values = resolve(spec, lang, **overrides)
    if weeks is not None:
        values["weeks"] = weeks
    model = MarketModel(values, rng=seed, lang=lang)
    model.run()
    rec = model.recorder
    return RunResult(pd.DataFrame(rec.seller_rows), pd.DataFrame(rec.market_rows),
                     pd.DataFrame(rec.flow_rows, columns=["week", "from_stage", "to_stage",
                                                           "customers"]),
                     customers_table(model), model.p, seed, name,
                     model if keep_model else None)


def _run_weekly(spec, seed: int, weeks: int | None) -> pd.DataFrame:
    """Top-level (picklable) worker: one run's weekly table."""
    return run(spec, seed=seed, weeks=weeks).weekly


def _executor_map(executor: Executor | None, fn: Callable, jobs: list[tuple],
                  progress: Callable[[int, int], None] | None) -> list:
    """Run ``fn(*job)`` for every job on ``executor`` (default: a local process pool)."""
    own = executor is None
    if own:
        executor = ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1))
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
    df = max(1, n - 1)
    if df > 30:
        return 1.96
    keys = [k for k in _T975 if k >= df]
    return _T975[min(keys)]


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
    seeds = list(seeds)
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
    seeds = list(seeds)
    jobs = [(base_values | dict(zip(names, combo, strict=True)), seed, weeks)
            for combo in combos for seed in seeds]
    frames = _executor_map(executor, _run_weekly, jobs, progress)
    rows = []
    for (values, seed, _), weekly in zip(jobs, frames, strict=True):
        final = weekly[weekly.week == weekly.week.max()]
        for _, r in final.iterrows():
            rows.append({**{n: values[n] for n in names}, "seed": seed, **r.to_dict()})
    return pd.DataFrame(rows)


__all__ = ["RunResult", "run", "compare", "sweep", "resolve", "band", "ParameterError"]
