"""sim.decompose: a gap between two sellers split over the lever groups, Shapley over the groups,
every coalition over the same seeds."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

import sim
from sim.batch import SerialExecutor
from sim.decompose import coalition_values, decompose
from sim.params import LEVER_GROUPS
from sim.runner import resolve

SMALL = {"n_customers": 150, "weeks": 52}
CARELESS = {"scenario": "careless_product", **SMALL}
FAIR = {"scenario": "head_to_head", **SMALL}
SEEDS = range(1, 7)


@pytest.fixture(scope="module")
def careless():
    return decompose(CARELESS, seeds=SEEDS, executor=SerialExecutor())


def test_the_parts_add_up_to_the_gap_exactly_in_every_seed(careless):
    """Shapley's efficiency holds by construction, seed by seed (not only within noise)."""
    ps = careless.per_seed
    parts = ps[list(LEVER_GROUPS)].sum(axis=1) + ps["remainder"]
    assert (parts - ps["gap"]).abs().max() < 1e-6 * max(1.0, ps["gap"].abs().max())
    means = careless.parts.set_index("part")["mean"]
    assert means[list(LEVER_GROUPS)].sum() + means["remainder"] == pytest.approx(means["gap"])
    assert list(ps.index) == list(SEEDS) and (careless.parts.n == len(SEEDS)).all()


def test_the_gap_is_the_observed_gap_between_the_sellers(careless):
    for seed in (1, 4):
        final = sim.run(CARELESS, seed=seed).final.set_index("seller").cumulative_profit
        assert careless.per_seed.loc[seed, "gap"] == pytest.approx(
            final["seller2"] - final["seller1"])


def test_a_group_the_sellers_share_contributes_nothing_and_a_careless_one_a_clear_part():
    fair = decompose(FAIR, seeds=SEEDS, executor=SerialExecutor())
    assert fair.differs["operations"] == [] and fair.differs["offer"] == []
    assert (fair.per_seed[["operations", "offer"]] == 0).all().all()
    assert not {"operations", "offer"} & set(fair.clear_groups())
    careless = decompose(CARELESS, seeds=SEEDS, executor=SerialExecutor())
    assert careless.differs["operations"] == ["promise_gap", "service_level",
                                              "complaint_handling"]
    ops = careless.parts.set_index("part").loc["operations"]
    assert ops.low > 0  # the honest rival's operations explain part of its lead
    assert "operations" in careless.clear_groups()
    # and the other way round: seller 2 taking seller 1's careless operations widens the gap
    back = decompose(CARELESS, a="seller2", b="seller1", seeds=SEEDS, executor=SerialExecutor())
    assert back.parts.set_index("part").loc["operations", "high"] < 0


def test_contributions_are_averaged_over_every_order(careless):
    """With two groups that differ, each one's part is the mean of its two marginal effects
    (moved first, moved second), from the coalition markets run directly."""
    label, values = resolve(CARELESS)
    seed = 2

    def gap(moved):
        market = coalition_values(values, "seller1", "seller2", moved)
        final = sim.run(market, seed=seed).final.set_index("seller").cumulative_profit
        return final["seller2"] - final["seller1"]

    g0, gs, go, gso = gap(()), gap(("strategy",)), gap(("operations",)), \
        gap(("strategy", "operations"))
    row = careless.per_seed.loc[seed]
    assert row.strategy == pytest.approx(((g0 - gs) + (go - gso)) / 2)
    assert row.operations == pytest.approx(((g0 - go) + (gs - gso)) / 2)
    assert row.remainder == pytest.approx(gso) and row.gap == pytest.approx(g0)


def test_moving_every_group_makes_seller_a_a_copy_of_seller_b():
    _, values = resolve("careless_product")
    copy = coalition_values(values, "seller1", "seller2", LEVER_GROUPS)
    levers = sim.run({**copy, **SMALL}, seed=1, weeks=2).levers.set_index("seller")
    assert levers.loc["seller1"].drop("strategy").equals(levers.loc["seller2"].drop("strategy"))
    assert levers.loc["seller1", "strategy"] == levers.loc["seller2", "strategy"] == "customer"


def test_reproducible_and_the_same_on_any_executor(careless):
    again = decompose(CARELESS, seeds=SEEDS, executor=SerialExecutor(), cache=False)
    pd.testing.assert_frame_equal(again.per_seed, careless.per_seed, check_exact=True)
    with ThreadPoolExecutor(2) as pool:
        threaded = decompose(CARELESS, seeds=SEEDS, executor=pool, cache=False)
    pd.testing.assert_frame_equal(threaded.parts, careless.parts, check_exact=True)


def test_other_outcomes_and_progress():
    calls = []
    d = decompose(FAIR, seeds=[1, 2], outcome="customers_active", executor=SerialExecutor(),
                  progress=lambda i, n: calls.append((i, n)))
    assert d.outcome == "customers_active" and calls[-1] == (16, 16)  # 8 coalitions x 2
    final = sim.run(FAIR, seed=1).final.set_index("seller").customers_active
    assert d.per_seed.loc[1, "gap"] == final["seller2"] - final["seller1"]


@pytest.mark.parametrize("kwargs, words", [
    ({"a": "seller1", "b": "seller1"}, ["b = 'seller1'", "seller2"]),
    ({"a": "seller3"}, ["a = 'seller3'", "seller1, seller2"]),
    ({"outcome": "profits"}, ["outcome = 'profits'", "profit", "cumulative_profit"]),
    ({"seeds": [-1]}, ["-1"]),
])
def test_bad_requests_name_the_value_and_what_is_valid(kwargs, words):
    with pytest.raises(sim.ParameterError) as err:
        decompose(FAIR, **kwargs)
    assert all(w in str(err.value) for w in words), str(err.value)


def test_lesson_5_experiment_3_says_what_the_model_shows():
    """Experiment 3 of lesson 5 states the parts of both decompositions as generated results
    (``l5_parts``, ``l5_fair_parts``: the seeds its two charts use, 1-10; kept fresh by
    tests/test_course_results.py) and these verdicts in words."""
    from pathlib import Path

    import nbformat

    careless = decompose("careless_product", seeds=range(1, 11))
    fair = decompose("head_to_head", seeds=range(1, 11))
    c = careless.parts.set_index("part")
    root = Path(__file__).resolve().parents[1] / "notebooks"
    for path in ("en/05_product_vs_customer.ipynb", "id/05_produk_vs_pelanggan.ipynb"):
        cell = next(x.source for x in nbformat.read(root / path, as_version=4).cells
                    if x.source.startswith(("## Experiment 3", "## Eksperimen 3")))
        for name in ("l5_parts", "l5_fair_parts"):
            assert f"<!-- pasar:result {name} -->" in cell, (path, name)
    assert careless.clear_groups() == ["strategy", "operations"]
    assert c.loc["operations", "low"] < c.loc["strategy", "high"]  # bands overlap
    assert c.loc["offer", "mean"] == 0 and not c.loc["remainder", "clear"]
    assert fair.clear_groups() == ["strategy"]
