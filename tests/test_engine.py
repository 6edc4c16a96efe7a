"""One run engine: ``sim.run`` and the dashboard's live run give the same tables."""

from __future__ import annotations

import pandas as pd
import pytest

import sim
from sim.engine import Simulation
from sim.params import validate
from sim.runner import resolve


@pytest.mark.parametrize(("scenario", "seed"), [("switch", 2), ("reseller_network", 5)])
def test_a_live_run_stepped_week_by_week_gives_the_tables_of_sim_run(scenario, seed):
    from sim.ui.live import LiveRun

    whole = sim.run(scenario, seed=seed)
    name, values = resolve(scenario)
    live = LiveRun(values, seed, name)
    weeks = 0
    while not live.done:
        weeks += live.advance(live.week + 1)
        snap = live.snapshot()
        assert snap.week == live.week == weeks
        assert len(snap.people) == live.params["n_customers"]
    got = live.result()
    for table in ("weekly", "market", "flows", "customers", "network"):
        pd.testing.assert_frame_equal(getattr(got, table), getattr(whole, table), check_exact=True)
    assert got.params == whole.params
    assert (got.seed, got.scenario) == (whole.seed, whole.scenario)


def test_the_snapshot_holds_tables_only():
    live = Simulation(resolve("head_to_head")[1], seed=1)
    live.advance(10)
    snap = live.snapshot()
    assert not hasattr(snap, "model")
    for table in (snap.weekly, snap.market, snap.flows, snap.people, snap.network):
        assert isinstance(table, pd.DataFrame)
    assert snap.people.ring.tolist() == list(range(len(snap.people)))
    assert set(snap.people.stage) <= set(sim.customers.STAGES)
    degree = snap.params["network_degree"]
    assert len(snap.network) == snap.n_customers * degree // 2  # Watts-Strogatz keeps edges
    assert (snap.network.customer_id < snap.network.friend_id).all()


def test_values_already_checked_are_not_checked_again(monkeypatch):
    import sim.model

    values = validate(resolve("head_to_head")[1])

    def refuse(*_args, **_kwargs):
        raise AssertionError("validated twice")

    monkeypatch.setattr(sim.model, "validate", refuse)
    assert Simulation(values, seed=1, checked=True).params == values


def test_every_chart_draws_from_the_tables_alone():
    pytest.importorskip("plotly")
    pytest.importorskip("ipywidgets")
    from sim.ui.charts import CHART_CLASSES, NETWORK_MAX_NODES

    live = Simulation(resolve("switch")[1], seed=2)
    live.advance(40)
    snap = live.snapshot()
    charts = {key: cls(snap) for key, cls in CHART_CLASSES.items()}
    network = charts["network"].figure
    drawn = sum(len(trace.x) for trace in network.data[1:])
    assert drawn == min(NETWORK_MAX_NODES, snap.n_customers)
    assert len(network.data[0].x) == 3 * len(snap.network)  # all 300 people fit: every edge
    marks = charts["profit"].figure.layout.shapes
    assert [m.x0 for m in marks] == [snap.params["seller1.switch_week"]]


# --- what each seller actually played with ------------------------------------------------------

def test_levers_has_one_row_per_seller_with_every_lever():
    from sim.params import LEVER_BY_NAME, LEVER_GROUPS, levers_in

    r = sim.run("careless_product", seed=1, weeks=5)
    assert list(r.levers.seller) == ["seller1", "seller2"]
    assert (r.levers.skill == 1.0).all()  # learning by doing is off by default
    assert set(LEVER_BY_NAME) <= set(r.levers.columns)
    row = r.levers.set_index("seller")
    # the careless seller's operations as its scenario sets them; the rival's from its bundle
    assert row.loc["seller1", ["promise_gap", "service_level", "complaint_handling"]].tolist() \
        == [0.15, 0.2, 0.1]
    for lever in ("ad_reach", "targeting", "research_weeks", "launch_every"):
        assert row.loc["seller2", lever] == LEVER_BY_NAME[lever].customer
    # the default head-to-head: strategies differ, operations are the same (issue 11)
    fair = sim.run("head_to_head", seed=1, weeks=5).levers.set_index("seller")
    assert (fair.loc["seller1", levers_in("operations")]
            == fair.loc["seller2", levers_in("operations")]).all()
    assert (fair.loc["seller1", levers_in("strategy")]
            != fair.loc["seller2", levers_in("strategy")]).any()
    assert list(LEVER_GROUPS) == ["strategy", "operations", "offer"]


def test_levers_show_a_switch_seller_before_and_after_its_switch():
    from sim.params import LEVER_BY_NAME

    values = {**resolve("switch")[1], "seller1.switch_week": 3, "seller1.ad_reach": 0.2}
    live = Simulation(values, seed=2)
    live.advance(2)
    before = live.result().levers.set_index("seller").loc["seller1"]
    live.advance(4)
    after = live.result().levers.set_index("seller").loc["seller1"]
    assert (before.phase, after.phase) == ("product", "customer")
    assert before.research_weeks == LEVER_BY_NAME["research_weeks"].product
    assert after.research_weeks == LEVER_BY_NAME["research_weeks"].customer
    assert before.ad_reach == after.ad_reach == 0.2  # set explicitly: survives the switch


def test_levers_show_how_much_of_its_operations_a_learning_seller_manages():
    live = Simulation({**resolve("head_to_head")[1], "learning_half_life": 20}, seed=1)
    live.advance(8)
    skill = live.result().levers.set_index("seller").skill
    assert ((0 < skill) & (skill < 1)).all()
    assert skill.to_dict() == {s.name: s.skill for s in live.model.sellers}


def test_a_closing_shop_lets_its_customers_go_in_a_fixed_order(monkeypatch):
    """A shop's customers are a set, whose order follows memory addresses; a closing shop lets
    them go by id, so each leaving (a flow between stages) is booked in the same order every
    run (hypothesis once found two equal runs whose flows tables differed)."""
    from sim.customers import Customer

    sim_ = Simulation(resolve("head_to_head")[1], seed=3)
    sim_.advance(30)
    seller = sim_.model.sellers[0]
    assert len(seller.customers) > 8  # enough that a set's order is not the id order
    order = []
    monkeypatch.setattr(Customer, "leave",
                        lambda self, for_good=False, reason=None: order.append(self.unique_id))
    seller.close()
    assert order == sorted(c.unique_id for c in seller.customers)
