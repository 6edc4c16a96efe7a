"""Save a run's data for a spreadsheet: CSV (weekly table) and JSON (everything), never
overwriting: a clear name (scenario_seed_timestamp) and a suffix when the name is taken."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from ..i18n import t
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
    base = name or export_name(result.scenario, result.seed, when)
    for n in range(1, 1000):
        stem = base if n == 1 else f"{base}_{n}"
        csv, js = folder / f"{stem}.csv", folder / f"{stem}.json"
        if csv.exists() or js.exists():
            continue
        try:
            result.to_csv(csv)
            result.to_json(js)
        except FileExistsError:  # someone took the name meanwhile: try the next
            continue
        return csv, js
    raise FileExistsError(t("error.no_free_name", lang, name=base, path=folder))
