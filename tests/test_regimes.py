"""The regime map (sim.regimes) and the batch runner under it (sim.batch): the same numbers on
any executor, paired seeds, honest verdicts, a cache that makes a rerun free, clear errors."""

from __future__ import annotations

import ast
import time
from concurrent.futures import Executor
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import sim
from sim import batch
from sim.params import ParameterError, validate
from sim.regimes import A_WINS, B_WINS, NO_CLEAR_DIFFERENCE, verdict
from sim.runner import SerialExecutor, band

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SMALL = {"scenario": "head_to_head", "n_customers": 60, "weeks": 16}
GRID = {"x": ("wom_rate", [0.1, 0.6]), "y": ("need_rate", [0.15, 0.35])}


class Refusing(Executor):
    """An executor that fails the test if any run is sent to it."""

    def submit(self, fn, *args, **kwargs):
        raise AssertionError("a run was made although every result was cached")


class Counting(SerialExecutor):
    def __init__(self):
        self.jobs = 0

    def submit(self, fn, *args, **kwargs):
        self.jobs += 1
        return super().submit(fn, *args, **kwargs)


def test_an_executor_map_equals_a_serial_one_exactly():
    serial = sim.regimes(SMALL, **GRID, seeds=[1, 2, 3], executor=SerialExecutor(), cache=False)
    with batch.process_pool(2) as pool:
        pooled = sim.regimes(SMALL, **GRID, seeds=[1, 2, 3], executor=pool, cache=False)
    pd.testing.assert_frame_equal(serial, pooled)
    assert serial.attrs == pooled.attrs
    assert len(serial) == 4 and set(serial.verdict) <= {A_WINS, B_WINS, NO_CLEAR_DIFFERENCE}


def test_a_dask_clients_executor_runs_the_same_map():
    distributed = pytest.importorskip("distributed")
    serial = sim.regimes(SMALL, **GRID, seeds=[1, 2], executor=SerialExecutor(), cache=False)
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=None) as client:
        dask = sim.regimes(SMALL, **GRID, seeds=[1, 2], executor=client.get_executor(),
                           cache=False)
    pd.testing.assert_frame_equal(serial, dask)


def test_a_cached_rerun_makes_no_run_and_gives_the_same_map():
    batch.CACHE.clear()
    seen = []
    first = sim.regimes(SMALL, **GRID, seeds=[4, 5], executor=SerialExecutor(),
                        progress=lambda i, n: seen.append((i, n)))
    assert seen[0] == (0, 8) and seen[-1] == (8, 8)
    start = time.perf_counter()
    again = sim.regimes(SMALL, **GRID, seeds=[4, 5], executor=Refusing())
    assert time.perf_counter() - start < 2.0  # no simulation: table work only
    pd.testing.assert_frame_equal(first, again)
    other_outcome = sim.regimes(SMALL, **GRID, seeds=[4, 5], outcome="customers_active",
                                executor=Refusing())
    assert not other_outcome["mean"].equals(first["mean"])


def test_the_disk_cache_is_read_back_and_a_damaged_pack_is_ignored(tmp_path):
    store = batch.RunCache()
    store.use_folder(tmp_path)
    values = validate({"n_customers": 40, "weeks": 5})
    rows = batch.final_weeks(values, 3, [5])[0]
    store.put_many({batch.run_key(values, 3): rows})
    packs = list((tmp_path / batch.fingerprint()).glob("*.json"))
    assert len(packs) == 1
    (packs[0].parent / "broken.json").write_text("{not json", "utf-8")
    fresh = batch.RunCache()
    fresh.use_folder(tmp_path)
    assert fresh.get(batch.run_key(values, 3)) == rows
    assert fresh.get(batch.run_key(values, 4)) is None


def test_the_key_changes_with_any_parameter_and_the_seed():
    base = validate({})
    keys = {batch.run_key(base, 1), batch.run_key(base, 2),
            batch.run_key(base | {"wom_rate": 0.31}, 1)}
    assert len(keys) == 3 and batch.run_key(dict(base), 1) == batch.run_key(base, 1)


def test_each_cell_is_the_paired_difference_of_the_sellers_runs():
    table = sim.regimes(SMALL, **GRID, seeds=[1, 2, 3], executor=SerialExecutor())
    per_seed = sim.regimes(SMALL, **GRID, seeds=[1, 2, 3], runs=True, executor=Refusing())
    cell = table.iloc[3]
    differences = []
    for seed in (1, 2, 3):
        final = sim.run(SMALL, seed=seed, wom_rate=cell.wom_rate,
                        need_rate=cell.need_rate).final.set_index("seller").cumulative_profit
        differences.append(final["seller1"] - final["seller2"])
    mean, low, high = band(pd.Series(differences))
    assert (cell["mean"], cell["low"], cell["high"]) == pytest.approx((mean, low, high), abs=1e-9)
    assert cell.verdict == verdict(low, high)
    mine = per_seed[(per_seed.wom_rate == cell.wom_rate) & (per_seed.need_rate == cell.need_rate)]
    assert mine.difference.tolist() == pytest.approx(differences)


def test_a_horizon_axis_reads_one_simulation_at_each_horizon():
    counting = Counting()
    table = sim.regimes(SMALL, x=("wom_rate", [0.3]), y=("weeks", [4, 9, 16]), seeds=[1, 2],
                        executor=counting, cache=False)
    assert counting.jobs == 2  # one simulation per seed, read at weeks 4, 9 and 16
    for _, cell in table.iterrows():
        alone = [sim.run(SMALL, seed=s, weeks=int(cell.weeks)).final.cumulative_profit.iloc[0]
                 for s in (1, 2)]
        assert cell.a_mean == pytest.approx(sum(alone) / 2, abs=1e-9)


def test_two_versions_of_one_seller_run_twice_per_seed_and_identical_ones_tie():
    counting = Counting()
    table = sim.regimes(SMALL, **GRID, a="switch", b="customer", seeds=[1, 2],
                        executor=counting, cache=False)
    assert counting.jobs == 4 * 2 * 2  # cells × seeds × sides
    assert table.attrs["a_strategy"] == "switch" and table.attrs["b_strategy"] == "customer"
    same = sim.regimes(SMALL, **GRID, a={"seller1.price": 50}, b={"seller1.price": 50.0},
                       seeds=[1, 2, 3], executor=SerialExecutor())
    assert (same["mean"] == 0).all() and (same.verdict == NO_CLEAR_DIFFERENCE).all()


def test_verdicts_follow_the_band():
    assert verdict(0.1, 5) == A_WINS and verdict(-5, -0.1) == B_WINS
    assert verdict(-1, 1) == NO_CLEAR_DIFFERENCE and verdict(0.0, 0.0) == NO_CLEAR_DIFFERENCE


@pytest.mark.parametrize(("kwargs", "named"), [
    ({"x": ("no_such_thing", [1, 2])}, "no_such_thing"),
    ({"x": ("need_rate", [0.2, 0.3])}, "need_rate"),  # on both axes
    ({"x": ("wom_rate", [0.1, 7])}, "wom_rate"),
    ({"x": "wom_rate"}, "wom_rate"),
    ({"seeds": [1]}, "seeds"),
    ({"outcome": "happiness"}, "happiness"),
    ({"a": "seller1", "b": "customer"}, "seller1"),
    ({"a": "seller3"}, "seller3"),
    ({"a": "maybe"}, "maybe"),
    ({"a": {"wom_rate": 0.2}, "b": {}}, "wom_rate"),
])
def test_bad_maps_are_refused_naming_the_culprit(kwargs, named):
    args = {**GRID, "seeds": [1, 2], **kwargs}
    with pytest.raises(ParameterError) as err:
        sim.regimes(SMALL, **args, executor=Refusing())
    assert named in str(err.value) and named in err.value.message("id")


# --- what lessons 5 and 7 say about their maps (the same calls, seeds and grids) ------------

def notebook_map(path: Path) -> pd.DataFrame:
    """The regime map a notebook shows, computed from its ``ui.regime_map`` call's arguments."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and "regime_map(" in cell.source:
            call = ast.parse(cell.source).body[0].value
            kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords
                      if kw.arg != "lang"}
            seeds = kwargs.pop("seeds")
            return sim.regimes(ast.literal_eval(call.args[0]), **kwargs,
                               seeds=range(1, seeds + 1) if isinstance(seeds, int) else seeds)
    raise AssertionError(f"{path.name} shows no regime map")


@pytest.mark.parametrize("lang_name", ["en/05_product_vs_customer", "id/05_produk_vs_pelanggan"])
def test_lesson_5_map_the_fad_keeps_the_product_centric_lead_longer(lang_name):
    table = notebook_map(NOTEBOOKS / f"{lang_name}.ipynb")
    by_week = {week: cells.set_index("novelty_weight") for week, cells in table.groupby("weeks")}
    for week in (13, 26):  # a quarter and half a year: product-centric ahead in every column
        assert (by_week[week].verdict == A_WINS).all()
    year = by_week[52].verdict
    strongest = year.index.max()
    assert year[strongest] == A_WINS  # a year: still ahead where novelty pulls hardest...
    assert (year.drop(strongest) == NO_CLEAR_DIFFERENCE).all()  # ...elsewhere no clear winner
    two_years = by_week[104]
    assert (two_years.verdict == NO_CLEAR_DIFFERENCE).all()  # two years: open everywhere,
    weakest = two_years.index.min()
    assert two_years.loc[weakest, "mean"] < 0 < two_years.loc[strongest, "mean"]  # means split
    leads = table[table.verdict == A_WINS].groupby("novelty_weight").size().reindex(
        sorted(set(table.novelty_weight)), fill_value=0)
    assert leads.is_monotonic_increasing and leads.iloc[-1] > leads.iloc[0]  # fad: lead lasts


@pytest.mark.parametrize("lang_name", ["en/07_when_to_switch", "id/07_kapan_beralih"])
def test_lesson_7_map_starting_customer_centric_is_never_behind(lang_name):
    table = notebook_map(NOTEBOOKS / f"{lang_name}.ipynb")
    assert table.attrs["a_strategy"] == "switch" and table.attrs["b_strategy"] == "customer"
    assert (table["mean"] < 0).all() and not (table.verdict == A_WINS).any()
    assert (table[table.n_segments == 3].verdict == B_WINS).all()  # varied needs: clearly
    assert (table[table.n_segments == 1].verdict == NO_CLEAR_DIFFERENCE).all()  # alike: noisy
