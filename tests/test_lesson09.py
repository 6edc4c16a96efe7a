"""Every outcome lesson 9 states (notebook, guide, quiz) holds for the same shops and seeds its
widgets use: the worked examples' calibration, head to head and switch question (the text in
tools/lesson09.py says these in words; the widgets show the numbers)."""

from __future__ import annotations

import pytest

from sim.calibration import calibrate
from sim.question import example_calibration, head_to_head, when_to_switch
from sim.shop import example_shop


@pytest.fixture(scope="module")
def rosa():
    return example_calibration("sari_sari")


@pytest.fixture(scope="module")
def ratna():
    return example_calibration("batik")


def test_both_worked_examples_are_matched(rosa, ratna):
    """Experiment 1 and 2: "Both numbers are matched"."""
    assert rosa.matched, rosa.report()
    assert ratna.matched, ratna.report()


def test_daily_goods_are_needed_several_times_as_often_as_batik(rosa, ratna):
    """Experiment 1: Rosa's need rate "comes out several times higher than Bu Ratna's"."""
    assert rosa.need_rate >= 3 * ratna.need_rate


def test_customer_centric_from_the_start_is_clearly_ahead_for_bu_ratna(ratna):
    """Experiment 2 and quiz q6: "Had she sold customer-centric from the start, she would
    clearly be ahead" (the widget's seeds: five)."""
    answer = head_to_head(ratna)
    assert answer.best == "customer" and answer.clearly_behind() == ["product"]


def test_switching_now_shows_no_clear_difference_from_never_for_bu_ratna(ratna):
    """Experiment 2, quiz q5/q6 and the guide: switching now and never switching, "no clear
    difference" over the next two years."""
    answer = when_to_switch(ratna)
    choices = {answer.best, *answer.tied()}
    assert {"now", "never"} <= choices


def test_counting_visits_instead_of_people_cannot_be_matched():
    """When it does not hold and quiz q3: Rosa with 1,400 buyers a week from 1,500 people; the
    message names both inputs."""
    fit = calibrate(example_shop("sari_sari").replace(buyers_per_week=1400))
    assert not fit.matched
    assert fit.problems == [("shop.check.buyers_too_many", {
        **fit.problems[0][1], "input": "buyers_per_week", "other_input": "people"})]


def test_rosa_s_answer_holds_from_half_to_double_her_need_rate_and_grows_with_it(rosa):
    """Experiment 1's map: customer-centric clearly ahead in every cell, whatever the talk;
    at each level of talk its lead at double the fitted need rate is clearly larger than at
    half (the bands do not overlap)."""
    from sim.question import regime_question
    table = regime_question(rosa)
    needs = sorted(table.need_rate.unique())
    assert len(needs) == 3
    assert set(table.verdict) == {"a_wins"}, table.verdict.tolist()
    for talk, row in table.groupby("wom_rate"):
        low, high = (row[row.need_rate == n].iloc[0] for n in (needs[0], needs[-1]))
        assert high["low"] > low["high"], (talk, low["mean"], high["mean"])
