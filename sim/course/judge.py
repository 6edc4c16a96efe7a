"""Quiz checking and prediction judging, without widgets (so it is tested on its own).

Texts live in ``lessons/<lang>/quiz/<lesson>.json`` (format in ``lessons/README.md``; where the
folder is: :mod:`sim.course.lessons`). A
prediction's right answer is never stored: it is computed by running its experiment.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from ..channels import channel_bands, channel_runs, relationship_runs
from ..decompose import decompose
from ..i18n import t
from ..params import LEVER_GROUPS
from ..runner import SerialExecutor, band, resolve, run, summarise
from .evidence import Line, about, leaders
from .lessons import LESSONS, lesson_file, load_lesson
from .results import Compare, state
from .results import prefetch as prefetch_runs


def find(items: list[dict], item: str | int) -> dict:
    """An item by its id (``"p1"``) or position (0, 1, ...)."""
    if isinstance(item, int):
        return items[item]
    for entry in items:
        if entry.get("id") == item:
            return entry
    raise KeyError(f"no item {item!r}; ids: {', '.join(str(e.get('id')) for e in items)}")


def check_choice(question: dict, picked: int) -> tuple[bool, str]:
    """(right?, the feedback written for the picked option)."""
    feedback = question.get("feedback") or [""] * len(question["options"])
    return picked == question["answer"], feedback[picked]


def check_number(question: dict, value: float) -> tuple[bool, str]:
    """(within tolerance?, the "right" or "wrong" feedback)."""
    right = abs(float(value) - float(question["answer"])) <= float(question.get("tolerance", 0))
    return right, question.get("right" if right else "wrong", "")


TIE = "tie"  # the outcome of a prediction over seeds whose best lines cannot be told apart


@dataclass
class Verdict:
    """What the experiment showed: the winning outcome and the data behind it."""

    outcome: str
    values: dict[str, float] = field(default_factory=dict)  # outcome -> the number compared
    result: Any = None  # a RunResult (one run), a compare table (over seeds) or a
    # sim.decompose.Decomposition (decompose)
    metric: str = "cumulative_profit"
    lines: list[Line] = field(default_factory=list)  # over seeds: each outcome's line
    seeds: int = 1  # over seeds: how many; one run: its seed
    named: dict[str, str] = field(default_factory=dict)  # outcome -> the option's label
    one_run: bool = False  # judged on one run (its numbers are "in this run")

    def said(self, lang: str = "en") -> str:
        """The numbers in the course's words: over seeds, the means and the evidence; one run,
        the numbers it compared ("" for other judges)."""
        if self.lines:
            return state(self.lines, self.seeds, self.metric, lang)
        if not self.one_run:
            return ""
        return t("result.one_run", lang, seed=self.seeds, values=self.numbers(lang))

    def numbers(self, lang: str = "en") -> str:
        """Each outcome's number, named: "Seller one 26; Seller two −144"."""
        return "; ".join(f"{self.named.get(k, k)} {about(v, lang)}" for k, v in self.values.items())


def _at_week(rows: pd.DataFrame, week: int) -> pd.DataFrame:
    weeks = sorted(rows.week.unique())
    return rows[rows.week == weeks[week] if week < 0 else rows.week == week]


def _spec(prediction: dict) -> dict | str:
    exp = prediction.get("experiment", {})
    if exp.get("shop"):  # a worked example shop's calibrated market (lesson 9)
        from ..question import example_market
        return {**example_market(exp["shop"], int(exp.get("weeks_ahead", 104))),
                **exp.get("set", {})}
    return {"scenario": exp["scenario"], **exp.get("set", {})} if exp.get("scenario") \
        else dict(exp.get("set", {}))


def runs_of(prediction: dict, lang: str = "en") -> Compare | None:
    """The runs a prediction over seeds is judged on (the course's cached runs, seeds 1..n),
    or None when it is judged on one run. ``"seeds"`` is a count (10) or the list 1..n."""
    how, exp = prediction["judge"], prediction.get("experiment", {})
    seeds = how.get("seeds")
    if how["kind"] not in ("compare", "max_seller") or not seeds:
        return None
    if not isinstance(seeds, int):
        if list(seeds) != list(range(1, len(seeds) + 1)):
            raise ValueError(t("error.bad_choice", lang, name="judge.seeds", value=seeds,
                               valid="10 | [1, 2, ..., n]"))
        seeds = len(seeds)
    metric, weeks, spec = how.get("metric", "cumulative_profit"), exp.get("weeks"), \
        _spec(prediction)
    if how["kind"] == "max_seller":
        return Compare.of({"mean": spec}, seeds=seeds, weeks=weeks, metric=metric)
    if not how.get("seller"):
        raise ValueError(t("error.bad_choice", lang, name="judge.seller", value=None,
                           valid="seller1 | seller2 | ..."))
    variants = {name: {**resolve(spec)[1], **change} for name, change in how["variants"].items()}
    return Compare.of(variants, seeds=seeds, weeks=weeks, metric=metric, seller=how["seller"])


def prefetch_predictions(predictions: list[dict], executor=None) -> None:
    """Compute, in one batch, the runs of every prediction judged over seeds."""
    prefetch_runs([r for r in map(runs_of, predictions) if r is not None], executor)


def judge(prediction: dict, lang: str = "en") -> Verdict:
    """Run the prediction's experiment and say which outcome happened. Over seeds, the
    outcome is the line with the highest mean; when the prediction offers a ``"tie"`` outcome
    and the best line's 95% band overlaps another's, it is ``"tie"``."""
    exp = prediction.get("experiment", {})
    how = prediction["judge"]
    kind, metric = how["kind"], how.get("metric", "cumulative_profit")
    spec, seed, weeks = _spec(prediction), int(exp.get("seed", 1)), exp.get("weeks")
    # how the numbers name each outcome: the option's "line" (a plain name), else its label
    named = {o["outcome"]: o.get("line", o["label"]) for o in prediction.get("options", [])}
    runs = runs_of(prediction, lang)
    if runs is not None:
        lines = [replace(x, label=named.get(x.key, x.label)) for x in runs.lines(lang)]
        values = {line.key: line.mean for line in lines}
        outcome = max(values, key=values.get)
        if len(leaders(lines)) > 1 and any(o["outcome"] == TIE
                                           for o in prediction.get("options", [])):
            outcome = TIE
        return Verdict(outcome, values, summarise(runs.runs(), (metric,)), metric, lines,
                       runs.seeds, named)
    if kind == "max_seller":
        result = run(spec, seed=seed, weeks=weeks, lang=lang)
        final = _at_week(result.weekly, int(how.get("week", -1)))
        values = dict(zip(final.seller, final[metric].astype(float), strict=True))
        return Verdict(max(values, key=values.get), values, result, metric, seeds=seed,
                       named=named, one_run=True)
    if kind == "sign":
        result = run(spec, seed=seed, weeks=weeks, lang=lang)
        rows = result.weekly[result.weekly.seller == how.get("seller", "seller1")]
        start = float(_at_week(rows, int(how.get("from_week", 0)))[metric].iloc[0])
        end = float(_at_week(rows, int(how.get("to_week", -1)))[metric].iloc[0])
        return Verdict("up" if end > start else "down", {"from": start, "to": end}, result,
                       metric, seeds=seed, named={"from": t("result.from", lang),
                                                  "to": t("result.to", lang)}, one_run=True)
    if kind == "channel_value":
        return _channel_value(how, spec, seed, weeks)
    if kind == "decompose":  # which lever groups' parts of the gap are clear: "strategy+..."
        seeds = list(how.get("seeds", [seed]))
        result = decompose(spec, a=how.get("a", "seller1"), b=how.get("b", "seller2"),
                           seeds=seeds, outcome=how.get("outcome", "profit"), weeks=weeks,
                           lang=lang)
        means = result.parts.set_index("part")["mean"]
        values = {part: float(means[part]) for part in (*LEVER_GROUPS, "gap")}
        outcome = "+".join(result.clear_groups()) or "none"
        return Verdict(outcome, values, result, result.column)
    raise ValueError(t("error.bad_choice", "en", name="how.kind", value=kind,
                       valid="max_seller | compare | sign | channel_value | decompose"))


def _channel_value(how: dict, spec: dict, seed: int, weeks: int | None) -> Verdict:
    """What one group of relationships is worth under each variant, over the same seeds
    (:mod:`sim.channels`): the outcome whose variant gives the larger mean, or ``how["tie"]``
    when the 95% band of the paired difference between two variants holds 0."""
    value, seeds = how.get("value", "clv"), list(how.get("seeds", [seed]))
    by = [k for k in ("seller", "heard_via", "won_with_discount") if k in how]
    length = {} if weeks is None else {"weeks": weeks}
    variants = {name: {**resolve(spec)[1], **change, **length}
                for name, change in how["variants"].items()}
    executor = SerialExecutor() if len(variants) * len(seeds) <= 12 else None  # as compare
    runs = channel_runs(relationship_runs(variants, seeds, executor), by)
    for key in by:
        runs = runs[runs[key] == how[key]]
    table = channel_bands(runs, value, by=())
    values = table.set_index("variant")["mean"].astype(float).to_dict()
    outcome = max(values, key=values.get)
    if how.get("tie") and len(variants) == 2:
        wide = runs.pivot_table(index="seed", columns="variant", values=value)
        first, second = list(variants)
        _, low, high = band((wide[first] - wide[second]).dropna())
        if low <= 0 <= high:
            outcome = how["tie"]
    return Verdict(outcome, values, table, value)


__all__ = ["LESSONS", "TIE", "Verdict", "check_choice", "check_number", "find", "judge",
           "lesson_file", "load_lesson", "prefetch_predictions", "runs_of"]
