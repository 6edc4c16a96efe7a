"""RunResult.relationships: one row per customer and seller, adding up to the weekly table."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import sim
from sim.customers import CHURNED, DROPPED, LAPSED, QUIT, SWITCHED
from sim.engine import RELATIONSHIP_COLUMNS

REASONS = {"", SWITCHED, LAPSED, DROPPED, CHURNED, QUIT}
CHANNELS = {"advertising", "review", "word_of_mouth", "gift", "reseller", "trade"}
# Every role, the range, a service and discounts between them.
RUNS = [("head_to_head", 1), ("gift_shop", 4), ("reseller_network", 5), ("pizza_shop", 7),
        ("service_business", 6)]


@pytest.fixture(scope="module", params=RUNS, ids=[s for s, _ in RUNS])
def result(request):
    scenario, seed = request.param
    return sim.run(scenario, seed=seed, weeks=60)


def test_one_row_per_customer_and_seller(result):
    rel = result.relationships
    assert list(rel.columns) == RELATIONSHIP_COLUMNS
    assert not rel.duplicated(["customer_id", "seller"]).any()
    assert set(rel.heard_via) <= CHANNELS and set(rel.end_reason) <= REASONS
    assert rel.won_with_discount.dtype == bool
    per_person = rel.groupby("customer_id").size()
    c = result.customers.set_index("customer_id")
    assert (c.sellers_bought_from[c.sellers_bought_from > 0] == per_person).all()
    assert set(c.index[c.sellers_bought_from == 0]).isdisjoint(rel.customer_id)


def test_rows_add_up_to_the_sellers_totals(result):
    """Units, list-price revenue and margin of a seller's relationships are its weekly totals."""
    w = result.weekly
    w = w.assign(margin=w.revenue - w.cost_goods - w.cost_discounts - w.cost_trade_discounts
                 - w.cost_service)
    weekly = w.groupby("seller")[["units", "revenue", "margin", "reseller_units"]].sum()
    rel = result.relationships.groupby("seller")[
        ["purchases", "revenue", "margin", "purchases_via_reseller"]].sum()
    rel = rel.reindex(weekly.index).fillna(0)
    assert (rel.purchases == weekly.units).all()
    assert (rel.purchases_via_reseller == weekly.reseller_units).all()
    assert rel.revenue.to_numpy() == pytest.approx(weekly.revenue.to_numpy())
    assert rel.margin.to_numpy() == pytest.approx(weekly.margin.to_numpy())
    # and, per person, to what the customers table pools over every seller
    r = result.relationships
    c = result.customers.set_index("customer_id")
    pooled = r.groupby("customer_id")[["paid", "margin"]].sum()
    assert pooled.paid.to_numpy() == pytest.approx(c.lifetime_revenue[pooled.index].to_numpy())
    assert pooled.margin.to_numpy() == pytest.approx(c.lifetime_margin[pooled.index].to_numpy())
    units = (r.purchases + r.purchases_via_reseller).groupby(r.customer_id).sum()
    assert (units == c.purchases[units.index]).all()


def test_dates_are_consistent(result):
    rel, weeks = result.relationships, len(result.market)
    assert ((rel.start_week >= 0) & (rel.start_week < weeks)).all()
    ended = rel[rel.end_week.notna()]
    going = rel[rel.end_week.isna()]
    assert (ended.end_week >= ended.start_week).all() and (ended.end_week < weeks).all()
    assert (ended.end_reason != "").all() and (going.end_reason == "").all()
    assert (rel.spells >= 1).all()
    # a person buys from one seller at a time: at most one relationship going
    assert going.customer_id.is_unique
    c = result.customers.set_index("customer_id")
    active = c[c.stage.isin(["new", "growing", "loyal"])]
    now = going.set_index("customer_id").seller
    assert (now[active.index] == active.seller).all()
    assert (c.loc[now.index, "stage"].isin(["new", "growing", "loyal"])).all()


def test_first_year_margin_counts_only_the_first_52_weeks():
    r = sim.run("head_to_head", seed=1, weeks=30).relationships
    assert r.margin_first_52_weeks.to_numpy() == pytest.approx(r.margin.to_numpy())
    long = sim.run("head_to_head", seed=1, weeks=104).relationships
    old = long[long.start_week < 40]
    assert (old.margin_first_52_weeks != old.margin).any()


def test_a_discount_does_not_hide_how_a_customer_heard_of_the_seller():
    """Won with a newcomer discount and still known by the channel that brought them."""
    r = sim.run("head_to_head", seed=1, weeks=40)
    rel = r.relationships
    won = rel[rel.won_with_discount]
    assert len(won) > 0 and set(won.heard_via) <= CHANNELS
    assert "discount" not in set(r.customers.acquisition_channel)
    c = r.customers[r.customers.won_with_discount]
    assert len(c) > 0 and (c.acquisition_channel != "").all()


def test_the_json_export_holds_the_relationships(tmp_path):
    r = sim.run("head_to_head", seed=1, weeks=20)
    doc = json.loads(r.to_json(tmp_path / "run.json").read_text())
    assert len(doc["relationships"]) == len(r.relationships)
    assert set(doc["relationships"][0]) == set(RELATIONSHIP_COLUMNS)
    going = [row for row in doc["relationships"] if row["end_reason"] == ""]
    assert going and all(row["end_week"] is None for row in going)
    ended = [row for row in doc["relationships"] if row["end_reason"]]
    assert ended and all(isinstance(row["end_week"], int) for row in ended)


def test_an_empty_run_has_an_empty_table():
    r = sim.run({"n_customers": 10, "weeks": 1, "seller1.ad_reach": 0.0,
                 "seller2.ad_reach": 0.0}, seed=1)
    assert isinstance(r.relationships, pd.DataFrame)
    assert list(r.relationships.columns) == RELATIONSHIP_COLUMNS
