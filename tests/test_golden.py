"""Golden runs: seeded tables pinned byte for byte, so a refactor can prove it changed nothing.

Five scenarios, each with its own seed, covering both strategies, the switch, the four-seller
market, gifts, resellers, services and the product range. Every table a run returns (weekly,
market, flows, customers) and its validated parameters are compared as CSV/JSON text with the
files in ``tests/golden/``.

A change that is *meant* to alter the model's numbers regenerates them, in the same commit as
the change and with the reason in the commit message::

    PASAR_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

import sim

GOLDEN = Path(__file__).parent / "golden"
RUNS = [("head_to_head", 1), ("switch", 2), ("crowded_market", 3), ("gift_shop", 4),
        ("reseller_network", 5), ("service_business", 6), ("pizza_shop", 7)]
TABLES = ("weekly", "market", "flows", "customers")


def _texts(scenario: str, seed: int) -> dict[str, str]:
    r = sim.run(scenario, seed=seed)
    out = {name: getattr(r, name).to_csv(index=False) for name in TABLES}
    out["params"] = json.dumps(r.params, sort_keys=True, indent=0, default=str)
    return out


@pytest.mark.parametrize(("scenario", "seed"), RUNS)
def test_seeded_tables_match_the_golden_files(scenario, seed):
    texts = _texts(scenario, seed)
    update = os.environ.get("PASAR_UPDATE_GOLDEN") == "1"
    for name, text in texts.items():
        path = GOLDEN / f"{scenario}_seed{seed}_{name}.{'json' if name == 'params' else 'csv'}.gz"
        if update:
            GOLDEN.mkdir(exist_ok=True)
            # mtime=0: the same table gives the same bytes, so git sees no spurious change
            path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
            continue
        assert path.exists(), f"{path.name} missing: run with PASAR_UPDATE_GOLDEN=1 once"
        want = gzip.decompress(path.read_bytes()).decode("utf-8")
        if text != want:
            got_lines, want_lines = text.splitlines(), want.splitlines()
            first = next((i for i, (a, b) in enumerate(zip(got_lines, want_lines, strict=False))
                          if a != b), min(len(got_lines), len(want_lines)))
            pytest.fail(f"{scenario} seed {seed}: table '{name}' changed at line {first + 1}\n"
                        f"  golden: {want_lines[first] if first < len(want_lines) else '<end>'}\n"
                        f"  now:    {got_lines[first] if first < len(got_lines) else '<end>'}")


def test_golden_files_are_all_used():
    """No stale golden file lies around after a run is removed from RUNS."""
    expected = {f"{s}_seed{n}_{name}.{'json' if name == 'params' else 'csv'}.gz"
                for s, n in RUNS for name in (*TABLES, "params")}
    assert {p.name for p in GOLDEN.glob("*.gz")} == expected
