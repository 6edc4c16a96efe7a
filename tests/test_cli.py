"""The command line: clear one-line errors (never a traceback), checks before any work, and
numbers in the reader's language."""

from __future__ import annotations

import errno
import re

import pytest

import sim
from sim import files
from sim.cli import main
from sim.i18n import languages, t

QUICK = ["--weeks", "2"]


def _error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    prefixes = tuple(t("cli.error", lang, problem="") for lang in languages())
    assert lines[0].startswith(prefixes)  # "error: ", "kesalahan: ", ...
    return lines[0]


def test_unknown_metric_is_a_clear_error(capsys):
    assert main(["compare", "head_to_head", "--metric", "profits", "--seeds", "1", *QUICK]) == 2
    line = _error_line(capsys)
    assert "profits" in line and "cumulative_profit" in line
    assert main(["sweep", "--grid", "seller1.price=50,60", "--metric", "nope", "--seeds", "1",
                 *QUICK, "--lang", "id"]) == 2
    assert "bukan ukuran" in _error_line(capsys)


@pytest.mark.parametrize("group", ["money", "Money", "uang", "Keputusan membeli"])
def test_params_group_accepts_the_printed_names(group, capsys):
    assert main(["params", "--group", group]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) >= 2


@pytest.mark.parametrize("group", ["strategy", "operations", "Operasional", "offer"])
def test_params_group_lists_a_lever_group_from_its_declaration(group, capsys):
    """A lever group prints exactly the levers sim/params.py declares in it."""
    from sim.params import LEVERS

    gid = {"Operasional": "operations"}.get(group, group)
    assert main(["params", "--group", group]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.strip().splitlines()[1:]]
    assert names == [lv.param.name for lv in LEVERS if lv.param.group == gid]


def test_params_unknown_group_lists_the_groups(capsys):
    assert main(["params", "--group", "moneyy", "--lang", "id"]) == 2
    line = _error_line(capsys)
    assert "moneyy" in line and "Uang" in line


@pytest.mark.parametrize("name, word", [("missing/out.csv", "does not exist"),
                                        ("out.txt", ".csv, .json"),
                                        ("afolder", "is a folder")])
def test_out_is_checked_before_any_work(tmp_path, capsys, name, word):
    (tmp_path / "afolder").mkdir()
    assert main(["run", *QUICK, "--out", str(tmp_path / name)]) == 2
    line = _error_line(capsys)
    assert word in line and name.split("/")[0] in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afolder"]


@pytest.mark.parametrize("suffix", [".csv", ".json", ".JSON"])
def test_out_writes_what_the_suffix_says(tmp_path, capsys, suffix):
    out = tmp_path / f"r{suffix}"
    assert main(["compare", "head_to_head", "--seeds", "1", *QUICK, "--out", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("[{") if suffix.lower() == ".json" else text.startswith("variant,")


@pytest.mark.parametrize("code, word", [(errno.EACCES, "permission denied"),
                                        (errno.ENOSPC, "disk is full"),
                                        (errno.EROFS, "read-only")])
def test_every_os_error_is_one_line_naming_the_path(tmp_path, capsys, monkeypatch, code, word):
    def fail(*args, **kwargs):
        raise OSError(code, "simulated")
    monkeypatch.setattr(files.tempfile, "mkstemp", fail)
    out = tmp_path / "results.csv"
    assert main(["run", *QUICK, "--out", str(out)]) == 2
    line = _error_line(capsys)
    assert str(out) in line and word in line
    assert list(tmp_path.iterdir()) == []


def test_os_errors_in_indonesian(tmp_path, capsys, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files.os, "fsync", full)
    assert main(["run", *QUICK, "--out", str(tmp_path / "r.json"), "--lang", "id"]) == 2
    assert "disk penuh" in _error_line(capsys)


def test_a_missing_tournament_folder_is_one_line(tmp_path, capsys):
    assert main(["tournament", str(tmp_path / "nope"), "--seeds", "1"]) == 2
    assert "nope" in _error_line(capsys)


def test_the_tournament_csv_neutralises_formulas(tmp_path, capsys):
    folder = tmp_path / "class"
    sim.tournament.save_strategy("=HYPERLINK(\"x\")", {}, folder=folder)
    sim.tournament.save_strategy("@Rina", {}, strategy="product", folder=folder)
    out = tmp_path / "ranking.csv"
    assert main(["tournament", str(folder), "--seeds", "1", *QUICK, "--jobs", "1",
                 "--out", str(out)]) == 0
    text = out.read_text()
    assert "'=HYPERLINK" in text and "'@Rina" in text
    assert not re.search(r"(^|,)[=@]", text, re.M)


def test_indonesian_numbers_in_the_cli_and_summary(capsys):
    assert main(["run", "--weeks", "8", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"laba -?\d{1,3}(\.\d{3})* ribu rupiah", out)
    assert re.search(r"kepuasan \d,\d\d", out) and re.search(r"retensi \d+,\d%", out)
    english = sim.run("head_to_head", seed=1, weeks=8).summary("en")
    assert re.search(r"satisfaction \d\.\d\d", english)
    assert main(["compare", "head_to_head", "--seeds", "2", *QUICK, "--lang", "id"]) == 0
    table = capsys.readouterr().out
    assert re.search(r"\d,\d\d\b", table) and not re.search(r"\d\.\d\d\b", table)
    assert sim.t("summary.seller", "id", seller="s", strategy="x", profit=3850.4, active=2,
                 people="p", loyal=1, satisfaction=0.714, nps=3, retention=0.714, cac=1234.5,
                 clv=2.0).startswith("s (x): laba 3.850 ribu rupiah")


def test_english_plural_forms():
    text = sim.run("head_to_head", seed=1, weeks=2, n_customers=20).summary("en")
    assert "1 active customer," in text and "0 active customers," in text
    assert "active customers," not in text.replace("0 active customers,", "")


def test_run_writes_the_relationships_table(tmp_path, capsys):
    """--table picks the CSV table; a .json file holds every table, relationships included."""
    import json

    out = tmp_path / "rel.csv"
    assert main(["run", *QUICK, "--table", "relationships", "--out", str(out)]) == 0
    assert out.read_text().startswith("customer_id,seller,heard_via,won_with_discount,")
    doc = tmp_path / "all.json"
    assert main(["run", *QUICK, "--out", str(doc)]) == 0
    data = json.loads(doc.read_text())
    assert {"weekly", "customers", "relationships"} <= set(data) and data["relationships"]


# --- a setting the seller's strategy never reads ------------------------------------------------
def _weekly(**settings):
    return sim.run("head_to_head", seed=2, weeks=30, **settings).weekly


def test_the_settings_called_unused_really_change_nothing():
    """What the note says is what the model does: a switch week for a seller that never
    switches, and targeting for one that never learns its segments, leave every number alone;
    the same targeting with research weeks does change the run (so this test can fail)."""
    plain = _weekly()
    assert _weekly(**{"seller1.switch_week": 5}).equals(plain)
    assert _weekly(**{"seller1.targeting": 0.9}).equals(plain)
    researched = _weekly(**{"seller1.research_weeks": 4})
    assert not _weekly(**{"seller1.research_weeks": 4, "seller1.targeting": 0.9}).equals(
        researched)
    assert not _weekly(**{"seller1.strategy": "switch", "seller1.switch_week": 5}).equals(
        _weekly(**{"seller1.strategy": "switch", "seller1.switch_week": 20}))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_setting_the_strategy_never_uses_is_named(capsys, lang):
    assert main(["run", *QUICK, "--lang", lang, "--set", "seller1.switch_week=10",
                 "--set", "seller1.targeting=0.5"]) == 0
    notes = capsys.readouterr().err.strip().splitlines()
    product = t("strategy.product", lang)
    assert len(notes) == 2 and all(product in line for line in notes)
    assert "seller1.switch_week=10" in notes[0] and "seller1.targeting=0.5" in notes[1]
    assert notes[0] == t("cli.unused.switch_week", lang, name="seller1.switch_week", value=10,
                         seller=1, strategy=product)


def test_no_note_when_the_strategy_uses_the_setting(capsys):
    assert main(["run", *QUICK, "--set", "seller1.strategy=switch",
                 "--set", "seller1.switch_week=10", "--set", "seller2.targeting=0.5"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["sweep", "--grid", "seller1.strategy=product,switch", "--set",
                 "seller1.switch_week=4", "--seeds", "1", *QUICK]) == 0
    notes = capsys.readouterr().err.strip().splitlines()
    assert len(notes) == 1 and t("strategy.product", "en") in notes[0]
    assert main(["compare", "head_to_head", "switch", "--set", "seller1.switch_week=4",
                 "--seeds", "1", *QUICK]) == 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 1  # only head_to_head's
