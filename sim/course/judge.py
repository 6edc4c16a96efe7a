"""Quiz checking and prediction judging, without widgets (so it is tested on its own).

Texts live in ``lessons/<lang>/quiz/<lesson>.json`` (format in ``lessons/README.md``; where the
folder is: :mod:`sim.course.lessons`). A
prediction's right answer is never stored: it is computed by running its experiment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..channels import channel_bands, channel_runs, relationship_runs
from ..decompose import decompose
from ..i18n import t
from ..params import LEVER_GROUPS
from ..runner import SerialExecutor, band, resolve, run
from ..runner import compare as run_compare
from .lessons import LESSONS, lesson_file, load_lesson


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


@dataclass
class Verdict:
    """What the experiment showed: the winning outcome and the data behind it."""

    outcome: str
    values: dict[str, float] = field(default_factory=dict)  # outcome -> the number compared
    result: Any = None  # a RunResult (max_seller, sign), a compare table (compare) or a
    # sim.decompose.Decomposition (decompose)
    metric: str = "cumulative_profit"


def _at_week(rows: pd.DataFrame, week: int) -> pd.DataFrame:
    weeks = sorted(rows.week.unique())
    return rows[rows.week == weeks[week] if week < 0 else rows.week == week]


def judge(prediction: dict, lang: str = "en") -> Verdict:
    """Run the prediction's experiment and say which outcome happened."""
    exp = prediction.get("experiment", {})
    how = prediction["judge"]
    kind, metric = how["kind"], how.get("metric", "cumulative_profit")
    if exp.get("shop"):  # a worked example shop's calibrated market (lesson 9)
        from ..question import example_market
        spec = {**example_market(exp["shop"], int(exp.get("weeks_ahead", 104))),
                **exp.get("set", {})}
    elif exp.get("scenario"):
        spec = {"scenario": exp["scenario"], **exp.get("set", {})}
    else:
        spec = dict(exp.get("set", {}))
    seed, weeks = int(exp.get("seed", 1)), exp.get("weeks")
    if kind == "max_seller" and how.get("seeds"):  # the mean over seeds: one seed can mislead
        table = run_compare({"mean": spec}, seeds=list(how["seeds"]), weeks=weeks,
                            metrics=(metric,), executor=SerialExecutor())
        final = table[table.week == table.week.max()]
        values = final.set_index("seller")["mean"].astype(float).to_dict()
        return Verdict(max(values, key=values.get), values, table, metric)
    if kind == "max_seller":
        result = run(spec, seed=seed, weeks=weeks, lang=lang)
        final = _at_week(result.weekly, int(how.get("week", -1)))
        values = dict(zip(final.seller, final[metric].astype(float), strict=True))
        return Verdict(max(values, key=values.get), values, result, metric)
    if kind == "sign":
        result = run(spec, seed=seed, weeks=weeks, lang=lang)
        rows = result.weekly[result.weekly.seller == how.get("seller", "seller1")]
        start = float(_at_week(rows, int(how.get("from_week", 0)))[metric].iloc[0])
        end = float(_at_week(rows, int(how.get("to_week", -1)))[metric].iloc[0])
        return Verdict("up" if end > start else "down", {"from": start, "to": end}, result,
                       metric)
    if kind == "compare":
        seeds = list(how.get("seeds", exp.get("seeds", [seed])))
        variants = {name: {**resolve(spec)[1], **change}
                    for name, change in how["variants"].items()}
        table = run_compare(variants, seeds=seeds, weeks=weeks, metrics=(metric,),
                            executor=SerialExecutor() if len(variants) * len(seeds) <= 12
                            else None)
        seller = how.get("seller")
        final = table[table.week == table.week.max()]
        if seller:
            final = final[final.seller == seller]
        values = final.groupby("variant", sort=False)["mean"].sum().astype(float).to_dict()
        return Verdict(max(values, key=values.get), values, table, metric)
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


__all__ = ["LESSONS", "Verdict", "check_choice", "check_number", "find", "judge", "lesson_file",
           "load_lesson"]
