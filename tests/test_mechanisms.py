"""One test per mechanism of the market, on small hand-built situations."""

from __future__ import annotations

import numpy as np
import pytest

import sim
from sim.customers import IMPULSIVE, LOST, PLAIN, THRIFTY
from sim.params import LEVER_BY_NAME, LEVERS


def small_market(**values):
    base = {"n_customers": 40, "network": "fully_mixed", "search_rate": 0.0}
    return sim.MarketModel(base | values, rng=values.pop("seed", 3) if "seed" in values else 3)


def test_thrifty_customer_passes_over_full_price_while_a_promotion_runs_elsewhere():
    model = small_market(**{"seller1.acquisition_discount": 0.0,
                            "seller2.acquisition_discount": 0.1,
                            "seller1.strategy": "customer", "seller2.strategy": "customer"})
    thrifty, plain = model.customer_list[0], model.customer_list[1]
    thrifty.trait, plain.trait = THRIFTY, PLAIN
    for c in (thrifty, plain):
        for s in (0, 1):
            c.become_aware(s, "advertising", expectation=0.8)
    picks = {"thrifty": [], "plain": []}
    for _ in range(400):
        picks["thrifty"].append(thrifty.choose([0, 1]))
        picks["plain"].append(plain.choose([0, 1]))
    thrifty_full_price = picks["thrifty"].count(0) / len(picks["thrifty"])
    plain_full_price = picks["plain"].count(0) / len(picks["plain"])
    assert thrifty_full_price < 0.15  # a 10% promotion wins almost always
    assert plain_full_price > thrifty_full_price + 0.1  # a plain buyer is less swayed


def test_thrifty_customers_buy_on_promotion_without_a_need():
    def purchases_by_thrifty(pull):
        model = sim.MarketModel({"n_sellers": 1, "need_rate": 0.01, "share_thrifty": 1.0,
                                 "share_impulsive": 0.0, "promo_pull": pull, "weeks": 20,
                                 "seller1.acquisition_discount": 0.3, "n_customers": 200},
                                rng=5)
        model.run()
        return sum(c.purchases for c in model.customer_list)
    assert purchases_by_thrifty(0.8) > 3 * purchases_by_thrifty(0.0)


def test_impulsive_customer_buys_on_exposure_without_a_need():
    model = sim.MarketModel({"n_sellers": 1, "need_rate": 0.01, "impulse_rate": 1.0,
                             "share_impulsive": 0.5, "share_thrifty": 0.0, "n_customers": 400,
                             "weeks": 10, "seller1.ad_reach": 0.3}, rng=7)
    model.run()
    impulsive = [c.purchases for c in model.customer_list if c.trait == IMPULSIVE]
    plain = [c.purchases for c in model.customer_list if c.trait == PLAIN]
    assert np.mean(impulsive) > 5 * np.mean(plain)


def test_negative_word_of_mouth_lowers_a_neighbours_expectation():
    model = small_market(network="small_world", network_degree=4)
    speaker = model.customer_list[0]
    listener = speaker.neighbours[0]
    listener.become_aware(0, "advertising", expectation=0.8)
    speaker.neighbours = [listener]
    model.word_of_mouth(speaker, 0, performance=0.2, positive=False)
    assert listener.expectation[0] == 0.8  # told this week, heard at the week's end
    model.deliver_word_of_mouth()
    assert listener.expectation[0] == pytest.approx(0.8 + model.wom_influence * (0.2 - 0.8))


def test_positive_word_of_mouth_introduces_a_seller_and_counts_a_referral():
    model = small_market(network="small_world", network_degree=4)
    speaker = model.customer_list[0]
    listener = speaker.neighbours[0]
    speaker.neighbours = [listener]
    model.word_of_mouth(speaker, 1, performance=0.9, positive=True)
    model.deliver_word_of_mouth()
    assert listener.aware[1] and listener.heard_via[1] == "word_of_mouth"
    assert model.sellers[1].referrals == 1 and speaker.referrals_made == 1


def test_research_delay_postpones_the_better_fit():
    model = sim.MarketModel({"n_sellers": 1, "seller1.strategy": "customer",
                             "seller1.research_weeks": 6, "n_segments": 3,
                             "segment_spread": 0.02, "n_customers": 300}, rng=11)
    seller = model.sellers[0]
    target = model.largest_segment()
    members = model.segment_members[target]

    def fit():
        return np.mean([seller.fit_for(c) for c in members])
    before = []
    for _ in range(5):
        model.step()
        before.append(fit())
    model.step()  # the sixth research week ends: the product is refitted
    assert seller.target_segment == target
    assert fit() > 0.9 and max(before) < fit() - 0.1
    research = [r["cost_research"] for r in model.recorder.seller_rows]
    assert research == [model.research_cost] * 6


def test_switch_changes_every_lever_at_week_t_and_not_before():
    t_switch = 5
    model = sim.MarketModel({"n_sellers": 1, "seller1.strategy": "switch",
                             "seller1.switch_week": t_switch, "n_customers": 50}, rng=2)
    seller = model.sellers[0]
    names = [lv.param.name for lv in LEVERS]
    for week in range(t_switch + 2):
        model.step()
        bundle = "customer" if week >= t_switch else "product"
        assert {n: getattr(seller, n) for n in names} == {
            n: LEVER_BY_NAME[n].default_for(bundle, bundle) for n in names}, week
    changed = [n for n in names if LEVER_BY_NAME[n].product != LEVER_BY_NAME[n].customer]
    assert len(changed) >= 8  # a switch is a real change of strategy


def test_an_explicit_lever_survives_the_switch():
    model = sim.MarketModel({"n_sellers": 1, "seller1.strategy": "switch",
                             "seller1.switch_week": 2, "seller1.ad_reach": 0.2,
                             "n_customers": 50}, rng=2)
    for _ in range(4):
        model.step()
    assert model.sellers[0].ad_reach == 0.2 and model.sellers[0].phase == "customer"


def test_product_centric_novelty_fades_and_launches_restore_it():
    model = sim.MarketModel({"n_sellers": 1, "seller1.launch_every": 10, "n_customers": 50,
                             "novelty_half_life": 4}, rng=1)
    novelty = []
    for _ in range(12):
        model.step()
        novelty.append(model.sellers[0].novelty)
    assert novelty[8] < 0.25 and novelty[10] > 0.8  # launched in week 10
    dev = [r["cost_development"] for r in model.recorder.seller_rows]
    assert dev[10] == model.launch_cost and sum(dev) == model.launch_cost


def test_loyalty_grows_with_satisfaction_and_fades_without_purchases():
    model = small_market(**{"n_sellers": 1, "performance_noise": 0.0,
                            "delivery_reliability": 1.0, "seller1.strategy": "customer",
                            "seller1.research_weeks": 0})
    c = next(c for c in model.customer_list if model.sellers[0].fit_for(c) > 0.95)
    c.become_aware(0, "advertising")
    for _ in range(8):
        c.buy(0)
    grown = c.loyalty_now(0)
    assert grown > 0.6 and c.stage == "loyal"
    model.week += 30
    assert c.loyalty_now(0) == pytest.approx(grown * (1 - model.loyalty_decay) ** 30)


def test_a_lost_customer_never_buys_from_that_seller_again():
    model = small_market(**{"n_sellers": 1})
    c = model.customer_list[0]
    c.become_aware(0, "advertising")
    c.buy(0)
    c.leave(for_good=True)
    assert c.stage == LOST and c.dropped[0]
    assert c.known_sellers() == []
    c.exposed.append(0)
    c.trait = IMPULSIVE
    for _ in range(20):
        model.need_rate = 1.0
        c.step()
    assert c.bought[0] == 1


def test_complaint_handling_repairs_part_of_the_disappointment():
    model = small_market(**{"seller1.complaint_handling": 1.0, "seller2.complaint_handling": 0.0})
    fixed = model.sellers[0].handle_complaint(0.2)
    ignored = model.sellers[1].handle_complaint(0.2)
    assert ignored == 0.2 and fixed == pytest.approx(0.2 + model.recovery_lift * 0.4)
    rows = model.sellers[0].costs["complaints"]
    assert rows == model.recovery_cost and model.sellers[1].costs["complaints"] == 0


def test_late_deliveries_lower_perceived_performance():
    def mean_performance(reliability):
        model = small_market(delivery_reliability=reliability, performance_noise=0.0)
        seller, c = model.sellers[0], model.customer_list[0]
        return np.mean([seller.performance_for(c) for _ in range(500)])
    assert mean_performance(0.5) < mean_performance(1.0) - 0.1


def test_a_seller_that_sends_orders_late_delivers_late_whatever_the_courier():
    def mean_performance(dispatch, reliability=1.0):
        model = small_market(**{"delivery_reliability": reliability, "performance_noise": 0.0,
                                "seller1.on_time_dispatch": dispatch})
        seller, c = model.sellers[0], model.customer_list[0]
        return np.mean([seller.performance_for(c) for _ in range(500)])
    assert mean_performance(0.5) < mean_performance(1.0) - 0.1
    # on-time dispatch and the courier multiply: half of half the orders arrive on time
    assert mean_performance(0.5, 0.5) < mean_performance(1.0, 0.5) - 0.05


def test_crm_offers_reach_quiet_customers_of_the_seller_only():
    model = small_market(**{"seller1.crm_offer": 0.2, "seller2.crm_offer": 0.0,
                            "seller1.strategy": "customer", "seller1.research_weeks": 0,
                            "defect_threshold": 0.0})
    c = model.customer_list[0]
    c.become_aware(0, "advertising")
    c.buy(0)
    model.week += 5
    model.sellers[0].send_offers()
    model.sellers[1].send_offers()
    assert c.offer == [0.2, 0.0] and c.discount_at(0) == 0.2
    assert model.sellers[0].costs["crm"] == model.offer_cost


def test_discount_acquired_customers_are_recorded_by_channel():
    """How a person heard of the seller and whether a discount won them are two facts: the
    discount no longer overwrites the channel (issue 10)."""
    r = sim.run("discount_war", seed=1, weeks=30)
    channels = set(r.customers.acquisition_channel) - {""}
    assert channels <= {"advertising", "word_of_mouth", "review", "gift", "reseller"}
    won = r.customers[r.customers.won_with_discount]
    assert len(won) and (won.acquisition_channel != "").all()
    rel = r.relationships
    assert rel.won_with_discount.any() and set(rel[rel.won_with_discount].heard_via) <= channels


def test_stage_flows_account_for_every_move():
    r = sim.run("head_to_head", seed=1, weeks=30)
    flows = r.stage_flows()
    into = flows.groupby("to_stage").customers.sum()
    out = flows.groupby("from_stage").customers.sum()
    final = r.market.iloc[-1]
    for stage in ("potential", "new", "growing", "loyal", "lost"):
        assert into.get(stage, 0) - out.get(stage, 0) == final[f"stage_{stage}"]


def test_a_new_product_is_judged_from_the_brand_and_its_new_promise():
    model = small_market(**{"n_sellers": 1, "seller1.launch_every": 3, "launch_drift": 0.3})
    seller, c = model.sellers[0], model.customer_list[0]
    c.become_aware(0, "advertising")
    c.bought[0], c.expectation[0] = 2, 0.9  # a regular who liked the old product
    before = seller.product_position
    for _ in range(4):
        model.step()
    assert seller.launches == 1 and seller.product_position != before
    c.bought[0], c.expectation[0], c.product_seen[0] = 2, 0.9, 0
    c.value(0)
    assert c.expectation[0] == pytest.approx((0.9 + seller.first_impression(c)) / 2)
    assert c.product_seen[0] == 1
