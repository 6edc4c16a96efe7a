"""Customer value by acquisition channel, read from ``RunResult.relationships``.

One relationship (a customer with one seller) is the unit: how the person came to the seller
(``heard_via``), whether a newcomer deal won them (``won_with_discount``), and what the
relationship brought. Value per group of relationships:

* ``margin_per_week`` m: margin over the weeks the relationships lasted (exposure: a
  relationship still going counts up to the last recorded week);
* ``retention`` r: 1 − relationships ended / weeks of exposure, capped like the weekly table's;
* ``clv``: Gupta & Lehmann's m·r/(1+i−r) with these m and r (:func:`sim.metrics.clv`), i the
  run's ``discount_rate``; a lifetime value per customer of that channel, censoring handled by
  the exposure;
* ``first_year_margin``: mean margin of a relationship's first 52 weeks, over the relationships
  that began at least 52 weeks before the end (``first_year_n`` of them; needs no model).

:func:`relationship_runs` runs variants over the same seeds (paired, as :func:`sim.compare`
does), :func:`channel_runs` gives each run's value by channel and :func:`channel_bands` each
group's mean and 95% band over the seeds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor

import pandas as pd

from .batch import SERIAL_JOBS, SerialExecutor, executor_map
from .customers import FIRST_YEAR
from .metrics import MAX_RETENTION, clv
from .params import check_seed, validate
from .runner import band, resolve, run

VALUES = ("relationships", "margin_per_week", "retention", "clv", "first_year_margin",
          "first_year_n")


def channel_value(relationships: pd.DataFrame, weeks: int, rate: float,
                  by: Iterable[str] = ("seller", "heard_via")) -> pd.DataFrame:
    """Value per group of relationships (``by``: columns of the relationships table) after a
    run of ``weeks`` weeks at discount rate ``rate``: one row per group, columns :data:`VALUES`."""
    by = list(by)
    if relationships.empty:
        return pd.DataFrame(columns=[*by, *VALUES])
    rel = relationships
    last = (rel.end_week.fillna(weeks - 1)).astype(int)
    complete = rel.start_week <= weeks - FIRST_YEAR
    frame = rel[by].assign(exposure=last - rel.start_week + 1, ended=rel.end_week.notna(),
                           margin=rel.margin,
                           first_year=rel.margin_first_52_weeks.where(complete),
                           complete=complete)
    groups = frame.groupby(by, sort=True)
    table = groups.agg(relationships=("margin", "size"), exposure=("exposure", "sum"),
                       ended=("ended", "sum"), margin=("margin", "sum"),
                       first_year_margin=("first_year", "mean"),
                       first_year_n=("complete", "sum")).reset_index()
    table["margin_per_week"] = table.margin / table.exposure
    table["retention"] = (1.0 - table.ended / table.exposure).clip(upper=MAX_RETENTION)
    table["clv"] = [clv(m, r, rate) for m, r in zip(table.margin_per_week, table.retention,
                                                    strict=True)]
    return table[[*by, *VALUES]]


def _run_relationships(values: dict, seed: int) -> pd.DataFrame:
    """Top-level (picklable) worker: one run's relationships, with its length and rate."""
    r = run(values, seed=seed)
    return r.relationships.assign(weeks=r.params["weeks"], rate=r.params["discount_rate"])


def relationship_runs(variants: Mapping[str, str | dict], seeds: Iterable[int] = range(10),
                      executor: Executor | None = None,
                      progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """The relationships of every variant (a scenario name or parameter dict) on the same
    seeds (paired, as :func:`sim.compare` runs them), in one table with columns variant, seed,
    weeks and rate added."""
    seeds = [check_seed(s) for s in seeds]
    specs = {label: resolve(spec)[1] for label, spec in variants.items()}
    for values in specs.values():  # fail fast, in this process, on a bad value
        validate(values)
    labels = [(label, seed) for label in specs for seed in seeds]
    jobs = [(specs[label], seed) for label, seed in labels]
    frames = executor_map(executor or (SerialExecutor() if len(jobs) <= SERIAL_JOBS else None),
                          _run_relationships, jobs, progress)
    return pd.concat([f.assign(variant=label, seed=seed)
                      for (label, seed), f in zip(labels, frames, strict=True)],
                     ignore_index=True)


def channel_runs(relationships: pd.DataFrame,
                 by: Iterable[str] = ("seller", "heard_via")) -> pd.DataFrame:
    """Value by channel of each run in a :func:`relationship_runs` table: one row per variant,
    seed and group (columns: variant, seed, ``by``, :data:`VALUES`)."""
    by = list(by)
    frames = [channel_value(rel, int(rel.weeks.iloc[0]), float(rel.rate.iloc[0]), by)
              .assign(variant=variant, seed=seed)
              for (variant, seed), rel in relationships.groupby(["variant", "seed"], sort=False)]
    return pd.concat(frames, ignore_index=True)[["variant", "seed", *by, *VALUES]]


def channel_bands(runs: pd.DataFrame, value: str = "clv",
                  by: Iterable[str] = ("seller", "heard_via")) -> pd.DataFrame:
    """Mean and 95% band over seeds of ``value`` per variant and group (runs where a group had
    no relationship, or no complete first year, do not count: ``n`` says how many did)."""
    by, rows = list(by), []
    for keys, g in runs.dropna(subset=[value]).groupby(["variant", *by], sort=False):
        keys = keys if isinstance(keys, tuple) else (keys,)
        mean, low, high = band(g[value])
        rows.append({**dict(zip(["variant", *by], keys, strict=True)), "mean": mean,
                     "low": low, "high": high, "n": len(g)})
    return pd.DataFrame(rows, columns=["variant", *by, "mean", "low", "high", "n"])


def verdict(low: float, high: float, sign: int) -> str:
    """A finding that expects a difference of ``sign`` (+1 or −1), against the 95% band
    [low, high] of the difference the model shows."""
    if low <= 0 <= high:
        return "no clear difference"
    return "agrees" if (low > 0) == (sign > 0) else "disagrees"


__all__ = ["VALUES", "channel_bands", "channel_runs", "channel_value", "relationship_runs",
           "verdict"]
