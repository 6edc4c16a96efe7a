"""The offline fallback: a lesson executed and saved as one web page with its charts' data and
plotly.js inside, and nothing fetched from the internet."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import sim
from sim.files import write_new
from sim.ui import offline

ROOT = Path(__file__).resolve().parents[1]


def figures(page: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r"const figure = (\{.*?\}); Plotly\.newPlot", page,
                                              re.S)]


@pytest.fixture(scope="module")
def lesson0(tmp_path_factory):
    """Lesson 0 executed in a fresh kernel (which imports this checkout's sim)."""
    env = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env) if p)
    try:
        nb = offline.execute(ROOT / "notebooks" / "en" / "00_start_here.ipynb")
    finally:
        if env is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = env
    out = tmp_path_factory.mktemp("offline") / "en" / "00_start_here.html"
    page = offline.to_html(nb, "en")
    write_new(out, page)
    return nb, page


def test_the_widget_state_is_saved_with_every_chart(lesson0):
    nb, _ = lesson0
    state = nb.metadata["widgets"][offline.STATE_MIME]["state"]
    drawn = [m for m in state.values() if m["state"].get("_widget_data")]
    assert len(drawn) >= 5  # the dashboards' and the compare view's charts, with their data
    assert all(c.cell_type != "code" or offline.SETTLE not in c.source for c in nb.cells)


def test_the_page_holds_the_charts_data_and_needs_no_internet(lesson0):
    _, page = lesson0
    assert not re.search(r"<script[^>]*\ssrc\s*=", page)  # no script fetched from anywhere
    assert not re.search(r"<link[^>]*\shref\s*=", page)  # no stylesheet either
    assert page.count(offline.plotly_js()[:300]) == 1  # plotly.js inside, once
    charts = figures(page)
    assert len(charts) >= 5
    weekly = sim.run("head_to_head", seed=1).weekly  # the lesson's first dashboard
    profit = weekly[weekly.seller == "seller2"].cumulative_profit.tolist()
    drawn = [trace["y"] for chart in charts for trace in chart["data"] if "y" in trace]
    assert any(len(y) == len(profit) and y == pytest.approx(profit) for y in drawn)
    assert not re.search(r'href="[^":]*\.ipynb', page)  # lessons link to their pages
    assert 'href="01_customer_consumer_client.html"' in page
