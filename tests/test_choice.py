"""The choice rule stays finite and exact at every valid corner (issue 10 §4)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sim
from sim.formulas import choice_probabilities, logit_weights

# The corner that overflowed exp() before the log-sum-exp form: the sharpest choice, the most
# price-sensitive thrifty people, one seller at the lowest price and one at the highest.
CHEAP_AGAINST_DEAR = {"price_sensitivity": 5, "thrifty_price_factor": 10, "choice_sharpness": 30,
                      "seller1.price": 5, "seller2.price": 200, "share_thrifty": 1,
                      "share_impulsive": 0, "n_customers": 50, "weeks": 10}


def test_the_cheap_against_dear_corner_runs():
    r = sim.run(CHEAP_AGAINST_DEAR, seed=1)
    assert r.weekly.units.sum() > 0
    assert r.weekly.select_dtypes("number").notna().all().all()


def test_huge_values_give_finite_probabilities():
    probs = choice_probabilities([50.0, 49.0], outside_option=-1.0, sharpness=30.0)
    assert all(math.isfinite(p) for p in probs)
    assert sum(probs) == pytest.approx(1.0)
    assert probs[0] == pytest.approx(1 / (1 + math.exp(-30)), rel=1e-12)
    assert probs[2] == 0.0 or probs[2] < 1e-300


def test_ordinary_values_are_the_textbook_logit():
    values, outside, k = [0.6, 0.4], 0.35, 8.0
    weights = [math.exp(k * (v - outside)) for v in values]
    total = 1 + sum(weights)
    want = [w / total for w in weights] + [1 / total]
    assert choice_probabilities(values, outside, k) == pytest.approx(want, rel=1e-12)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=4), st.floats(-1, 1),
       st.floats(0.5, 30))
def test_probabilities_are_finite_and_sum_to_one(values, outside, sharpness):
    probs = choice_probabilities(values, outside, sharpness)
    assert all(math.isfinite(p) and 0.0 <= p <= 1.0 for p in probs)
    assert sum(probs) == pytest.approx(1.0)
    weights, nothing = logit_weights(values, outside, sharpness)
    assert max(weights + [nothing]) == 1.0  # shifted by the largest: nothing can overflow
