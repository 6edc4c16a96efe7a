"""sim.decompose.decompose_versions: the gap between two versions of one seller (each in its own
market) split over the lever groups, through the same Shapley core as the two-seller case; and
lesson 9's use of it for a calibrated shop (sim.question.difference)."""

from __future__ import annotations

import pandas as pd
import pytest

import sim
from sim.batch import SerialExecutor
from sim.decompose import coalition_values, decompose, decompose_versions, resolved, shapley
from sim.params import LEVER_GROUPS, LEVERS
from sim.runner import resolve

SMALL = {"n_customers": 150, "weeks": 52}
SEEDS = range(1, 7)
PRODUCT = {**SMALL, "seller1.strategy": "product"}
CUSTOMER = {**SMALL, "seller1.strategy": "customer"}


@pytest.fixture(scope="module")
def styles():
    """Seller 1 run product-centric (A) or customer-centric (B) in the default market."""
    return decompose_versions(PRODUCT, CUSTOMER, seeds=SEEDS, executor=SerialExecutor(),
                              names=("product", "customer"))


def final_profit(values: dict, seed: int, seller: str = "seller1") -> float:
    return float(sim.run(values, seed=seed).final.set_index("seller").cumulative_profit[seller])


def test_the_parts_and_remainder_add_up_to_the_gap_in_every_seed(styles):
    ps = styles.per_seed
    total = ps[list(LEVER_GROUPS)].sum(axis=1) + ps["remainder"]
    assert (total - ps["gap"]).abs().max() < 1e-6 * max(1.0, ps["gap"].abs().max())
    assert list(ps.index) == list(SEEDS) and (styles.parts.n == len(SEEDS)).all()
    means = styles.parts.set_index("part")["mean"]
    assert means[list(LEVER_GROUPS)].sum() + means["remainder"] == pytest.approx(means["gap"])


def test_the_gap_is_the_observed_gap_between_the_versions(styles):
    for seed in (1, 5):
        assert styles.per_seed.loc[seed, "gap"] == pytest.approx(
            final_profit(CUSTOMER, seed) - final_profit(PRODUCT, seed))


def test_versions_that_differ_only_in_their_strategy_leave_no_remainder(styles):
    """Once both strategies are written out as lever values, A with every group of B's is B:
    the same runs, so nothing is left over, exactly."""
    assert (styles.per_seed["remainder"] == 0).all()


def test_a_group_equal_in_both_versions_contributes_exactly_zero(styles):
    assert styles.differs["operations"] == []
    assert (styles.per_seed["operations"] == 0).all()
    # versions that differ only in an operations lever: every other group is exactly 0
    careless = {**PRODUCT, "seller1.promise_gap": 0.15}
    ops = decompose_versions(careless, PRODUCT, seeds=[1, 2, 3], executor=SerialExecutor())
    assert ops.differs == {"strategy": [], "operations": ["promise_gap"], "offer": []}
    assert (ops.per_seed[["strategy", "offer", "remainder"]] == 0).all().all()
    assert (ops.per_seed["operations"] == ops.per_seed["gap"]).all()
    assert (ops.per_seed["gap"] != 0).all()


def test_each_strategy_is_resolved_to_its_effective_lever_values():
    """Without resolving, every bundle value would ride on the strategy's label (the strategy
    group). Resolved, a bundle difference in another group is moved by that group: a service
    business's staff (2 product-centric, 4 customer-centric) is part of the offer."""
    values = resolved(CUSTOMER)
    run = sim.run(CUSTOMER, seed=1, weeks=2).levers.set_index("seller").loc["seller1"]
    for lever in LEVERS:
        assert values[f"seller1.{lever.param.name}"] == run[lever.param.name], lever.param.name
    service = {"seller1.offering": "service"}
    d = decompose_versions(PRODUCT | service, CUSTOMER | service, seeds=[1, 2, 3],
                           executor=SerialExecutor())
    assert "staff" in d.differs["offer"]
    assert (d.per_seed["offer"] != 0).all()  # four staff cost more than two, in every seed
    with pytest.raises(sim.ParameterError) as err:
        resolved({**SMALL, "seller1.strategy": "switch"})
    assert "switch" in str(err.value)


def test_the_shapley_values_are_the_order_averaged_marginal_effects():
    """The shared core: for a game with two groups that matter, each one's value is the mean
    of its two marginal effects; they sum to the gap closed."""
    s, o, f = frozenset({"strategy"}), frozenset({"operations"}), frozenset({"offer"})
    gap = {frozenset(): 10.0, s: 4.0, o: 7.0, s | o: 0.0}
    gap |= {c | f: v for c, v in gap.items()}  # the offer moves nothing
    values = shapley(gap)
    assert values["strategy"] == pytest.approx(((10 - 4) + (7 - 0)) / 2)
    assert values["operations"] == pytest.approx(((10 - 7) + (4 - 0)) / 2)
    assert values["offer"] == 0 and sum(values.values()) == pytest.approx(10)


def test_a_version_decomposition_agrees_in_direction_with_the_two_seller_one():
    """Cross-check: in careless_product, seller 1 (product-centric, over-promising) against
    seller 2 (customer-centric, honest). As two sellers, seller 2's lead split over the groups;
    as two versions of seller 1, seller 1 as it is against seller 1 with all of seller 2's
    settings. The markets differ (a copy of seller 2 faces seller 2), so the sizes differ, but
    every group that either split can tell from zero points the same way in both."""
    _, values = resolve("careless_product")
    values |= SMALL
    two = decompose(values, seeds=SEEDS, executor=SerialExecutor())
    copy = coalition_values(values, "seller1", "seller2", LEVER_GROUPS)
    ver = decompose_versions(values, copy, seeds=SEEDS, executor=SerialExecutor())
    a, b = two.parts.set_index("part"), ver.parts.set_index("part")
    told = [g for g in LEVER_GROUPS if a.loc[g, "clear"] or b.loc[g, "clear"]]
    assert "operations" in told
    for group in told:
        assert a.loc[group, "mean"] * b.loc[group, "mean"] > 0, group
    # the careless operations are set explicitly, so both see the same ones differ
    assert two.differs["operations"] == ver.differs["operations"] != []


def test_same_seeds_same_numbers(styles):
    again = decompose_versions(PRODUCT, CUSTOMER, seeds=SEEDS, executor=SerialExecutor(),
                               names=("product", "customer"), cache=False)
    pd.testing.assert_frame_equal(again.per_seed, styles.per_seed, check_exact=True)
    pd.testing.assert_frame_equal(again.parts, styles.parts, check_exact=True)


def test_bad_requests_name_the_value():
    with pytest.raises(sim.ParameterError) as err:
        decompose_versions(PRODUCT, CUSTOMER, seller="seller3")
    assert "seller3" in str(err.value)
    with pytest.raises(sim.ParameterError):
        decompose_versions(PRODUCT, CUSTOMER, seeds=[])


# --- lesson 9: a calibrated shop --------------------------------------------------------------

@pytest.fixture(scope="module")
def ratna():
    from sim.question import difference, example_calibration

    cal = example_calibration("batik")
    return cal, difference(cal)


def test_a_shop_s_decomposition_is_its_head_to_head_split_in_its_money(ratna):
    """The gap is exactly the head to head's customer-centric minus product-centric profit,
    seed by seed, in the shop's money (the head to head's seeds)."""
    from sim.question import head_to_head

    cal, d = ratna
    runs = head_to_head(cal).runs.pivot(index="seed", columns="choice", values="profit")
    assert list(d.per_seed.index) == list(runs.index)
    gap = runs["customer"] - runs["product"]
    assert (d.per_seed["gap"] - gap).abs().max() < 1e-6 * gap.abs().max()
    assert d.currency == "IDR" and d.versions and d.label("customer", "id") == \
        "Berpusat pada pelanggan"


def test_bu_ratna_s_gap_is_her_strategy_s(ratna):
    """Lesson 9, experiment 2's "Why?" and the guide: her operations are the same in both
    versions and the offer levers that differ (staff, lock-in, agent support) do nothing in a
    one-line batik shop without agents, so both add exactly zero; the strategy's part is clear.
    (The numbers are the generated block ``l9_ratna_parts``.)"""
    _, d = ratna
    assert d.differs["operations"] == [] and d.differs["offer"] == ["staff", "bundle",
                                                                    "agent_support"]
    assert (d.per_seed[["operations", "offer", "remainder"]] == 0).all().all()
    assert d.clear_groups() == ["strategy"]
    assert "ad_reach" not in d.differs["strategy"]  # her ad budget is hers in both


def test_the_lesson_s_sentence_and_the_chart_s_summary_name_the_same_clear_groups(ratna):
    pytest.importorskip("ipywidgets")
    from sim.course.stated import RESULTS
    from sim.ui.decompose import describe

    _, d = ratna
    for lang, clear, strategy in (("en", "Parts whose band excludes zero", "Strategy"),
                                  ("id", "Bagian yang pitanya tidak mencakup nol", "Strategi")):
        said, shown = RESULTS["l9_ratna_parts"].render(lang), describe(d, lang)
        assert clear in said and clear in shown
        assert strategy.lower() in said.split(clear)[1].split(".")[0].lower()
        assert shown.split(clear)[1].startswith(f": {strategy} +Rp")
        assert "Rp" in said
