"""Save a run's data for a spreadsheet: CSV (weekly table) and JSON (everything), never
overwriting: a clear name (scenario_seed_timestamp) and a suffix when the name is taken."""

from __future__ import annotations

import re
import tempfile
from datetime import datetime
from pathlib import Path

from ..files import numbered, write_first_free
from ..runner import RunResult


def export_name(scenario: str, seed: int, when: datetime | None = None) -> str:
    """``head_to_head_seed1_20250101-093000`` (letters, digits, _ and - only)."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", scenario).strip("-") or "custom"
    return f"{safe}_seed{seed}_{stamp}"


def export_run(result: RunResult, folder: str | Path = "exports", name: str | None = None,
               when: datetime | None = None, lang: str = "en") -> tuple[Path, Path]:
    """Write ``<name>.csv`` and ``<name>.json`` into ``folder``; if either exists, try
    ``<name>_2``, ``<name>_3`` ... Returns the two paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    base = name or export_name(result.scenario, result.seed, when)
    # both texts from this one result, then linked into place together under a free stem
    with tempfile.TemporaryDirectory(dir=folder, prefix=".export-") as tmp:
        csv, js = result.to_csv(Path(tmp) / "x.csv"), result.to_json(Path(tmp) / "x.json")
        data = [csv.read_bytes(), js.read_bytes()]
    return write_first_free(numbered(folder, base, (".csv", ".json"), limit=1000), data,
                            lang)
