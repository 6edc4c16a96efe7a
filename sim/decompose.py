"""Which levers made the difference: a gap split over the lever groups, in two settings.

* **Two sellers in one market** (:func:`decompose`): ``decompose("head_to_head", a="seller1",
  b="seller2", seeds=range(1, 11))`` asks how much of seller B's lead over seller A each group
  of levers (:data:`sim.params.LEVER_GROUPS`: strategy, operations, offer) accounts for. Seller A
  takes B's settings one group at a time, and the gap ``outcome(B) - outcome(A)`` is recorded in
  each market.
* **Two versions of one seller** (:func:`decompose_versions`): the same shop run one way
  (version A, e.g. product-centric) or another (version B, customer-centric), each in its own
  market. First each version's levers are *resolved*: what its strategy does is written out as
  explicit values (:func:`resolved`, the values ``RunResult.levers`` records), so that a lever a
  strategy sets is moved by its own group, not by the strategy's label. Version A then takes
  B's values one group at a time, and the gap ``outcome(B) - outcome(A with the groups moved)``
  is recorded.

Both go through one core. Every combination of moved groups (a *coalition*) is run over the same
seeds (common random numbers). A group's contribution is its Shapley value: how much moving it
closes the gap, averaged over every order in which the groups could be moved (exact: all
orders, through the coalition weights s!(k-s-1)!/k!). The contributions add up, seed by seed and
exactly by construction (Shapley's efficiency), to the observed gap minus the ``remainder``: the
gap left when A has all of B's settings. For two sellers that is two identical sellers in
different seats (luck of the seat, about 0 on average); for two versions it is whatever differs
outside the lever groups (0 when the versions differ only in their levers, as a strategy does).
So ``gap = sum of the groups + remainder`` holds in every seed, and for the means.

Moving a group in the two-seller case means A takes B's *settings* for its parameters: a value B
set explicitly is copied, a value B leaves to its strategy is left to A's strategy. The strategy
group also moves the seller's ``strategy`` and ``switch_week``, so a lever left to the strategy
moves with the strategy group. Coalitions that give the same market are run once; a group whose
settings (for versions: effective values) are the same in A and B therefore contributes exactly
0. Runs go through :func:`sim.batch.final_rows` (any Executor; a run already made in this
process is not made again).

The model core only: no widgets (``sim.ui.decompose_view`` and ``sim.ui.shop_difference`` draw
the result).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from itertools import combinations
from math import factorial
from typing import Any

import pandas as pd

from .batch import final_rows
from .i18n import t
from .params import LEVER_GROUPS, LEVERS, ParameterError, check_seed, seller_levers, validate
from .phase import SWITCH, phase_of
from .regimes import NO_CLEAR_DIFFERENCE, OUTCOME_COLUMNS, outcomes, verdict
from .runner import band, resolve
from .words import seller_label, seller_number

SELLER_OWN = ("strategy", "switch_week")  # moved with the strategy group
FULL = frozenset(LEVER_GROUPS)  # every group moved


@dataclass
class Decomposition:
    """A gap between two sellers (or two versions of one seller), split over the lever groups.

    ``parts``: one row per group (in :data:`LEVER_GROUPS` order), then ``remainder`` and
    ``gap``, with columns part, mean, low, high (95% band over seeds), n, clear (the band
    excludes 0). ``per_seed``: the same numbers seed by seed. ``differs``: per group, the
    parameters whose settings differ between A and B (empty: the group contributes 0).
    ``strategies``: A's and B's strategy; ``column``: the weekly column ``outcome`` reads
    (``profit`` is ``cumulative_profit``).

    For two versions of one seller (:func:`decompose_versions`), ``a`` and ``b`` name the
    versions, ``seller`` is the seller compared, ``labels`` holds the catalogue keys that name
    the versions for people, and the numbers are in ``currency`` (None: the model's thousand
    rupiah), ``scale`` times the model's money.
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
    seller: str | None = None  # versions: the seller whose two versions are compared
    labels: dict[str, str] = field(default_factory=dict)  # versions: a/b -> catalogue key
    currency: str | None = None  # None: thousand rupiah (the model's money)
    scale: float = 1.0  # the numbers are the model's money times this

    @property
    def groups(self) -> list[str]:
        return [g for g in self.parts.part if g in LEVER_GROUPS]

    @property
    def versions(self) -> bool:
        """Two versions of one seller (not two sellers in one market)."""
        return self.seller is not None

    def clear_groups(self) -> list[str]:
        """The groups whose band excludes zero (a contribution the seeds can tell from 0)."""
        rows = self.parts[self.parts.part.isin(LEVER_GROUPS)]
        return rows[rows.clear].part.tolist()

    def label(self, side: str, lang: str = "en") -> str:
        """How people read A or B: "Seller 1 (product-centric)", or a version's name."""
        if side in self.labels:
            return t(self.labels[side], lang)
        return seller_label(side, self.strategies.get(side), lang)


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


def _moved(target: Mapping, source: Mapping, mine: str, yours: str,
           moved: Iterable[str]) -> dict:
    """``target`` with ``mine``'s parameters of the groups ``moved`` taken from ``yours``'s in
    ``source`` (validated values)."""
    out = dict(target)
    ours, theirs = group_params(mine), group_params(yours)
    for group in moved:
        for p, q in zip(ours[group], theirs[group], strict=True):
            out[p] = source[q]
    return out


def _differs(full_a: Mapping, full_b: Mapping, mine: str, yours: str) -> dict[str, list[str]]:
    """Per group, the parameters whose values differ between ``mine`` in ``full_a`` and
    ``yours`` in ``full_b``."""
    ours, theirs = group_params(mine), group_params(yours)
    return {g: [p.split(".", 1)[1] for p, q in zip(ours[g], theirs[g], strict=True)
                if full_a[p] != full_b[q]] for g in LEVER_GROUPS}


def coalition_values(values: dict, a: str, b: str, moved: Iterable[str]) -> dict:
    """``values`` with seller ``a`` taking seller ``b``'s settings for the groups ``moved``
    (a lever ``b`` leaves at None stays None: it follows ``a``'s strategy)."""
    return _moved(values, validate(values), a, b, moved)


def resolved(values: Mapping, seller: str = "seller1", lang: str = "en") -> dict:
    """``values`` with every lever of ``seller`` written out: the effective value its strategy
    gives it (what ``RunResult.levers`` records), so the same run no longer depends on the
    strategy's label for them. A switching seller plays two bundles, so it cannot be resolved
    to one (ParameterError)."""
    full = validate(values, lang)
    strategy = full[f"{seller}.strategy"]
    if strategy == SWITCH:
        raise ParameterError("error.bad_choice", lang, name=f"{seller}.strategy",
                             value=strategy, valid="product, customer")
    levers = seller_levers(full, seller_number(seller), phase_of(strategy))
    return dict(values) | {f"{seller}.{name}": value for name, value in levers.items()}


def _weight(size: int, k: int) -> float:
    """Shapley weight of a coalition of ``size`` others out of ``k`` groups."""
    return factorial(size) * factorial(k - size - 1) / factorial(k)


def coalitions() -> list[frozenset]:
    """Every set of lever groups, the empty one first and all of them last."""
    return [frozenset(c) for size in range(len(LEVER_GROUPS) + 1)
            for c in combinations(LEVER_GROUPS, size)]


def shapley(gap: Mapping[frozenset, float]) -> dict[str, float]:
    """Each group's Shapley value for the game "the gap that moving a coalition leaves"
    (``gap[c]``: the gap once the groups ``c`` are moved): how much moving the group closes
    the gap, averaged over every order. They sum to ``gap[∅] - gap[all]``."""
    k = len(LEVER_GROUPS)
    return {g: sum(_weight(len(c), k) * (gap[c] - gap[c | {g}]) for c in gap if g not in c)
            for g in LEVER_GROUPS}


def _checked(seeds: Iterable[int], outcome: str, lang: str) -> tuple[list[int], str]:
    """The seeds (checked, at least one) and the weekly column ``outcome`` reads."""
    seeds = [check_seed(s, lang) for s in seeds]
    if not seeds:
        raise ParameterError("error.bad_seed", lang, name="seeds", value=[], valid="1, 2, 3")
    if outcome not in outcomes():  # the outcomes sim.regimes can compare
        raise ParameterError("error.bad_choice", lang, name="outcome", value=outcome,
                             valid=", ".join(outcomes()))
    return seeds, OUTCOME_COLUMNS.get(outcome, outcome)


def _split(markets: Mapping[Any, dict], seeds: list[int], column: str,
           gap_of: Callable[[Callable[[Any], dict[str, float]]], Mapping[frozenset, float]],
           executor: Executor | None, progress, cache: bool,
           scale: float = 1.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The core both decompositions share: run every market (validated values; a coalition or
    a reference) over the same seeds, and in each seed let ``gap_of(final)`` give the gap left
    by each coalition (``final(key)``: seller -> ``column`` in the last week of that market).
    Returns (per seed, parts): each group's Shapley value, the remainder (``gap[all]``) and the
    gap (``gap[∅]``), times ``scale``; and their means with 95% bands."""
    keys = list(markets)
    points = [(markets[key], seed) for key in keys for seed in seeds]
    rows_of = iter(final_rows(points, executor, progress, cache))  # same market: one run
    finals = {(key, seed): {r["seller"]: float(r[column]) for r in next(rows_of)}
              for key in keys for seed in seeds}
    rows = []
    for seed in seeds:
        gap = gap_of(lambda key, seed=seed: finals[key, seed])
        rows.append({"seed": seed, **{g: scale * v for g, v in shapley(gap).items()},
                     "remainder": scale * gap[FULL], "gap": scale * gap[frozenset()]})
    per_seed = pd.DataFrame(rows).set_index("seed")
    parts = []
    for part in [*LEVER_GROUPS, "remainder", "gap"]:
        mean, low, high = band(per_seed[part])
        parts.append({"part": part, "mean": mean, "low": low, "high": high, "n": len(seeds),
                      "clear": verdict(low, high) != NO_CLEAR_DIFFERENCE})
    return per_seed, pd.DataFrame(parts)


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
    seeds, column = _checked(seeds, outcome, lang)
    horizon = {} if weeks is None else {"weeks": weeks}
    markets = {c: validate(coalition_values(values, a, b, c) | horizon, lang)
               for c in coalitions()}

    def gap_of(final):
        return {c: final(c)[b] - final(c)[a] for c in markets}

    per_seed, parts = _split(markets, seeds, column, gap_of, executor, progress, cache)
    strategies = {s: full[f"{s}.strategy"] for s in (a, b)}
    return Decomposition(parts, per_seed, a, b, outcome, label, _differs(full, full, a, b),
                         strategies, column)


def decompose_versions(a: str | dict, b: str | dict, seller: str | int = "seller1",
                       seeds: Iterable[int] = range(1, 11), outcome: str = "profit",
                       weeks: int | None = None, executor: Executor | None = None,
                       progress: Callable[[int, int], None] | None = None,
                       lang: str = "en", cache: bool = True,
                       names: tuple[str, str] = ("a", "b"),
                       labels: Mapping[str, str] | None = None, scale: float = 1.0,
                       currency: str | None = None) -> Decomposition:
    """Split the gap between two versions of one seller, each in its own market, over the
    lever groups: ``outcome(seller in b) - outcome(seller in a)``.

    Each version's levers are first resolved to their effective values (:func:`resolved`);
    version A then takes B's values one group at a time (the strategy group with the
    strategy's label). Every coalition, and B as given, run over the same seeds.

    Args:
        a, b: the two versions (scenario names or parameter dicts); ``seller`` must follow a
            product- or customer-centric strategy in both (a switch plays two bundles).
        seller: the seller compared (``"seller1"`` or 1).
        names: what ``a`` and ``b`` are called in the result (``("product", "customer")``).
        labels: catalogue keys naming the versions for people, by name.
        scale, currency: the numbers are the model's money times ``scale``, in ``currency``
            (for a shop: its own money; None: thousand rupiah).
        seeds, outcome, weeks, executor, progress, cache: as for :func:`decompose`.

    Returns:
        A :class:`Decomposition` whose ``remainder`` is what differs outside the lever groups
        (exactly 0 when the versions differ only in their levers and strategy).
    """
    (label, values_a), (_, values_b) = resolve(a, lang), resolve(b, lang)
    full_a, full_b = validate(values_a, lang), validate(values_b, lang)
    seller = _seller(seller, min(full_a["n_sellers"], full_b["n_sellers"]), "seller", lang)
    seeds, column = _checked(seeds, outcome, lang)
    horizon = {} if weeks is None else {"weeks": weeks}
    res_a, res_b = resolved(values_a, seller, lang), validate(resolved(values_b, seller, lang))
    markets: dict[Any, dict] = {c: validate(_moved(res_a, res_b, seller, seller, c) | horizon,
                                            lang) for c in coalitions()}
    markets["b"] = validate(values_b | horizon, lang)  # B as given: the gap it leaves is 0

    def gap_of(final):
        return {c: final("b")[seller] - final(c)[seller] for c in coalitions()}

    per_seed, parts = _split(markets, seeds, column, gap_of, executor, progress, cache, scale)
    first, second = names
    return Decomposition(parts, per_seed, first, second, outcome, label,
                         _differs(validate(res_a), res_b, seller, seller),
                         {first: full_a[f"{seller}.strategy"],
                          second: full_b[f"{seller}.strategy"]},
                         column, seller, dict(labels or {}), currency, scale)


__all__ = ["Decomposition", "coalition_values", "coalitions", "decompose", "decompose_versions",
           "group_params", "resolved", "shapley"]
