"""Lesson 8's sandbox widget: try a design, save it, never overwrite, friendly errors."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("ipywidgets")

import sim.ui as ui  # noqa: E402


def test_try_runs_the_design_against_the_rival(tmp_path):
    box = ui.sandbox(lang="en", folder=str(tmp_path), weeks=20)
    box.panel.set("seller1.price", 70)
    box.rival.value = "customer"
    view = box.try_it()
    assert view is not None and box.result.children == (view,)
    assert box.values()["seller1.price"] == 70 and box.values()["seller2.strategy"] == "customer"
    assert list(tmp_path.iterdir()) == []  # trying writes nothing


def test_save_needs_a_name_then_never_overwrites(tmp_path):
    box = ui.sandbox(lang="id", folder=str(tmp_path))
    assert box.save() is None and "nama" in box.message.value
    box.name.value = "Tim Melati"
    box.panel.set("seller1.promise_gap", 0.1)  # a move away from the default (0)
    first, second = box.save(), box.save()
    assert first != second and first.exists() and second.exists()
    doc = json.loads(first.read_text())
    assert doc["name"] == "Tim Melati" and doc["levers"] == {"promise_gap": 0.1}
    assert doc["strategy"] == box.panel.strategy_of(1)
    assert str(second) in box.message.value
