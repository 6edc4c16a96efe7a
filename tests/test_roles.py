"""Roles and ranges: gifts (C4), clients (C5), resellers (C6), cross-selling and dilution
(C12, C13). Each test can fail: it checks the mechanism, not just that code runs."""

from __future__ import annotations

import numpy as np
import pytest

import sim
from sim.cli import main as cli_main
from sim.customers import ROLES, STAGES
from sim.roles import GiftBuyer, Reseller

ROLE_SCENARIOS = ["gift_shop", "reseller_network", "service_business", "pizza_shop",
                  "over_expansion"]
ROLE_COLUMNS = {"gift_purchases", "gift_recipients_reached", "gift_recipients_converted",
                "reseller_units", "tied_agents_active", "independents_active",
                "cross_sales_revenue", "lines_offered", "quality", "offering"}
STEADY = {"performance_noise": 0.0, "delivery_reliability": 1.0, "n_segments": 1,
          "segment_spread": 0.0}


def market(values, seed=3):
    return sim.MarketModel({"n_customers": 60, **values}, rng=seed)


# --- Gifts: the customer pays, the consumer judges (C4) -------------------------------------


def test_the_recipient_not_the_buyer_forms_the_product_satisfaction():
    model = market({"gift_share": 1.0, "n_sellers": 1, "seller1.strategy": "customer",
                    "seller1.research_weeks": 0, **STEADY})
    seller = model.sellers[0]
    buyer, pleased, displeased = model.customer_list[:3]
    assert isinstance(buyer, GiftBuyer) and buyer.role == "gift_buyer"
    buyer.need = seller.product_position  # the product fits the buyer perfectly...
    pleased.need = seller.product_position
    displeased.need = (seller.product_position + 0.5) % 1.0  # ...but not this friend
    buyer.become_aware(0, "advertising", expectation=0.7)
    own_expectation = buyer.expectation[0]
    satisfaction = {}
    for friend in (pleased, displeased):
        buyer.neighbours = [friend]
        before = friend.expectation[0]
        buyer.buy(0)
        satisfaction[friend] = buyer.satisfaction[0]
        assert friend.expectation[0] != before  # the recipient used it and learned
        assert friend.heard_via[0] == "gift" and friend.bought[0] == 0
    assert buyer.expectation[0] == own_expectation  # the buyer never used it
    assert satisfaction[pleased] > 0.6 > 0.3 > satisfaction[displeased]
    assert seller.gift_purchases == 2 and seller.gift_recipients_reached == 2


def test_gift_recipients_become_customers_by_the_gift_channel():
    r = sim.run("gift_shop", seed=2, weeks=40)
    w = r.weekly
    assert w.gift_purchases.sum() > w.gift_recipients_reached.sum() > 0
    assert w.gift_recipients_converted.sum() > 0
    assert (r.customers.acquisition_channel == "gift").sum() > 0
    assert {"gift_buyer", "self"} <= set(r.customers.role)


# --- Resellers: tied agents and independents (C6) ------------------------------------------


def reseller_market(**values):
    return market({"n_customers": 300, "n_segments": 1, "seller1.strategy": "customer",
                   "seller2.strategy": "customer", **values}, seed=4)


def test_a_tied_agent_stays_while_supported_and_leaves_when_support_stops():
    def working_after_cut(support_after):
        model = reseller_market(**{"seller1.agents": 4})
        model.run(15)
        agents = model.resellers
        assert all(a.role == "tied_agent" and a.tied_to == 0 for a in agents)
        assert all(a.working for a in agents) and sum(a.units_resold for a in agents) > 0
        model.sellers[0]._values["seller1.agent_support"] = support_after
        model.sellers[0].apply_levers()
        model.run(25)
        return sum(a.working for a in agents), agents
    kept, _ = working_after_cut(5.0)
    left, agents = working_after_cut(0.0)
    assert kept >= 3 and left == 0
    assert all(a.stage == "lost" and a.dropped[0] for a in agents)


def test_an_independent_reseller_switches_to_the_better_margin():
    model = reseller_market(independents=3, **{"seller1.agent_price": 0.6,
                                               "seller2.agent_price": 0.8})
    model.run(5)
    assert all(r.source == 0 and r.seller == 0 for r in model.resellers)
    model.sellers[1].agent_price = 0.5  # seller 2 now leaves 25 per unit, seller 1 only 20
    model.run(2)
    assert all(r.source == 1 and r.seller == 1 and r.bought[1] for r in model.resellers)
    row = model.recorder.seller_rows[-1]
    assert row["seller"] == "seller2" and row["independents_active"] == 3


def test_end_users_of_resellers_are_acquired_by_the_reseller_channel():
    r = sim.run("reseller_network", seed=1, weeks=30)
    c, w = r.customers, r.weekly
    assert (c.acquisition_channel == "reseller").sum() > 0
    assert set(c.role) == {"self", "tied_agent"}
    assert w.reseller_units.sum() > 0 and w.tied_agents_active.max() == 10
    assert c.paid_to_resellers.sum() > 0


# --- Clients: buying a service (C5) -----------------------------------------------------------


def test_service_quality_drops_as_clients_per_staff_rise():
    model = market({"seller1.offering": "service", "seller1.staff": 2,
                    "clients_per_staff": 10})
    seller = model.sellers[0]
    quality = []
    for clients in (10, 20, 40, 60):
        seller.customers = set(model.customer_list[:clients])
        seller.update_quality()
        quality.append(seller.quality)
    assert quality[0] == quality[1] == seller.core_quality  # within capacity
    assert quality[1] > quality[2] > quality[3]
    product_seller = model.sellers[1]  # a product seller ignores staff
    product_seller.customers = set(model.customer_list)
    product_seller.update_quality()
    assert product_seller.quality == product_seller.core_quality


def test_understaffed_consultancy_delivers_less_and_buyers_are_clients():
    def run(staff):
        return sim.run("service_business", seed=3, weeks=60, **{"seller2.staff": staff})
    thin, full = run(1), run(6)
    q_thin = thin.weekly[thin.weekly.seller == "seller2"].quality.tail(20).mean()
    q_full = full.weekly[full.weekly.seller == "seller2"].quality.tail(20).mean()
    assert q_thin < q_full - 0.1
    buyers = full.customers[full.customers.purchases > 0]
    assert set(buyers.role) == {"client"}


def test_a_service_relationship_raises_switching_cost_with_tenure():
    model = market({"seller1.offering": "service"})
    seller, c = model.sellers[0], model.customer_list[0]
    c.first_week, model.week = 0, 4
    early = seller.lock_in(c)
    model.week = 52
    assert seller.lock_in(c) > early > 0
    assert model.sellers[1].lock_in(c) == 0.0  # a product seller: no relationship lock-in


# --- Ranges: cross-selling, bundles, dilution (C12, C13) ----------------------------------------


def test_cross_buying_rises_with_loyalty():
    model = market({"seller1.product_lines": 4})
    seller, c = model.sellers[0], model.customer_list[0]
    revenue = {}
    for loyalty in (0.0, 0.3, 0.9):
        c.loyalty[0], c.loyalty_week[0] = loyalty, model.week
        seller.cross_sales_revenue = 0.0
        for _ in range(500):
            seller.cross_sell(c)
        revenue[loyalty] = seller.cross_sales_revenue
    assert revenue[0.0] == 0 < revenue[0.3] < revenue[0.9]
    expected = 500 * 3 * model.cross_buy_rate * 0.9 * seller.price
    assert revenue[0.9] == pytest.approx(expected, rel=0.15)
    assert 0 in c.ecosystem  # now uses several lines: the bundle locks in
    seller.bundle = 0.2
    assert seller.lock_in(c) == 0.2


def test_dilution_lowers_quality_and_satisfaction():
    quality, satisfaction = [], []
    for lines in (1, 3, 8):
        r = sim.run("pizza_shop", seed=5, weeks=52, **{"seller2.product_lines": lines})
        w = r.weekly[r.weekly.seller == "seller2"]
        quality.append(w.quality.iloc[-1])
        satisfaction.append(w.satisfaction_mean.tail(13).mean())
        assert (w.lines_offered == lines).all()
    assert quality[0] > quality[1] > quality[2]
    assert satisfaction[0] > satisfaction[2]


def test_only_loyal_customers_bring_cross_sales_and_more_lines_bring_more():
    r1 = sim.run("pizza_shop", seed=2, weeks=52)
    w = r1.weekly
    assert w[w.seller == "seller1"].cross_sales_revenue.sum() == 0  # pizza only
    three = w[w.seller == "seller2"].cross_sales_revenue.sum()
    assert three > 0
    four = sim.run("pizza_shop", seed=2, weeks=52, **{"seller2.product_lines": 4}).weekly
    assert four[four.seller == "seller2"].cross_sales_revenue.sum() > three


# --- Everything on at once: conservation ------------------------------------------------------


ALL_ROLES = {"n_customers": 400, "n_sellers": 3, "gift_share": 0.3, "independents": 3,
             "seller1.strategy": "product", "seller2.strategy": "customer",
             "seller3.strategy": "switch", "seller1.agents": 4, "seller2.agents": 3,
             "seller2.product_lines": 4, "seller2.agent_price": 0.7,
             "seller3.offering": "service", "seller3.price": 120, "seller3.product_lines": 2}


@pytest.mark.parametrize("seed", [1, 2])
def test_money_and_people_are_conserved_with_every_role_on(seed):
    r = sim.run(ALL_ROLES, seed=seed, weeks=60, keep_model=True)
    w, m, c = r.weekly, r.market, r.customers
    cost_lines = [col for col in w.columns if col.startswith("cost_")]
    assert np.allclose(w.costs, w[cost_lines].sum(axis=1))
    assert np.allclose(w.profit, w.revenue - w.costs)
    # What people paid the sellers is revenue at list price less every discount.
    assert c.lifetime_revenue.sum() == pytest.approx(
        w.revenue.sum() - w.cost_discounts.sum() - w.cost_trade_discounts.sum())
    # Every item a person bought was sold by a seller, or resold from an agent's stock.
    assert c.purchases.sum() == w.units.sum() + w.reseller_units.sum()
    resellers = r.model.resellers
    assert c.paid_to_resellers.sum() == pytest.approx(sum(x.trade_revenue for x in resellers))
    assert sum(x.units_resold for x in resellers) == w.reseller_units.sum()
    for x in resellers:  # stock balance: bought in bulk = resold + in hand + written off
        assert x.purchases == x.units_resold + sum(x.stock) + x.written_off
        assert min(x.stock) >= 0
    stages = m[[f"stage_{s}" for s in STAGES]].sum(axis=1)
    assert (stages == 400).all()
    flows = r.stage_flows()
    into = flows.groupby("to_stage").customers.sum()
    out = flows.groupby("from_stage").customers.sum()
    for stage in ("potential", "new", "growing", "loyal", "lost"):
        assert into.get(stage, 0) - out.get(stage, 0) == m.iloc[-1][f"stage_{stage}"]
    assert set(c.role) <= set(ROLES) and len(set(c.role)) == 5
    assert {"gift", "reseller"} <= set(c.acquisition_channel)
    assert not w.isna().any().any() and not c.isna().any().any()
    assert ROLE_COLUMNS <= set(w.columns)


def test_roles_draw_nothing_when_off():
    a = sim.run("head_to_head", seed=4, weeks=15)
    b = sim.run("head_to_head", seed=4, weeks=15, gift_share=0.0, independents=0)
    assert a.weekly.equals(b.weekly)
    assert set(a.customers.role) == {"self"}


def test_too_many_resellers_are_refused():
    with pytest.raises(sim.ParameterError) as err:
        sim.run({"n_customers": 20, "independents": 15})
    assert "agents + independents" in str(err.value)


@pytest.mark.parametrize("name", ROLE_SCENARIOS)
def test_role_scenarios_run_from_python_and_the_cli(name, capsys):
    r = sim.run(name, seed=1, weeks=10)
    assert ROLE_COLUMNS <= set(r.weekly.columns) and len(r.market) == 10
    assert cli_main(["run", "--scenario", name, "--weeks", "5", "--lang", "id"]) == 0
    assert name in capsys.readouterr().out
    for lang in ("en", "id"):
        assert sim.SCENARIOS[name].title[lang] and sim.SCENARIOS[name].look_for[lang]


def test_role_and_channel_names_exist_in_both_languages():
    for key in [*(f"role.{x}" for x in ROLES), "channel.gift", "channel.reseller",
                "channel.trade", "offering.product", "offering.service"]:
        assert sim.t(key, "en") != sim.t(key, "id")
    assert Reseller.__doc__ and GiftBuyer.__doc__


def test_outputs_call_service_buyers_clients():
    """C5: the summary speaks of clients for a service seller and customers for a goods seller."""
    import sim

    text = sim.run("service_business", seed=1, weeks=8).summary("en").splitlines()
    goods = sim.run("head_to_head", seed=1, weeks=8).summary("id").splitlines()
    assert all("clients" in line for line in text[1:3])
    assert "klien" not in goods[1] and "pelanggan aktif" in goods[1]
