"""The public interface: run, compare, sweep, params, scenarios, errors, exports, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

import sim
from sim.cli import main as cli_main
from sim.customers import STAGES
from sim.params import MARKET, PARAMS, ParameterError
from sim.runner import SerialExecutor

WEEKLY_COLUMNS = {
    "week", "seller", "strategy", "revenue", "costs", "profit", "cumulative_profit",
    "customers_active", "customers_acquired", "customers_lost", "retention_rate",
    "satisfaction_mean", "nps", "review_score", "cac", "clv_estimate", "market_share",
    "referrals", "stage_new", "stage_growing", "stage_loyal", "stage_lost"}
CUSTOMER_COLUMNS = {
    "customer_id", "trait", "role", "stage", "seller", "acquisition_channel", "tenure_weeks",
    "purchases", "lifetime_revenue", "lifetime_margin", "satisfaction", "loyalty"}


def test_run_returns_the_promised_tables():
    r = sim.run("head_to_head", seed=1, weeks=20)
    assert WEEKLY_COLUMNS <= set(r.weekly.columns)
    assert CUSTOMER_COLUMNS <= set(r.customers.columns)
    assert len(r.weekly) == 20 * 2 and len(r.customers) == 300
    assert {f"stage_{s}" for s in STAGES} <= set(r.market.columns)
    assert set(r.weekly.strategy) == {"product", "customer"}


def test_same_seed_same_numbers_and_network():
    a = sim.run("head_to_head", seed=7, weeks=30, keep_model=True)
    b = sim.run("head_to_head", seed=7, weeks=30, keep_model=True)
    pd.testing.assert_frame_equal(a.weekly, b.weekly)
    pd.testing.assert_frame_equal(a.customers, b.customers)
    edges = [[n.unique_id for n in c.neighbours] for c in a.model.customer_list]
    assert edges == [[n.unique_id for n in c.neighbours] for c in b.model.customer_list]
    c = sim.run("head_to_head", seed=8, weeks=30)
    assert not a.weekly.equals(c.weekly)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_bad_values_name_the_parameter_value_and_range(lang):
    with pytest.raises(ParameterError) as err:
        sim.run("head_to_head", need_rate=2)
    assert "need_rate" in str(err.value) and "2" in str(err.value) and "0.01 .. 1" in str(
        err.value)
    with pytest.raises(ParameterError) as err:
        sim.run({"seller2.strategy": "magic"}, lang=lang)
    assert "seller2.strategy" in str(err.value) and "magic" in str(err.value)
    assert "product | customer | switch" in str(err.value)
    with pytest.raises(ParameterError) as err:
        sim.run({"n_customers": 12.5}, lang=lang)
    assert "n_customers" in str(err.value)
    with pytest.raises(ParameterError) as err:
        sim.run("no_such_scenario", lang=lang)
    assert "no_such_scenario" in str(err.value) and "head_to_head" in str(err.value)
    with pytest.raises(ParameterError) as err:
        sim.run({"share_impulsive": 0.7, "share_thrifty": 0.6}, lang=lang)
    assert "1.3" in str(err.value)


def test_error_messages_exist_in_both_languages():
    err = ParameterError("error.out_of_range", "en", name="weeks", value=0, valid="1 .. 520")
    assert err.message("id") != err.message("en") and "weeks" in err.message("id")


def test_every_parameter_is_declared_with_both_languages_and_a_sane_default():
    for p in PARAMS.values():
        for what in ("label", "help"):
            assert p.text(what, "en").strip() and p.text(what, "id").strip(), p.name
            assert p.text(what, "en") != p.text(what, "id"), p.name
        if p.default is not None:
            assert p.validate(p.default) == p.default, p.name
        sim.t(f"unit.{p.unit}", "id")
        sim.t(f"group.{p.group}", "id")
    assert len(MARKET) >= 40


def test_params_and_scenarios_tables_in_both_languages():
    en, id_ = sim.params("en"), sim.params("id")
    assert list(en.name) == list(id_.name) and (en.help != id_.help).all()
    assert len(sim.scenarios()) >= 8
    for name in ("head_to_head", "diffusion", "switch", "over_promiser", "discount_war",
                 "research_pays", "crowded_market", "beginner"):
        assert name in set(sim.scenarios("id").name)


@pytest.mark.parametrize("name", sorted(sim.SCENARIOS))
def test_every_scenario_runs_and_balances(name):
    r = sim.run(name, seed=1, weeks=12)
    assert not r.weekly.isna().any().any()
    stages = r.market[[f"stage_{s}" for s in STAGES]].sum(axis=1)
    assert (stages == r.params["n_customers"]).all()


def test_exports_never_overwrite(tmp_path):
    r = sim.run("beginner", seed=1, weeks=5)
    csv = r.to_csv(tmp_path / "run.csv")
    before = csv.read_text()
    with pytest.raises(FileExistsError):
        sim.run("head_to_head", seed=2, weeks=5).to_csv(csv)
    assert csv.read_text() == before
    doc = json.loads(r.to_json(tmp_path / "run.json").read_text())
    assert doc["seed"] == 1 and len(doc["weekly"]) == 5 and len(doc["customers"]) == 300
    r.to_csv(csv, force=True)


def test_compare_uses_common_seeds_and_gives_bands():
    table = sim.compare({"pc": {"seller1.strategy": "product", "n_sellers": 1},
                         "cc": {"seller1.strategy": "customer", "n_sellers": 1}},
                        seeds=[1, 2, 3], weeks=10, executor=ThreadPoolExecutor(2))
    final = table[(table.week == 9) & (table.metric == "cumulative_profit")]
    assert set(final.variant) == {"pc", "cc"} and (final.n == 3).all()
    assert (final["low"] <= final["mean"]).all() and (final["mean"] <= final["high"]).all()
    runs = sim.compare(["beginner"], seeds=[1, 2], weeks=4, runs=True)
    alone = sim.run("beginner", seed=2, weeks=4).weekly
    assert runs[runs.seed == 2].cumulative_profit.tolist() == alone.cumulative_profit.tolist()


def test_sweep_runs_a_grid_on_any_executor_with_progress():
    seen = []
    table = sim.sweep({"seller1.switch_week": [0, 8]}, seeds=[1, 2], base="switch", weeks=12,
                      executor=ThreadPoolExecutor(2), progress=lambda i, n: seen.append((i, n)))
    assert len(table) == 2 * 2 * 2  # grid points × seeds × sellers
    assert seen[-1] == (4, 4) and set(table["seller1.switch_week"]) == {0, 8}
    default_pool = sim.sweep({"need_rate": [0.2]}, seeds=[1], weeks=3)
    assert len(default_pool) == 2
    with pytest.raises(ParameterError):
        sim.sweep({"need_rate": [0.2, 7]}, seeds=[1], weeks=3)


def test_twenty_thousand_customers_run():
    r = sim.run("head_to_head", seed=1, weeks=3, n_customers=20000)
    assert r.market.iloc[-1][[f"stage_{s}" for s in STAGES]].sum() == 20000


def test_cli_run_prints_a_summary_in_either_language(capsys):
    assert cli_main(["run", "--scenario", "head_to_head", "--weeks", "10", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert "berpusat pada pelanggan" in out and "laba" in out


def test_cli_refuses_bad_values_and_overwrites(tmp_path, capsys):
    assert cli_main(["run", "--set", "need_rate=3"]) == 2
    assert "need_rate" in capsys.readouterr().err
    out = tmp_path / "r.csv"
    assert cli_main(["run", "--weeks", "3", "--out", str(out)]) == 0
    first = out.read_text()
    assert cli_main(["run", "--weeks", "4", "--out", str(out)]) == 2
    assert out.read_text() == first
    assert cli_main(["run", "--weeks", "4", "--out", str(out), "--force"]) == 0


def test_cli_lists_compares_and_sweeps(capsys):
    assert cli_main(["params", "--lang", "id", "--group", "money"]) == 0
    assert "Biaya" in capsys.readouterr().out
    assert cli_main(["scenarios"]) == 0
    assert "diffusion" in capsys.readouterr().out
    assert cli_main(["compare", "beginner", "twins", "--seeds", "2", "--weeks", "5"]) == 0
    assert "twins" in capsys.readouterr().out
    assert cli_main(["sweep", "--scenario", "switch", "--grid", "seller1.switch_week=0,4",
                     "--seeds", "1", "--weeks", "6"]) == 0


def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "sim", "run", "--scenario", "beginner",
                           "--weeks", "5"], capture_output=True, text=True, check=True)
    assert "seller1" in done.stdout


def test_compare_and_sweep_accept_markets_with_resellers():
    """The fail-fast check validates the real values (a tiny stand-in market used to reject
    ten agents as too many for ten people)."""
    table = sim.compare({"agents": "reseller_network"}, seeds=[1], weeks=2)
    assert not table.empty
    rows = sim.sweep({"seller2.agent_support": [0, 5]}, seeds=[1], base="reseller_network",
                     weeks=2, executor=SerialExecutor())
    assert len(rows) == 4
