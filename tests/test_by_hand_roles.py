"""Lessons 1 and 2 enact their own mechanic by hand (issue 12 §2): the gift (the payer chooses,
the user judges) and the tied agent (support and margin, or he quits). Every number the widgets
show must be the model's own: these tests check them against the model's functions and against
the rules written out by hand, and check that they move (or do not) for the right reasons."""

from __future__ import annotations

import importlib
import math
import re

import pytest

import sim.ui as ui
from sim.customers import judge
from sim.formulas import choice_probabilities
from sim.model import MarketModel
from sim.roles import AGENT_MEMORY, gift_reception

by_hand = importlib.import_module("sim.ui.by_hand")  # sim.ui.by_hand is also a function


def revealed(kind: str, lang: str = "en", pick=0, **sliders):
    view = ui.by_hand(kind, lang=lang)
    for name, value in sliders.items():
        getattr(view, name).value = value
    assert view.reveal() is None  # a bet first
    view.pick.value = pick
    return view, view.reveal()


# --- lesson 1: the gift -------------------------------------------------------------------------

def test_the_payers_odds_are_the_choice_rule_on_what_the_payer_expects():
    view, out = revealed("gift", taste_gap=0.2)
    model, (payer, father) = by_hand.gift_model(0.2)
    for s, seller in enumerate(model.sellers):  # she knows the shops from their ads
        assert payer.expectation[s] == pytest.approx(seller.first_impression(payer))
    want = choice_probabilities([payer.value(0), payer.value(1)], model.outside_option,
                                model.choice_sharpness)
    assert out["odds"] == pytest.approx(want)
    assert list(view.figure.data[0].y) == pytest.approx(want[:2])
    assert out["odds"][0] > out["odds"][1]  # shop A's batik is her own taste


def test_the_users_taste_moves_his_satisfaction_and_never_the_payers_odds():
    view, near = revealed("gift", taste_gap=0.0)
    view.taste_gap.value = 0.2
    far = view.reveal()
    assert far["odds"] == pytest.approx(near["odds"])  # she chooses on what she knows
    assert near["received"][0][2] > far["received"][0][2] + 0.3  # shop A's shirt: worse fit
    assert far["received"][1][2] > near["received"][1][2] + 0.3  # shop B's: his taste now
    model, (_, father) = by_hand.gift_model(0.2)
    for s, seller in enumerate(model.sellers):  # judged against *his* expectation and fit
        performance = seller.honest_performance(father)
        sat = judge(performance, seller.first_impression(father), model.loss_aversion,
                    model.disconfirmation_weight)
        assert far["received"][s][1:] == pytest.approx((performance, sat))
        assert far["fit"][s] == pytest.approx(seller.fit_for(father))
    assert list(view.figure.data[1].y) == pytest.approx([r[2] for r in far["received"]])


def test_over_promising_wins_the_payer_and_disappoints_the_user():
    honest = by_hand.gift_outcome(0.2, 0.0)
    over = by_hand.gift_outcome(0.2, 0.2)
    assert over["odds"][0] > honest["odds"][0] + 0.03
    assert over["received"][0][0] == pytest.approx(honest["received"][0][0] + 0.2)
    assert over["received"][0][2] < honest["received"][0][2] - 0.1
    assert over["received"][1] == pytest.approx(honest["received"][1])  # shop B unchanged


def test_gift_reception_is_what_the_models_recipient_feels_on_a_good_day():
    """The helper against the real thing: receive_gift then experience, with no late delivery,
    no chance in performance and no complaint answered."""
    for taste_gap, gap in ((0.0, 0.0), (0.2, 0.0), (0.2, 0.2), (0.35, 0.1)):
        model = MarketModel({"n_sellers": 2, "n_customers": 10, "network": "fully_mixed",
                             "performance_noise": 0.0, "delivery_reliability": 1.0,
                             "seller1.complaint_handling": 0.0,
                             "seller2.complaint_handling": 0.0,
                             "seller1.promise_gap": gap}, rng=0)
        father = model.customer_list[1]
        father.need = (0.3 + taste_gap) % 1.0
        for seller, position in zip(model.sellers, (0.3, 0.5), strict=True):
            seller.product_position = position
        for s, seller in enumerate(model.sellers):
            expected, performance, sat = gift_reception(seller, father)
            father.receive_gift(s)
            assert father.expectation[s] == pytest.approx(expected)
            assert father.experience(s) == pytest.approx((performance, sat))


def test_the_gift_text_follows_the_models_word_of_mouth_and_loyalty_thresholds():
    view, out = revealed("gift", taste_gap=0.0)  # shop A sits on his taste: delighted
    assert "praise" in view.result.value
    view.taste_gap.value = 0.2
    assert "warn" in view.result.value  # 0.43: below the model's detractor line


# --- lesson 2: the tied agent -------------------------------------------------------------------

def weeks_by_hand(support: float, margin: float, need_support=5.0, need_margin=15.0,
                  quit_below=0.4, weeks=26) -> int | None:
    """The agent's rule written out: running views of support and margin (this week weighing
    AGENT_MEMORY), contentment their geometric mean against needs; the week he quits."""
    seen_support, seen_margin = need_support, need_margin
    for week in range(1, weeks + 1):
        seen_support += AGENT_MEMORY * (support - seen_support)
        seen_margin += AGENT_MEMORY * (margin - seen_margin)
        content = math.sqrt(min(1, seen_support / need_support)
                            * min(1, max(0, seen_margin) / need_margin))
        if content < quit_below:
            return week
    return None


@pytest.mark.parametrize("agent_price, support, units", [
    (0.8, 2.0, 2), (0.8, 0.0, 2), (0.8, 0.5, 2), (0.8, 1.0, 2), (1.0, 5.0, 2), (0.9, 5.0, 2),
    (0.9, 0.0, 1), (0.5, 0.0, 3), (0.8, 5.0, 0)])
def test_the_agent_stays_or_quits_as_the_models_reseller_decides(agent_price, support, units):
    view, out = revealed("agent", pick=True, agent_price=agent_price, support=support,
                         units=units)
    margin = units * 50 * (1 - agent_price)  # bottles at the list price, less the agent price
    assert out["margin"] == pytest.approx(margin)
    assert out["quit_week"] == weeks_by_hand(support, margin)
    assert list(view.figure.data[0].y) == pytest.approx(out["contentment"])
    assert (out["contentment"][-1] < out["quit_below"]) == (out["quit_week"] is not None)


def test_the_decision_flips_where_support_or_margin_crosses_the_walk_away_point():
    # margin in full (2 bottles at 80%: 20 a week); contentment settles at sqrt(support / 5)
    assert by_hand.agent_weeks(0.8, 0.5, 2)["quit_week"] is not None
    assert by_hand.agent_weeks(0.8, 1.0, 2)["quit_week"] is None
    # support in full; contentment settles at sqrt(margin / 15): below 0.4 under a margin of 2.4
    assert by_hand.agent_weeks(1.0, 5.0, 2)["quit_week"] is not None  # margin 0
    assert by_hand.agent_weeks(0.95, 5.0, 2)["quit_week"] is None  # margin 5


def test_an_independent_reseller_follows_the_bigger_margin():
    assert by_hand.agent_weeks(0.7, 2.0, 2)["independent"] == 0  # your brand
    assert by_hand.agent_weeks(0.9, 2.0, 2)["independent"] == 1  # the rival's 80%
    assert by_hand.agent_weeks(0.8, 2.0, 2)["independent"] is None  # the same margin
    view, _ = revealed("agent", pick=False, agent_price=0.7)
    assert "your brand" in view.result.value


def test_the_agents_sliders_stay_within_the_levers_limits():
    from sim.params import PARAMS

    view = ui.by_hand("agent", lang="en")
    price, support = PARAMS["seller1.agent_price"], PARAMS["seller1.agent_support"]
    assert price.low <= view.agent_price.min < view.agent_price.max <= price.high
    assert support.low <= view.support.min < view.support.max <= support.high


def test_without_support_the_agent_quits_by_week_nine_however_big_his_margin():
    """What lesson 2's guide tells the room."""
    for units in (1, 3, 6):
        assert 1 <= by_hand.agent_weeks(0.3, 0.0, units)["quit_week"] <= 9


# --- both ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, pick", [("gift", 1), ("agent", True)])
def test_both_render_in_both_languages(kind, pick):
    shown = {}
    for lang in ("en", "id"):
        view, out = revealed(kind, lang, pick=pick)
        assert "pasar-byhand" in view._dom_classes
        text = view.children[0].value + view.result.value
        assert not re.search(r"ui\.byhand|\{\w*\}", text), text
        shown[lang] = text
    assert shown["en"] != shown["id"]
    assert re.search(r"\d,\d\d", shown["id"]) and not re.search(r"\d\.\d\d", shown["id"])


def test_a_bad_kind_still_raises():
    assert {"gift", "agent"} <= set(by_hand.KINDS)
    with pytest.raises(KeyError):
        ui.by_hand("raffle")

