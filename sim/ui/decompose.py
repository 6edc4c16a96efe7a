"""What made the difference: a chart of :func:`sim.decompose`, each lever group's part of the
gap between two sellers with its 95% band, and a summary naming the groups whose band excludes
zero (the others: no clear difference)."""

from __future__ import annotations

import ipywidgets as w
import plotly.graph_objects as go

from ..decompose import Decomposition, decompose
from ..i18n import t
from ..params import LEVER_GROUPS
from ..runner import SerialExecutor
from ..shop import money
from . import summaries
from .compare import SERIAL_UP_TO, run_controls, summary_html
from .controls import localized
from .layout import PanelHelper
from .plot import Plot
from .style import (
    A11Y_CSS,
    FONT_SIZE,
    GREY,
    PINK,
    SKY,
    YELLOW,
    metric_label,
    number,
    seller_colour,
    separators,
    summary_id,
    ui,
)

# Okabe-Ito colours not taken by the strategies (orange, blue, green); the gap in seller B's.
PART_COLOURS = {"strategy": PINK, "operations": SKY, "offer": YELLOW, "remainder": GREY}
PARTS = ("gap", *LEVER_GROUPS, "remainder")  # top to bottom


def part_label(part: str, lang: str, versions: bool = False) -> str:
    """A part of the gap as people read it: a lever group's name, the seat's luck (for two
    versions of one seller: what differs outside the groups), the gap."""
    if part in LEVER_GROUPS:
        return t(f"group.{part}", lang)
    return ui(f"decompose.{part}" + ("_versions" if versions and part == "remainder" else ""),
              lang)


def amount_of(d: Decomposition):
    """How the numbers of ``d`` are written: in the shop's money, or as plain thousand rupiah."""
    if d.currency is None:
        return number
    return lambda x, lang: money(x, d.currency, lang, 3)


def axis_title(d: Decomposition, lang: str) -> str:
    """B minus A, in the money of ``d``."""
    b, a = d.label(d.b, lang), d.label(d.a, lang)
    if d.currency is None:
        return ui("decompose.axis", lang, b=b, a=a)
    unit = t(f"shop.currency.{d.currency}", lang, amount="").strip()
    return ui("decompose.axis_money", lang, b=b, a=a, unit=unit)


def describe(d: Decomposition, lang: str) -> str:
    """The summary beside the chart of ``d`` (:func:`summaries.decomposition`)."""
    return summaries.decomposition(d.parts, d.label(d.a, lang), d.label(d.b, lang), d.column,
                                   len(d.per_seed), lang, amount=amount_of(d),
                                   versions=d.versions)


def draw(fig, d: Decomposition, lang: str, large: bool = False) -> None:
    """Fill ``fig`` (a plotly figure or :class:`Plot`) with the decomposition ``d``: one
    horizontal bar per part, its 95% band as an error bar, zero marked."""
    strategies = d.strategies
    parts = d.parts.set_index("part").loc[list(PARTS)]
    labels = [part_label(p, lang, d.versions) for p in PARTS]
    colours = [seller_colour(strategies[d.b]) if p == "gap" else PART_COLOURS[p] for p in PARTS]
    metric = d.column
    amount = amount_of(d)
    hover = [ui("decompose.hover", lang, part=label, mean=amount(r["mean"], lang),
                low=amount(r.low, lang), high=amount(r.high, lang))
             for label, (_, r) in zip(labels, parts.iterrows(), strict=True)]
    fig.data = ()
    fig.add_bar(x=list(parts["mean"]), y=labels, orientation="h",
                marker=dict(color=colours, line=dict(color="#333333", width=1)),
                error_x=dict(type="data", symmetric=False, color="#000000", thickness=2,
                             array=list(parts.high - parts["mean"]),
                             arrayminus=list(parts["mean"] - parts.low)),
                hovertext=hover, hoverinfo="text", showlegend=False)
    fig.update_layout(
        template="plotly_white", separators=separators(lang),
        font=dict(size=FONT_SIZE[large]), height=380 if not large else 480,
        margin=dict(l=20, r=20, t=70, b=50),
        title=dict(text=ui("decompose.title", lang, metric=metric_label(metric, lang),
                           seeds=len(d.per_seed))),
        xaxis=dict(title=dict(text=axis_title(d, lang)),
                   zeroline=True, zerolinecolor="#444444", zerolinewidth=2),
        yaxis=dict(autorange="reversed", automargin=True))


class DecomposeView(w.VBox):
    """Seller ``b``'s lead over seller ``a``, split over the lever groups, over several seeds:
    a bar per group with its 95% band, a summary, and a seeds slider to run again."""

    def __init__(self, spec, a: str = "seller1", b: str = "seller2", seeds: int = 10,
                 outcome: str = "profit", weeks: int | None = None, lang: str = "en",
                 executor=None):
        super().__init__()
        self.add_class("pasar-compare")
        self.spec, self.a, self.b, self.outcome = spec, a, b, outcome
        self.weeks, self.lang, self.executor = weeks, lang, executor
        self.seeds, self.button, self.progress = run_controls(seeds, lang, self.rerun, minimum=2)
        self.summary = w.HTML()
        self.result = self._compute()
        fig = go.Figure()
        draw(fig, self.result, lang)
        self.figure = Plot(fig, lang=lang)
        self.figure.describe_by(summary_id(self.summary))
        self.children = [self.figure, self.summary,
                         w.HBox([localized(self.seeds, lang), self.button, self.progress]),
                         PanelHelper(), w.HTML(A11Y_CSS)]
        self._describe()

    def _compute(self) -> Decomposition:
        self.progress.layout.display = "flex"
        try:
            return decompose(self.spec, a=self.a, b=self.b,
                             seeds=range(1, self.seeds.value + 1), outcome=self.outcome,
                             weeks=self.weeks, lang=self.lang,
                             executor=self.executor if self.executor is not None else
                             _serial_if_small(self.seeds.value),
                             progress=self._progress)
        finally:
            self.progress.layout.display = "none"

    def _progress(self, done: int, total: int) -> None:
        self.progress.max, self.progress.value = total, done

    def _describe(self) -> None:
        self.summary.value = summary_html(describe(self.result, self.lang),
                                          summary_id(self.summary))

    def rerun(self) -> None:
        """Run again (e.g. with more seeds) and redraw in place."""
        self.result = self._compute()
        with self.figure.batch_update():
            draw(self.figure, self.result, self.lang)
        self._describe()


def _serial_if_small(seeds: int):
    """In this process for a few runs (no pool start-up); a pool of processes for more."""
    return SerialExecutor() if 4 * seeds <= SERIAL_UP_TO else None


def decompose_view(spec, a: str = "seller1", b: str = "seller2", seeds: int = 10,
                   outcome: str = "profit", weeks: int | None = None, lang: str = "en",
                   executor=None) -> DecomposeView:
    """What made the difference between seller ``a`` and seller ``b`` in ``spec`` (a scenario
    name or parameter dict): :func:`sim.decompose` over seeds 1..``seeds``, drawn as one bar per
    lever group with its 95% band, with a summary naming the groups whose band excludes zero."""
    return DecomposeView(spec, a, b, seeds, outcome, weeks, lang, executor)


__all__ = ["DecomposeView", "PART_COLOURS", "amount_of", "axis_title", "decompose_view", "describe",
           "draw", "part_label"]
