"""Lesson 7's by-hand step: what one switch costs before it pays (issue 12 §2).

The widget's curve is the model's own runs (lesson 7's market, switching against never
switching on the same seeds), recomputed here independently; the mechanism it shows holds:
the two runs are the same until the switch, the switch then costs before it pays, and a late
switch in a two-year run is not paid back.
"""

from __future__ import annotations

import re

import pytest

import sim
import sim.ui as ui
from sim.i18n import t
from sim.ui.by_hand import SWITCH_MARKET, SWITCH_SEEDS, switch_cost


def profit(change: dict, seed: int) -> list[float]:
    weekly = sim.run({"scenario": SWITCH_MARKET, **change}, seed=seed).weekly
    return weekly[weekly.seller == "seller1"].cumulative_profit.tolist()


@pytest.mark.parametrize("week", [13, 52])
def test_the_curve_is_the_models_switching_minus_never_switching(week):
    never = [profit({"seller1.strategy": "product"}, s) for s in SWITCH_SEEDS]
    switching = [profit({"seller1.switch_week": week}, s) for s in SWITCH_SEEDS]
    expected = [sum(a[k] - b[k] for a, b in zip(switching, never, strict=True)) / 3
                for k in range(len(never[0]))]
    assert switch_cost(week)["curve"] == pytest.approx(expected, abs=1e-9)


def test_until_the_switch_both_runs_are_the_same_then_the_switch_costs_first():
    out = switch_cost(26)
    assert all(gap == 0 for gap in out["curve"][:26])  # same seeds, same shop until week 26
    assert out["dip"] < 0 and out["worst"] > 26  # research is paid for before it pays
    assert out["back"] is not None and out["back"] > out["worst"]
    assert all(gap >= 0 for gap in out["curve"][out["back"]:out["back"] + 1])


def test_an_early_switch_pays_back_and_a_late_one_not_within_two_years():
    early, late = switch_cost(13), switch_cost(52)
    assert early["back"] is not None and early["end"] > 0
    assert late["back"] is None and late["end"] < 0


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_widget_says_what_the_curve_shows_and_judges_the_bet(lang):
    hand = ui.by_hand("switch_cost", lang=lang)
    assert hand.reveal() is None and t("ui.quiz.pick_first", lang) in hand.result.value
    hand.week.value = 52
    hand.pick.value = 3  # "later, or not within the two years"
    out = hand.reveal()
    assert out == switch_cost(52)
    said = hand.result.value
    assert t("ui.byhand.switch_not_back", lang) in said
    assert t("ui.byhand.guess_right", lang) in said
    assert list(hand.figure.data[0].y) == pytest.approx(out["curve"])
    hand.week.value = 13  # moving the week redraws and re-judges the same bet
    assert t("ui.byhand.guess_wrong", lang) in hand.result.value
    assert not re.search(r"\{\w+\}|ui\.byhand", hand.result.value)


def test_the_lessons_by_hand_text_names_the_widgets_seeds():
    """Lesson 7's prose says which seeds the curve averages; they are the widget's own."""
    import json
    from pathlib import Path

    seeds = f"{SWITCH_SEEDS[0]}–{SWITCH_SEEDS[-1]}"
    root = Path(__file__).resolve().parents[1]
    for path in ("notebooks/en/07_when_to_switch.ipynb", "notebooks/id/07_kapan_beralih.ipynb"):
        cells = json.loads((root / path).read_text("utf-8"))["cells"]
        text = next("".join(c["source"]) for c in cells if c["id"] == "cell-02")
        assert f"seed {seeds}" in text or f"seeds {seeds}" in text, path
