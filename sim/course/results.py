"""Every result the course states, computed from the same runs as the widget that shows it.

A lesson never types a model outcome. Its text holds a marker,
``<!-- pasar:result NAME -->…<!-- /pasar:result -->``, and ``python -m sim.course.answers``
fills it with the sentence that result NAME (:mod:`sim.course.stated`) renders: the means over
the course's seeds in the reader's language and number format, then the evidence in plain words
(:func:`sim.course.evidence.verdict`: "a clear difference" or "no clear difference", and how
often the leader was ahead). A result's runs are declared exactly as the widget beside it is
called, :class:`Compare` for ``ui.compare_view`` and :class:`Sweep` for ``ui.sweep_view``, and
a test checks that the lesson has that widget with those arguments, so the sentence and the
chart on the screen come from the same seeds.

Runs are kept in this process (a course refresh reuses ``head_to_head`` for several lessons);
:func:`prefetch` computes many at once on a pool of processes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..decompose import Decomposition, decompose
from ..i18n import number, t
from ..params import LEVER_GROUPS, PARAMS
from ..runner import SerialExecutor, resolve
from ..runner import compare as run_compare
from ..runner import sweep as run_sweep
from ..scenarios import SCENARIOS
from ..words import seller_label, text_or
from .evidence import Line, about, joined, verdict
from .lessons import MARKER, unmarked

SEEDS = 10  # the course's seed count: every stated result, and every widget showing one, 1..10
_RUNS: dict[tuple[str, int], pd.DataFrame] = {}  # (the run's values as JSON, seed) -> weekly


def _key(values: Mapping) -> str:
    return json.dumps(dict(values), sort_keys=True, default=str)


def _weekly(values: Mapping, seed: int) -> pd.DataFrame:
    """One run's weekly table, computed once per process."""
    key = (_key(values), seed)
    if key not in _RUNS:
        prefetch_values([values], [seed], executor=SerialExecutor())
    return _RUNS[key]


def prefetch_values(specs: Iterable[Mapping], seeds: Sequence[int], executor=None) -> None:
    """Compute every run of ``specs`` × ``seeds`` not yet kept (on ``executor``; default: a pool
    of processes when there is more than a handful)."""
    todo = {}
    for values in specs:
        key = _key(values)
        if any((key, s) not in _RUNS for s in seeds):
            todo[key] = dict(values)
    if not todo:
        return
    if executor is None and len(todo) * len(seeds) <= 2:
        executor = SerialExecutor()
    runs = run_compare(todo, seeds=list(seeds), runs=True, executor=executor)
    for (key, seed), weekly in runs.groupby(["variant", "seed"], sort=False):
        _RUNS[(key, int(seed))] = weekly.drop(columns=["variant", "seed"]).reset_index(drop=True)


def variant_title(label: str, spec: Any, lang: str) -> str:
    """How the compare view names a variant: a scenario's title, a catalogue label
    (``"label.gifts"``, or ``"gifts"`` when ``label.gifts`` exists) in ``lang``, or the label
    as given."""
    if isinstance(spec, str) and label == spec and spec in SCENARIOS:
        return SCENARIOS[spec].title[lang]
    return text_or(label, lang, text_or(f"label.{label}", lang, label))


@dataclass(frozen=True)
class Compare:
    """The runs of ``ui.compare_view(variants, seeds=..., weeks=..., metric=..., seller=...)``:
    every variant over seeds 1..n; a line per seller (one variant), per variant (``seller``
    given) or per variant and seller."""

    variants: tuple[tuple[str, Any], ...]
    seeds: int = SEEDS
    weeks: int | None = None
    metric: str = "cumulative_profit"
    seller: str | None = None

    @classmethod
    def of(cls, variants: Mapping | Iterable[str], seeds: int = SEEDS, **how) -> Compare:
        pairs = variants.items() if isinstance(variants, Mapping) else ((v, v) for v in variants)
        return cls(tuple(pairs), seeds, **how)

    def specs(self) -> dict[str, dict]:
        """Variant label -> the run's full parameter values."""
        out = {}
        for label, spec in self.variants:
            values = resolve(spec)[1]
            if self.weeks is not None:
                values["weeks"] = self.weeks
            out[label] = values
        return out

    def titles(self, lang: str = "en") -> dict[str, str]:
        """Variant label -> its name on the chart."""
        return {label: variant_title(label, spec, lang) for label, spec in self.variants}

    def runs(self) -> pd.DataFrame:
        """Every run's weekly table, with its variant label and seed (``compare(runs=True)``)."""
        return pd.concat([_weekly(values, seed).assign(variant=label, seed=seed)
                          for label, values in self.specs().items()
                          for seed in range(1, self.seeds + 1)], ignore_index=True)

    def lines(self, lang: str = "en", weeks: int | None = None) -> list[Line]:
        """Each line's value of ``metric`` after ``weeks`` weeks (None: the end), per seed."""
        return compare_lines(self.runs(), self.titles(lang), self.metric, lang, weeks,
                             self.seller)


def line_names(keys: pd.DataFrame, titles: Mapping[str, str], lang: str) -> list[tuple]:
    """(variant, seller, name) for each (variant, seller, strategy) row of ``keys``, named as
    the compare view's legend names them: the seller alone when there is one variant, the
    variant alone when it has one seller, else both."""
    out = []
    for variant, seller, strategy in keys.itertuples(index=False):
        alone = (keys.variant == variant).sum() == 1
        name = (seller_label(seller, strategy, lang) if len(titles) == 1 else
                titles[variant] if alone else
                f"{titles[variant]}: {seller_label(seller, strategy, lang)}")
        out.append((variant, seller, name))
    return out


def compare_lines(runs: pd.DataFrame, titles: Mapping[str, str], metric: str, lang: str,
                  weeks: int | None = None, seller: str | None = None) -> list[Line]:
    """The compare view's lines after ``weeks`` weeks (None: the end) from its runs."""
    if seller is not None:
        runs = runs[runs.seller == seller]
    at = runs[runs.week == (runs.week.max() if weeks is None else weeks - 1)]
    keys = runs[["variant", "seller", "strategy"]].drop_duplicates(["variant", "seller"])
    lines = []
    for variant, name_seller, name in line_names(keys, titles, lang):
        mine = at[(at.variant == variant) & (at.seller == name_seller)].sort_values("seed")
        key = name_seller if len(titles) == 1 else (
            variant if (keys.variant == variant).sum() == 1 else (variant, name_seller))
        lines.append(Line.of(name, mine[metric].astype(float).tolist(), key,
                             share=metric in SHARES))
    return lines


@dataclass(frozen=True)
class Sweep:
    """The runs of ``ui.sweep_view(param, values, base=..., seeds=..., metric=..., seller=...,
    weeks=...)``: one line per value of ``param``, ``seller``'s ``metric`` in the last week."""

    param: str
    values: tuple
    base: Any
    seeds: int = SEEDS
    metric: str = "cumulative_profit"
    seller: str = "seller1"
    weeks: int | None = None
    label: str = "result.value"  # how a value is named: a catalogue key with {param}, {value}

    def specs(self) -> dict[Any, dict]:
        base = resolve(self.base)[1]
        if self.weeks is not None:
            base["weeks"] = self.weeks
        return {value: {**base, self.param: value} for value in self.values}

    def final(self, executor=None) -> pd.DataFrame:
        """The sweep's runs exactly as the widget gets them: ``sim.sweep`` (whose last weeks are
        kept in :data:`sim.batch.CACHE`, so the widget and the text share one set of runs)."""
        return run_sweep({self.param: list(self.values)}, seeds=range(1, self.seeds + 1),
                         base=self.base, weeks=self.weeks, executor=executor)

    def lines(self, lang: str = "en", weeks: int | None = None) -> list[Line]:
        """Each value's line: ``seller``'s ``metric`` in the last week, per seed."""
        if weeks is not None:
            raise ValueError(t("error.bad_choice", "en", name="weeks", value=weeks,
                               valid="None"))  # a sweep reads its last week
        runs = self.final()
        runs = runs[runs.seller == self.seller].sort_values("seed")
        return [Line.of(t(self.label, lang, value=_plain(value, lang),
                          param=PARAMS[self.param].text("label", lang)),
                        runs[runs[self.param] == value][self.metric].astype(float).tolist(),
                        value, share=self.metric in SHARES)
                for value in self.values]


_PARTS: dict[str, Decomposition] = {}  # a decomposition's arguments as JSON -> its result


@dataclass(frozen=True)
class Decompose:
    """The runs of ``ui.decompose_view(spec, a=..., b=..., seeds=..., outcome=..., weeks=...)``:
    one line per lever group, its part of seller ``b``'s lead over seller ``a`` in each seed
    (:func:`sim.decompose`, the same seeds for every coalition)."""

    spec: Any
    seeds: int = SEEDS
    a: str = "seller1"
    b: str = "seller2"
    outcome: str = "profit"
    weeks: int | None = None
    metric: str = "cumulative_profit"  # the parts are money, said in thousand rupiah
    seller: str | None = None

    def specs(self) -> dict[str, dict]:
        values = resolve(self.spec)[1]
        return {"decompose": {**values, "a": self.a, "b": self.b, "outcome": self.outcome,
                              "weeks": self.weeks if self.weeks is not None
                              else values.get("weeks")}}

    def result(self, executor=None) -> Decomposition:
        """The decomposition the widget draws (computed once per process)."""
        key = _key(self.specs()["decompose"]) + f"|{self.seeds}"
        if key not in _PARTS:
            _PARTS[key] = decompose(self.spec, a=self.a, b=self.b,
                                    seeds=range(1, self.seeds + 1), outcome=self.outcome,
                                    weeks=self.weeks, executor=executor)
        return _PARTS[key]

    def lines(self, lang: str = "en", weeks: int | None = None) -> list[Line]:
        """Each lever group's part of the gap, per seed."""
        if weeks is not None:
            raise ValueError(t("error.bad_choice", "en", name="weeks", value=weeks,
                               valid="None"))  # a decomposition reads its last week
        seeds = self.result().per_seed
        return [Line.of(t(f"result.part.{group}", lang), seeds[group].astype(float).tolist(),
                        group) for group in LEVER_GROUPS if group in seeds]


@dataclass(frozen=True)
class ShopParts:
    """The runs of ``ui.shop_difference(ui.shop(example), seeds=...)`` (lesson 9): a worked
    example shop's head to head, customer-centric minus product-centric, split over the lever
    groups (:func:`sim.question.difference`) on the shop widgets' own seeds (1..``seeds``: the
    strategy question's, so the text, the chart and the head to head beside it share runs)."""

    example: str
    seeds: int = 5
    metric: str = "profit"  # the shop's profit until two years from now, in its money
    seller: str | None = "seller1"

    def specs(self) -> dict[str, dict]:
        from ..question import example_market

        return {"difference": {**example_market(self.example), "example": self.example}}

    def result(self, executor=None) -> Decomposition:
        """The decomposition the widget draws (computed once per process)."""
        from ..question import difference, example_calibration

        key = _key(self.specs()["difference"]) + f"|{self.seeds}"
        if key not in _PARTS:
            _PARTS[key] = difference(example_calibration(self.example),
                                     range(1, self.seeds + 1), executor=executor)
        return _PARTS[key]

    def lines(self, lang: str = "en", weeks: int | None = None) -> list[Line]:
        """Each lever group's part of the gap, per seed, in the shop's money."""
        seeds = self.result().per_seed
        return [Line.of(t(f"result.part.{group}", lang), seeds[group].astype(float).tolist(),
                        group) for group in LEVER_GROUPS]


@dataclass(frozen=True)
class SaidParts:
    """A sentence about a shop's decomposition: the gap with its band, the parts whose band
    excludes zero (with theirs), and the parts that are exactly 0 in every seed (the same in
    both versions, or differing only in levers that do nothing in this shop); any other part
    has no clear difference. The same ``clear`` column as the chart's summary decides."""

    runs: ShopParts

    def render(self, lang: str = "en") -> str:
        return parts_sentence(self.runs.result(), lang)


def parts_sentence(d: Decomposition, lang: str = "en") -> str:
    """The gap of a shop's decomposition ``d`` with its band, the parts whose band excludes
    zero (with theirs), those with no clear difference, and those exactly 0 in every seed;
    in the shop's money (what ``python -m sim shop --question`` prints, too)."""
    from ..shop import money

    rows, seeds = d.parts.set_index("part"), d.per_seed

    def amount(x: float) -> str:
        return money(x, d.currency, lang, 3)

    def part(name: str) -> str:
        key = f"result.part.{name}" if name in LEVER_GROUPS else "result.part.outside"
        return t(key, lang)

    def with_band(name: str) -> str:
        r = rows.loc[name]
        return t("result.shop_part", lang, part=part(name), value=amount(r["mean"]),
                 low=amount(r.low), high=amount(r.high))

    shown = [*LEVER_GROUPS, "remainder"]
    zero = [p for p in shown if (seeds[p] == 0).all()]
    clear = [p for p in shown if rows.loc[p, "clear"]]
    unclear = [p for p in shown if p not in clear and p not in zero]
    gap = rows.loc["gap"]
    text = [t("result.shop_gap", lang, b=d.label(d.b, lang), a=d.label(d.a, lang),
              gap=amount(gap["mean"]), low=amount(gap.low), high=amount(gap.high),
              n=len(seeds))]
    text.append(t("result.shop_clear", lang, parts=joined([with_band(p) for p in clear],
                                                           lang))
                if clear else t("result.shop_none_clear", lang))
    if unclear:
        text.append(t("result.shop_unclear", lang,
                      parts=joined([with_band(p) for p in unclear], lang)))
    if zero:
        text.append(t("result.shop_zero", lang, parts=joined([part(p) for p in zero],
                                                              lang)))
    return " ".join(text)


def _plain(value: Any, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return number(value, lang, 0 if float(value).is_integer() else 2)


SHARES = {"open": "result.open"}  # 0/1 columns: said as "in k of n seeds"
MONEY = ("cumulative_profit", "profit", "revenue", "cac", "clv_estimate")
UNITS = {metric: "result.unit.thousand_rupiah" for metric in MONEY}


@dataclass(frozen=True)
class Said:
    """A sentence the course states: each line's mean after ``weeks`` weeks (None: the end)
    over the runs' seeds, and what the evidence supports."""

    runs: Compare | Sweep | Decompose | ShopParts
    weeks: int | None = None
    only: tuple = field(default=())  # keep only these lines (sellers, variants or values)

    def lines(self, lang: str = "en") -> list[Line]:
        lines = self.runs.lines(lang, self.weeks)
        return [x for x in lines if x.key in self.only] if self.only else lines

    def render(self, lang: str = "en") -> str:
        return state(self.lines(lang), self.runs.seeds, self.runs.metric, lang)


def state(lines: Sequence[Line], seeds: int, metric: str, lang: str = "en") -> str:
    """Lines over seeds in the course's words: "A about x and B about y thousand rupiah (mean
    of n seeds); " and what the evidence supports."""
    unit = t(UNITS[metric], lang) if metric in UNITS else ""
    if metric in SHARES:  # in how many seeds it happened, not a mean
        means = joined([t(SHARES[metric], lang, label=x.label, k=x.hits, n=seeds)
                        for x in lines], lang)
        return t("result.shares", lang, shares=means, verdict=verdict(lines, seeds, lang))
    means = joined([t("result.about", lang, label=x.label, value=about(x.mean, lang))
                    for x in lines], lang)
    return t("result.means", lang, means=means, unit=unit, n=seeds,
             verdict=verdict(lines, seeds, lang))


def prefetch(results: Iterable[Said | SaidParts | Compare | Sweep | Decompose | ShopParts],
             executor=None) -> None:
    """Compute, in one batch, every run the given results (or runs) need."""
    by_seeds: dict[int, list[dict]] = {}
    for said in results:
        runs = said.runs if isinstance(said, (Said, SaidParts)) else said
        if isinstance(runs, Sweep):
            runs.final(executor)
            continue
        if isinstance(runs, (Decompose, ShopParts)):
            runs.result(executor)
            continue
        by_seeds.setdefault(runs.seeds, []).extend(runs.specs().values())
    for seeds, specs in by_seeds.items():
        prefetch_values(specs, list(range(1, seeds + 1)), executor)


# --- the markers in lesson texts --------------------------------------------------------------
def names_in(text: str) -> list[str]:
    """The result names marked in ``text``, in order."""
    return [m.group(2) for m in MARKER.finditer(text)]


def fill(text: str, lang: str, results: Mapping[str, Said | SaidParts]) -> str:
    """``text`` with every marked result rendered afresh in ``lang``; an unknown name is an
    error that lists the known ones."""
    def one(m) -> str:
        name = m.group(2)
        if name not in results:
            raise KeyError(f"no result '{name}'; known: {', '.join(sorted(results))}")
        return m.group(1) + results[name].render(lang) + m.group(4)
    return MARKER.sub(one, text)


__all__ = ["MARKER", "SEEDS", "Compare", "Decompose", "Said", "SaidParts", "ShopParts", "Sweep",
           "compare_lines", "fill", "line_names", "names_in", "prefetch", "prefetch_values",
           "state", "unmarked", "variant_title"]
