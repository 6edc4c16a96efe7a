"""Writes that never lose data (sim.files): no file is ever replaced, nothing half-written is
left behind, and several processes saving to one name at once lose and mix nothing."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import sim
from sim import files
from sim.tournament import save_strategy
from sim.ui.export import export_run

REPO = Path(__file__).resolve().parents[1]
WRITERS = 5


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_write_new_never_replaces(tmp_path):
    path = files.write_new(tmp_path / "a.csv", "first")
    with pytest.raises(FileExistsError) as err:
        files.write_new(path, "second")
    assert str(path) in str(err.value) and "[Errno" not in str(err.value)
    assert path.read_text() == "first" and _leftovers(tmp_path) == []
    files.write_new(path, "third", force=True)  # only force replaces, atomically
    assert path.read_text() == "third" and _leftovers(tmp_path) == []


def test_a_folder_is_refused_by_name(tmp_path):
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(IsADirectoryError, match="out.csv"):
        files.write_new(tmp_path / "out.csv", "x")
    with pytest.raises(IsADirectoryError, match="out.csv"):
        files.write_new(tmp_path / "out.csv", "x", force=True)
    assert _leftovers(tmp_path) == []


def test_a_full_disk_leaves_nothing_behind(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(OSError) as err:
        save_strategy("Ana", {"price": 55}, folder=tmp_path)
    assert err.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []  # no 0-byte strategy, no temporary file


def test_without_hard_links_it_still_never_replaces(tmp_path, monkeypatch):
    def no_link(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")  # FAT USB stick
    monkeypatch.setattr(files.os, "link", no_link)
    first = save_strategy("Ana", {"price": 55}, folder=tmp_path)
    second = save_strategy("Ana", {"price": 60}, folder=tmp_path)
    assert (first.name, second.name) == ("ana.json", "ana_2.json")
    assert json.loads(first.read_text())["levers"] == {"price": 55}
    assert _leftovers(tmp_path) == []


def test_csv_cells_that_look_like_formulas_are_neutralised():
    frame = pd.DataFrame({"name": ["=SUM(A1)", "+1", "-x", "@me", "\tx", "\rx", "Rina"],
                          "profit": [-1.5, 2, 3, 4, 5, 6, 7]})
    safe = files.csv_safe(frame)
    assert list(safe.name) == ["'=SUM(A1)", "'+1", "'-x", "'@me", "'\tx", "'\rx", "Rina"]
    assert list(safe.profit) == list(frame.profit)  # numbers stay numbers


# --- several processes at once ------------------------------------------------------------------

RACER = r"""
import json, os, sys, time
from pathlib import Path
kind, folder, me, go = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
from sim import files
from sim.tournament import save_strategy
import sim
if kind == "export":
    from sim.ui.export import export_run
    result = sim.run("head_to_head", seed=me, weeks=3)
(go.parent / f"ready-{go.name}-{me}").touch()
while not go.exists():
    time.sleep(0.001)
try:
    if kind == "write":
        files.write_new(folder / "results.csv", (f"writer {me}\n" * 20000))
        print(json.dumps({"me": me, "saved": "results.csv"}))
    elif kind == "strategy":
        path = save_strategy("Siti", {"price": 40 + me}, folder=folder)
        print(json.dumps({"me": me, "saved": path.name}))
    else:
        csv, js = export_run(result, folder, name="class")
        print(json.dumps({"me": me, "saved": [csv.name, js.name]}))
except FileExistsError:
    print(json.dumps({"me": me, "saved": None}))
"""


def _race(kind: str, folder: Path) -> list[dict]:
    go = folder.parent / f"go-{kind}"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    procs = [subprocess.Popen([sys.executable, "-c", RACER, kind, str(folder), str(i), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO, env=env) for i in range(1, WRITERS + 1)]
    deadline = time.monotonic() + 240
    while len(list(go.parent.glob(f"ready-{go.name}-*"))) < WRITERS:  # all imported, waiting
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs)
        time.sleep(0.05)
    go.touch()
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        assert p.returncode == 0, stderr
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


@pytest.fixture
def race_dir(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def test_racing_writers_one_wins_and_the_file_is_whole(race_dir):
    reports = _race("write", race_dir)
    winners = [r["me"] for r in reports if r["saved"]]
    assert len(winners) == 1, reports  # everyone else was told the name is taken
    assert (race_dir / "results.csv").read_text() == f"writer {winners[0]}\n" * 20000
    assert sorted(p.name for p in race_dir.iterdir()) == ["results.csv"]


def test_racing_strategy_saves_all_land_in_their_own_file(race_dir):
    reports = _race("strategy", race_dir)
    names = [r["saved"] for r in reports]
    assert None not in names and len(set(names)) == WRITERS
    for r in reports:
        assert json.loads((race_dir / r["saved"]).read_text())["levers"] == {"price": 40 + r["me"]}
    assert _leftovers(race_dir) == []


def test_racing_exports_keep_each_csv_with_its_own_json(race_dir):
    reports = _race("export", race_dir)
    stems = {Path(r["saved"][0]).stem for r in reports}
    assert len(stems) == WRITERS
    for r in reports:
        csv, js = (race_dir / name for name in r["saved"])
        assert csv.stem == js.stem
        doc = json.loads(js.read_text())
        assert doc["seed"] == r["me"]  # the pair comes from this writer's run
        weekly = pd.read_csv(csv)
        assert list(weekly.cumulative_profit) == pytest.approx(
            [row["cumulative_profit"] for row in doc["weekly"]])
    assert _leftovers(race_dir) == []


def test_export_in_one_process_picks_the_next_free_name(tmp_path):
    result = sim.run("head_to_head", seed=1, weeks=2)
    (tmp_path / "x.json").write_text("{}")  # half a pair blocks the stem
    csv, js = export_run(result, tmp_path, name="x")
    assert (csv.name, js.name) == ("x_2.csv", "x_2.json")
    assert (tmp_path / "x.json").read_text() == "{}"


def test_saved_files_are_readable_by_others_like_any_file(tmp_path):
    """A learner's file in a shared class folder must be readable by the trainer (the
    temporary file it starts as is private)."""
    new = files.write_new(tmp_path / "a.json", "{}")
    replaced = files.write_new(tmp_path / "a.json", "[]", force=True)
    assert new == replaced and stat.S_IMODE(os.stat(new).st_mode) == files.FILE_MODE


@pytest.mark.parametrize(("name", "stem"), [
    ("Siti & Budi", "siti_budi"), ("Warung Bu Siti", "warung_bu_siti"),
    ("  Toko-2 (baru)  ", "toko_2_baru"), ("Kopi Ñoño", "kopi_o_o"),
    ("!!!", "fallback"), ("", "fallback"), ("a" * 50, "a" * 40)])
def test_one_rule_names_every_learners_file(name, stem):
    """Shops, strategies and class answers are named by one rule: ASCII letters and digits,
    every other run one underscore, at most 40 characters, a fallback when nothing is left."""
    assert files.file_stem(name, "fallback") == stem
