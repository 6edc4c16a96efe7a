"""Accessibility and Indonesian numbers in a real browser (issue 9, parts 5 and 6): lesson 0 in
Voila, in English and in Indonesian.

- axe-core (Deque's rules, the ones browsers' accessibility panels use; pinned in
  ``tests/browser/package.json``, installed by ``.ci/run``) finds no serious or critical
  violation on the page (contrast, names of controls, images, ARIA use ...);
- and what axe cannot know: every slider is named by its label; every chart is a figure named
  by its title and described by the summary under it (an element that exists and has text);
  the run speed is one Tab stop (its value plain text, not a second, editable stop); a quiz's
  number box is named by its question, not only by its unit; no English decimals in slider
  readouts (Indonesian page).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import _unavailable

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
LESSON0 = {"en": "notebooks/en/00_start_here.ipynb", "id": "notebooks/id/00_mulai_di_sini.ipynb"}
LOAD_S = 600  # a bound that only catches a hang (a loaded 2-core machine is slow)

# axe on the whole page; only what a learner is kept from by a serious or critical fault
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id} (${v.help}): ` + v.nodes.slice(0, 4)
      .map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '))
      .join(' | '));
}"""

NAMES = """() => {
  const tabbable = (root) => [...root.querySelectorAll(
      'input, select, textarea, button, [tabindex], [contenteditable="true"]')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0);
  const out = {unnamed: [], charts: [], readouts: [], speedStops: [], answers: []};
  const sliders = document.querySelectorAll('input[type=range], [role=slider]');
  sliders.forEach((s) => {
    const byLabel = s.id && document.querySelector(`label[for="${s.id}"]`);
    const name = (s.getAttribute('aria-label') || (byLabel && byLabel.textContent) || '').trim();
    if (!name) out.unnamed.push(s.outerHTML.slice(0, 120));
  });
  out.sliders = sliders.length;
  document.querySelectorAll('.pasar-dash .js-plotly-plot, .pasar-compare .js-plotly-plot')
    .forEach((g) => {
      const id = g.getAttribute('aria-describedby');
      const summary = id && document.getElementById(id);
      out.charts.push({label: g.getAttribute('aria-label'), role: g.getAttribute('role'),
                       described: !!(summary && summary.textContent.trim())});
    });
  document.querySelectorAll('.pasar-speed').forEach((s) => out.speedStops.push(tabbable(s).length));
  document.querySelectorAll('.pasar-question').forEach((q) => {
    const box = q.querySelector('input:not([type=radio])');
    if (box) out.answers.push({prompt: q.querySelector('.pasar-prompt').textContent.trim(),
                               name: box.getAttribute('aria-label') || ''});
  });
  document.querySelectorAll('.pasar-readout, .widget-readout')
    .forEach((r) => { if (r.offsetParent !== null) out.readouts.push(r.textContent.trim()); });
  return out;
}"""
READY = """() => {
  const charts = [...document.querySelectorAll('.pasar-dash .js-plotly-plot, '
                                               + '.pasar-compare .js-plotly-plot')];
  return charts.length > 0 && charts.every(g => g.data && g.getAttribute('aria-describedby'))
    && [...document.querySelectorAll('.noUi-handle')].every(h => h.getAttribute('aria-label'))
    && [...document.querySelectorAll('.pasar-question input:not([type=radio])')]
         .every(b => b.getAttribute('aria-label'));
}"""


@pytest.mark.parametrize("lang", ["en", "id"])
def test_lesson0_is_accessible(voila, lang):
    if not AXE.exists():
        _unavailable(f"{AXE} missing: npm install --prefix tests/browser --no-package-lock")
    problems = voila.open(LESSON0[lang], timeout_s=LOAD_S)
    assert problems == [], "\n".join(map(str, problems))
    page = voila.page
    # charts drawn and described, sliders and answer boxes named (panel.js): wait for that state
    page.wait_for_function(READY, timeout=LOAD_S * 1000, polling=250)
    found = page.evaluate(NAMES)
    assert found["sliders"] > 0
    assert found["unnamed"] == [], found["unnamed"]
    assert len(found["charts"]) >= 10, found["charts"]  # two dashboards and a comparison
    for chart in found["charts"]:
        assert chart["label"] and chart["role"] == "figure" and chart["described"], chart
    assert found["speedStops"] and all(n == 1 for n in found["speedStops"]), found["speedStops"]
    assert found["answers"], "lesson 0's quiz has a number question"
    for answer in found["answers"]:
        assert answer["name"].startswith(answer["prompt"]), answer
    assert found["readouts"], found
    if lang == "id":
        # "0.60" is English; "20.000" (twenty thousand, dots grouping thousands) is Indonesian
        english = [r for r in found["readouts"] if re.fullmatch(r"-?\d+\.\d+", r)
                   and not re.fullmatch(r"-?\d{1,3}(\.\d{3})+", r)]
        assert english == [], english
        assert any(re.fullmatch(r"-?\d+,\d+", r) for r in found["readouts"]), found["readouts"]
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    assert violations == [], "\n".join(violations)
    voila.screenshot(f"a11y-voila-{lang}")
