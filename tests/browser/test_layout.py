"""The dashboard's layout as a learner sees it, measured in the browser (lesson 8, the full
dashboard, in JupyterLab and in Voila):

- the controls and the charts share the row: the charts take the rest of the width; the panel
  scrolls on its own and stays in view, so a slider and a chart are on screen together at
  1366x768 and the screen is used at 1920x1080;
- every chart of every dashboard and comparison on the page is as wide as its cell, and no
  two texts of a chart (title, axis titles, tick labels, legend, panel labels) overlap or leave
  the chart, with normal and with large fonts; the chart toolbar covers no title.

Screenshots land in tests/artifacts/ (``layout-*.png``); ``PASAR_README_SHOTS=1`` also writes
the README's assets/dashboard_en.png and assets/dashboard_id.png (1366x768, Voila).
Every wait is on a state (widgets drawn, charts fitted to their cells), never a fixed pause.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import save_screenshot

from sim.ui.style import ui

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
# the one dashboard with every setting (lesson 8): the longest panel and the most charts
FULL = {"en": "notebooks/en/08_sandbox.ipynb", "id": "notebooks/id/08_kotak_pasir.ipynb"}
SMALL, WIDE = {"width": 1366, "height": 768}, {"width": 1920, "height": 1080}
LOAD_S = 600  # seconds: a whole lesson on a loaded 2-core machine

# Every chart of every dashboard and comparison on the page drawn, with data, and as wide as
# its cell; with ``fontSize``, the first dashboard's charts (its large-fonts switch) at that size.
JS_FITTED = """(fontSize) => {
  const views = [...document.querySelectorAll('.pasar-dash, .pasar-compare')];
  const first = document.querySelector('.pasar-dash');
  return views.length > 0 && views.every(v => {
    const plots = [...v.querySelectorAll('.pasar-plot')];
    return plots.length > 0 && plots.every(el => {
      const gd = el.querySelector('.js-plotly-plot');
      const full = gd && gd._fullLayout;
      const cell = el.closest('.pasar-cell') || el;
      return full && gd.data && gd.querySelector('.main-svg')
        && Math.abs(full.width - cell.getBoundingClientRect().width) <= 2
        && (fontSize === null || v !== first || full.font.size === fontSize);
    });
  });
}"""

JS_GEOMETRY = """() => {
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            width: r.width, height: r.height}; };
  const d = document.querySelector('.pasar-dash');
  const side = d.querySelector('.pasar-side');
  const sliders = [...side.querySelectorAll('.widget-slider')]
    .filter(s => s.getBoundingClientRect().height > 0);
  return {dash: box(d), side: box(side), charts: box(d.querySelector('.pasar-charts')),
          cells: [...d.querySelectorAll('.pasar-cell')].map(box),
          sliders: sliders.map(box), sideScrolls: side.scrollHeight > side.clientHeight + 1,
          sideOverflow: getComputedStyle(side).overflowY,
          viewport: {width: innerWidth, height: innerHeight}};
}"""

# Text boxes in each chart (title, axis titles, tick labels, legend, annotations) and the
# toolbar; problems are pairs that overlap by more than 1 px, or text outside its chart.
JS_TEXT_PROBLEMS = """() => {
  const sel = '.gtitle, .xtitle, .ytitle, .legendtext, .xtick text, .ytick text, '
            + '.annotation-text';
  const problems = [];
  const charts = [...document.querySelectorAll(
    '.pasar-dash .js-plotly-plot, .pasar-compare .js-plotly-plot')];
  charts.forEach((gd, i) => {
    const name = (gd._fullLayout && gd._fullLayout.title && gd._fullLayout.title.text) || i;
    const outer = gd.getBoundingClientRect();
    const cell = gd.closest('.pasar-cell') || gd.closest('.pasar-plot');
    if (cell) {
      const c = cell.getBoundingClientRect();
      if (Math.abs(gd._fullLayout.width - c.width) > 2)
        problems.push(`${name}: chart ${gd._fullLayout.width}px wide in a ${c.width}px cell`);
    }
    const texts = [...gd.querySelectorAll(sel)].map(el => ({
      text: el.textContent, r: el.getBoundingClientRect()}))
      .filter(t => t.text.trim() && t.r.width > 0 && t.r.height > 0);
    texts.forEach(t => {
      if (t.r.left < outer.left - 1 || t.r.right > outer.left + gd._fullLayout.width + 1
          || t.r.top < outer.top - 1 || t.r.bottom > outer.top + gd._fullLayout.height + 1)
        problems.push(`${name}: "${t.text}" leaves the chart`);
    });
    const over = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                        && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    for (let a = 0; a < texts.length; a++)
      for (let b = a + 1; b < texts.length; b++)
        if (over(texts[a].r, texts[b].r))
          problems.push(`${name}: "${texts[a].text}" overlaps "${texts[b].text}"`);
    const bar = gd.querySelector('.modebar');
    if (bar) {
      const m = bar.getBoundingClientRect();
      gd.querySelectorAll('.gtitle, .legendtext, .annotation-text').forEach(el => {
        if (m.width > 0 && over(m, el.getBoundingClientRect()))
          problems.push(`${name}: the toolbar covers "${el.textContent}"`);
      });
    }
  });
  return {charts: charts.length, problems};
}"""


def wait_fitted(page, font_size: int | None = None) -> None:
    page.wait_for_function(JS_FITTED, arg=font_size, timeout=LOAD_S * 1000, polling=250)


# Scroll the first dashboard to the top of its scrolling area and wait until it stays there:
# outputs above it (other experiments, lazily drawn notebook cells) can still grow and push it
# down after one scroll. True once a poll finds it where the previous poll left it.
JS_DASH_SETTLED = """() => {
  const d = document.querySelector('.pasar-dash');
  const top = Math.round(d.getBoundingClientRect().top);
  const stayed = window.__pasarDashTop === top;
  d.scrollIntoView({block: 'start'});
  window.__pasarDashTop = Math.round(d.getBoundingClientRect().top);
  return stayed && window.__pasarDashTop === top;
}"""


def show_dashboard(page) -> None:
    page.evaluate("window.__pasarDashTop = null")
    page.wait_for_function(JS_DASH_SETTLED, timeout=LOAD_S * 1000, polling=250)


def set_window(page, size: dict) -> None:
    """Resize the window and wait until the page itself sees the new size (the renderer learns
    it a moment after Playwright returns)."""
    page.set_viewport_size(size)
    page.wait_for_function("([w, h]) => innerWidth === w && innerHeight === h",
                           arg=[size["width"], size["height"]], timeout=LOAD_S * 1000,
                           polling=100)


def check_row(page, where: str) -> dict:
    """Controls and charts side by side; a slider and a chart on screen together."""
    wait_fitted(page)
    show_dashboard(page)
    g = page.evaluate(JS_GEOMETRY)
    side, charts, vp = g["side"], g["charts"], g["viewport"]
    assert side["right"] <= charts["left"] + 1, f"{where}: the charts are not beside the panel"
    assert charts["top"] < side["bottom"], f"{where}: the charts fell below the panel"
    assert charts["right"] >= g["dash"]["right"] - 30, f"{where}: the charts leave space"
    assert side["height"] <= vp["height"] + 1, f"{where}: the panel is taller than the window"
    assert g["sideOverflow"] in ("auto", "scroll"), f"{where}: the panel does not scroll"
    visible = [s for s in g["sliders"] if 0 <= s["top"] and s["bottom"] <= vp["height"]]
    if not visible:
        save_screenshot(page, "layout-no-slider", full_page=False)
    assert visible, (f"{where}: no slider on screen (panel {side}, first sliders "
                     f"{g['sliders'][:3]}, window {vp})")
    first = g["cells"][0]
    assert first["top"] < vp["height"] - 200 and first["right"] <= vp["width"] + 1, \
        f"{where}: the first chart is not on screen with the sliders"
    # the last chart scrolled into view: the panel is still on screen (sticky)
    page.evaluate("[...document.querySelector('.pasar-dash').querySelectorAll('.pasar-cell')]"
                  ".pop().scrollIntoView({block: 'end'})")
    g2 = page.evaluate(JS_GEOMETRY)
    on_screen = [s for s in g2["sliders"] if 0 <= s["top"] and s["bottom"] <= vp["height"]]
    assert on_screen, f"{where}: scrolling to the last chart takes every slider off screen"
    show_dashboard(page)
    return g


def check_texts(page, where: str, least: int = 7) -> None:
    found = page.evaluate(JS_TEXT_PROBLEMS)
    assert found["charts"] >= least, f"{where}: only {found['charts']} charts"
    assert found["problems"] == [], f"{where}:\n" + "\n".join(found["problems"])


FOLLOW_S = 120  # seconds for the charts to follow the large-fonts switch


def set_large_fonts(page, lang: str, on: bool) -> None:
    """Press the first dashboard's large-fonts switch; its charts must follow (a chart that
    does not is frozen: the test fails)."""
    button = page.locator(".pasar-dash").first.get_by_role("button", name=ui("large_fonts", lang))
    pressed = "mod-active" in (button.get_attribute("class") or "")
    if pressed != on:
        button.click()
    page.wait_for_function(JS_FITTED, arg=20 if on else 13, timeout=FOLLOW_S * 1000,
                           polling=250)


def check_layout(page, where: str, lang: str, shots: str) -> None:
    set_window(page, SMALL)
    g = check_row(page, f"{where} 1366x768")
    check_texts(page, f"{where} 1366x768")
    save_screenshot(page, f"layout-{shots}-1366", full_page=False)
    readme = os.environ.get("PASAR_README_SHOTS") == "1" and where == "voila"
    if readme:
        page.screenshot(path=str(REPO / "assets" / f"dashboard_{lang}.png"))
    set_window(page, WIDE)
    g = check_row(page, f"{where} 1920x1080")
    columns = {round(c["left"]) for c in g["cells"]}
    assert len(columns) >= 2, f"{where} 1920x1080: one column of charts in a wide window"
    check_texts(page, f"{where} 1920x1080")
    save_screenshot(page, f"layout-{shots}-1920", full_page=False)
    set_large_fonts(page, lang, True)
    check_texts(page, f"{where} 1920x1080, large fonts")
    set_window(page, SMALL)
    check_row(page, f"{where} 1366x768, large fonts")
    check_texts(page, f"{where} 1366x768, large fonts")
    save_screenshot(page, f"layout-{shots}-1366-large", full_page=False)
    set_large_fonts(page, lang, False)


def test_layout_in_jupyterlab(lab):
    lab.open(FULL["en"])
    problems = lab.run_all_cells(timeout_s=LOAD_S)
    assert problems == [], "\n".join(map(str, problems))
    check_layout(lab.page, "jupyterlab", "en", "lab-en")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_layout_in_voila(voila, lang):
    assert voila.open(FULL[lang], timeout_s=LOAD_S) == []
    voila.page.wait_for_selector(".pasar-dash .js-plotly-plot", state="visible",
                                 timeout=LOAD_S * 1000)
    check_layout(voila.page, "voila", lang, f"voila-{lang}")


# the views that frame one chart each in a .pasar-compare box, as a notebook calls them
COMPARE_VIEWS = re.compile(r"\bui\.(?:compare_view|sweep_view|survival_view|regime_map|"
                           r"decompose_view)\(")


def test_sweeps_frame_their_charts_as_the_dashboard_does(voila):
    """Lesson 7 (Indonesian, the longer texts): a dashboard and its sweeps, survival and
    regime-map charts, each chart as wide as its cell and no two of its texts on each other."""
    relpath = "notebooks/id/07_kapan_beralih.ipynb"
    code = "\n".join("".join(c["source"]) for c in
                     json.loads((REPO / relpath).read_text("utf-8"))["cells"]
                     if c["cell_type"] == "code")
    views = len(COMPARE_VIEWS.findall(code))
    assert views >= 3, "lesson 7 lost its sweeps"
    assert voila.open(relpath, timeout_s=LOAD_S) == []
    page = voila.page
    set_window(page, SMALL)
    wait_fitted(page)
    assert page.locator(".pasar-compare .js-plotly-plot").count() == views
    check_texts(page, "voila lesson 7 1366x768", least=5)
    save_screenshot(page, "layout-voila-id-sweeps", full_page=True)
