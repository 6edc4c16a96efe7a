"""Strict validation (issue 10 §4): one error type, ParameterError, in the learner's language,
naming the parameter, the value and what is valid, for every kind of bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.engine import Simulation
from sim.params import PARAMS, ParameterError, check_seed, validate
from sim.runner import compare, resolve, sweep


def refused(values, *parts, lang="en"):
    with pytest.raises(ParameterError) as err:
        validate(values, lang)
    for part in parts:
        assert str(part) in str(err.value)
    return err.value


@pytest.mark.parametrize("value", ["2", "0.3", "", True, False, [1], {"a": 1}, b"1", 1j])
def test_text_and_booleans_are_not_numbers(value):
    refused({"need_rate": value}, "need_rate", repr(value), "0.01 .. 1")
    refused({"n_customers": value}, "n_customers", "10 .. 20000")


def test_text_for_a_number_says_so_in_both_languages():
    err = refused({"weeks": "52"}, "'52'", "1 .. 520")
    assert "text" in str(err) and "teks" in err.message("id")


def test_real_numbers_of_any_type_pass():
    checked = validate({"need_rate": np.float64(0.5), "weeks": np.int64(10), "n_customers": 20.0})
    assert checked["weeks"] == 10 and type(checked["weeks"]) is int
    assert checked["n_customers"] == 20 and type(checked["n_customers"]) is int
    assert type(checked["need_rate"]) is float


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 10**400])
def test_nan_infinity_and_huge_numbers_are_out_of_range(value):
    refused({"n_customers": value}, "n_customers", "10 .. 20000")


@pytest.mark.parametrize("degree", [3, 5, 29])
def test_an_odd_number_of_friends_states_the_rule(degree):
    err = refused({"network_degree": degree}, "network_degree", degree, "even")
    assert "genap" in err.message("id")


def test_even_degrees_pass_and_the_ring_gives_exactly_that_many_friends():
    r = sim.run({"network_degree": 4, "rewiring": 0.0, "n_customers": 30, "weeks": 1}, seed=1)
    assert len(r.network) == 30 * 4 // 2


def test_levers_of_sellers_the_market_does_not_have_are_refused():
    err = refused({"n_sellers": 2, "seller3.price": 50}, "seller3.price", "seller1 .. seller2")
    assert "penjual" in err.message("id")
    refused({"seller4.strategy": "switch"}, "seller4.strategy")  # 2 sellers by default
    refused({"n_sellers": 1, "seller2.switch_week": 10}, "seller2.switch_week")
    # None means "not set" (follow the strategy): harmless for any seller
    validate({"n_sellers": 2, "seller3.price": None})
    validate({"n_sellers": 4, "seller4.price": 60.0})


def test_scenarios_set_no_lever_of_a_missing_seller():
    for name in sim.SCENARIOS:
        validate(resolve(name)[1])


@pytest.mark.parametrize("spec", [3, 2.5, ["head_to_head"], ("a", 1), object()])
def test_a_spec_must_be_a_scenario_name_or_a_mapping(spec):
    with pytest.raises(ParameterError, match="neither a scenario name"):
        sim.run(spec, weeks=1)


def test_an_unknown_scenario_inside_a_dict_is_a_parameter_error():
    with pytest.raises(ParameterError, match="does not exist"):
        sim.run({"scenario": ["head_to_head"]}, weeks=1)
    with pytest.raises(ParameterError, match="does not exist"):
        sim.run("no_such_market", weeks=1)


@pytest.mark.parametrize("seed", [-1, 1.5, 2.0, "1", True, [1]])
def test_seeds_are_whole_numbers_from_zero(seed):
    with pytest.raises(ParameterError) as err:
        sim.run("head_to_head", seed=seed, weeks=1)
    assert "seed" in str(err.value) and "0, 1, 2" in str(err.value)
    assert "seed" in err.value.message("id")
    with pytest.raises(ParameterError):
        compare(["head_to_head"], seeds=[1, seed], weeks=1)
    with pytest.raises(ParameterError):
        sweep({"need_rate": [0.2]}, seeds=[seed], weeks=1)


def test_numpy_seeds_and_big_seeds_pass():
    assert check_seed(np.int64(7)) == 7 and check_seed(2**40) == 2**40
    assert sim.run("head_to_head", seed=np.uint32(3), weeks=1).seed == 3


def test_a_missing_seed_gets_a_random_one_that_is_recorded_and_reproduces():
    a = sim.run("head_to_head", seed=None, weeks=5)
    assert isinstance(a.seed, int) and a.seed >= 0
    again = sim.run("head_to_head", seed=a.seed, weeks=5)
    assert a.weekly.equals(again.weekly)
    assert Simulation({}, None).seed is not None


# Whatever a program or a learner passes as a value, the answer is a value or a ParameterError.
ANYTHING = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=5),
                     st.lists(st.integers(), max_size=2), st.binary(max_size=3))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(PARAMS)), ANYTHING, max_size=6))
def test_any_input_is_accepted_or_refused_with_a_parameter_error(values):
    try:
        checked = validate(values)
    except ParameterError as err:
        assert err.message("id") and err.message("en")
        return
    for name in values:
        p, value = PARAMS[name], checked[name]
        if value is None or p.kind == "choice":
            continue
        assert isinstance(value, int if p.kind == "int" else float)
        assert not isinstance(value, bool) and p.low <= value <= p.high
