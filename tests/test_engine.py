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
