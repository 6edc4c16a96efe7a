"""Property tests (hypothesis): whatever valid parameters a learner picks, the market runs and
keeps its books; a 95% band always contains its mean."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.engine import Simulation
from sim.params import PARAMS, ParameterError, validate
from sim.runner import band, t_quantile

SMALL = {"n_customers": st.integers(20, 120), "weeks": st.just(3)}


def _value(p):
    """Any value inside the parameter's declared range (whole numbers kept small)."""
    if p.kind == "choice":
        value = st.sampled_from(p.choices)
    elif p.kind == "int":
        value = st.integers(int(p.low), int(min(p.high, p.low + 30)))
    else:
        value = st.floats(p.low, p.high, allow_nan=False)
    return st.one_of(st.none(), value) if p.optional else value


@st.composite
def parameter_dicts(draw):
    """A random subset of the parameters, each set to a random valid value."""
    names = draw(st.lists(st.sampled_from(sorted(PARAMS)), max_size=25, unique=True))
    values = {name: draw(_value(PARAMS[name])) for name in names}
    values.update({name: draw(strategy) for name, strategy in SMALL.items()})
    return values


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parameter_dicts(), st.integers(0, 2**31 - 1))
def test_any_valid_parameters_run_three_weeks_and_keep_the_books(values, seed):
    try:
        checked = validate(values)
    except ParameterError:
        return  # refused with a message naming the culprit: fine
    sim = Simulation(checked, seed, checked=True)
    sim.advance()
    r = sim.result()
    assert len(r.market) == 3
    for table in (r.weekly, r.market, r.customers):
        numbers = table.select_dtypes("number")
        assert not numbers.isna().any().any()
        assert all(math.isfinite(x) for x in numbers.to_numpy().ravel())
    stages = r.market.filter(like="stage_").sum(axis=1)
    assert (stages == checked["n_customers"]).all()
    assert len(r.customers) == checked["n_customers"]


@settings(deadline=None)  # the first call imports scipy
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=40))
def test_the_band_contains_the_mean(xs):
    mean, low, high = band(pd.Series(xs))
    assert low <= mean <= high


def test_the_t_quantile_matches_the_printed_table():
    """Student's t table (97.5%), as printed in statistics textbooks, to three decimals."""
    table = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
             9: 2.262, 10: 2.228, 15: 2.131, 20: 2.086, 30: 2.042, 60: 2.000, 120: 1.980}
    for df, q in table.items():
        assert abs(t_quantile(df + 1) - q) < 0.0006
