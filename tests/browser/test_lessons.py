"""Lessons in a real browser: one lesson per language runs clean in JupyterLab, one in Voila,
and moving a slider in a lesson's dashboard changes its chart."""

from __future__ import annotations

import pytest
from test_dashboard import press_slider

from sim.params import PARAMS

pytestmark = pytest.mark.browser

ALL_PLOTS = """() => JSON.stringify([...document.querySelectorAll('.pasar-dash .js-plotly-plot')]
  .map(p => p.data ? p.data.map(t => t.y) : null))"""


def move_and_see(page, label: str) -> None:
    page.wait_for_selector(".pasar-dash .js-plotly-plot", state="visible", timeout=120_000)
    before = page.evaluate(ALL_PLOTS)
    press_slider(page, label, "PageUp")
    page.wait_for_function(f"(b) => ({ALL_PLOTS})() !== b", arg=before, timeout=60_000)


@pytest.mark.parametrize("relpath, param, lang", [
    ("notebooks/en/05_product_vs_customer.ipynb", "seller2.research_weeks", "en"),
    ("notebooks/id/03_kepuasan.ipynb", "loss_aversion", "id"),
])
def test_lesson_runs_clean_in_jupyterlab_and_answers_a_slider(lab, relpath, param, lang):
    lab.open(relpath)
    problems = lab.run_all_cells(timeout_s=300)
    assert problems == [], "\n".join(map(str, problems))
    move_and_see(lab.page, PARAMS[param].label[lang])
    assert lab.problems() == []
    lab.screenshot(relpath.split("/")[-1].removesuffix(".ipynb"))


def test_lesson_in_voila(voila):
    problems = voila.open("notebooks/id/06_sisi_uang.ipynb")
    assert problems == [], "\n".join(map(str, problems))
    move_and_see(voila.page, PARAMS["share_thrifty"].label["id"])
    assert voila.page.locator(".jp-InputArea-editor").count() == 0
    voila.screenshot("lesson-voila-06-id")
