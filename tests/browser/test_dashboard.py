"""The dashboards in a real browser: JupyterLab 4 and Voila in headless Chromium.

A learner moves a slider and the chart answers; a preset sets the sliders; the quiz gives
feedback; the language switch turns the labels Indonesian. The time from releasing a slider to
the chart's new data is measured here and written to tests/artifacts/latency.json (the README
quotes it); the bound asserted is generous, to catch a hang, not to tune speed.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import nbformat
import pytest

from sim.params import PARAMS
from sim.scenarios import SCENARIOS

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LATENCY = ARTIFACTS / "latency.json"
pytestmark = pytest.mark.browser

DEMO = [
    "import sim.ui as ui",
    'dash = ui.dashboard("head_to_head", lang="en", controls=["wom_rate", "seller2.price"],\n'
    '                    charts=["profit", "stages"], presets=["head_to_head", "l4_quiet_town"])',
    'ui.quiz("00_start_here", lang="en")',
]

PLOT_DATA = """(i) => { const p = document.querySelectorAll('.js-plotly-plot')[i];
  return p && p.data ? JSON.stringify(p.data.map(t => t.y)) : null; }"""


def write_notebook(path: Path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def slider(page, label: str):
    return page.locator(".widget-slider", has_text=label).first


def press_slider(page, label: str, key: str) -> None:
    """Move a slider with the keyboard, as a learner who does not use a mouse would: focus its
    handle and press an arrow key (the slider is released at once)."""
    slider(page, label).locator(".noUi-handle").focus()
    page.keyboard.press(key)


def plot_data(page, index: int = 0) -> str | None:
    return page.evaluate(PLOT_DATA, index)


def move_and_time(page, label: str, key: str, index: int = 0, timeout_s: float = 30) -> float:
    """Seconds from a key press on the slider to new data in plot ``index``."""
    before = plot_data(page, index)
    start = time.perf_counter()
    press_slider(page, label, key)
    page.wait_for_function(f"(b) => ({PLOT_DATA})({index}) !== b", arg=before,
                           timeout=timeout_s * 1000, polling=20)
    return time.perf_counter() - start


def record_latency(where: str, seconds: list[float]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    doc = json.loads(LATENCY.read_text()) if LATENCY.exists() else {}
    doc[where] = {"median_ms": round(1000 * statistics.median(seconds)),
                  "max_ms": round(1000 * max(seconds)), "moves": len(seconds)}
    LATENCY.write_text(json.dumps(doc, indent=1))


def drive_dashboard(page, where: str) -> None:
    """Move sliders, check charts and summaries answer, record the latency."""
    page.wait_for_selector(".js-plotly-plot", state="visible", timeout=120_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 2 &&"
                           " document.querySelectorAll('.js-plotly-plot')[0].data",
                           timeout=120_000)
    label = PARAMS["wom_rate"].label["en"]
    summary = page.locator(".pasar-summary").first.inner_text()
    times = [move_and_time(page, label, key) for key in
             ("PageUp", "ArrowLeft", "PageDown", "ArrowRight", "ArrowLeft")]
    page.wait_for_function("(s) => document.querySelector('.pasar-summary').innerText !== s",
                           arg=summary, timeout=30_000)
    record_latency(where, times)
    assert statistics.median(times) < 5, times


@pytest.fixture
def demo_notebook(lab_workspace) -> str:
    write_notebook(lab_workspace / "scratch" / "dashboard_demo.ipynb", DEMO)
    return "scratch/dashboard_demo.ipynb"


def test_dashboard_in_jupyterlab(lab, demo_notebook):
    lab.open(demo_notebook)
    assert lab.run_all_cells(timeout_s=180) == []
    page = lab.page
    drive_dashboard(page, "jupyterlab")

    # a preset sets the sliders (and says what to look for)
    quiet = SCENARIOS["l4_quiet_town"]
    page.locator(".widget-dropdown select:visible").first.select_option(label=quiet.title["en"])
    # the value shown beside the slider, in the course's number format (not ipywidgets' readout)
    readout = page.locator(".widget-hbox").filter(
        has=slider(page, PARAMS["wom_rate"].label["en"])).last.locator(".pasar-readout")
    expected = f"{quiet.values['wom_rate']:.2f}"
    page.wait_for_function("([el, v]) => el.textContent.trim() === v",
                           arg=[readout.element_handle(), expected], timeout=30_000)
    assert quiet.look_for["en"][:40] in page.locator(".pasar-lookfor").first.inner_text()

    # the quiz gives feedback: pick the right option, wherever the quiz file puts it
    question = json.loads((Path(__file__).resolve().parents[2] / "lessons/en/quiz"
                           / "00_start_here.json").read_text("utf-8"))["questions"][0]
    first = page.locator(".widget-radio-box").first
    first.locator("input[type=radio]").nth(question["answer"]).check()
    page.get_by_role("button", name="Check").first.click()
    page.wait_for_selector("text=Right.", timeout=30_000)

    # the language switch turns every label Indonesian
    page.get_by_role("button", name="Bahasa Indonesia").first.click()
    page.wait_for_selector(f".widget-slider >> text={PARAMS['wom_rate'].label['id']}",
                           timeout=30_000)
    page.wait_for_function("() => document.querySelector('.pasar-summary').innerText"
                           ".includes('Penjual')", timeout=30_000)
    assert lab.problems() == []
    assert page.blocked_requests == [], "the dashboard asked the internet for something"
    lab.screenshot("dashboard-jupyterlab")


def test_dashboard_in_voila(voila, demo_notebook):
    assert voila.open(demo_notebook) == []
    drive_dashboard(voila.page, "voila")
    assert voila.page.locator(".jp-InputArea, .jp-CodeCell .jp-InputArea-editor").count() == 0
    # the course's template drops the stock one's Font Awesome links to a CDN: nothing goes out
    assert voila.page.blocked_requests == [], "the dashboard asked the internet for something"
    voila.screenshot("dashboard-voila")


@pytest.mark.parametrize("relpath", ["notebooks/en/00_start_here.ipynb",
                                     "notebooks/id/00_mulai_di_sini.ipynb"])
def test_start_notebook_runs_clean_in_jupyterlab(lab, relpath):
    lab.open(relpath)
    problems = lab.run_all_cells(timeout_s=300)
    assert problems == [], "\n".join(map(str, problems))
    lab.page.wait_for_selector(".pasar-dash .js-plotly-plot", state="visible", timeout=60_000)
    assert lab.page.locator(".pasar-dash").count() >= 1
    lab.screenshot(Path(relpath).stem)


def test_start_notebook_in_voila(voila):
    problems = voila.open("notebooks/id/00_mulai_di_sini.ipynb")
    assert problems == [], "\n".join(map(str, problems))
    voila.page.wait_for_selector(".pasar-dash .js-plotly-plot", state="visible",
                                 timeout=120_000)
    summaries = voila.page.locator(".pasar-summary").all_inner_texts()
    assert summaries and summaries[0].startswith("Minggu ke-"), summaries[:1]  # in Indonesian
    assert any("Penjual" in s for s in summaries), summaries
    voila.screenshot("start-voila-id")
