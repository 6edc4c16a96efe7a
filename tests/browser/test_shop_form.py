"""Lesson 9's own-shop form in a real browser (issue 14): the lesson in Voila, in English and in
Bahasa Indonesia, driven as a learner drives it.

Experiment 3's form (the learner's own shop, empty, every number "don't know") is found under
its heading; a number is entered (buyers per week: its "don't know" unticked, the number
typed), Calibrate is pressed and the test waits on state, never on a fixed sleep: the fit's
report naming the number entered, the chart's diamond at it, the kernel idle. Then the number
is changed and the fit follows. A bad entry (a negative price) shows the form's message naming
the input, in the learner's words, and no traceback. Nothing goes wrong on the way: no error or
stderr output on the page and none from the kernel (its messages are watched from the page, as
a callback's traceback in Voila is drawn nowhere).

The form's parts are found as a learner (or a screen reader) finds them: each input is a group
named by its label (panel.js), holding a field of that name and a "don't know" box; the
``pasar-shop*`` classes only scope the search.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from conftest import ANSI, STDERR_SELECTOR, OutputProblem

from sim.i18n import t
from sim.shop import INPUT_BY_NAME

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
LESSONS = {"en": "notebooks/en/09_your_shop.ipynb", "id": "notebooks/id/09_toko_anda.ipynb"}
EXPERIMENT = {"en": "Experiment", "id": "Eksperimen"}  # how each lesson's headings start
LOAD_S = 600  # the lesson calibrates two example shops and asks their questions on load
ANSWER_S = 300  # one calibration: seconds on an idle machine, tens of seconds on a loaded one

# The kernel as the Voila page sees it (its widget manager's connection).
KERNEL = "(window.jupyterapp && window.jupyterapp.widgetManager && " \
         "window.jupyterapp.widgetManager.kernel)"
KERNEL_IDLE = f"() => {{ const k = {KERNEL}; return !!k && k.status === 'idle'; }}"
# Every error and stderr message the kernel sends from now on. A traceback raised in a widget
# callback goes to the page only as such a message (Voila has no output area for it).
WATCH_KERNEL = f"""() => {{
  const k = {KERNEL};
  window.__pasarKernelProblems = [];
  k.iopubMessage.connect((_, msg) => {{
    const c = msg.content, type = msg.header.msg_type;
    if (type === 'error')
      window.__pasarKernelProblems.push({{kind: 'error',
        text: c.ename + ': ' + c.evalue + '\\n' + (c.traceback || []).join('\\n')}});
    else if (type === 'stream' && c.name === 'stderr')
      window.__pasarKernelProblems.push({{kind: 'stderr', text: c.text}});
  }});
}}"""
# the diamond ("your number") in each panel of a fit chart
DIAMONDS = """(chart) => chart.data ? chart.data
  .filter(t => t.marker && t.marker.symbol === 'diamond').map(t => t.y[0]) : null"""


def experiment_heading(number: int, lang: str) -> str:
    """The heading of experiment ``number``, as the lesson in ``lang`` writes it."""
    nb = nbformat.read(REPO / LESSONS[lang], as_version=4)
    for cell in nb.cells:
        first = cell.source.splitlines()[0] if cell.source else ""
        if cell.cell_type == "markdown" and first.startswith(f"## {EXPERIMENT[lang]} {number}"):
            return first.removeprefix("## ").strip()
    raise AssertionError(f"{LESSONS[lang]} has no experiment {number}")


def label(name: str, lang: str) -> str:
    return INPUT_BY_NAME[name].label(lang)


def said_line(number: str, lang: str) -> str:
    """The start of the fit report's line for buyers per week: "... you said 40"."""
    blank = dict.fromkeys(("mean", "low", "high", "tolerance", "verdict"), "")
    return t("shop.fit.line", lang, what=label("buyers_per_week", lang), target=number,
             **blank).split(";")[0]


def problems(page) -> list[OutputProblem]:
    """Error and stderr outputs on the page, and error and stderr messages from the kernel."""
    found = [OutputProblem(-1, "stderr", text)
             for text in page.locator(STDERR_SELECTOR).all_inner_texts()]
    found += [OutputProblem(-1, p["kind"], ANSI.sub("", p["text"]))
              for p in page.evaluate("() => window.__pasarKernelProblems || []")]
    if "Traceback" in page.locator("body").inner_text():
        found.append(OutputProblem(-1, "error", "a traceback is shown on the page"))
    return found


def wait_idle(page, timeout_s: float = ANSWER_S) -> None:
    page.wait_for_function(KERNEL_IDLE, timeout=timeout_s * 1000, polling=200)


def wait_for(page, condition: str, arg) -> None:
    """Wait until ``condition(arg)`` holds on the page, or the kernel reports an error (then
    fail at once, with it); then until the kernel is idle, and nothing went wrong."""
    page.wait_for_function(f"(arg) => ({condition})(arg)"
                           " || (window.__pasarKernelProblems || []).length > 0",
                           arg=arg, timeout=ANSWER_S * 1000, polling=250)
    wait_idle(page)
    found = problems(page)
    assert found == [], "\n".join(map(str, found))


def enter(form, name: str, value: str, lang: str) -> None:
    """Untick the input's "don't know" (if ticked) and type ``value`` into its field."""
    group = form.get_by_role("group", name=label(name, lang))
    dont_know = group.get_by_role("checkbox", name=t("ui.shop.dont_know", lang))
    if dont_know.is_checked():
        dont_know.uncheck()
    field = group.get_by_role("spinbutton", name=label(name, lang))
    field.wait_for(state="visible")
    field.page.wait_for_function("(el) => !el.disabled", arg=field.element_handle(),
                                 timeout=60_000)
    field.fill(value)
    field.press("Enter")  # a number box sends its value on Enter (or when it loses focus)


def calibrate_button(form, lang: str):
    # its name is the catalogue's word after the icon's glyph, so not matched exactly
    return form.get_by_role("button", name=t("ui.shop.calibrate", lang))


def calibrate_and_wait(form, said: str, lang: str) -> str:
    """Press Calibrate; wait until the report names the number said and the kernel is idle;
    return the report's text."""
    page = form.page
    report = form.locator(".pasar-shop-report")
    before = report.inner_text()
    calibrate_button(form, lang).click()
    line = said_line(said, lang)
    wait_for(page, "([el, before, line]) => el.innerText !== before"
                   " && el.innerText.includes(line)", [report.element_handle(), before, line])
    return report.inner_text()


@pytest.mark.parametrize("lang", list(LESSONS))
def test_a_learner_calibrates_their_own_shop_in_voila(voila, lang):
    loaded = voila.open(LESSONS[lang], timeout_s=LOAD_S)
    assert loaded == [], "\n".join(map(str, loaded))
    page = voila.page
    wait_idle(page, LOAD_S)
    page.evaluate(WATCH_KERNEL)

    heading = page.get_by_role("heading", name=experiment_heading(3, lang), level=2)
    form = heading.locator("xpath=following::div[contains(concat(' ', normalize-space(@class),"
                           " ' '), ' pasar-shop ')][1]")
    assert form.count() == 1
    form.scroll_into_view_if_needed()
    # the learner's own shop: nothing entered, nothing calibrated yet
    assert form.get_by_role("textbox", name=label("name", lang)).input_value() == ""
    assert form.locator(".pasar-shop-report").inner_text().strip() == ""
    chart = form.locator(".js-plotly-plot")

    # a number entered, Calibrate pressed: the fit names it and the chart shows it
    enter(form, "buyers_per_week", "40", lang)
    first = calibrate_and_wait(form, "40", lang)
    assert t("shop.fit.all_ok", lang) in first, first
    assert page.evaluate(DIAMONDS, chart.element_handle()) == [40]

    # the number changed: a new fit, not the old one
    enter(form, "buyers_per_week", "50", lang)
    second = calibrate_and_wait(form, "50", lang)
    assert second != first and said_line("40", lang) not in second, second
    page.wait_for_function(f"([el]) => JSON.stringify(({DIAMONDS})(el)) === '[50]'",
                           arg=[chart.element_handle()], timeout=60_000)

    # a bad entry: the form says which input and what is valid, and nothing runs
    enter(form, "price", "-5", lang)
    message = form.locator(".pasar-shop-message")
    calibrate_button(form, lang).click()
    wait_for(page, "([el, name]) => el.innerText.includes(name)",
             [message.element_handle(), label("price", lang)])
    said = message.inner_text()
    assert form.locator(".pasar-message-error").count() == 1, said
    assert re.search(rf"{re.escape(label('price', lang))} = [-−]5\b", said), said
    assert "Rp" in said and "Traceback" not in said and "Error" not in said, said
    assert form.locator(".pasar-shop-report").inner_text() == second  # the last fit stands
    assert problems(page) == [], "\n".join(map(str, problems(page)))
    voila.screenshot(f"shop-form-voila-{lang}")

    # Save and Open: the shop's file lands next to the lesson, in shops/ (the kernel's folder)
    folder = voila.server.root_dir / Path(LESSONS[lang]).parent / "shops"
    before = sorted(folder.glob("*.json")) if folder.is_dir() else []
    enter(form, "price", "60000", lang)
    enter(form, "people", "5", lang)  # fewer than the form allows: Save refuses, names it
    form.get_by_role("button", name=t("ui.shop.save", lang)).click()
    wait_for(page, "([el, name]) => el.innerText.includes(name)",
             [message.element_handle(), label("people", lang)])
    assert form.locator(".pasar-message-error").count() == 1, message.inner_text()
    assert (sorted(folder.glob("*.json")) if folder.is_dir() else []) == before  # nothing saved
    form.get_by_role("group", name=label("people", lang)).get_by_role(
        "checkbox", name=t("ui.shop.dont_know", lang)).check()

    name = form.get_by_role("textbox", name=label("name", lang))
    name.fill(f"Warung Uji {lang}")
    name.press("Enter")
    saved = []
    for n in (1, 2):  # a second save of the same name is a second file, never an overwrite
        shown = message.inner_text()
        form.get_by_role("button", name=t("ui.shop.save", lang)).click()
        wait_for(page, "([el, shown]) => el.innerText !== shown && el.innerText.includes("
                       "'.json')", [message.element_handle(), shown])
        saved.append(folder / (f"warung_uji_{lang}" + ("" if n == 1 else "_2") + ".json"))
        assert f"shops/{saved[-1].name}" in message.inner_text(), message.inner_text()
        assert saved[-1].is_file(), sorted(folder.iterdir())
        assert form.locator(".pasar-message-error").count() == 0, message.inner_text()
    first_bytes = saved[0].read_bytes()
    doc = json.loads(first_bytes)
    assert (doc["name"], doc["buyers_per_week"], doc["price"]) == (f"Warung Uji {lang}", 50,
                                                                   60000), doc
    assert json.loads(saved[1].read_bytes())["buyers_per_week"] == 50

    # a broken file among the saved ones: Open names it, the form keeps what it holds
    broken = folder / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    enter(form, "buyers_per_week", "70", lang)
    files = form.locator(".widget-dropdown", has=page.get_by_text(t("ui.shop.saved", lang),
                                                                 exact=True)).locator("select")
    shown = message.inner_text()
    form.get_by_role("button", name=t("ui.shop.save", lang)).click()  # refreshes the list
    wait_for(page, "([el, shown]) => el.innerText !== shown", [message.element_handle(), shown])
    saved.append(folder / f"warung_uji_{lang}_3.json")
    assert json.loads(saved[2].read_bytes())["buyers_per_week"] == 70
    files.select_option(label="broken.json")
    shown = message.inner_text()
    form.get_by_role("button", name=t("ui.shop.open", lang)).click()
    wait_for(page, "([el, shown]) => el.innerText !== shown", [message.element_handle(), shown])
    assert "broken.json" in message.inner_text(), message.inner_text()
    assert form.locator(".pasar-message-error").count() == 1, message.inner_text()
    buyers = form.get_by_role("group", name=label("buyers_per_week", lang)).get_by_role(
        "spinbutton", name=label("buyers_per_week", lang))
    assert float(buyers.input_value()) == 70  # untouched by the broken file

    # the first file opened: the form shows what was saved in it, and the file is unchanged
    files.select_option(label=saved[0].name)
    shown = message.inner_text()
    form.get_by_role("button", name=t("ui.shop.open", lang)).click()
    wait_for(page, "([el, shown]) => el.innerText !== shown", [message.element_handle(), shown])
    assert form.locator(".pasar-message-error").count() == 0, message.inner_text()
    page.wait_for_function("([el]) => Number(el.value) === 50", arg=[buyers.element_handle()],
                           timeout=60_000)
    assert saved[0].read_bytes() == first_bytes
    assert problems(page) == [], "\n".join(map(str, problems(page)))
