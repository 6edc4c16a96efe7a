"""Colours, line styles and number formats shared by every chart and text of the dashboards.

Okabe & Ito (2008) colour-blind-safe palette: product-centric orange, customer-centric blue,
switch green; sellers that share a strategy are told apart by their line dash.
"""

from __future__ import annotations

import math

from ..i18n import t

# names for people live in sim.words (the course's texts use them too); the widgets read them here
from ..words import metric_label as metric_label
from ..words import seller_label as seller_label
from ..words import seller_number as seller_number
from ..words import strategy_label as strategy_label
from ..words import text_or as text_or

ORANGE, BLUE, GREEN = "#E69F00", "#0072B2", "#009E73"
PINK, SKY, VERMILLION, YELLOW, GREY = "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"
STRATEGY_COLOURS = {"product": ORANGE, "customer": BLUE, "switch": GREEN}
OTHER_COLOURS = (PINK, SKY, VERMILLION, YELLOW, GREY)
DASHES = ("solid", "dash", "dot", "dashdot")
STAGE_COLOURS = {"unaware": "#DDDDDD", "potential": YELLOW, "new": SKY, "growing": GREEN,
                 "loyal": BLUE, "lost": VERMILLION}
FONT_SIZE = {False: 13, True: 20}  # normal, large fonts (projector)
# the lessons' own words in a widget (quiz, predictions, glossary: lessons/<lang>/), not the
# widgets': the browser's language scan leaves them to the lessons' checks, as it leaves their
# Markdown (the glossary gives the English term beside the Indonesian on purpose)
AUTHORED = "pasar-authored"


def mix(a: str, b: str, share: float) -> str:
    """The colour ``share`` of the way from ``a`` to ``b`` (as plotly blends a colour scale)."""
    ca, cb = (tuple(int(c.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)) for c in (a, b))
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(ca, cb,
                                                                           strict=True))


def ink_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG contrast ratio)."""
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    h = background.lstrip("#")
    r, g, b = (channel(int(h[i:i + 2], 16)) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def ui(key: str, lang: str, **fields) -> str:
    """A dashboard string (``ui.<key>`` in the language catalogues)."""
    return t(f"ui.{key}", lang, **fields)


MESSAGE_STYLE = {"error": "background:#FCE8D9;border-left:6px solid #D55E00",
                 "info": "background:#E3F1FA;border-left:6px solid #0072B2"}


def message_html(inner: str, kind: str = "info", role: str = "status") -> str:
    """A message box (``inner`` is HTML) styled in place, so it looks the same outside a
    dashboard (whose stylesheet styles the same classes)."""
    return (f"<div class='pasar-message-{kind}' role='{role}' "
            f"style='{MESSAGE_STYLE[kind]};padding:6px 10px;margin:4px 0'>{inner}</div>")


def seller_colour(strategy: str) -> str:
    return STRATEGY_COLOURS.get(strategy, PINK)


def seller_dash(name: str) -> str:
    return DASHES[(seller_number(name) - 1) % len(DASHES)]


def number(x: float, lang: str, decimals: int = 0) -> str:
    """A number as people write it: 12,345.6 in English, 12.345,6 in Indonesian (the marks are
    ``number.thousands`` and ``number.decimal`` in each catalogue)."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if text.startswith("-") and set(text[1:]) <= {"0", ".", ","}:
        text = text[1:]  # no "-0"
    marks = {",": t("number.thousands", lang), ".": t("number.decimal", lang)}
    return "".join(marks.get(ch, ch) for ch in text)


def separators(lang: str) -> str:
    """plotly's ``layout.separators`` for ``lang``: the decimal mark, then the thousands mark
    (".," in English, ",." in Indonesian), so axis ticks and hover values read as the text."""
    return t("number.decimal", lang) + t("number.thousands", lang)


def summary_id(summary) -> str:
    """The page id of the text summarising a chart (its HTML widget's), for aria-describedby."""
    return f"pasar-summary-{summary.model_id}"


def signed(x: float, lang: str, decimals: int = 0) -> str:
    """A change with its sign: +12 / -3."""
    body = number(abs(x), lang, decimals)
    if body.strip("0.,") == "":
        return body
    return ("+" if x > 0 else "-") + body


def percent(x: float, lang: str, decimals: int = 0) -> str:
    """0.256 → 26% (en) / 26% (id)."""
    return number(100 * x, lang, decimals) + "%"


def parenthesised(unit: str) -> str:
    """A unit as it follows a label: "(weeks)"; one already in parentheses keeps its own:
    "(0-1)", never "((0-1))"."""
    if not unit or (unit.startswith("(") and unit.endswith(")")):
        return unit
    return f"({unit})"


# --- layout: the dashboard's row and each chart's frame ------------------------------------------
MIN_CHART_WIDTH = 420  # px: the narrowest chart cell (the chart grid's smallest column)
GLYPH = 0.62  # average character width in em of the fonts a browser falls back to (DejaVu Sans)
CHART_CONFIG = {
    "responsive": True,  # follow the window's width (plot.js follows the cell's)
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
                               "toggleSpikelines", "hoverClosestCartesian",
                               "hoverCompareCartesian"],
}
MODEBAR_WIDTH = 36  # px of right margin kept free for the (vertical) chart toolbar

LAYOUT_CSS = """<style>
.pasar-dash.widget-box, .pasar-dash .pasar-body.widget-box { overflow: visible !important; }
.pasar-dash .pasar-body { display: flex; flex-flow: row nowrap; align-items: flex-start;
  gap: 12px; width: 100%; }
.pasar-dash .pasar-side { flex: 0 0 auto; width: 34em; max-width: 45%; box-sizing: border-box;
  position: sticky; top: 4px; max-height: calc(100vh - 16px); overflow-y: auto;
  overflow-x: hidden; padding-right: 4px; overscroll-behavior: contain; }
.pasar-dash .pasar-side > *, .pasar-dash .pasar-side .widget-vbox > *,
.pasar-dash .pasar-side .widget-box > * { flex-shrink: 0; }
.pasar-dash .pasar-controls .widget-slider, .pasar-dash .pasar-controls .widget-dropdown,
.pasar-dash .pasar-controls .widget-text { width: auto !important; flex: 1 1 0; min-width: 0; }
.pasar-dash .pasar-run .widget-slider { width: auto !important; flex: 1 1 18em;
  min-width: 16em; }
/* the speed: its label, a track a thumb can travel, and its value (controls.localized) */
.pasar-dash .pasar-run .pasar-speed { flex: 1 1 28em; min-width: 24em; }
.pasar-dash .pasar-run .pasar-speed .widget-slider { min-width: 21em; }
.pasar-dash .pasar-run .widget-text { width: 11em !important; flex: 0 0 auto; }
.pasar-dash .pasar-run .widget-text input { min-width: 5em !important; width: 6em !important;
  flex: 0 0 auto !important; }
.pasar-dash .pasar-side .widget-label { width: 10.5em !important; flex: 0 0 auto;
  white-space: normal; line-height: 1.15; height: auto; overflow-wrap: normal; }
.pasar-dash .pasar-side .widget-inline-hbox { height: auto;
  min-height: var(--jp-widgets-inline-height); }
.pasar-dash .pasar-side .widget-hslider .slider-container { min-width: 4em; }
.pasar-dash .pasar-side .widget-readout { flex: 0 0 auto; min-width: 3em; }
.pasar-dash .pasar-controls .widget-hbox > .widget-html { flex: 0 0 auto; height: auto;
  align-self: center; }
.pasar-dash .pasar-controls .widget-hbox > .widget-html .widget-html-content { height: auto;
  line-height: 1.1; }
.pasar-dash .pasar-side .pasar-unit { display: inline-block; max-width: 6.5em;
  white-space: normal; overflow-wrap: normal; margin-left: 2px; }
.pasar-dash .pasar-charts { flex: 1 1 0; min-width: 0; display: grid; gap: 4px 12px;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); }
.pasar-dash .pasar-cell { min-width: 0; overflow: hidden; }
.pasar-dash .pasar-cell .js-plotly-plot { width: 100%; }
.pasar-large .pasar-side { width: 32em; max-width: 50%; }
.pasar-large .pasar-side .widget-label { width: 9em !important; }
/* the run row's labels (Seed) keep their own width, not the side panel's label column */
.pasar-dash .pasar-side .pasar-run .widget-label { width: auto !important; }
.pasar-large .pasar-charts {
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 560px), 1fr)); }
@media (max-width: 760px) {
  .pasar-dash .pasar-body { flex-wrap: wrap; }
  .pasar-dash .pasar-side { position: static; width: 100%; max-width: none; max-height: none; }
}
</style>"""

# Keyboard focus and button text that meet WCAG AA, in dashboards and compare views
A11Y_CSS = """<style>
/* a slider's value in the course's number format (controls.localized) */
.pasar-readout .widget-html-content { min-width: 3.2em; text-align: right;
  white-space: nowrap; font-variant-numeric: tabular-nums; padding: 0 2px; }
/* keyboard focus: a 2px Okabe-Ito blue ring (5.2:1 on white; WCAG asks 3:1) */
.pasar-dash :focus-visible, .pasar-compare :focus-visible, .pasar-byhand :focus-visible,
.pasar-quiz :focus-visible,
.pasar-dash .noUi-handle:focus, .pasar-compare .noUi-handle:focus,
.pasar-byhand .noUi-handle:focus { outline: 2px solid #0072B2 !important;
  outline-offset: 2px; box-shadow: none; }
/* button text at least 4.5:1 on its background (white on the theme's green is 4.1:1) */
.pasar-dash .jupyter-button.mod-success, .pasar-compare .jupyter-button.mod-success
  { background-color: #1B6E20; color: #FFFFFF; }
.pasar-dash .jupyter-button.mod-primary, .pasar-compare .jupyter-button.mod-primary,
.pasar-byhand .jupyter-button.mod-primary { background-color: #0D5CA8; color: #FFFFFF; }
.pasar-dash .jupyter-button, .pasar-compare .jupyter-button { color: #1A1A1A; }
.pasar-dash .jupyter-button.mod-success, .pasar-dash .jupyter-button.mod-primary,
.pasar-compare .jupyter-button.mod-success, .pasar-compare .jupyter-button.mod-primary
  { color: #FFFFFF; }
</style>"""


def text_px(text: str, size: float) -> float:
    """Roughly how wide ``text`` is in pixels at font ``size`` (generous, never measured)."""
    return GLYPH * size * len(text)


def wrap(text: str, size: float, width: float) -> list[str]:
    """``text`` split into lines no wider than ``width`` pixels (words are never cut)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_px(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def legend_rows(names: list[str], size: float, width: float) -> int:
    """How many rows a horizontal plotly legend of ``names`` needs in ``width`` pixels."""
    rows, used = 0, width
    for name in names:
        item = 46 + text_px(name, size)  # symbol, gap and text
        if used + item > width:
            rows, used = rows + 1, 0
        used += item
    return rows
