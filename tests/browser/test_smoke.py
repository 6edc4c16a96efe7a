"""Smoke tests proving the browser harness: JupyterLab and Voila in headless Chromium."""

import nbformat
import pytest


def _scratch_notebook(path, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, path)


@pytest.mark.browser
def test_jupyterlab_opens_and_runs_a_notebook(lab, lab_workspace):
    _scratch_notebook(
        lab_workspace / "scratch" / "smoke.ipynb",
        ["x = 6 * 7\nprint('answer', x)", "import ipywidgets as w\nw.IntSlider(value=x)"],
    )
    lab.open("scratch/smoke.ipynb")
    assert lab.page.locator(".jp-Notebook .jp-Cell").count() == 2

    problems = lab.run_all_cells(timeout_s=120)
    assert problems == [], "\n".join(map(str, problems))
    lab.page.wait_for_selector(".jp-Notebook .widget-slider", state="visible")
    assert "answer 42" in lab.page.locator(".jp-OutputArea-output").first.inner_text()
    shot = lab.screenshot("smoke-jupyterlab")
    assert shot.exists() and shot.stat().st_size > 0

    # the harness really reports exceptions
    _scratch_notebook(lab_workspace / "scratch" / "broken.ipynb", ["1 / 0"])
    lab.open("scratch/broken.ipynb")
    problems = lab.run_all_cells(timeout_s=120)
    assert [p.kind for p in problems] == ["error"]
    assert "ZeroDivisionError" in problems[0].text


@pytest.mark.browser
def test_voila_renders_widgets(voila, lab_workspace):
    _scratch_notebook(
        lab_workspace / "scratch" / "smoke_voila.ipynb",
        ["import ipywidgets as w\nw.IntSlider(value=3, description='n')"],
    )
    problems = voila.open("scratch/smoke_voila.ipynb")
    assert problems == [], "\n".join(map(str, problems))
    assert voila.page.locator(".widget-slider").count() == 1
    voila.screenshot("smoke-voila")
