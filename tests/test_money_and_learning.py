"""A small business's two constraints: cash (a seller in debt too long closes) and learning by
doing (a new seller's operations start clumsy and improve with sales). Each test checks the
direction of one mechanism and could fail if it pointed the other way."""

from __future__ import annotations

import numpy as np
import pytest

import sim
from sim.customers import NEUTRAL, SELLER_CLOSED
from sim.params import PARAMS

SEEDS = range(1, 7)


def closures(cash: float, seeds=SEEDS, **values) -> int:
    """How many runs of head_to_head (over ``seeds``) see the customer-centric seller close."""
    spec = {"scenario": "head_to_head", "seller2.starting_cash": cash, **values}
    return sum(not sim.run(spec, seed=s).final.set_index("seller").open["seller2"]
               for s in seeds)


def test_less_cash_more_closures():
    counts = [closures(cash) for cash in (0, 300, 1000, 20000)]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > counts[-1] == 0


def test_more_weeks_allowed_in_debt_fewer_closures():
    counts = [closures(300, bust_weeks=weeks) for weeks in (1, 4, 12)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


def test_default_cash_keeps_the_default_market_open():
    for seed in (1, 2, 3):
        for name in ("head_to_head", "switch", "beginner"):
            assert sim.run(name, seed=seed).weekly.open.all()


@pytest.fixture(scope="module")
def closed_run():
    return sim.run("head_to_head", seed=1, **{"seller2.starting_cash": 100})


def test_cash_is_starting_cash_plus_profit_so_far(closed_run):
    for seller, rows in closed_run.weekly.groupby("seller"):
        start = closed_run.params[f"{seller}.starting_cash"]
        assert np.allclose(rows.cash, start + rows.profit.cumsum())
        assert np.allclose(rows.cash, start + rows.cumulative_profit)


def test_a_closed_seller_frees_its_customers_and_sells_nothing_more(closed_run):
    rows = closed_run.weekly[closed_run.weekly.seller == "seller2"].set_index("week")
    week = int(rows.index[~rows.open.astype(bool)].min())
    bust = closed_run.params["bust_weeks"]
    assert (rows.loc[week - bust + 1:week, "cash"] < 0).all()  # in debt for bust_weeks weeks
    assert rows.loc[:week - 1, "open"].all() and not rows.loc[week:, "open"].any()
    after = rows.loc[week + 1:]
    assert (after.revenue == 0).all() and (after.costs == 0).all()
    assert (rows.loc[week:, "customers_active"] == 0).all()
    ended = closed_run.relationships[closed_run.relationships.seller == "seller2"]
    assert ended.end_week.notna().all()  # nobody still buys there
    freed = ended[ended.end_reason == SELLER_CLOSED]
    assert 0 < len(freed) <= rows.loc[week, "customers_lost"]  # lost in the closing week
    assert (freed.end_week == week).all()
    summary = closed_run.summary("en")
    assert f"seller2 closed at week {week}" in summary
    assert f"seller2 tutup di minggu {week}" in closed_run.summary("id")


def test_freed_customers_can_buy_from_the_seller_still_open(closed_run):
    rel = closed_run.relationships
    freed = set(rel[(rel.seller == "seller2") & (rel.end_reason == SELLER_CLOSED)].customer_id)
    went_on = rel[(rel.seller == "seller1") & rel.customer_id.isin(freed)]
    assert len(went_on) > 0


def test_a_closed_sellers_agents_stop_and_resellers_buy_elsewhere():
    spec = {"scenario": "reseller_network", "independents": 5, "seller2.starting_cash": 0,
            "seller2.unit_cost": 100, "bust_weeks": 1}  # seller 2 loses on every sale
    r = sim.run(spec, seed=5, weeks=30)
    rows = r.weekly.set_index(["seller", "week"])
    assert not rows.loc["seller2"].open.iloc[-1]
    assert rows.loc["seller2"].tied_agents_active.iloc[-1] == 0
    assert rows.loc["seller2"].independents_active.iloc[-1] == 0
    assert rows.loc["seller1"].independents_active.iloc[-1] > 0


# --- learning by doing ------------------------------------------------------------------------

def small_market(**values):
    base = {"n_customers": 40, "network": "fully_mixed", "search_rate": 0.0,
            "seller1.strategy": "customer", "seller2.strategy": "customer"}
    return sim.MarketModel(base | values, rng=3)


def test_skill_reaches_half_after_half_life_sales_and_is_full_when_off():
    seller = small_market(learning_half_life=50).sellers[0]
    assert seller.skill == 0.0 and seller.service_delivered == 0.0
    seller.sales_made = 50
    seller.update_skill()
    assert seller.skill == pytest.approx(0.5)
    assert seller.service_delivered == pytest.approx(0.5 * seller.service_level)
    off = small_market().sellers[0]
    assert off.skill == 1.0 and off.service_delivered == off.service_level


def test_a_beginner_promises_more_than_it_delivers_to_poorly_fitted_customers():
    beginner, expert = small_market(learning_half_life=50), small_market()
    b, e = beginner.sellers[0], expert.sellers[0]
    assert b.product_position == e.product_position  # the same market, the same first product
    i = min(range(40), key=lambda i: b.fit_for(beginner.customer_list[i]))
    far, same_far = beginner.customer_list[i], expert.customer_list[i]
    assert b.first_impression(far) > e.first_impression(same_far)
    assert b.first_impression(far) > b.honest_performance(far)
    assert b.honest_performance(far) < e.honest_performance(same_far)  # less service delivered


def test_a_beginner_fixes_complaints_less_well():
    def repaired(half_life, sales):
        model = small_market(learning_half_life=half_life,
                             **{"seller1.complaint_handling": 1.0})
        seller = model.sellers[0]
        seller.sales_made = sales
        seller.update_skill()
        return seller.handle_complaint(0.2) - 0.2
    full = repaired(0, 0)
    assert full == pytest.approx(PARAMS["recovery_lift"].default * (NEUTRAL - 0.2))
    assert repaired(50, 0) == 0.0 < repaired(50, 50) == pytest.approx(full / 2)


def test_research_is_quicker_where_the_seller_has_sold():
    model = small_market(learning_half_life=50, **{"seller1.research_weeks": 8})
    seller = model.sellers[0]
    assert seller.research_time() == 8  # sold nothing yet
    seller.sales_by_segment[model.largest_segment()] = 50
    assert seller.research_time() == 4
    seller.sales_by_segment[model.largest_segment()] = 10_000
    assert seller.research_time() == 1  # still a week to study its records
    off = small_market(**{"seller1.research_weeks": 8}).sellers[0]
    off.sales_by_segment[model.largest_segment()] = 10_000
    assert off.research_time() == 8


def early_satisfaction(half_life: float, seeds=SEEDS) -> list[float]:
    """Latest satisfaction of everyone who bought from the customer-centric seller in the first
    26 weeks, per seed (those who left too: the mean over active customers would keep only the
    ones a clumsy beginner did not drive away)."""
    out = []
    for seed in seeds:
        rel = sim.run("head_to_head", seed=seed, weeks=26,
                      learning_half_life=half_life).relationships
        out.append(rel[rel.seller == "seller2"].satisfaction.mean())
    return out


def test_slower_learning_lowers_early_satisfaction():
    means = [np.mean(early_satisfaction(h)) for h in (0, 20, 200)]
    assert means[0] > means[1] > means[2]


def test_a_switch_seller_arrives_at_its_switch_with_experience():
    spec = {"scenario": "switch", "learning_half_life": 50, "seller1.switch_week": 26}
    model = sim.run(spec, seed=2, weeks=27, keep_model=True).model
    seller = model.sellers[0]
    assert seller.phase == "customer" and seller.skill > 0.9
    assert seller.research_left < seller.research_weeks - 1  # one week of research done


# --- survival over seeds ----------------------------------------------------------------------

def test_wilson_band_stays_honest_at_the_ends():
    from sim.runner import share_band
    assert share_band(10, 10) == pytest.approx((1.0, 0.7225, 1.0), abs=1e-4)
    assert share_band(0, 10) == pytest.approx((0.0, 0.0, 0.2775), abs=1e-4)
    share, low, high = share_band(5, 10)
    assert share == 0.5 and low == pytest.approx(1 - high)


def test_survival_counts_open_shops_per_plan_and_value():
    from sim.runner import SerialExecutor
    plans = {"broke": {"seller2.starting_cash": 0.0, "bust_weeks": 1},
             "rich": {"seller2.starting_cash": 20000.0}}
    table = sim.survival(plans, "weeks", [12], base="head_to_head", seeds=[1, 2, 3],
                         seller="seller2", executor=SerialExecutor())
    rows = table.set_index("plan")
    assert list(table.columns[:5]) == ["plan", "value", "n", "survived", "share"]
    assert rows.loc["rich", "survived"] == 3 and np.isnan(rows.loc["rich", "closed_week"])
    assert rows.loc["broke", "survived"] < 3 and rows.loc["broke", "closed_week"] < 12
    # a closed shop's profit is what it had lost when it closed: below zero, since it started
    # with nothing and closed in debt
    assert rows.loc["broke", "profit"] < 0
