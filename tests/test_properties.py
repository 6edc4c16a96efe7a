"""Property tests (hypothesis): whatever valid parameters a learner picks, the market runs and
keeps its books; a 95% band always contains its mean.

They fit the CI budget (about a minute). For a longer search with ten times the examples::

    PASAR_HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import math
import os

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.engine import Simulation
from sim.params import MARKET, PARAMS, ParameterError, seller_of, validate
from sim.runner import band, t_quantile

# Examples per property: "ci" (default) or "thorough" (ten times as many).
SCALE = {"ci": 1, "thorough": 10}[os.environ.get("PASAR_HYPOTHESIS_PROFILE", "ci")]

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


@settings(max_examples=30 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


# --- every declared parameter, many at the ends of their ranges at once -------------------------
# A small market (few people, few weeks) keeps each example cheap; the other parameters take
# their declared range. Sizes are drawn from their range's low end (the costly high end of
# n_customers and weeks is what the golden and validation runs cover).
SIZE = {"n_customers": (10, 60), "weeks": (1, 40)}
MONEY_LINES = ("goods", "advertising", "discounts", "research", "development", "service",
               "complaints", "crm", "trade_discounts", "agent_support", "staff", "range")


def _corner(p, draw, top=None):
    """The low end, the high end, or anything between (ends twice as likely as inside)."""
    if p.kind == "choice":
        return draw(st.sampled_from(p.choices))
    low, high = p.low, p.high if top is None else top
    if p.kind == "int":
        inside = st.integers(int(low), int(high))
    else:
        inside = st.floats(low, high, allow_nan=False)
    return draw(st.one_of(st.just(low), st.just(high), inside))


@st.composite
def valid_markets(draw):
    """Values for every declared market parameter and every lever of every seller the market
    has, each at its range's low end, high end or in between; shaped to pass the rules between
    parameters (shares within 1, resellers within half the people, an even ring)."""
    values = {}
    for p in MARKET:
        if p.name in SIZE:
            values[p.name] = draw(st.integers(*SIZE[p.name]))
        else:
            values[p.name] = _corner(p, draw)
    n = values["n_customers"]
    values["network_degree"] = draw(st.sampled_from(range(2, min(30, n - 1) + 1, 2)))
    if values["share_impulsive"] + values["share_thrifty"] > 1:
        values["share_thrifty"] = 1.0 - values["share_impulsive"]
    room = n // 2
    values["independents"] = min(values["independents"], room)
    room -= values["independents"]
    for name, p in PARAMS.items():
        seller = seller_of(name)
        if seller is None or seller > values["n_sellers"]:
            continue
        if draw(st.booleans()) and p.optional:
            continue  # left to the strategy's bundle
        if name.endswith(".agents"):
            values[name] = draw(st.integers(0, min(int(p.high), room)))
            room -= values[name]
        elif name.endswith(".switch_week"):
            values[name] = draw(st.integers(0, values["weeks"] + 1))  # a switch that happens
        else:
            values[name] = _corner(p, draw)
    return values


def check_books(r, n_customers: int):
    """No NaN or inf anywhere; stages add up to the people; every rupiah accounted for."""
    for table in (r.weekly, r.market, r.customers, r.relationships):
        numbers = table.select_dtypes("number").astype(float)
        assert numbers.notna().all().all() or table is r.relationships
        assert all(math.isfinite(x) for x in numbers.to_numpy().ravel() if x == x)
    assert r.relationships.drop(columns="end_week").notna().all().all()
    stages = r.market.filter(like="stage_").sum(axis=1)
    assert (stages == n_customers).all()
    assert len(r.customers) == n_customers
    w = r.weekly
    lines = w[[f"cost_{k}" for k in MONEY_LINES]].sum(axis=1)
    scale = 1.0 + w.revenue.abs() + lines.abs()
    assert ((w.costs - lines).abs() <= 1e-9 * scale).all()
    assert ((w.profit - (w.revenue - w.costs)).abs() <= 1e-9 * scale).all()
    cumulative = w.groupby("seller").profit.cumsum()
    assert ((w.cumulative_profit - cumulative).abs()
            <= 1e-9 * (1.0 + w.groupby("seller").profit.transform(lambda x: x.abs().cumsum()))
            ).all()
    assert (w.groupby("week").units.sum().to_numpy() == r.market.purchases.to_numpy()).all()
    margin = w.revenue - w.cost_goods - w.cost_discounts - w.cost_trade_discounts - w.cost_service
    per_seller = w.assign(margin=margin).groupby("seller")[["units", "revenue", "margin"]].sum()
    rel = r.relationships.groupby("seller")[["purchases", "revenue", "margin"]].sum()
    rel = rel.reindex(per_seller.index).fillna(0.0)
    assert (rel.purchases.to_numpy() == per_seller.units.to_numpy()).all()
    for col in ("revenue", "margin"):
        gap = (rel[col] - per_seller[col]).abs()
        assert (gap <= 1e-6 * (1.0 + per_seller.revenue.abs())).all(), col


@settings(max_examples=120 * SCALE, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(valid_markets(), st.integers(0, 2**32 - 1))
def test_every_parameter_at_its_ends_runs_and_keeps_the_books(values, seed):
    checked = validate(values)  # built to be valid: a refusal here is a bug
    first = Simulation(checked, seed, checked=True)
    first.advance()
    r = first.result()
    check_books(r, checked["n_customers"])
    again = Simulation(checked, seed, checked=True)
    again.advance()
    r2 = again.result()
    for name in ("weekly", "market", "flows", "customers", "relationships"):
        assert getattr(r, name).equals(getattr(r2, name)), name
