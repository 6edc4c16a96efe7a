"""The run engine: one market stepped week by week, and the tables it records.

:class:`Simulation` is the only place a run is driven and its tables assembled. ``sim.run``
steps it to the end in one go; the dashboard steps it as the learner watches (NetLogo's go-once
and go) and draws :meth:`Simulation.snapshot`. Both therefore get the same tables for the same
parameters and seed. Everything downstream (charts, summaries, the course, the tournament)
reads these tables, never live agents.

Tables:

* ``weekly`` — one row per week and seller; ``market`` — one row per week for the whole market;
  ``flows`` — customers moved between stages, per week (see :mod:`sim.metrics`);
* ``customers`` — every person's state now, one row each: stage, current (or last) seller and how
  that relationship was won (``acquisition_channel``, ``won_with_discount``, ``tenure_weeks``),
  and lifetime sums pooled over every seller (``purchases``, ``lifetime_revenue``,
  ``lifetime_margin``);
* ``relationships`` — one row per customer and seller they ever bought from: how it started,
  when and why it ended, and its own purchases and money (see :func:`relationships_table`);
* ``levers`` — one row per seller: its strategy, the phase it plays now and the value of every
  lever it plays with (see :func:`levers_table`);
* ``people`` — a light version for drawing: ring position, stage and seller per person;
* ``network`` — who talks to whom: one row per friendship (``customer_id`` < ``friend_id``).
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .files import write_new
from .i18n import t
from .metrics import closing_weeks
from .model import MarketModel
from .params import LEVERS, check_seed

FLOW_COLUMNS = ["week", "from_stage", "to_stage", "customers"]
NETWORK_COLUMNS = ["customer_id", "friend_id"]
RELATIONSHIP_COLUMNS = ["customer_id", "seller", "heard_via", "won_with_discount", "start_week",
                        "end_week", "end_reason", "spells", "purchases", "purchases_via_reseller",
                        "revenue", "paid", "margin", "margin_first_52_weeks", "satisfaction",
                        "loyalty"]
LEVER_COLUMNS = ["seller", "strategy", "phase", "skill", *(lv.param.name for lv in LEVERS)]


def _stage_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """Customers moved between each pair of stages over the whole run (for a Sankey)."""
    if flows.empty:
        return pd.DataFrame(columns=["from_stage", "to_stage", "customers"])
    return flows.groupby(["from_stage", "to_stage"], as_index=False)["customers"].sum()


@dataclass
class RunResult:
    """One run: weekly tables, the customers' final state, the levers each seller played with
    (``levers``, one row per seller), and how it was made."""

    weekly: pd.DataFrame
    market: pd.DataFrame
    flows: pd.DataFrame
    customers: pd.DataFrame
    params: dict
    seed: int
    scenario: str
    model: Any = field(default=None, repr=False)
    network: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=NETWORK_COLUMNS),
                                  repr=False)
    relationships: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=RELATIONSHIP_COLUMNS), repr=False)
    levers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LEVER_COLUMNS),
                                 repr=False)

    @property
    def final(self) -> pd.DataFrame:
        """The last week's row per seller."""
        return self.weekly[self.weekly.week == self.weekly.week.max()].reset_index(drop=True)

    def stage_flows(self) -> pd.DataFrame:
        """Customers moved between each pair of stages over the whole run (for a Sankey)."""
        return _stage_flows(self.flows)

    def summary(self, lang: str = "en") -> str:
        """A few readable lines: per seller profit, customers, satisfaction; the leader."""
        final, m = self.final, self.market.iloc[-1]
        lines = [t("summary.title", lang, scenario=self.scenario, weeks=len(self.market),
                   customers=self.params["n_customers"], seed=self.seed)]
        closed = closing_weeks(self.weekly)
        for _, row in final.iterrows():
            lines.append(t("summary.seller", lang, seller=row.seller,
                           strategy=t(f"strategy.{row.strategy}", lang),
                           profit=row.cumulative_profit, active=row.customers_active,
                           people=t(f"people.{row.offering}"
                                    + (".one" if row.customers_active == 1 else ""), lang),
                           loyal=row.stage_loyal, satisfaction=row.satisfaction_mean,
                           nps=row.nps, retention=row.retention_rate, cac=row.cac,
                           clv=row.clv_estimate))
            if row.seller in closed:
                lines.append(t("summary.closed", lang, seller=row.seller,
                               week=closed[row.seller], weeks=self.params["bust_weeks"]))
        best = final.loc[final.cumulative_profit.idxmax()]
        lines.append(t("summary.leader", lang, seller=best.seller,
                       strategy=t(f"strategy.{best.strategy}", lang)))
        aware = 1 - m.stage_unaware / self.params["n_customers"]
        lines.append(t("summary.market", lang, aware=aware, lost=int(m.stage_lost)))
        return "\n".join(lines)

    def to_csv(self, path: str | os.PathLike, force: bool = False, lang: str = "en") -> Path:
        """Write the weekly table as CSV; never overwrites unless ``force``."""
        return write_file(path, self.weekly.to_csv(index=False), force, lang)

    def to_json(self, path: str | os.PathLike, force: bool = False, lang: str = "en") -> Path:
        """Write everything (parameters, seed, weekly, market, customers, relationships, the
        sellers' levers) as one JSON file (a relationship still going has ``end_week`` null)."""
        doc = {"scenario": self.scenario, "seed": self.seed, "params": self.params,
               "weekly": self.weekly.to_dict("records"), "market": self.market.to_dict("records"),
               "customers": self.customers.to_dict("records"),
               "relationships": _records(self.relationships),
               "levers": _records(self.levers)}
        return write_file(path, json.dumps(doc, default=str), force, lang)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts, missing values as None (JSON null)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def write_file(path, text: str, force: bool, lang: str) -> Path:
    """Write safely (:func:`sim.files.write_new`): never replaces a file unless ``force``."""
    return write_new(path, text, force=force, lang=lang)


@dataclass
class Snapshot:
    """The market as recorded so far (what every chart and summary reads)."""

    weekly: pd.DataFrame
    market: pd.DataFrame
    flows: pd.DataFrame
    people: pd.DataFrame
    network: pd.DataFrame
    params: dict
    n_customers: int
    horizon: int
    relationships: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=RELATIONSHIP_COLUMNS))

    @property
    def week(self) -> int:
        """Weeks simulated so far."""
        return len(self.market)

    def stage_flows(self) -> pd.DataFrame:
        """Customers moved between each pair of stages so far (for a Sankey)."""
        return _stage_flows(self.flows)


def customers_table(model: MarketModel) -> pd.DataFrame:
    """Every person's state now, one row each (in order of customer_id)."""
    sellers = model.sellers
    return pd.DataFrame([{
        "customer_id": c.unique_id, "trait": c.trait, "role": c.role, "stage": c.stage,
        "segment": c.segment,
        "seller": sellers[c.seller].name if c.seller is not None else "",
        "acquisition_channel": c.acquisition_channel or "",
        "won_with_discount": c.seller is not None and c.relations[c.seller].won_with_discount,
        "tenure_weeks": c.tenure_weeks, "sellers_bought_from": len(c.relations),
        "purchases": c.purchases, "lifetime_revenue": c.lifetime_revenue,
        "lifetime_margin": c.lifetime_margin, "paid_to_resellers": c.paid_to_resellers,
        "satisfaction": c.satisfaction[c.seller] if c.seller is not None else 0.0,
        "loyalty": c.loyalty_now(c.seller) if c.seller is not None else 0.0,
        "expectation": c.expectation[c.seller] if c.seller is not None else 0.0,
        "referrals_made": c.referrals_made,
    } for c in model.customer_list])


def relationships_table(model: MarketModel) -> pd.DataFrame:
    """One row per customer and seller they bought from (in order of customer_id, then of the
    first purchase). ``heard_via``: how the person came to the seller (advertising, review,
    word_of_mouth, gift, reseller, trade); ``won_with_discount``: a newcomer deal at the first
    purchase. ``end_week``/``end_reason`` are empty while it lasts; a won-back customer resumes
    the same row (``spells`` counts its starts). ``purchases``, ``revenue`` (list price) and
    ``margin`` sum, over the rows of a seller, to its ``units``, ``revenue`` and margin in the
    weekly table; ``purchases_via_reseller`` to its ``reseller_units``; ``satisfaction`` and
    ``loyalty`` are the person's latest with that seller."""
    names = [s.name for s in model.sellers]
    rows = [(c.unique_id, names[s], r.heard_via or "", r.won_with_discount, r.start_week,
             r.end_week, r.end_reason or "", r.spells, r.purchases, r.purchases_via_reseller,
             r.revenue, r.paid, r.margin, r.margin_first_year, c.satisfaction[s],
             c.loyalty_now(s))
            for c in model.customer_list for s, r in c.relations.items()]
    columns = dict(zip(RELATIONSHIP_COLUMNS, zip(*rows, strict=True) if rows else
                       [()] * len(RELATIONSHIP_COLUMNS), strict=True))
    columns["won_with_discount"] = pd.array(columns["won_with_discount"], dtype=bool)
    columns["end_week"] = pd.array(columns["end_week"], dtype="Int64")  # empty while it lasts
    return pd.DataFrame(columns)


def levers_table(model: MarketModel) -> pd.DataFrame:
    """One row per seller: what it actually plays with now. Every lever's effective value (set
    explicitly, or its strategy's default), with the seller's ``strategy`` and the ``phase`` it
    is in: a switch seller's row shows its product-centric levers before its switch week and
    its customer-centric ones after (at the end of a run, those it finished with). ``skill`` is
    the share of its set operations it manages now (learning by doing; 1 when learning is off):
    the promise, service and complaint handling it delivers are the set levels scaled by it."""
    return pd.DataFrame([{"seller": s.name, "strategy": s.strategy, "phase": s.phase,
                          "skill": s.skill, **s.levers} for s in model.sellers],
                        columns=LEVER_COLUMNS)


def people_table(model: MarketModel) -> pd.DataFrame:
    """Ring position (the friendship ring's order), stage and seller (name, or "") of every
    person now: what a picture of the market needs, cheap enough to take every week."""
    people, names = model.ring, [s.name for s in model.sellers]
    return pd.DataFrame({
        "ring": range(len(people)),
        "customer_id": [c.unique_id for c in people],
        "stage": [c.stage for c in people],
        "seller": [names[c.seller] if c.seller is not None else "" for c in people],
    })


def network_table(model: MarketModel) -> pd.DataFrame:
    """The friendship network, one row per pair of friends (empty when fully mixed)."""
    rows = [(c.unique_id, f.unique_id) for c in model.customer_list for f in c.neighbours
            if c.unique_id < f.unique_id]
    return pd.DataFrame(rows, columns=NETWORK_COLUMNS)


def buyers_of(model: MarketModel, seller: int) -> list[int]:
    """Ids of the people who bought from ``seller`` (0-based) in the week just stepped: what a
    shopkeeper counts (buyers per week, and who comes back; see :mod:`sim.calibration`)."""
    week = model.week - 1
    return [c.unique_id for c in model.customer_list
            if c.last_purchase_week == week and c.seller == seller]


class Simulation:
    """One market run: build it, :meth:`advance` it week by week, read its tables.

    Args:
        values: parameter values (validated here, once, by :class:`sim.model.MarketModel`).
        seed: the random seed, a whole number from 0 up; the same values and seed give the
            same tables. None draws a random seed, kept in ``seed`` (and in the result).
        scenario: a label for the result (a scenario name or ``"custom"``).
        lang: language of error messages.
        checked: ``values`` already passed :func:`sim.params.validate` (do not check twice).
    """

    def __init__(self, values: dict, seed: int | None = 1, scenario: str = "custom",
                 lang: str = "en", *, checked: bool = False):
        if seed is None:
            seed = secrets.randbelow(2**32)
        self.seed, self.scenario = check_seed(seed, lang), scenario
        self.model = MarketModel(values, rng=self.seed, lang=lang, checked=checked)
        self._network: pd.DataFrame | None = None

    @property
    def params(self) -> dict:
        """The validated parameter values of this run."""
        return self.model.p

    @property
    def week(self) -> int:
        """Weeks simulated so far."""
        return self.model.week

    @property
    def horizon(self) -> int:
        """Weeks the run lasts."""
        return self.model.weeks

    @property
    def done(self) -> bool:
        return self.model.week >= self.model.weeks

    def advance(self, target: int | None = None,
                progress: Callable[[int, int, float], None] | None = None) -> int:
        """Step until week ``target`` (None: the end); ``progress(week, goal, seconds)`` is
        called after every step. Returns the number of weeks stepped."""
        model = self.model
        goal = self.horizon if target is None else min(int(target), self.horizon)
        start, t0 = model.week, time.perf_counter()
        while model.week < goal:
            model.step()
            if progress:
                progress(model.week, goal, time.perf_counter() - t0)
        return model.week - start

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """(weekly, market, flows) as recorded so far."""
        rec = self.model.recorder
        return (pd.DataFrame(rec.seller_rows), pd.DataFrame(rec.market_rows),
                pd.DataFrame(rec.flow_rows, columns=FLOW_COLUMNS))

    def network(self) -> pd.DataFrame:
        """The friendship network (it never changes during a run, so it is built once)."""
        if self._network is None:
            self._network = network_table(self.model)
        return self._network

    def snapshot(self, relationships: bool = False) -> Snapshot:
        """The tables so far, plus where everyone stands now (for the dashboard); with
        ``relationships``, also one row per customer and seller (only for charts that read it:
        it costs a pass over everyone's history)."""
        weekly, market, flows = self.tables()
        return Snapshot(weekly, market, flows, people_table(self.model), self.network(),
                        self.params, self.model.n_customers, self.horizon,
                        relationships_table(self.model) if relationships
                        else pd.DataFrame(columns=RELATIONSHIP_COLUMNS))

    def result(self, keep_model: bool = False) -> RunResult:
        """Everything so far as a :class:`RunResult` (what ``sim.run`` returns)."""
        weekly, market, flows = self.tables()
        return RunResult(weekly, market, flows, customers_table(self.model), self.params,
                         self.seed, self.scenario, self.model if keep_model else None,
                         self.network(), relationships_table(self.model),
                         levers_table(self.model))


__all__ = ["RunResult", "Simulation", "Snapshot", "buyers_of", "customers_table", "levers_table",
           "network_table", "people_table", "relationships_table"]
