"""What the market records each week: one row per seller, one row for the whole market,
and the flow of customers between lifecycle stages.

The formulas (retention, CAC, CLV after Gupta & Lehmann 2003, NPS after Reichheld 2003) are
written out in ``sim/README.md``.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Collection

from .customers import ACTIVE, STAGES

TRAILING_WEEKS = 13  # a quarter: window for the retention and margin behind the CLV estimate
PROMOTER_FROM, DETRACTOR_BELOW = 0.85, 0.65  # satisfaction that rounds to 9+ / to 6 or less
MAX_RETENTION = 0.99  # caps the expected lifetime at 100 weeks and keeps CLV finite


def closing_weeks(weekly) -> dict[str, int]:
    """{seller: the week it closed} for every seller of a weekly table that ran out of cash."""
    shut = weekly[~weekly["open"].astype(bool)]
    return {seller: int(week) for seller, week in shut.groupby("seller", sort=False)["week"].min()
            .items()}


def clv(margin: float, retention: float, rate: float, today: bool = False) -> float:
    """Customer lifetime value (Gupta & Lehmann 2003): m·r/(1+i−r) with margins at period
    ends, or m·(1+i)/(1+i−r) counting today's margin too."""
    if retention <= 0:
        return margin if today else 0.0
    return margin * ((1 + rate) if today else retention) / (1 + rate - retention)


class WeeklyRecorder:
    """Collects weekly rows; the model calls :meth:`record` at the end of every week.

    ``rows_at``: the weeks whose rows are kept (None, the default: every week). Every week's
    books are closed and the trailing windows kept either way, so a kept row is the same as in
    a full record; a batch of runs that needs only the last week skips building the others.
    """

    def __init__(self, model, rows_at: Collection[int] | None = None):
        self.model = model
        self.rows_at = rows_at
        self.seller_rows: list[dict] = []
        self.market_rows: list[dict] = []
        self.flow_rows: list[dict] = []
        self.wom = {True: 0, False: 0}
        self.history = {s.number: {"at_risk": [], "lost": [], "margin": [], "spend": 0.0,
                                   "won": 0}
                        for s in model.sellers}

    def record(self):
        m = self.model
        week = m.week
        books = [self.close_books(s) for s in m.sellers]
        wom, self.wom = self.wom, {True: 0, False: 0}
        if self.rows_at is not None and week not in self.rows_at:
            return
        total_units = sum(s.units for s in m.sellers)
        for s, closed in zip(m.sellers, books, strict=True):
            self.seller_rows.append(self.seller_row(s, week, total_units, closed))
        counts = {st: 0 for st in STAGES}
        for (stage, _), n in m.stage_counts.items():
            counts[stage] += n
        self.market_rows.append({
            "week": week, **{f"stage_{st}": counts[st] for st in STAGES},
            "purchases": total_units, "wom_positive": wom[True], "wom_negative": wom[False],
        })
        self.flow_rows.extend({"week": week, "from_stage": a, "to_stage": b, "customers": n}
                              for (a, b), n in m.flows.items() if n)

    def close_books(self, s) -> tuple[dict, float, float, float]:
        """The seller's week closed (profit booked) and its trailing windows moved on:
        (the week's costs, its profit, retention over the window, margin per customer)."""
        h = self.history[s.number]
        costs = dict(s.costs)
        profit = s.profit
        active = len(s.customers)
        h["at_risk"].append(s.active_at_start)
        h["lost"].append(min(s.lost, s.active_at_start))
        margin = s.revenue - sum(costs[k] for k in ("goods", "discounts", "trade_discounts",
                                                    "service"))
        h["margin"].append(margin / active if active else 0.0)
        h["spend"] += costs["advertising"] + s.acquisition_discounts
        h["won"] += s.acquired
        at_risk = sum(h["at_risk"][-TRAILING_WEEKS:])  # pooled over the window
        r = min(MAX_RETENTION, 1.0 - sum(h["lost"][-TRAILING_WEEKS:]) / at_risk) if at_risk \
            else 0.0
        recent_margin = h["margin"][-TRAILING_WEEKS:]
        return costs, profit, r, sum(recent_margin) / len(recent_margin)

    def seller_row(self, s, week: int, total_units: int,
                   closed: tuple[dict, float, float, float]) -> dict:
        """One seller's row of the weekly table (``closed``: what :meth:`close_books` gave)."""
        m, h = self.model, self.history[s.number]
        costs, profit, r, margin_per_customer = closed
        active = len(s.customers)
        sats = [c.satisfaction[s.number] for c in s.customers]
        total = math.fsum(sats)  # exact: the same whatever order the set of customers has
        # On the 0-10 scale (score = 10·satisfaction, rounded), 9-10 promote and 0-6 detract.
        sats.sort()
        promoters = len(sats) - bisect_left(sats, PROMOTER_FROM)
        detractors = bisect_left(sats, DETRACTOR_BELOW)
        stage = {st: m.stage_counts[(st, s.number)] for st in (*ACTIVE, "lost")}
        return {
            "week": week, "seller": s.name, "strategy": s.strategy, "phase": s.phase,
            "revenue": s.revenue, **{f"cost_{k}": v for k, v in costs.items()},
            "costs": sum(costs.values()), "profit": profit,
            "cumulative_profit": s.cumulative_profit, "cash": s.cash, "open": s.open,
            "units": s.units,
            "customers_active": active, "customers_acquired": s.acquired,
            "customers_lost": s.lost,
            "retention_rate": r,
            "satisfaction_mean": total / len(sats) if sats else 0.0,
            "nps": 100.0 * (promoters - detractors) / len(sats) if sats else 0.0,
            "review_score": 1 + 4 * s.review_score if s.review_count else 0.0,
            "review_count": s.review_count,
            "complaints": s.complaints,
            "acquisition_spend": costs["advertising"] + s.acquisition_discounts,
            "retention_spend": costs["crm"] + costs["complaints"]
            + (costs["discounts"] - s.acquisition_discounts),
            "cac": h["spend"] / h["won"] if h["won"] else 0.0,
            "clv_estimate": clv(margin_per_customer, r, m.discount_rate),
            "market_share": s.units / total_units if total_units else 0.0,
            "referrals": s.referrals, "novelty": s.novelty, "quality": s.quality,
            **self.roles_and_ranges(s),
            **{f"stage_{st}": n for st, n in stage.items()},
        }

    def roles_and_ranges(self, s) -> dict:
        """Gifts (C4), resellers (C6), the offering (C5) and the range (C12, C13) this week."""
        tied = independents = 0
        for r in self.model.resellers:
            if r.working and r.source == s.number:
                if r.tied_to is None:
                    independents += 1
                else:
                    tied += 1
        return {"offering": s.offering, "gift_purchases": s.gift_purchases,
                "gift_recipients_reached": s.gift_recipients_reached,
                "gift_recipients_converted": s.gift_recipients_converted,
                "reseller_units": s.reseller_units, "tied_agents_active": tied,
                "independents_active": independents,
                "cross_sales_revenue": s.cross_sales_revenue,
                "lines_offered": s.product_lines, "staff": s.staff if s.is_service else 0,
                "clients_per_staff": len(s.customers) / s.staff if s.is_service else 0.0}
