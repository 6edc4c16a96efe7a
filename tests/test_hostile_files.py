"""A class tournament that no file can break: every learner file is untrusted input."""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import sim.tournament as tour
from sim.tournament import Strategy, StrategyFileError, collect, save_strategy, tournament

QUICK = {"seeds": [1], "weeks": 4}


def _strategy(folder, file, **doc):
    (folder / file).write_text(json.dumps({"levers": {}, **doc}))


@pytest.fixture
def class_folder(tmp_path):
    save_strategy("Rina", {}, folder=tmp_path)
    save_strategy("Dimas", {"price": 50}, strategy="product", folder=tmp_path)
    return tmp_path


def _left_out(problems, file):
    return [p for p in problems if file in p]


def test_hostile_files_are_left_out_with_a_reason_and_the_rest_play(class_folder):
    f = class_folder
    os.mkfifo(f / "pipe.json")  # would hang a plain open()
    os.symlink("/dev/zero", f / "zero.json")  # would exhaust memory
    os.symlink(f / "rina.json", f / "link.json")  # even a link to a good file
    (f / "big.json").write_bytes(b" " * 300_000)
    (f / "deep.json").write_text("[" * 5000 + "]" * 5000)  # RecursionError in json.loads
    (f / "latin.json").write_bytes(b'{"name": "\xe9"}')
    (f / "list.json").write_text("[1, 2]")
    (f / "extra.json").write_text(json.dumps({"name": "X", "levers": {}, "evil": 1}))
    _strategy(f, "long.json", name="x" * 41)
    _strategy(f, "escape.json", name="\x1b[2J\x1b[HHacked")
    _strategy(f, "number.json", name=12)
    _strategy(f, "lever.json", name="L", levers={"price": [1, 2]})
    _strategy(f, "switch.json", name="S", strategy="switch", switch_week="soon")
    _strategy(f, "huge.json", name="H", levers={"price": 1e999})
    os.mkdir(f / "folder.json")
    table = tournament(f, **QUICK)
    assert set(table.name) == {"Rina", "Dimas"}
    problems = table.attrs["problems"]
    for file in ("pipe", "zero", "link", "big", "deep", "latin", "list", "extra", "long",
                 "escape", "number", "lever", "switch", "huge", "folder"):
        assert len(_left_out(problems, f"{file}.json")) == 1, (file, problems)
    assert all("\x1b" not in p for p in problems)  # a projected terminal stays intact
    assert "\\x1b" in _left_out(problems, "escape.json")[0]


def test_problems_are_in_the_trainers_language(class_folder):
    os.mkfifo(class_folder / "pipe.json")
    (class_folder / "big.json").write_bytes(b" " * 300_000)
    _, problems = collect(class_folder, lang="id")
    assert all("tidak bisa dipakai" in p for p in problems) and len(problems) == 2


def test_dotfiles_and_own_outputs_are_skipped_silently(class_folder):
    (class_folder / "._rina.json").write_bytes(b"\x00\x05\x16\x07 mac resource fork")
    (class_folder / ".hidden.json").write_text("{}")
    table = tournament(class_folder, **QUICK)
    (class_folder / "results.json").write_text(table.to_json(orient="records"))
    (class_folder / "results.csv").write_text(table.to_csv())
    again = tournament(class_folder, **QUICK)
    assert again.attrs["problems"] == [] and len(again) == 2


def test_names_are_checked_and_duplicates_get_a_visible_suffix(tmp_path):
    for _ in range(3):
        save_strategy("Rina", {}, folder=tmp_path)
    _strategy(tmp_path, "other.json", name="rina (2)")
    entries, problems = collect(tmp_path)
    assert problems == []
    names = [e.name for e in entries]
    assert len(set(n.casefold() for n in names)) == 4 and "Rina" in names
    with pytest.raises(tour.ParameterError):
        save_strategy("x" * 41, {}, folder=tmp_path)
    with pytest.raises(tour.ParameterError):
        save_strategy("Ana\x07", {}, folder=tmp_path)


def test_every_file_is_checked_in_the_tournaments_market(tmp_path):
    save_strategy("Rina", {}, folder=tmp_path)
    save_strategy("Dimas", {}, strategy="product", folder=tmp_path)
    save_strategy("Agents", {"agents": 40}, folder=tmp_path)  # fine in the default market
    small = {"scenario": "head_to_head", "n_customers": 60}  # at most 30 resellers here
    table = tournament(tmp_path, market=small, **QUICK)
    assert "Agents" not in set(table.name)
    assert _left_out(table.attrs["problems"], "agents.json")


def test_a_pair_that_cannot_meet_is_reported_by_name_and_skipped(tmp_path):
    a, b = Strategy("A", levers={"agents": 20}), Strategy("B", levers={"agents": 20})
    c = Strategy("C")
    table = tournament([a, b, c], market={"scenario": "head_to_head", "n_customers": 60},
                       **QUICK)
    failed = table.attrs["failed"]
    assert len(failed) == 2 and all("A" in f and "B" in f for f in failed)
    assert dict(zip(table.name, table.games, strict=True)) == {"A": 2, "B": 2, "C": 4}


def test_a_failing_game_is_reported_with_its_pair_and_the_rest_go_on(monkeypatch):
    real = tour._play

    def flaky(values, seed, weeks):
        if values.get("seller1.price") == 77 and seed == 2:
            raise RuntimeError("boom")
        return real(values, seed, weeks)
    monkeypatch.setattr(tour, "_play", flaky)
    entries = [Strategy("Seven", "product", {"price": 77}), Strategy("Plain")]
    table = tournament(entries, seeds=[1, 2], weeks=4)
    assert table.attrs["failed"] == [
        "Game Seven vs Plain (seed 2) was skipped: RuntimeError: boom"]
    assert set(table.games) == {3}


def test_games_run_on_any_executor_with_progress():
    entries = [Strategy("A"), Strategy("B", "product"), Strategy("C", levers={"price": 60})]
    calls, lock = [], threading.Lock()

    def progress(done, total):
        with lock:
            calls.append((done, total))
    with ThreadPoolExecutor(2) as pool:
        parallel = tournament(entries, seeds=[1, 2], weeks=6, executor=pool, progress=progress)
    serial = tournament(entries, seeds=[1, 2], weeks=6)
    assert parallel.equals(serial)
    assert calls[-1] == (12, 12) and len(calls) == 12


def test_too_few_usable_files_names_them(tmp_path):
    save_strategy("Rina", {}, folder=tmp_path)
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(StrategyFileError) as err:
        tournament(tmp_path, **QUICK)
    assert "bad.json" in str(err.value) and "1" in str(err.value)
