"""Lesson 4's by-hand step: one story reaching a friend (issue 12 §2).

The widget follows the model's own rules: who talks (:meth:`Customer.urge_to_talk`, the rule
:meth:`Customer.talk_and_review` draws against), what the friend then expects
(:meth:`Customer.hear`, weighed by :meth:`MarketModel.story_relevance`) and his odds (the
choice rule). The tests check the rule the model runs, and that the widget shows it.
"""

from __future__ import annotations

import re

import pytest

import sim.ui as ui
from sim.customers import DETRACTOR_TO, PROMOTER_FROM
from sim.i18n import t
from sim.model import MarketModel
from sim.ui.by_hand import word_of_mouth


@pytest.mark.parametrize("satisfaction", [0.95, 0.8, 0.6, 0.3, 0.05])
def test_talk_and_review_tells_a_friend_exactly_when_the_urge_says(satisfaction):
    """With the draw just under (over) the urge's chance a story is (is not) told, good when
    delighted, bad when angry; between the thresholds no draw is made for talking at all."""
    model = MarketModel({"n_sellers": 2, "n_customers": 10, "network": "fully_mixed",
                         "review_rate": 0.0}, rng=0)
    person = model.customer_list[0]
    urge = person.urge_to_talk(satisfaction)
    assert (urge is None) == (DETRACTOR_TO <= satisfaction <= PROMOTER_FROM)
    for nudge, told in ((-1e-9, True), (1e-9, False)):
        draws, stories = [], []
        model.chance = lambda draws=draws, nudge=nudge: draws.append(1) or (
            urge[0] + nudge if urge else 0.0)
        model.word_of_mouth = lambda who, s, perf, positive, told=stories: told.append(positive)
        person.talk_and_review(1, 0.5, satisfaction)
        if urge is None:
            assert stories == [] and len(draws) == 1  # the review's draw only
        else:
            assert stories == ([urge[1]] if told else []) and len(draws) == 2
            assert urge[1] == (satisfaction > PROMOTER_FROM)


def test_anger_talks_louder_with_complaint_talk_and_the_middle_is_silent():
    quiet = MarketModel({"wom_negative_weight": 1.0}, rng=0).customer_list[0]
    loud = MarketModel({"wom_negative_weight": 3.0}, rng=0).customer_list[0]
    assert loud.urge_to_talk(0.1)[0] == pytest.approx(3 * quiet.urge_to_talk(0.1)[0])
    assert quiet.urge_to_talk(0.95)[0] > quiet.urge_to_talk(0.75)[0] > 0
    assert quiet.urge_to_talk((PROMOTER_FROM + DETRACTOR_TO) / 2) is None


def test_the_friend_expects_what_she_got_as_far_as_her_story_fits_him():
    alike = word_of_mouth(0.9, 0.0)
    assert alike["relevance"] == 1.0 and alike["expects"] == pytest.approx(0.9)
    apart = word_of_mouth(0.9, 0.25)
    assert 0 < apart["relevance"] < 1 and apart["expects"] < alike["expects"]
    assert apart["after"][1] < alike["after"][1]  # a story that fits him less pulls less
    worse = word_of_mouth(0.5, 0.0)
    assert not worse["good"] and worse["after"][1] < alike["after"][1]
    for out in (alike, apart, worse):
        assert out["before"][1] == 0.0 and out["after"][1] > 0  # he could not buy at B before
        assert sum(out["after"]) == pytest.approx(1.0)


def test_a_customer_with_nothing_to_tell_leaves_her_neighbour_where_he_was():
    quiet = word_of_mouth(0.75, 0.0)  # neither delighted nor angry
    assert DETRACTOR_TO <= quiet["satisfaction"] <= PROMOTER_FROM
    assert quiet["talk"] == 0 and quiet["expects"] is None
    assert quiet["after"] == quiet["before"] and quiet["after"][1] == 0.0


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_widget_shows_the_models_story(lang):
    hand = ui.by_hand("word_of_mouth", lang=lang)
    assert hand.reveal() is None and t("ui.quiz.pick_first", lang) in hand.result.value
    hand.pick.value = 1
    out = hand.reveal()
    assert out == word_of_mouth(hand.got.value, hand.distance.value)
    assert list(hand.figure.data[0].y) == out["before"]
    assert list(hand.figure.data[1].y) == out["after"]
    hand.distance.value = 0.25  # playing redraws
    assert list(hand.figure.data[1].y) == word_of_mouth(hand.got.value, 0.25)["after"]
    assert not re.search(r"\{\w+\}|ui\.byhand", hand.result.value)
