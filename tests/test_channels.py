"""sim.channels: customer value by acquisition channel, from one record per relationship, and
the prediction judge that reads it."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.channels import channel_value, verdict
from sim.course.judge import judge
from sim.metrics import clv


def relationships(rows):
    columns = ["seller", "heard_via", "won_with_discount", "start_week", "end_week", "margin",
               "margin_first_52_weeks"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["end_week"] = frame.end_week.astype("Int64")
    return frame


def test_value_counts_weeks_of_relationship_and_ends():
    rel = relationships([
        ("seller1", "advertising", True, 0, 9, 20.0, 20.0),      # 10 weeks, ended
        ("seller1", "advertising", True, 50, None, 30.0, 30.0),  # 50 weeks so far, going
        ("seller1", "word_of_mouth", False, 10, None, 90.0, 60.0),  # 90 weeks, going
    ])
    table = channel_value(rel, weeks=100, rate=0.002).set_index("heard_via")
    ads, wom = table.loc["advertising"], table.loc["word_of_mouth"]
    assert ads.relationships == 2 and ads.margin_per_week == pytest.approx(50 / 60)
    assert ads.retention == pytest.approx(1 - 1 / 60)
    assert ads.clv == pytest.approx(clv(50 / 60, 1 - 1 / 60, 0.002))
    assert ads.first_year_margin == pytest.approx(20.0) and ads.first_year_n == 1  # one full year
    assert wom.retention == pytest.approx(0.99)  # nobody left yet: capped like the weekly table
    assert channel_value(rel.iloc[:0], 100, 0.0).empty


def test_verdicts_follow_the_band():
    assert verdict(1.0, 3.0, +1) == "agrees"
    assert verdict(1.0, 3.0, -1) == "disagrees"
    assert verdict(-1.0, 3.0, +1) == "no clear difference"


def prediction(variants):
    return {"id": "x", "experiment": {"scenario": "head_to_head", "weeks": 30},
            "judge": {"kind": "channel_value", "value": "clv", "seller": "seller2",
                      "heard_via": "advertising", "seeds": [1, 2, 3, 4], "variants": variants,
                      "tie": "same"}}


def test_the_judge_reads_the_relationships_and_calls_a_tie_when_the_band_holds_zero():
    same = judge(prediction({"a": {"homophily": 0.0}, "b": {}}))
    assert same.outcome == "same" and same.values["a"] == same.values["b"]
    apart = judge(prediction({"good": {"seller2.quality": 1.0}, "poor": {"seller2.quality": 0.3}}))
    assert apart.outcome == "good" and set(apart.result.variant) == {"good", "poor"}
    assert apart.metric == "clv" and apart.values["good"] > apart.values["poor"]
