"""Lesson 8's strategy files and the class tournament."""

from __future__ import annotations

import json

import pytest

from sim.cli import main as cli_main
from sim.params import ParameterError
from sim.tournament import (
    Strategy,
    StrategyFileError,
    load_strategies,
    load_strategy,
    save_strategy,
    tournament,
)


def test_saving_never_overwrites(tmp_path):
    first = save_strategy("Siti & Budi", {"price": 55}, folder=tmp_path)
    second = save_strategy("Siti & Budi", {"price": 60}, folder=tmp_path)
    assert first.name == "siti_budi.json" and second.name == "siti_budi_2.json"
    assert json.loads(first.read_text())["levers"] == {"price": 55}
    assert json.loads(second.read_text())["levers"] == {"price": 60}


@pytest.mark.parametrize("lang, word", [("en", "outside the valid range"),
                                        ("id", "di luar")])
def test_a_bad_lever_is_refused_before_anything_is_written(tmp_path, lang, word):
    with pytest.raises(ParameterError) as err:
        save_strategy("Ana", {"promise_gap": 3}, folder=tmp_path, lang=lang)
    assert "promise_gap" in str(err.value) and "3" in str(err.value)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ParameterError, match="flavour"):
        save_strategy("Ana", {"flavour": 1}, folder=tmp_path)


def test_a_broken_file_is_named(tmp_path):
    save_strategy("Good", {}, folder=tmp_path)
    (tmp_path / "bad.json").write_text(json.dumps({"name": "Bad", "levers": {"price": -4}}))
    with pytest.raises(StrategyFileError) as err:  # only one usable file is left
        load_strategies(tmp_path)
    assert "bad.json" in str(err.value) and "price" in str(err.value)
    with pytest.raises(StrategyFileError) as err:
        load_strategy(tmp_path / "bad.json")
    assert "bad.json" in str(err.value) and "price" in str(err.value)
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(StrategyFileError, match="bad.json"):
        load_strategy(tmp_path / "bad.json")


def test_round_robin_is_fair_and_reproducible():
    honest = Strategy("honest", "customer")
    wasteful = Strategy("wasteful", "customer", {"ad_reach": 0.3, "promise_gap": 0.5,
                                                 "acquisition_discount": 0.6})
    plain = Strategy("plain", "product")
    table = tournament([wasteful, honest, plain], seeds=[1, 2], weeks=30)
    again = tournament([wasteful, honest, plain], seeds=[1, 2], weeks=30)
    assert table.equals(again)
    assert set(table.games) == {8}  # 2 opponents × 2 seats × 2 seeds
    assert table.wins.sum() == 3 * 2 * 2  # one win (or two halves) per game
    assert table.iloc[-1]["name"] == "wasteful"  # buying every customer at a loss ranks last
    assert list(table["rank"]) == [1, 2, 3]


def test_cli_tournament(tmp_path, capsys):
    save_strategy("Rina", {}, strategy="customer", folder=tmp_path)
    save_strategy("Dimas", {}, strategy="product", folder=tmp_path)
    out = tmp_path / "ranking.csv"
    assert cli_main(["tournament", str(tmp_path), "--seeds", "1", "--weeks", "20",
                     "--out", str(out)]) == 0
    assert "Rina" in capsys.readouterr().out and out.exists()
    assert cli_main(["tournament", str(tmp_path), "--seeds", "1", "--out", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    (tmp_path / "x.json").write_text("[]")  # left out and named; the others still play
    assert cli_main(["tournament", str(tmp_path), "--seeds", "1", "--weeks", "5",
                     "--lang", "id", "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "x.json" in captured.err and "bukan strategi" in captured.err
    assert "rina.json" in captured.out  # the printed table names the file too
