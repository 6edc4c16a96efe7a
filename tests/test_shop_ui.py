"""Lesson 9's widgets, driven from Python as a learner would: the shop form (every input with a
"don't know" box), calibrating, saving and opening shop files, the strategy question, and
calibrating by hand."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

import sim  # noqa: E402
import sim.ui as ui  # noqa: E402
from sim.shop import INPUTS  # noqa: E402


def quick(view):
    """A small, young shop: a few seconds to calibrate."""
    for name, value in dict(months=3, people=400, buyers_per_week=30, return_share=0.4).items():
        view.rows[name].put(value)
    return view


def test_a_new_form_is_all_dont_know_showing_the_defaults():
    view = ui.shop(lang="en")
    assert view.shop() == sim.Shop() and view.calibration is None
    for spec in INPUTS:
        row = view.rows[spec.name]
        if spec.kind != "text":
            assert row.dont_know.value and row.field.disabled, spec.name
    view.rows["currency"].put("PHP")
    assert view.rows["price"].field.value == 180 and "₱" in view.rows["price"].label.value


def test_a_bad_entry_is_named_in_the_learner_s_language_and_nothing_runs():
    view = ui.shop(lang="id")
    view.rows["return_share"].field.value = 40  # typed as a percent: 40%
    view.rows["return_share"].dont_know.value = False
    view.rows["buyers_per_week"].put(5000)  # more than the 1,000 people by default
    assert view.calibrate() is None and view.calibration is None
    assert "Pembeli per minggu sekarang" in view.message.value and "1.000" in view.message.value


def test_calibrating_shows_the_fit_as_a_chart_and_a_report(tmp_path):
    view = quick(ui.shop(lang="en", folder=tmp_path))
    fit = view.calibrate()
    assert fit is view.calibration and fit.matched
    names = {trace.name for trace in view.figure.data}
    assert {"your number", "simulated (4 seeds, 95% band)"} <= names
    assert fit.report("en").splitlines()[0] in view.report.value


def test_save_never_overwrites_and_open_fills_the_form(tmp_path):
    view = quick(ui.shop(lang="en", folder=tmp_path))
    view.rows["name"].put("Warung Siti")
    first, second = view.save(), view.save()
    assert first.name == "warung_siti.json" and second.name == "warung_siti_2.json"
    assert [label for label, _ in view.files.options] == ["warung_siti.json",
                                                          "warung_siti_2.json"]
    other = ui.shop(lang="id", folder=tmp_path, calibrate_now=False)
    assert other.open_file(first) == view.shop() and other.shop() == view.shop()
    (tmp_path / "bad.json").write_text('{"evil": 1}')
    assert other.open_file(tmp_path / "bad.json") is None
    assert "bad.json" in other.message.value


def test_the_worked_example_is_calibrated_and_its_question_answered_in_its_money():
    view = ui.shop("batik", lang="id")
    assert view.calibration is not None and view.rows["name"].field.value == "Batik Bu Ratna"
    question = ui.shop_question(view, lang="id", seeds=2, horizon=13)
    assert [a.question for a in question.answers] == ["head_to_head", "switch"]
    for answer, panel in zip(question.answers, question.panels.children, strict=True):
        assert answer.text("id").splitlines()[0] in panel.children[1].value
        assert "Rp" in panel.children[1].value
        said_tie = "Tidak ada perbedaan yang jelas" in panel.children[1].value
        assert said_tie == bool(answer.tied())  # the words follow the bands


def test_a_customer_centric_shop_has_nothing_to_switch():
    view = quick(ui.shop(lang="en", calibrate_now=False))
    view.rows["style"].put("customer")
    view.calibrate()
    question = ui.shop_question(view, lang="en", seeds=1, horizon=4)
    assert [a.question for a in question.answers] == ["head_to_head"]
    assert "already sells customer-centric" in question.panels.children[-1].value


def test_calibrating_by_hand_says_when_both_numbers_match():
    hand = ui.by_hand("calibrate", lang="en")
    buyers, back = hand.simulate()
    assert "Aling Rosa" in hand.children[0].value
    assert f"{round(buyers):,}" in hand.result.value
    far = abs(back - 0.75) > 0.05 or abs(buyers - 140) > 14
    assert ("Not yet" in hand.result.value) == far


def test_what_made_the_difference_for_a_worked_example_in_its_money():
    """Lesson 9's decomposition widget: a bar per part in the shop's money, its summary naming
    the clear groups, asked again at no cost (kept per calibration)."""
    import time

    view = ui.shop("sari_sari", lang="en")
    diff = ui.shop_difference(view, lang="en", seeds=2, horizon=13)
    d = diff.result
    assert d is not None and d.currency == "PHP" and len(d.per_seed) == 2
    bars = diff.figure.data[0]
    assert list(bars.y) == ["Total gap", "Strategy", "Operations", "Product, price and channel",
                            "Outside the lever groups"]
    assert diff.figure.layout.xaxis.title.text == "Customer-centric minus Product-centric (₱)"
    assert "ahead of Product-centric" in diff.summary.value or "behind" in diff.summary.value
    assert "₱" in diff.summary.value and diff.panel.layout.display == "flex"
    start = time.perf_counter()
    assert diff.ask() is d and time.perf_counter() - start < 1.0


def test_what_made_the_difference_waits_for_a_calibration():
    view = ui.shop(lang="id")
    diff = ui.shop_difference(view, lang="id")
    assert diff.result is None and diff.panel.layout.display == "none"
    diff.ask()
    assert "Sesuaikan" in diff.message.value or "sesuaikan" in diff.message.value.lower()
