"""A market that can be stepped week by week (NetLogo's go-once / go), and what the charts need.

:class:`LiveRun` wraps a :class:`sim.model.MarketModel`: ``advance(week)`` steps it until that
week, ``snapshot()`` gives the tables recorded so far, ``result()`` a :class:`sim.RunResult`
for export. No widgets here, so it is tested on its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..model import MarketModel
from ..runner import RunResult, customers_table

FLOW_COLUMNS = ["week", "from_stage", "to_stage", "customers"]


@dataclass
class Snapshot:
    """The market as recorded so far (what every chart and summary reads)."""

    weekly: pd.DataFrame
    market: pd.DataFrame
    flows: pd.DataFrame
    model: Any
    n_customers: int
    horizon: int

    @property
    def week(self) -> int:
        """Weeks simulated so far."""
        return len(self.market)

    def stage_flows(self) -> pd.DataFrame:
        if self.flows.empty:
            return pd.DataFrame(columns=["from_stage", "to_stage", "customers"])
        return self.flows.groupby(["from_stage", "to_stage"], as_index=False)["customers"].sum()


class LiveRun:
    """One market being simulated, step by step."""

    def __init__(self, values: dict, seed: int, scenario: str = "custom", lang: str = "en"):
        self.values, self.seed, self.scenario = dict(values), int(seed), scenario
        self.model = MarketModel(values, rng=self.seed, lang=lang)

    @property
    def week(self) -> int:
        return self.model.week

    @property
    def horizon(self) -> int:
        return self.model.weeks

    @property
    def done(self) -> bool:
        return self.model.week >= self.model.weeks

    def advance(self, target: int | None = None,
                progress: Callable[[int, int, float], None] | None = None) -> int:
        """Step until week ``target`` (None: the end); ``progress(week, horizon, seconds)``
        is called after every step. Returns the number of weeks stepped."""
        goal = self.horizon if target is None else min(int(target), self.horizon)
        start, t0 = self.model.week, time.perf_counter()
        while self.model.week < goal:
            self.model.step()
            if progress:
                progress(self.model.week, goal, time.perf_counter() - t0)
        return self.model.week - start

    def snapshot(self) -> Snapshot:
        rec = self.model.recorder
        return Snapshot(pd.DataFrame(rec.seller_rows), pd.DataFrame(rec.market_rows),
                        pd.DataFrame(rec.flow_rows, columns=FLOW_COLUMNS), self.model,
                        self.model.n_customers, self.horizon)

    def result(self) -> RunResult:
        """Everything so far as a :class:`sim.RunResult` (same tables as ``sim.run``)."""
        snap = self.snapshot()
        return RunResult(snap.weekly, snap.market, snap.flows, customers_table(self.model),
                         self.model.p, self.seed, self.scenario, self.model)
