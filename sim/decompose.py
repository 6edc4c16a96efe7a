"""Which levers made the difference: a gap between two sellers, split over the lever groups.

``decompose("head_to_head", a="seller1", b="seller2", seeds=range(1, 11))`` asks how much of
seller B's lead over seller A each group of levers (:data:`sim.params.LEVER_GROUPS`: strategy,
operations, offer) accounts for. Seller A takes B's settings one group at a time; every
combination of moved groups (a *coalition*) is run over the same seeds (common random numbers),
and the gap ``outcome(B) - outcome(A)`` is recorded for each.

A group's contribution is its Shapley value: how much moving it closes the gap, averaged over
every order in which the groups could be moved (exact: all orders, through the coalition weights
s!(k-s-1)!/k!). The contributions add up, seed by seed and exactly by construction (Shapley's
efficiency), to the observed gap minus the ``remainder``: the gap left when A has all of B's
settings, i.e. two identical sellers in different seats (luck of the seat, about 0 on average).
So ``gap = sum of the groups + remainder`` holds in every seed, and for the means.

Moving a group means A takes B's *settings* for its parameters: a value B set explicitly is
copied, a value B leaves to its strategy is left to A's strategy. The strategy group also moves
the seller's ``strategy`` and ``switch_week``, so a lever left to the strategy moves with the
strategy group. Coalitions that give the same market are run once; a group whose settings are
the same for both sellers therefore contributes exactly 0. Runs go through
:func:`sim.batch.final_rows` (any Executor; a run already made in this process is not made
again).

The model core only: no widgets (``sim.ui.decompose_view`` draws the result).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from itertools import combinations
from math import factorial

import pandas as pd

from .batch import final_rows
from .params import LEVER_GROUPS, LEVERS, ParameterError, check_seed, validate
from .regimes import NO_CLEAR_DIFFERENCE, OUTCOME_COLUMNS, outcomes, verdict
from .runner import band, resolve

SELLER_OWN = ("strategy", "switch_week")  # moved with the strategy group


@dataclass
class Decomposition:
    """A gap between two sellers, split over the lever groups.

    ``parts``: one row per group (in :data:`LEVER_GROUPS` order), then ``remainder`` and
    ``gap``, with columns part, mean, low, high (95% band over seeds), n, clear (the band
    excludes 0). ``per_seed``: the same numbers seed by seed. ``differs``: per group, the
    parameters whose settings differ between the two sellers (empty: the group contributes 0).
    ``strategies``: each of the two sellers' strategy in the market decomposed; ``column``:
    the weekly column ``outcome`` reads (``profit`` is ``cumulative_profit``).
    """

    parts: pd.DataFrame
    per_seed: pd.DataFrame
    a: str
    b: str
    outcome: str
    scenario: str
    differs: dict[str, list[str]] = field(default_factory=dict)
    strategies: dict[str, str] = field(default_factory=dict)
    column: str = "cumulative_profit"

    @property
    def groups(self) -> list[str]:
        return [g for g in self.parts.part if g in LEVER_GROUPS]

    def clear_groups(self) -> list[str]:
        """The groups whose band excludes zero (a contribution the seeds can tell from 0)."""
        rows = self.parts[self.parts.part.isin(LEVER_GROUPS)]
        return rows[rows.clear].part.tolist()


def _seller(name, n_sellers: int, what: str, lang: str, other: str | None = None) -> str:
    """``"seller2"`` (or 2) → ``"seller2"``, checked against the market and the other seller."""
    valid = [f"seller{i}" for i in range(1, n_sellers + 1) if f"seller{i}" != other]
    seller = f"seller{name}" if isinstance(name, int) and not isinstance(name, bool) else name
    if seller not in valid:
        raise ParameterError("error.bad_choice", lang, name=what, value=name,
                             valid=", ".join(valid))
    return seller


def group_params(seller: str) -> dict[str, list[str]]:
    """The parameters of ``seller`` that each lever group moves."""
    out = {g: [f"{seller}.{lv.param.name}" for lv in LEVERS if lv.param.group == g]
           for g in LEVER_GROUPS}
    out["strategy"] = [f"{seller}.{p}" for p in SELLER_OWN] + out["strategy"]
    return out


def coalition_values(values: dict, a: str, b: str, moved: Iterable[str]) -> dict:
    """``values`` with seller ``a`` taking seller ``b``'s settings for the groups ``moved``
    (a lever ``b`` leaves at None stays None: it follows ``a``'s strategy)."""
    full = validate(values)
    out = dict(values)
    ours, theirs = group_params(a), group_params(b)
    for group in moved:
        for mine, yours in zip(ours[group], theirs[group], strict=True):
            out[mine] = full[yours]
    return out


def _weight(size: int, k: int) -> float:
    """Shapley weight of a coalition of ``size`` others out of ``k`` groups."""
    return factorial(size) * factorial(k - size - 1) / factorial(k)


def decompose(spec: str | dict, a: str | int = "seller1", b: str | int = "seller2",
              seeds: Iterable[int] = range(1, 11), outcome: str = "profit",
              weeks: int | None = None, executor: Executor | None = None,
              progress: Callable[[int, int], None] | None = None,
              lang: str = "en", cache: bool = True) -> Decomposition:
    """Split seller ``b``'s lead over seller ``a`` in ``outcome`` over the lever groups.

    Args:
        spec: a scenario name or a dict of parameter values (as for :func:`sim.run`).
        a, b: the two sellers (``"seller1"`` or 1); ``a`` takes ``b``'s settings.
        seeds: the seeds every coalition runs over (the same for all: common random numbers).
        outcome: ``"profit"`` (cumulative profit at the end) or any numeric column of the weekly
            table, read in the last week (:func:`sim.regimes.outcomes`).
        weeks: run length (None: the scenario's).
        executor: any ``concurrent.futures.Executor`` (None: a local process pool).
        progress: ``progress(done, total)`` as runs finish (2^3 coalitions × seeds in all;
            coalitions that are the same market run once).
        cache: reuse runs already made in this process (False: make every run).

    Returns:
        A :class:`Decomposition`; ``gap = sum of the groups + remainder`` in every seed.
    """
    label, values = resolve(spec, lang)
    full = validate(values, lang)
    a = _seller(a, full["n_sellers"], "a", lang)
    b = _seller(b, full["n_sellers"], "b", lang, other=a)
    seeds = [check_seed(s, lang) for s in seeds]
    if not seeds:
        raise ParameterError("error.bad_seed", lang, name="seeds", value=[], valid="1, 2, 3")
    if outcome not in outcomes():  # the outcomes sim.regimes can compare
        raise ParameterError("error.bad_choice", lang, name="outcome", value=outcome,
                             valid=", ".join(outcomes()))
    column = OUTCOME_COLUMNS.get(outcome, outcome)

    k = len(LEVER_GROUPS)
    coalitions = [frozenset(c) for size in range(k + 1) for c in combinations(LEVER_GROUPS, size)]
    horizon = {} if weeks is None else {"weeks": weeks}
    markets = {c: validate(coalition_values(values, a, b, c) | horizon, lang) for c in coalitions}
    points = [(markets[c], seed) for c in coalitions for seed in seeds]
    rows_of = iter(final_rows(points, executor, progress, cache))  # same market: one run
    finals = {}
    for c in coalitions:
        for seed in seeds:
            finals[c, seed] = {r["seller"]: float(r[column]) for r in next(rows_of)}

    rows = []
    for seed in seeds:
        gap = {c: finals[c, seed][b] - finals[c, seed][a] for c in coalitions}
        row = {"seed": seed}
        for g in LEVER_GROUPS:
            row[g] = sum(_weight(len(c), k) * (gap[c] - gap[c | {g}])
                         for c in coalitions if g not in c)
        row["remainder"] = gap[frozenset(LEVER_GROUPS)]
        row["gap"] = gap[frozenset()]
        rows.append(row)
    per_seed = pd.DataFrame(rows).set_index("seed")
    parts = []
    for part in [*LEVER_GROUPS, "remainder", "gap"]:
        mean, low, high = band(per_seed[part])
        parts.append({"part": part, "mean": mean, "low": low, "high": high, "n": len(seeds),
                      "clear": verdict(low, high) != NO_CLEAR_DIFFERENCE})
    ours, theirs = group_params(a), group_params(b)
    differs = {g: [p.split(".", 1)[1] for p, q in zip(ours[g], theirs[g], strict=True)
                   if full[p] != full[q]] for g in LEVER_GROUPS}
    strategies = {s: full[f"{s}.strategy"] for s in (a, b)}
    return Decomposition(pd.DataFrame(parts), per_seed, a, b, outcome, label, differs,
                         strategies, column)


__all__ = ["Decomposition", "coalition_values", "decompose", "group_params"]
