"""Strategies as files, and a class tournament between them (lesson 8).

A learner designs a seller: a strategy (product, customer or switch) plus the levers they moved.
:func:`save_strategy` writes it to ``strategies/<name>.json`` and never overwrites a file (a
second save gets ``<name>_2.json``). A trainer collects the files in one folder and runs
:func:`tournament` (or ``python -m sim tournament strategies/``): every pair meets head to head
in the same market, in both seats, over the same seeds (common random numbers), and the table
ranks them by mean profit with a 95% band and counts wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from .i18n import t
from .params import LEVER_BY_NAME, ParameterError, validate
from .runner import band, resolve, run

FOLDER = "strategies"


class StrategyFileError(ValueError):
    """A strategy file cannot be used; the message names the file and what is wrong."""


@dataclass
class Strategy:
    """One learner's seller: who made it, the strategy and the levers they set."""

    name: str
    strategy: str = "customer"
    levers: dict[str, Any] = field(default_factory=dict)
    switch_week: int | None = None
    source: str = ""

    def as_seller(self, seat: int) -> dict[str, Any]:
        """Parameter values putting this strategy in seller ``seat``'s place."""
        values = {f"seller{seat}.strategy": self.strategy}
        if self.switch_week is not None:
            values[f"seller{seat}.switch_week"] = self.switch_week
        return values | {f"seller{seat}.{k}": v for k, v in self.levers.items()}

    def check(self, lang: str = "en") -> Strategy:
        """Raise ParameterError (naming the lever, value and range) if anything is invalid."""
        if not str(self.name).strip():
            raise ParameterError("error.strategy_name", lang, name="name", value="''",
                                 valid="1 .. 40")
        unknown = [k for k in self.levers if k not in LEVER_BY_NAME]
        if unknown:
            raise ParameterError("error.unknown_param", lang, name=unknown[0],
                                 value=self.levers[unknown[0]],
                                 valid=", ".join(sorted(LEVER_BY_NAME)[:6]) + ", ...")
        validate(self.as_seller(1), lang)
        return self


def file_stem(name: str) -> str:
    """A safe file name from a learner's name: ``"Siti & Budi"`` → ``siti_budi``."""
    stem = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return stem[:40] or "strategy"


def save_strategy(name: str, levers: dict[str, Any], strategy: str = "customer",
                  switch_week: int | None = None, folder: str | Path = FOLDER,
                  lang: str = "en") -> Path:
    """Validate and save; returns the path written. Never overwrites: if ``<name>.json`` is
    taken, writes ``<name>_2.json`` (then ``_3`` ...)."""
    levers = {k.split(".", 1)[1] if k.startswith("seller") else k: v for k, v in levers.items()}
    entry = Strategy(name, strategy, levers, switch_week).check(lang)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"name": entry.name.strip(), "strategy": entry.strategy, "levers": entry.levers,
           "switch_week": entry.switch_week, "saved": datetime.now().isoformat(timespec="seconds")}
    stem = file_stem(name)
    for n in range(1, 10_000):
        path = folder / (f"{stem}.json" if n == 1 else f"{stem}_{n}.json")
        try:
            with path.open("x", encoding="utf-8") as out:  # "x": fails if the file exists
                json.dump(doc, out, ensure_ascii=False, indent=1)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(t("error.file_exists", lang, path=folder / f"{stem}.json"))


def load_strategy(path: str | Path, lang: str = "en") -> Strategy:
    path = Path(path)
    try:
        doc = json.loads(path.read_text("utf-8"))
        entry = Strategy(str(doc["name"]), doc.get("strategy", "customer"),
                         dict(doc.get("levers", {})), doc.get("switch_week"), str(path))
        return entry.check(lang)
    except ParameterError as err:
        raise StrategyFileError(t("error.strategy_file", lang, path=path,
                                  problem=err.message(lang))) from err
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        problem = f"{type(err).__name__}: {err}"
        raise StrategyFileError(t("error.strategy_file", lang, path=path,
                                  problem=problem)) from err


def load_strategies(folder: str | Path = FOLDER, lang: str = "en") -> list[Strategy]:
    """Every ``*.json`` in ``folder``, checked; the first bad file raises StrategyFileError."""
    paths = sorted(Path(folder).glob("*.json"))
    if len(paths) < 2:
        raise StrategyFileError(t("error.strategy_too_few", lang, path=folder, n=len(paths)))
    return [load_strategy(p, lang) for p in paths]


def tournament(entries: str | Path | Iterable[Strategy], seeds: Iterable[int] = range(1, 4),
               weeks: int | None = None, market: str | dict = "head_to_head",
               lang: str = "en") -> pd.DataFrame:
    """Round robin: every pair plays in both seats over the same seeds. Returns one row per
    strategy, best first: games, wins, mean / low / high profit per game."""
    entries = (load_strategies(entries, lang) if isinstance(entries, (str, Path))
               else [e.check(lang) for e in entries])
    _, base = resolve(market)
    base = {k: v for k, v in base.items() if not k.startswith("seller")} | {"n_sellers": 2}
    seeds = list(seeds)
    profits: dict[int, list[float]] = {i: [] for i in range(len(entries))}
    wins = dict.fromkeys(range(len(entries)), 0.0)
    for a, b in combinations(range(len(entries)), 2):
        for first, second in ((a, b), (b, a)):
            values = base | entries[first].as_seller(1) | entries[second].as_seller(2)
            for seed in seeds:
                final = run(values, seed=seed, weeks=weeks, lang=lang).final
                p1, p2 = final.set_index("seller").cumulative_profit[["seller1", "seller2"]]
                profits[first].append(float(p1))
                profits[second].append(float(p2))
                wins[first] += 1.0 if p1 > p2 else 0.5 if p1 == p2 else 0.0
                wins[second] += 1.0 if p2 > p1 else 0.5 if p1 == p2 else 0.0
    rows = []
    for i, entry in enumerate(entries):
        mean, low, high = band(pd.Series(profits[i]))
        rows.append({"name": entry.name, "strategy": entry.strategy, "games": len(profits[i]),
                     "wins": wins[i], "mean_profit": mean, "low": low, "high": high,
                     "file": entry.source})
    table = pd.DataFrame(rows).sort_values(["mean_profit", "wins"], ascending=False)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)


__all__ = ["Strategy", "StrategyFileError", "load_strategies", "save_strategy", "tournament"]
