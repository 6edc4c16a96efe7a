"""Side by side over several seeds: strategies (compare view) and one parameter's values (sweep
view), each a mean line with a 95% band, a marked overtaking week or best value, and a summary.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..course.evidence import Line, leaders
from ..course.results import compare_lines, line_names, variant_title
from ..i18n import t
from ..params import PARAMS
from ..runner import SerialExecutor, summarise
from ..runner import compare as run_compare
from ..runner import sweep as run_sweep
from ..words import metric_label, text_or
from . import summaries
from .charts import style_chart
from .controls import localized
from .layout import PanelHelper
from .plot import Plot
from .style import (
    A11Y_CSS,
    CHART_CONFIG,
    DASHES,
    OTHER_COLOURS,
    parenthesised,
    seller_colour,
    seller_dash,
    summary_id,
    ui,
)

PLOT_HEIGHT = 300  # px of plotting area, as the dashboard's charts

SERIAL_UP_TO = 12  # runs; more than this go to a pool of processes


def _executor(jobs: int, executor):
    if executor is not None:
        return executor
    return SerialExecutor() if jobs <= SERIAL_UP_TO else None


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def summary_html(text: str, element_id: str) -> str:
    """A chart's summary as the page shows it (read out when it changes)."""
    return (f"<div class='pasar-summary' role='status' aria-live='polite' id='{element_id}' "
            f"style='font-size:15px;margin:4px 8px 12px'>{html.escape(text)}</div>")


def param_label(param: str, lang: str, unit: bool = False) -> str:
    """A parameter's label in ``lang``; a seller's lever names its seller ("Seller 1: price");
    ``unit=True`` adds the unit in brackets."""
    p = PARAMS[param]
    label = p.text("label", lang)
    if param.startswith("seller") and "." in param:
        number = param.split(".")[0].removeprefix("seller")
        if not label.lower().startswith(ui("seller", lang, n=number).lower()):
            label = f"{ui('seller', lang, n=number)}: {label}"
    shown = text_or(f"unit.{p.unit}", lang, "") if unit else ""
    return f"{label} ({shown})" if shown else label


def run_controls(seeds: int, lang: str, on_run, minimum: int = 1):
    """A view over seeds: its seeds slider, its Run again button (calling ``on_run``) and its
    progress bar (hidden until a run)."""
    slider = w.IntSlider(value=seeds, min=minimum, max=30, continuous_update=False,
                         description=ui("compare.seeds", lang),
                         style={"description_width": "initial"})
    button = w.Button(description=ui("compare.run", lang), icon="refresh")
    button.on_click(lambda _: on_run())
    progress = w.IntProgress(min=0, max=1, layout=w.Layout(display="none"))
    return slider, button, progress


def _band_traces(fig, x, mean, low, high, colour, dash, name) -> None:
    fig.add_scatter(x=list(x), y=list(high), mode="lines", line=dict(width=0),
                    showlegend=False, hoverinfo="skip")
    fig.add_scatter(x=list(x), y=list(low), mode="lines", line=dict(width=0),
                    fill="tonexty", fillcolor=_rgba(colour, 0.2), showlegend=False,
                    hoverinfo="skip")
    fig.add_scatter(x=list(x), y=list(mean), mode="lines", name=name,
                    line=dict(color=colour, dash=dash, width=3))


class CompareView(w.VBox):
    """Strategies or scenarios over the same seeds: mean and band per seller, week by week."""

    def __init__(self, variants: dict | Iterable[str], seeds: int | Iterable[int] = 5,
                 weeks: int | None = None, metric: str = "cumulative_profit", lang: str = "en",
                 seller: str | None = None, executor=None):
        super().__init__()
        self.add_class("pasar-compare")
        # a number of seeds (1..n) or the seeds themselves; the slider then shows how many
        self.given_seeds = None if isinstance(seeds, int) else [int(x) for x in seeds]
        seeds = seeds if self.given_seeds is None else len(self.given_seeds)
        self.variants = dict(variants) if isinstance(variants, dict) else {v: v for v in variants}
        self.weeks, self.metric, self.lang, self.seller = weeks, metric, lang, seller
        self.executor = executor
        self.seeds, self.button, self.progress = run_controls(seeds, lang, self.rerun)
        self.summary = w.HTML()
        self.data = self._compute()
        self.figure = Plot(self._figure(), lang=lang)
        self.figure._config = dict(CHART_CONFIG)
        self.figure.describe_by(summary_id(self.summary))
        self.children = [self.figure, self.summary,
                         w.HBox([localized(self.seeds, lang), self.button, self.progress]),
                         PanelHelper(), w.HTML(A11Y_CSS)]
        self._describe()

    def titles(self) -> dict[str, str]:
        """Each variant's name on the chart (:func:`sim.course.results.variant_title`)."""
        return {v: variant_title(v, spec, self.lang) for v, spec in self.variants.items()}

    def _compute(self) -> pd.DataFrame:
        n = len(self.variants) * self.seeds.value
        self.progress.max, self.progress.value = n, 0
        self.progress.layout.display = "flex"
        try:
            runs = run_compare(self.variants, seeds=self.seed_list(), weeks=self.weeks,
                               executor=_executor(n, self.executor), runs=True,
                               progress=lambda i, total: setattr(self.progress, "value", i))
        finally:
            self.progress.layout.display = "none"
        if self.seller is not None:
            runs = runs[runs.seller == self.seller]
        self.runs = runs  # every run, for the summary's "ahead in k of n runs"
        return summarise(runs, (self.metric,))

    def lines(self) -> list[Line]:
        """Each line's final value per seed, named as in the legend."""
        return compare_lines(self.runs, self.titles(), self.metric, self.lang)

    def seed_list(self) -> list[int]:
        """The seeds given, while the slider still shows their number; else 1..n."""
        if self.given_seeds and self.seeds.value == len(self.given_seeds):
            return self.given_seeds
        return list(range(1, self.seeds.value + 1))

    def curves(self) -> list[tuple[str, str, str, str]]:
        """(variant, seller, strategy, label) for every line, in a stable order."""
        keys = self.data[["variant", "seller", "strategy"]].drop_duplicates(["variant",
                                                                              "seller"])
        return [(variant, seller, strategy, name) for (variant, seller, name), strategy in
                zip(line_names(keys, self.titles(), self.lang), keys.strategy, strict=True)]

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Week × line tables of the mean, low and high."""
        cols = {}
        for variant, seller, _, label in self.curves():
            g = self.data[(self.data.variant == variant) & (self.data.seller == seller)]
            cols[label] = g.set_index("week")[["mean", "low", "high"]]
        parts = [pd.DataFrame({k: v[c] for k, v in cols.items()}) for c in ("mean", "low",
                                                                               "high")]
        return parts[0], parts[1], parts[2]

    def _figure(self) -> go.Figure:
        fig = go.Figure()
        used = set()
        spare = iter(OTHER_COLOURS * 3)
        mean, low, high = self.tables()
        for (_, seller, strategy, label), k in zip(self.curves(), range(999), strict=False):
            colour, dash = seller_colour(strategy), seller_dash(seller)
            if (colour, dash) in used:
                colour, dash = next(spare), DASHES[k % len(DASHES)]
            used.add((colour, dash))
            _band_traces(fig, mean.index, mean[label], low[label], high[label], colour, dash,
                         label)
        self._label_figure(fig)
        return fig

    def _label_figure(self, fig) -> None:
        fig.layout.xaxis.title.text = ui("axis.week", self.lang)
        fig.layout.yaxis.title.text = metric_label(self.metric, self.lang)
        mean = self.tables()[0]
        # an overtaking week is marked only when the end result is clear (one leader)
        passed = summaries.overtake(mean) if len(leaders(self.lines())) == 1 else None
        shapes, notes = [], []
        if passed:
            week = passed[2]
            shapes.append(dict(type="line", x0=week, x1=week, y0=0, y1=1, xref="x",
                               yref="paper", line=dict(color="#444", dash="dot", width=1.5)))
            notes.append(dict(x=week, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                              text=ui("compare.overtakes", self.lang, week=week)))
        fig.layout.shapes, fig.layout.annotations = shapes, notes
        self.overtake = passed
        # the dashboard charts' frame: wrapped title, legend under the axis, the note's line
        style_chart(fig, ui("compare.title", self.lang,
                            metric=metric_label(self.metric, self.lang),
                            seeds=self.seeds.value),
                    self.lang, False, PLOT_HEIGHT, note_above=True)

    def _describe(self) -> None:
        self.summary.value = summary_html(summaries.compare(
            self.lines(), self.overtake, self.metric, self.seeds.value,
            int(self.data.week.max()) + 1, self.lang), summary_id(self.summary))

    def rerun(self) -> None:
        """Run again (e.g. with more seeds) and update the chart in place."""
        self.data = self._compute()
        mean, low, high = self.tables()
        with self.figure.batch_update():
            for k, (*_, label) in enumerate(self.curves()):
                hi, lo, mid = self.figure.data[3 * k: 3 * k + 3]
                hi.x = lo.x = mid.x = list(mean.index)
                hi.y, lo.y, mid.y = list(high[label]), list(low[label]), list(mean[label])
            self._label_figure(self.figure)
        self._describe()


def compare_view(variants, seeds: int | Iterable[int] = 5, weeks: int | None = None,
                 metric: str = "cumulative_profit", lang: str = "en", seller: str | None = None,
                 executor=None) -> CompareView:
    """Strategies or scenarios side by side over ``seeds`` seeds (mean line, 95% band, the
    week one overtakes the other marked) with a summary. ``variants``: scenario names, or a
    dict label → scenario name or parameter dict; a label that is a catalogue key
    (``{"label.gifts": "l1_gift_street"}``) is shown in ``lang``, so both languages' notebooks
    can hold the same code."""
    return CompareView(variants, seeds, weeks, metric, lang, seller, executor)


class SweepView(w.VBox):
    """One parameter over a list of values: the final mean and band of a metric per value."""

    def __init__(self, param: str, values: list, base="switch", seeds: int = 3,
                 metric: str = "cumulative_profit", seller: str = "seller1", lang: str = "en",
                 weeks: int | None = None, executor=None):
        super().__init__()
        self.add_class("pasar-compare")
        if param not in PARAMS:
            raise KeyError(t("error.unknown_sweep_param", lang, value=param))
        self.param, self.values, self.base = param, list(values), base
        self.n_seeds, self.metric, self.seller, self.lang = seeds, metric, seller, lang
        self.weeks, self.executor = weeks, executor
        self.progress = w.IntProgress(min=0, max=1, layout=w.Layout(display="none"))
        self.table = self._compute()
        self.figure = Plot(self._figure(), lang=lang)
        self.figure._config = dict(CHART_CONFIG)
        self.summary = w.HTML()
        self.summary.value = summary_html(summaries.sweep(
            self.lines, self._param_label(), metric, seeds, lang), summary_id(self.summary))
        self.figure.describe_by(summary_id(self.summary))
        self.children = [self.figure, self.summary, self.progress, PanelHelper(),
                         w.HTML(A11Y_CSS)]

    def _param_label(self) -> str:
        return param_label(self.param, self.lang)

    def _compute(self) -> pd.DataFrame:
        n = len(self.values) * self.n_seeds
        self.progress.max, self.progress.layout.display = n, "flex"
        try:
            runs = run_sweep({self.param: self.values}, seeds=range(1, self.n_seeds + 1),
                             base=self.base, weeks=self.weeks,
                             executor=_executor(n, self.executor),
                             progress=lambda i, total: setattr(self.progress, "value", i))
        finally:
            self.progress.layout.display = "none"
        runs = runs[runs.seller == self.seller].sort_values("seed")
        self.lines = [Line.of(summaries.value_text(value, self.lang),
                              runs[runs[self.param] == value][self.metric].tolist(), value)
                      for value in self.values]
        return pd.DataFrame([{"value": x.key, "mean": x.mean, "low": x.low, "high": x.high}
                             for x in self.lines])

    def _figure(self) -> go.Figure:
        tb = self.table
        x = [str(v) for v in tb.value] if PARAMS[self.param].kind == "choice" else list(tb.value)
        fig = go.Figure()
        _band_traces(fig, x, tb["mean"], tb["low"], tb["high"], seller_colour("switch")
                     if "switch" in str(self.base) else OTHER_COLOURS[0], "solid",
                     metric_label(self.metric, self.lang))
        fig.data[-1].mode = "lines+markers"
        top = leaders(self.lines)
        if len(top) == 1:  # a star only for a clear best: its band overlaps no other value's
            best = top[0]
            fig.add_scatter(x=[str(best.key) if isinstance(x[0], str) else best.key],
                            y=[best.mean], mode="markers+text",
                            marker=dict(symbol="star", size=18, color="#000"),
                            text=[ui("sweep.best", self.lang)], textposition="top center",
                            name=ui("sweep.best", self.lang))
        unit = text_or(f"unit.{PARAMS[self.param].unit}", self.lang, "")
        fig.layout.xaxis.title.text = " ".join(filter(None, [self._param_label(),
                                                             parenthesised(unit)]))
        fig.layout.yaxis.title.text = metric_label(self.metric, self.lang)
        # the dashboard charts' frame: wrapped title, legend under the axis
        style_chart(fig, ui("sweep.title", self.lang, metric=metric_label(self.metric, self.lang),
                            param=self._param_label(), seeds=self.n_seeds),
                    self.lang, False, PLOT_HEIGHT)
        return fig


def sweep_view(param: str, values: list, base="switch", seeds: int = 3,
               metric: str = "cumulative_profit", seller: str = "seller1", lang: str = "en",
               weeks: int | None = None, executor=None) -> SweepView:
    """Run ``sim.sweep`` for one parameter and plot ``metric`` (final week, ``seller``) against
    its values: mean, 95% band, best value starred, and a summary."""
    return SweepView(param, values, base, seeds, metric, seller, lang, weeks, executor)
