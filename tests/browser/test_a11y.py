"""Accessibility and Indonesian numbers in a real browser (issue 9, parts 5 and 6): lesson 0
in Indonesian in Voila; every slider named, every chart named and described by an element on
the page, no English decimals in slider readouts (the dashboard's and the by-hand ones)."""

from __future__ import annotations

import re

NAMES = """() => {
  const out = {unnamed: [], charts: [], readouts: []};
  const sliders = document.querySelectorAll(
    'input[type=range], [role=slider]');
  sliders.forEach((s) => {
    const byLabel = s.id && document.querySelector(`label[for="${s.id}"]`);
    const name = (s.getAttribute('aria-label') || (byLabel && byLabel.textContent) || '').trim();
    if (!name) out.unnamed.push(s.outerHTML.slice(0, 120));
  });
  out.sliders = sliders.length;
  document.querySelectorAll('.pasar-dash .js-plotly-plot').forEach((g) => {
    const id = g.getAttribute('aria-describedby');
    out.charts.push({label: g.getAttribute('aria-label'), role: g.getAttribute('role'),
                     described: !!(id && document.getElementById(id) &&
                                   document.getElementById(id).textContent.trim())});
  });
  document.querySelectorAll('.pasar-readout, .widget-readout')
    .forEach((r) => { if (r.offsetParent !== null) out.readouts.push(r.textContent.trim()); });
  return out;
}"""


def test_lesson0_indonesian_is_accessible_and_uses_indonesian_decimals(voila):
    problems = voila.open("notebooks/id/00_mulai_di_sini.ipynb")
    assert problems == [], "\n".join(map(str, problems))
    page = voila.page
    page.wait_for_selector(".pasar-dash .js-plotly-plot[aria-describedby]", timeout=120_000)
    # names.js names the handles once they are on the page: wait for that state
    page.wait_for_function(
        "() => [...document.querySelectorAll('.noUi-handle')]"
        ".every((h) => h.getAttribute('aria-label'))", timeout=60_000)
    found = page.evaluate(NAMES)
    assert found["sliders"] > 0
    assert found["unnamed"] == [], found["unnamed"]
    assert found["charts"], found
    for chart in found["charts"]:
        assert chart["label"] and chart["role"] == "img" and chart["described"], chart
    assert found["readouts"], found
    english = [r for r in found["readouts"] if re.fullmatch(r"-?\d+\.\d+", r)]
    assert english == [], english
    assert any(re.fullmatch(r"-?\d+,\d+", r) for r in found["readouts"]), found["readouts"]
    voila.screenshot("a11y-voila-id")
