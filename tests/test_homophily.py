"""Friends who resemble each other, stories weighed by likeness, deal-proneness (issue 10 §1).

Each mechanism is tested on its own small situation, then by its direction over paired seeds:
switching it on must move the value of the customers it concerns (read from
``RunResult.relationships`` through :mod:`sim.channels`) the way the mechanism implies. The
parameters are the range ends or 1; none was chosen so that a channel wins.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest

import sim
from sim.channels import channel_runs, relationship_runs
from sim.runner import band

SEEDS = range(1, 11)


def friendship_graph(model) -> nx.Graph:
    return nx.Graph([(c.unique_id, f.unique_id) for c in model.customer_list
                     for f in c.neighbours])


# --- the network ------------------------------------------------------------------------------
def test_no_homophily_is_todays_network():
    """homophily = 0 draws nothing more: person i sits at place i of the same seeded graph."""
    default, zero = sim.MarketModel({}, rng=4), sim.MarketModel({"homophily": 0.0}, rng=4)
    assert [[f.unique_id for f in c.neighbours] for c in default.customer_list] == \
        [[f.unique_id for f in c.neighbours] for c in zero.customer_list]
    assert default.ring is default.customer_list
    assert default.rng.random() == zero.rng.random()  # the stream goes on unchanged


@pytest.mark.parametrize("seed", [1, 2])
def test_friends_share_needs_more_as_homophily_rises(seed):
    alike = [sim.MarketModel({"homophily": h}, rng=seed).friends_alike() for h in (0, 0.5, 1)]
    model = sim.MarketModel({}, rng=seed)
    shares = [len(m) / model.n_customers for m in model.segment_members]
    chance = sum(s * s for s in shares)
    assert abs(alike[0] - chance) < 0.05  # today: friends regardless of needs
    assert alike[0] < alike[1] - 0.05 < alike[2] - 0.1
    assert alike[2] > 0.8  # the rest are the rewired far-away friends and segment borders


@pytest.mark.parametrize("homophily", [0.0, 0.5, 1.0])
def test_the_network_stays_a_small_world(homophily):
    """Watts & Strogatz (1998): clustered like a lattice, paths short like a random graph."""
    model = sim.MarketModel({"homophily": homophily, "n_customers": 400}, rng=3)
    graph = friendship_graph(model)
    n, k = model.n_customers, model.network_degree
    assert len(graph) == n and nx.is_connected(graph)
    random_clustering, random_path = k / n, math.log(n) / math.log(k)
    assert nx.average_clustering(graph) > 10 * random_clustering
    assert nx.average_shortest_path_length(graph) < 2 * random_path


def test_the_network_picture_follows_the_ring():
    """People are drawn in ring order, so friends sit side by side on the picture."""
    live = sim.Simulation({"homophily": 1.0, "weeks": 1}, seed=2)
    people = live.snapshot().people
    assert people.customer_id.tolist() == [c.unique_id for c in live.model.ring]
    needs = [c.need for c in live.model.ring]
    assert sum(b < a for a, b in zip(needs, needs[1:], strict=False)) <= 2  # sorted by need


# --- stories weighed by likeness ----------------------------------------------------------------
def story(weighting: float, listener_need: float, aware: bool = False):
    model = sim.MarketModel({"n_customers": 40, "wom_need_weighting": weighting,
                             "network": "fully_mixed"}, rng=3)
    speaker, listener = model.customer_list[:2]
    speaker.need, listener.need = 0.1, listener_need
    if aware:
        listener.become_aware(0, "advertising", expectation=0.3)
    model.messages.append((speaker, listener, 0, 0.95, True))
    model.deliver_word_of_mouth()
    return model, listener


def test_a_friend_with_the_same_needs_tells_you_as_much_as_today():
    _, today = story(0.0, 0.5)
    _, same = story(1.0, 0.1)
    assert today.expectation[0] == same.expectation[0] == 0.95


def test_a_friend_with_other_needs_tells_you_less():
    """The story counts as much as a product made for the friend would fit the listener
    (fit width 0.2); the rest of a first expectation is the seller's own promise."""
    for need in (0.2, 0.3, 0.6):  # needs 0.1, 0.2 and 0.5 apart from the friend's
        model, listener = story(1.0, need)
        relevance = math.exp(-(((need - 0.1) / 0.2) ** 2))
        promise = model.sellers[0].first_impression(listener)
        assert listener.heard_via[0] == "word_of_mouth"
        assert listener.expectation[0] == pytest.approx(relevance * 0.95
                                                        + (1 - relevance) * promise)
    assert abs(listener.expectation[0] - promise) < 0.01  # a friend far away: the promise
    _, known_far = story(1.0, 0.6, aware=True)
    _, known_today = story(0.0, 0.6, aware=True)
    assert known_far.expectation[0] == pytest.approx(0.3, abs=0.01)
    assert known_today.expectation[0] == pytest.approx(0.3 + 0.3 * (0.95 - 0.3))


# --- deal-proneness -------------------------------------------------------------------------------
def won_by_a_deal(proneness: float):
    model = sim.MarketModel({"n_customers": 40, "deal_proneness": proneness,
                             "seller1.acquisition_discount": 0.25}, rng=5)
    customer = model.customer_list[0]
    customer.trait = "none"
    customer.become_aware(0, "advertising")
    customer.buy(0)
    return model, customer


def test_a_customer_won_by_a_deal_minds_that_sellers_full_price_more():
    (_, today), (model, prone) = won_by_a_deal(0.0), won_by_a_deal(2.0)
    assert prone.relations[0].won_with_discount
    price = model.sellers[0].price
    extra = 2.0 * model.price_sensitivity * (price - 0.75 * price) / model.reference_price
    assert today.value(0) - prone.value(0) == pytest.approx(extra)
    assert today.value(1) == prone.value(1)  # only the seller whose deal won them
    prone.receive_offer(0, 0.25)  # the deal again: nothing extra to mind
    today.receive_offer(0, 0.25)
    assert today.value(0) == pytest.approx(prone.value(0))


# --- directions over paired seeds ---------------------------------------------------------------
def paired_difference(rels, variant: str, by: str, group) -> tuple[float, float, float]:
    """Mean and 95% band over seeds of (variant − default) CLV for one group of relationships."""
    runs = channel_runs(rels, (by,))
    wide = runs[runs[by] == group].pivot_table(index="seed", columns="variant", values="clv")
    return band((wide[variant] - wide["default"]).dropna())


@pytest.fixture(scope="module")
def word_of_mouth_runs():
    return relationship_runs({"default": "head_to_head",
                              "homophily": {"scenario": "head_to_head", "homophily": 1.0}},
                             SEEDS)


def test_friends_alike_make_referred_customers_worth_more(word_of_mouth_runs):
    """Friends share needs, so a story reaches someone the product fits as it fit the teller."""
    mean, low, _ = paired_difference(word_of_mouth_runs, "homophily", "heard_via",
                                     "word_of_mouth")
    assert low > 0, f"referred customers' CLV moved by {mean:.1f} (band from {low:.1f})"


def test_stories_weighed_by_likeness_make_referred_customers_worth_more():
    """A friend whose needs differ no longer sets your expectation: fewer misfits try the seller
    on a story, fewer are let down. Run in ``careless_product`` (the market this test was
    written for, before operations became equal): in today's ``head_to_head`` the effect keeps
    its sign but is smaller than 20 paired seeds can tell from chance (measured: +4, band
    -5 to +14 on a CLV of about 80-110)."""
    rels = relationship_runs({"default": "careless_product",
                              "weighting": {"scenario": "careless_product",
                                            "wom_need_weighting": 1.0}}, SEEDS)
    mean, low, _ = paired_difference(rels, "weighting", "heard_via", "word_of_mouth")
    assert low > 0, f"referred customers' CLV moved by {mean:.1f} (band from {low:.1f})"


def test_deal_proneness_makes_discount_won_customers_worth_less():
    """In the discount lesson's market: a customer won by a deal minds the full price after it,
    buys less there and is worth less."""
    rels = relationship_runs({"default": "l6_discounts",
                              "deal": {"scenario": "l6_discounts", "deal_proneness": 1.0}},
                             SEEDS)
    mean, _, high = paired_difference(rels, "deal", "won_with_discount", True)
    assert high < 0, f"discount-won customers' CLV moved by {mean:.1f} (band to {high:.1f})"
    # customers won at full price are not the mechanism's concern
    unaffected = channel_runs(rels, ("won_with_discount",))
    assert set(unaffected.won_with_discount) == {True, False}
