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
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from .files import (
    UntrustedFileError,
    file_stem,
    load_json_untrusted,
    numbered,
    printable,
    write_first_free,
)
from .i18n import t
from .params import LEVER_BY_NAME, ParameterError, validate
from .runner import band, resolve, run

FOLDER = "strategies"
STEM = "strategy"  # a file name for a learner's name with no letter or digit in it


MAX_FILE_BYTES = 64_000  # a strategy file is a few hundred bytes
MAX_JSON_DEPTH = 6  # {"levers": {...}} needs 2
MAX_NAME = 40
DOC_KEYS = {"name", "strategy", "levers", "switch_week", "saved"}
ANSWERS_KIND = "pasar.answers"  # a learner's answers in the class folder (not a strategy)


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
        check_name(self.name, lang)
        if not isinstance(self.levers, dict):
            raise ParameterError("error.bad_choice", lang, name="levers",
                                 value=type(self.levers).__name__, valid="{...}")
        unknown = [k for k in self.levers if k not in LEVER_BY_NAME]
        if unknown:
            raise ParameterError("error.unknown_param", lang, name=printable(unknown[0]),
                                 value=printable(self.levers[unknown[0]]),
                                 valid=", ".join(sorted(LEVER_BY_NAME)[:6]) + ", ...")
        validate(self.as_seller(1), lang)
        return self


def check_name(name: Any, lang: str = "en") -> str:
    """A strategy's name: 1-40 printable characters (no control codes); else ParameterError."""
    text = name.strip() if isinstance(name, str) else ""
    if not text or len(text) > MAX_NAME or not text.isprintable():
        if isinstance(name, str) and not name.strip():
            raise ParameterError("error.strategy_name", lang, name="name", value="''",
                                 valid=f"1 .. {MAX_NAME}")
        raise ParameterError("error.strategy_name_bad", lang, value=printable(name),
                             limit=MAX_NAME)
    return text


def save_strategy(name: str, levers: dict[str, Any], strategy: str = "customer",
                  switch_week: int | None = None, folder: str | Path = FOLDER,
                  lang: str = "en") -> Path:
    """Validate and save; returns the path written. Never overwrites: if ``<name>.json`` is
    taken, writes ``<name>_2.json`` (then ``_3`` ...), also when several save at once."""
    levers = {k.split(".", 1)[1] if k.startswith("seller") else k: v for k, v in levers.items()}
    entry = Strategy(name, strategy, levers, switch_week).check(lang)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"name": entry.name.strip(), "strategy": entry.strategy, "levers": entry.levers,
           "switch_week": entry.switch_week, "saved": datetime.now().isoformat(timespec="seconds")}
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return write_first_free(numbered(folder, file_stem(name, STEM), (".json",)), [text], lang)[0]


def _problem(path: Path, lang: str, problem: str) -> StrategyFileError:
    return StrategyFileError(t("error.strategy_file", lang, path=printable(path.name, 80),
                               problem=problem))


def is_other_pasar_file(doc: Any) -> bool:
    """A file Pasar wrote that is not a strategy: a table the tournament (or the CLI's --out)
    wrote earlier, or a learner's answers sent to the class (:mod:`sim.course.classroom`),
    which may share the folder."""
    if isinstance(doc, dict):
        return doc.get("kind") == ANSWERS_KIND
    return (isinstance(doc, list) and bool(doc) and isinstance(doc[0], dict)
            and {"rank", "mean_profit"} <= set(doc[0]))


def load_strategy(path: str | Path, lang: str = "en") -> Strategy:
    """One strategy file, read as untrusted input (regular file, size and depth capped,
    schema-checked); StrategyFileError names the file and the reason in ``lang``."""
    path = Path(path)
    try:
        doc = load_json_untrusted(path, MAX_FILE_BYTES, MAX_JSON_DEPTH, lang)
    except UntrustedFileError as err:
        raise _problem(path, lang, err.reason) from err
    return _parse(path, doc, lang)


def _parse(path: Path, doc: Any, lang: str) -> Strategy:
    """Check a parsed strategy document against the schema and the parameter ranges."""
    if not isinstance(doc, dict):
        raise _problem(path, lang, t("error.strategy_not_object", lang))
    extra = sorted(str(k) for k in doc if k not in DOC_KEYS)
    if extra or "name" not in doc:
        raise _problem(path, lang, t("error.strategy_keys", lang,
                                     keys=printable(", ".join(extra) or "-"),
                                     valid=", ".join(sorted(DOC_KEYS))))
    try:
        switch = doc.get("switch_week")
        if isinstance(switch, bool) or not isinstance(switch, (int, float, type(None))):
            raise ParameterError("error.not_a_number", lang, name="switch_week",
                                 value=printable(switch), valid="0 ..")
        entry = Strategy(doc["name"], doc.get("strategy", "customer"), doc.get("levers", {}),
                         switch, str(path))
        entry.name = check_name(entry.name, lang)
        if not isinstance(entry.strategy, str):
            raise ParameterError("error.bad_choice", lang, name="strategy",
                                 value=printable(entry.strategy), valid="product, customer, switch")
        return entry.check(lang)
    except ParameterError as err:
        raise _problem(path, lang, err.message(lang)) from err
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as err:
        raise _problem(path, lang, printable(f"{type(err).__name__}: {err}", 120)) from err


def is_candidate(path: Path) -> bool:
    """A file the tournament looks at: ``*.json``, not hidden (``._x.json``, ``.x.json``)."""
    return path.suffix.lower() == ".json" and not path.name.startswith((".", "~"))


def collect(folder: str | Path = FOLDER, lang: str = "en", market: str | dict | None = None,
            ) -> tuple[list[Strategy], list[str]]:
    """Every usable strategy in ``folder`` and one message per file left out (file name and
    reason, in ``lang``). With ``market``, each is also checked in both seats of that market.
    Never raises for a bad file; a missing or unreadable folder raises OSError."""
    folder = Path(folder)
    entries, problems = [], []
    base = market_values(market, lang) if market is not None else None
    for path in sorted(p for p in folder.iterdir() if is_candidate(p)):
        try:
            try:
                doc = load_json_untrusted(path, MAX_FILE_BYTES, MAX_JSON_DEPTH, lang)
            except UntrustedFileError as err:
                raise _problem(path, lang, err.reason) from err
            if is_other_pasar_file(doc):
                continue
            entry = parse_strategy(path, doc, lang, base)
        except StrategyFileError as err:
            problems.append(str(err))
            continue
        entries.append(entry)
    _unique_names(entries)
    return entries, problems


def parse_strategy(path: Path, doc: Any, lang: str = "en", market: dict | None = None,
                   ) -> Strategy:
    """A parsed strategy document checked against the schema and the parameter ranges, and in
    both seats of ``market`` (values from :func:`market_values`) if given; StrategyFileError
    names the file and the reason."""
    entry = _parse(path, doc, lang)
    if market is not None:
        _check_in_market(entry, market, lang)
    return entry


def _check_in_market(entry: Strategy, base: dict, lang: str) -> None:
    try:
        for seat in (1, 2):
            validate(base | entry.as_seller(seat), lang)
    except ParameterError as err:
        raise _problem(Path(entry.source or entry.name), lang, err.message(lang)) from err


def _unique_names(entries: list[Strategy]) -> None:
    """Give a repeated name a visible suffix: ``Rina``, ``Rina (2)``, ``Rina (3)``."""
    seen: dict[str, int] = {}
    taken = {e.name.casefold() for e in entries}
    for entry in entries:
        key = entry.name.casefold()
        if key not in seen:
            seen[key] = 1
            continue
        n = seen[key]
        while True:
            n += 1
            candidate = f"{entry.name} ({n})"
            if candidate.casefold() not in taken:
                break
        seen[key] = n
        taken.add(candidate.casefold())
        entry.name = candidate


def load_strategies(folder: str | Path = FOLDER, lang: str = "en") -> list[Strategy]:
    """Every usable ``*.json`` in ``folder`` (bad files are left out; see :func:`collect`).
    StrategyFileError if fewer than two are usable."""
    entries, problems = collect(folder, lang)
    if len(entries) < 2:
        raise StrategyFileError("\n".join([*problems, t("error.strategy_too_few", lang,
                                                          path=folder, n=len(entries))]))
    return entries


def market_values(market: str | dict, lang: str = "en") -> dict:
    """The tournament's market: ``market``'s values without its sellers, for two players."""
    _, base = resolve(market, lang)
    return {k: v for k, v in base.items() if not k.startswith("seller")} | {"n_sellers": 2}


def _play(values: dict, seed: int, weeks: int | None) -> tuple[float, float]:
    """Top-level (picklable) worker: one game's final profits of seat 1 and seat 2."""
    final = run(values, seed=seed, weeks=weeks).final
    p1, p2 = final.set_index("seller").cumulative_profit[["seller1", "seller2"]]
    return float(p1), float(p2)


def tournament(entries: str | Path | Iterable[Strategy], seeds: Iterable[int] = range(1, 4),
               weeks: int | None = None, market: str | dict = "head_to_head",
               lang: str = "en", executor: Executor | None = None,
               progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Round robin: every pair plays in both seats over the same seeds. Returns one row per
    strategy, best first: games, wins, mean / low / high profit per game, file.

    A folder is read as untrusted input: files that cannot be used are left out and listed in
    ``table.attrs["problems"]``; a game that fails is skipped and listed (with its pair) in
    ``table.attrs["failed"]``. Games run on ``executor`` (default: in this process);
    ``progress(done, total)`` is called after each game."""
    base = market_values(market, lang)
    problems: list[str] = []
    if isinstance(entries, (str, Path)):
        folder = entries
        entries, problems = collect(folder, lang, market)
    else:
        folder = "-"
        entries = [replace(e).check(lang) for e in entries]
        for e in entries:
            _check_in_market(e, base, lang)
        _unique_names(entries)
    if len(entries) < 2:
        raise StrategyFileError("\n".join([*problems, t("error.strategy_too_few", lang,
                                                          path=folder, n=len(entries))]))
    seeds = list(seeds)
    games, failed = [], []
    for a, b in combinations(range(len(entries)), 2):
        for first, second in ((a, b), (b, a)):
            values = base | entries[first].as_seller(1) | entries[second].as_seller(2)
            try:
                validate(values, lang)
            except ParameterError as err:
                failed.append(t("tournament.game_failed", lang, first=entries[first].name,
                                second=entries[second].name, seed="*",
                                problem=err.message(lang)))
                continue
            games += [(first, second, values, seed) for seed in seeds]
    results = _play_all(games, weeks, executor, progress)
    profits: dict[int, list[float]] = {i: [] for i in range(len(entries))}
    wins = dict.fromkeys(range(len(entries)), 0.0)
    for (first, second, _, seed), outcome in zip(games, results, strict=True):
        if isinstance(outcome, BaseException):
            failed.append(t("tournament.game_failed", lang, first=entries[first].name,
                            second=entries[second].name, seed=seed,
                            problem=printable(f"{type(outcome).__name__}: {outcome}", 120)))
            continue
        p1, p2 = outcome
        profits[first].append(p1)
        profits[second].append(p2)
        wins[first] += 1.0 if p1 > p2 else 0.5 if p1 == p2 else 0.0
        wins[second] += 1.0 if p2 > p1 else 0.5 if p1 == p2 else 0.0
    rows = []
    for i, entry in enumerate(entries):
        mean, low, high = band(pd.Series(profits[i], dtype=float))
        rows.append({"name": entry.name, "strategy": entry.strategy, "games": len(profits[i]),
                     "wins": wins[i], "mean_profit": mean, "low": low, "high": high,
                     "file": printable(Path(entry.source).name, 80) if entry.source else ""})
    table = pd.DataFrame(rows).sort_values(["mean_profit", "wins"], ascending=False,
                                           na_position="last", kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    table = table.reset_index(drop=True)
    table.attrs["problems"], table.attrs["failed"] = problems, failed
    return table


def _play_all(games: list[tuple], weeks: int | None, executor: Executor | None,
              progress: Callable[[int, int], None] | None) -> list:
    """Each game's (p1, p2), or the exception that stopped it (the others still run)."""
    results: list = [None] * len(games)
    if executor is None:  # in this process, one by one
        for i, (_, _, values, seed) in enumerate(games):
            try:
                results[i] = _play(values, seed, weeks)
            except Exception as err:  # reported with its pair by the caller
                results[i] = err
            if progress:
                progress(i + 1, len(games))
        return results
    futures = [executor.submit(_play, values, seed, weeks) for _, _, values, seed in games]
    index = {fut: i for i, fut in enumerate(futures)}
    for done, fut in enumerate(as_completed(futures), 1):
        try:
            results[index[fut]] = fut.result()
        except Exception as err:  # reported with its pair by the caller
            results[index[fut]] = err
        if progress:
            progress(done, len(futures))
    return results


__all__ = ["ANSWERS_KIND", "Strategy", "StrategyFileError", "collect", "is_other_pasar_file",
           "load_strategies", "market_values", "parse_strategy", "save_strategy", "tournament"]
