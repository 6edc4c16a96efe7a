"""The chart widget (sim.ui.plot.Plot): small per-chart front end, the figure sent as state."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("anywidget")

from sim.ui.plot import Plot, plotly_library  # noqa: E402


def test_each_chart_ships_a_small_module_and_plotly_js_travels_once():
    a, b = Plot(), Plot()
    assert len(a._esm) < 20_000  # plotly's FigureWidget ships ~5 MB per chart
    lib = plotly_library()
    assert a._library == b._library == f"IPY_MODEL_{lib.model_id}"
    assert len(lib.get_state()) < 20 and "source" not in lib.get_state()  # not page state
    sent = []
    lib.send = lambda content, buffers=None: sent.append((content, buffers))
    lib._on_request(lib, {"request": "source"}, [])
    assert len(sent[0][1][0]) > 1_000_000 and sent[0][1][0].endswith(
        b"export default module.exports;\n")


def test_a_batch_update_sends_the_whole_figure_once():
    p = Plot()
    p.add_scatter(x=[1, 2], y=[3, 4])
    sent = []
    p.send_state = lambda key=None: sent.append((key, p._rev))
    with p.batch_update():
        p.data[0].y = [5, 6]
        p.layout.title.text = "profit"
    # one message: the figure, and the accessible name since the title changed
    assert len(sent) == 1 and set(sent[0][0]) == {"_widget_data", "_widget_layout", "_rev",
                                                   "_aria_label"}
    assert p._widget_data[0]["y"] == [5, 6] and p._widget_layout["title"]["text"] == "profit"
    assert p._aria_label == "profit"


def test_the_page_reports_drawn_revisions_and_errors():
    p = Plot()
    p._on_view_msg(p, {"event": "drawn", "rev": 3}, [])
    p._on_view_msg(p, {"event": "error", "message": "boom"}, [])
    assert p.drawn_rev == 3 and p.errors == ["boom"]


def test_importing_the_charts_skips_the_slow_rfc3987_parser():
    code = "import sys, sim.ui; print('rfc3987_syntax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_stuck_view_can_ask_the_library_for_the_figure_and_its_updates():
    p = Plot()
    p.add_scatter(x=[1, 2], y=[3, 4])
    lib = plotly_library()
    sent = []
    lib.send = lambda content, buffers=None: sent.append(content)
    lib._on_request(lib, {"request": "status", "id": p.model_id}, [])
    assert sent[-1] == {"status": p.model_id, "rev": p._rev}
    lib._on_request(lib, {"request": "figure", "id": p.model_id}, [])  # the Redraw button
    assert sent[-1]["figure"] == p.model_id and '"y":[3,4]' in sent[-1]["json"]
    p.data[0].y = [7, 8]  # from now on every update goes through the library too
    assert sent[-1]["rev"] == p._rev and '"y":[7,8]' in sent[-1]["json"]
