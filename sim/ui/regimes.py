"""Where each strategy wins: ``sim.regimes`` as a heatmap with a summary.

Each cell is one market condition (an ``x`` value and a ``y`` value); its colour is the mean
difference A − B over paired seeds, in side A's colour where A wins and side B's where B wins
(Okabe-Ito, deeper for a bigger lead), grey where the 95% band includes zero. The number in the
cell is the mean difference.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w
import plotly.graph_objects as go

from ..regimes import NO_CLEAR_DIFFERENCE, OUTCOME_COLUMNS
from ..regimes import regimes as run_regimes
from . import summaries
from .compare import param_label, summary_html
from .layout import PanelHelper
from .plot import Plot
from .style import (
    A11Y_CSS,
    BLUE,
    FONT_SIZE,
    GREY,
    VERMILLION,
    ink_on,
    metric_label,
    mix,
    number,
    seller_colour,
    seller_label,
    separators,
    summary_id,
    text_or,
    ui,
    wrap,
)

PAPER = "#FFFFFF"  # the middle of the diverging scale: no lead
TITLE_WIDTH = 600  # px the title is wrapped to (a narrow notebook cell)


class RegimeView(w.VBox):
    """A regime map: which side wins in each market condition, and by how much."""

    def __init__(self, spec="head_to_head", x: tuple | None = None, y: tuple | None = None,
                 a="seller1", b="seller2", seeds: int | Iterable[int] = 5,
                 outcome: str = "profit", seller: str = "seller1",
                 labels: tuple[str, str] | None = None, weeks: int | None = None,
                 lang: str = "en", executor=None, table=None):
        super().__init__()
        self.add_class("pasar-compare")
        seeds = range(1, seeds + 1) if isinstance(seeds, int) else seeds
        self.lang, self.labels = lang, labels
        self.progress = w.IntProgress(min=0, max=1, layout=w.Layout(display="flex"))
        try:  # a table already made (e.g. in a shop's money, lesson 9) is drawn as it is
            self.table = table if table is not None else run_regimes(
                spec, x=x, y=y, a=a, b=b, seeds=seeds, outcome=outcome, seller=seller,
                weeks=weeks, executor=executor, lang=lang, progress=self._progressed)
        finally:
            self.progress.layout.display = "none"
        self.figure = Plot(self._figure(), lang=lang)
        self.summary = w.HTML()
        self.summary.value = summary_html(self.text(), summary_id(self.summary))
        self.figure.describe_by(summary_id(self.summary))
        self.children = [self.progress, self.figure, self.summary, PanelHelper(),
                         w.HTML(A11Y_CSS)]

    def _progressed(self, done: int, total: int) -> None:
        self.progress.max, self.progress.value = max(1, total), done

    # --- names ------------------------------------------------------------------------------
    def side(self, which: str) -> str:
        """Side ``"a"`` or ``"b"`` as the chart names it: a label given as a catalogue key, the
        seller (and its strategy), or the letter."""
        attrs = self.table.attrs
        if self.labels:
            given = self.labels[0 if which == "a" else 1]
            return text_or(given, self.lang, given)
        strategy = attrs[f"{which}_strategy"]
        if attrs["head_to_head"]:
            return seller_label(attrs[which], strategy, self.lang)
        if strategy and attrs["a_strategy"] != attrs["b_strategy"]:
            return seller_label(attrs["seller"], strategy, self.lang)
        return ui(f"regimes.side_{which}", self.lang)

    def colour(self, which: str) -> str:
        """The side's strategy colour; two sides of one colour get vermillion and blue."""
        a, b = (seller_colour(self.table.attrs[f"{s}_strategy"] or "") for s in "ab")
        if a == b:
            a, b = VERMILLION, BLUE
        return a if which == "a" else b

    def metric(self) -> str:
        outcome = self.table.attrs["outcome"]
        return OUTCOME_COLUMNS.get(outcome, outcome)

    def text(self) -> str:
        """The one-paragraph summary of the map (what the screen reader and the back row get)."""
        attrs = self.table.attrs
        return summaries.regimes(self.table, self.side("a"), self.side("b"),
                                 param_label(attrs["x"], self.lang),
                                 param_label(attrs["y"], self.lang), self.metric(), self.lang)

    # --- the chart --------------------------------------------------------------------------
    def grids(self) -> tuple[list[str], list[str], list[list], list[list], list[list],
                             list[list]]:
        """Axis labels, then y × x grids of the decided cells' means (None where no clear
        difference), of the undecided cells (0 there, None elsewhere), of the numbers shown in
        the cells and of what hovering over a cell says."""
        tb, attrs, lang = self.table, self.table.attrs, self.lang
        xs = list(dict.fromkeys(tb[attrs["x"]]))
        ys = list(dict.fromkeys(tb[attrs["y"]]))
        decided, undecided, texts, hovers = ([[None] * len(xs) for _ in ys] for _ in range(4))
        names = {"a_wins": self.side("a"), "b_wins": self.side("b")}
        for _, cell in tb.iterrows():
            i, j = ys.index(cell[attrs["y"]]), xs.index(cell[attrs["x"]])
            tie = cell.verdict == NO_CLEAR_DIFFERENCE
            decided[i][j] = None if tie else float(cell["mean"])
            undecided[i][j] = 0 if tie else None
            texts[i][j] = number(cell["mean"], lang)
            hovers[i][j] = ui("regimes.cell", lang, x=param_label(attrs["x"], lang),
                              x_value=summaries.value_text(cell[attrs["x"]], lang),
                              y=param_label(attrs["y"], lang),
                              y_value=summaries.value_text(cell[attrs["y"]], lang),
                              mean=number(cell["mean"], lang), low=number(cell["low"], lang),
                              high=number(cell["high"], lang),
                              verdict=ui(f"regimes.verdict.{cell.verdict}", lang,
                                         side=names.get(cell.verdict, "")))
        return ([summaries.value_text(v, lang) for v in xs],
                [summaries.value_text(v, lang) for v in ys], decided, undecided, texts, hovers)

    def _figure(self) -> go.Figure:
        attrs, lang = self.table.attrs, self.lang
        xs, ys, decided, undecided, texts, hovers = self.grids()
        reach = max([abs(v) for v in self.table["mean"]] + [1e-9])
        metric = metric_label(self.metric(), lang)
        fig = go.Figure()
        fig.add_heatmap(x=xs, y=ys, z=decided, hovertext=hovers, hoverinfo="text",
                        zmin=-reach, zmax=reach, zmid=0,
                        colorscale=[[0, self.colour("b")], [0.5, PAPER], [1, self.colour("a")]],
                        colorbar=dict(title=dict(text=ui("regimes.scale", lang, metric=metric),
                                                 side="right"), thickness=14),
                        xgap=2, ygap=2, name="")
        fig.add_heatmap(x=xs, y=ys, z=undecided, hovertext=hovers, hoverinfo="text",
                        colorscale=[[0, GREY], [1, GREY]], showscale=False, xgap=2, ygap=2,
                        name="")
        notes = []  # each cell's number, in black or white, whichever reads on its colour
        for i, row in enumerate(decided):
            for j, value in enumerate(row):
                fill = GREY if value is None else mix(
                    PAPER, self.colour("a" if value > 0 else "b"), abs(value) / reach)
                notes.append(dict(x=j, y=i, text=texts[i][j], showarrow=False,  # by position:
                                  font=dict(color=ink_on(fill))))  # "13" would be a number
        size = FONT_SIZE[False]
        title_size, note_size = round(size * 1.2), round(size * 0.85)
        head = wrap(ui("regimes.title", lang, a=self.side("a"), b=self.side("b"),
                       metric=metric), title_size, TITLE_WIDTH)
        note = wrap(ui("regimes.note", lang, seeds=len(attrs["seeds"])), note_size,
                    TITLE_WIDTH)
        notes.append(dict(text="<br>".join(note), x=0, xref="paper", xanchor="left", y=1,
                          yref="paper", yanchor="bottom", yshift=8, align="left",
                          showarrow=False, font=dict(size=note_size)))
        # plotly centres a multi-line title on its anchor: push it down by half the extra lines
        shift = (len(head) - 1) * title_size * 1.3 / 2
        top = 10 + len(head) * title_size * 1.35 + 8 + len(note) * note_size * 1.35 + 12
        fig.update_layout(
            template="plotly_white", height=int(top + 110 + 44 * max(4, len(ys))),
            separators=separators(lang), font=dict(size=size), annotations=notes,
            title=dict(text="<br>".join(head), x=0, xref="container", xanchor="left", y=1,
                       yref="container", yanchor="top", pad=dict(l=8, t=round(10 + shift)),
                       font=dict(size=title_size)),
            xaxis=dict(title=param_label(attrs["x"], lang, unit=True), type="category"),
            yaxis=dict(title=param_label(attrs["y"], lang, unit=True), type="category"),
            margin=dict(l=80, r=20, t=round(top), b=60))
        return fig


def regime_map(spec="head_to_head", x: tuple | None = None, y: tuple | None = None,
               a="seller1", b="seller2", seeds: int | Iterable[int] = 5,
               outcome: str = "profit", seller: str = "seller1",
               labels: tuple[str, str] | None = None, weeks: int | None = None,
               lang: str = "en", executor=None) -> RegimeView:
    """Where each side wins over a grid of market conditions (``sim.regimes``): a heatmap of
    the mean difference A − B per cell over ``seeds`` paired seeds, grey where the 95% band
    includes zero, and a summary in ``lang``. ``labels``: the sides' names as catalogue keys
    (default: the sellers and their strategies)."""
    return RegimeView(spec, x, y, a, b, seeds, outcome, seller, labels, weeks, lang, executor)
