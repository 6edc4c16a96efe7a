"""The dashboard's charts: plotly ``FigureWidget``s built once and then updated in place.

Each chart is built with its data and layout in the constructor (so Voila shows it as built)
and refreshed with :meth:`Chart.update` inside ``batch_update`` (one message per refresh). Every
chart has a one-line summary (:mod:`sim.ui.summaries`). Traces exist for every possible seller
from the start and are hidden when unused, so nothing is ever re-created.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..customers import CHANNELS, STAGES
from ..i18n import t
from ..metrics import closing_weeks
from ..params import MAX_SELLERS
from ..phase import switch_week
from ..words import seller_label
from . import summaries
from .live import Snapshot
from .plot import Plot
from .style import (
    CHART_CONFIG,
    FONT_SIZE,
    GREY,
    MIN_CHART_WIDTH,
    MODEBAR_WIDTH,
    STAGE_COLOURS,
    legend_rows,
    seller_colour,
    seller_dash,
    separators,
    ui,
    wrap,
)

CHARTS = ("profit", "stages", "satisfaction", "acquired_lost", "flows", "network", "clv_cac",
          "value_by_channel")
NETWORK_MAX_NODES = 600  # draw at most this many people (the ring's first stretch)
STAGE_SYMBOLS = {"unaware": "circle", "potential": "circle-open", "new": "circle",
                 "growing": "diamond", "loyal": "star", "lost": "x"}


def style_chart(fig, title: str, lang: str, large: bool, height: int,
                panels: list[str] | None = None, x_axis: bool = True,
                note_above: bool = False) -> None:
    """Title, legend, margins and size of every chart (dashboards, comparisons, sweeps): the
    chart fits its cell (plotly autosize, no fixed width); the title is wrapped to the
    narrowest cell and the legend sits at the bottom below the x-axis title, with room reserved
    for as many rows as the narrowest cell needs; the toolbar stands upright in the right
    margin, never over the title. Stacked ``panels`` get their names above each panel (upright
    y titles would run into each other); ``note_above`` keeps a line free above the plot for a
    note (an overtaking week). Axis numbers are written out in the course's format (20.000,
    not plotly's 20k)."""
    size = FONT_SIZE[large]
    title_size = round(size * 1.25)
    width = MIN_CHART_WIDTH - MODEBAR_WIDTH - 16
    lines = wrap(title, title_size, width)
    names = [tr.name for tr in fig.data if tr.type in ("scatter", "bar") and tr.name
             and tr.visible is not False and tr.showlegend is not False]
    rows = legend_rows(names, size, MIN_CHART_WIDTH - 16)
    # plotly centres a multi-line title on its anchor: push it down by half the extra lines
    shift = (len(lines) - 1) * title_size * 1.3 / 2
    top = 10 + shift + len(lines) * title_size * 1.35 + 8
    top += size * 1.6 if panels or note_above else 0
    bottom = 8 + rows * (size * 1.75 + 4)
    if x_axis:
        bottom += size * 1.5 + 12 + size * 1.4 + 8  # tick labels, axis title
    plot = int(height * (1.25 if large else 1.0))
    if not getattr(fig, "_pasar_template", False):  # validating a template takes ~0.1 s
        fig.layout.template = "plotly_white"
        fig._pasar_template = True
    fig.layout.font.size = size
    fig.layout.separators = separators(lang)  # ticks: 0,5 in Indonesian
    fig.layout.autosize = True
    fig.layout.height = int(top + plot + bottom)
    fig.layout.margin = dict(l=round(size * 4.5), r=MODEBAR_WIDTH, t=round(top),
                             b=round(bottom), autoexpand=True)
    fig.layout.title = dict(text="<br>".join(lines), font=dict(size=title_size),
                            x=0, xref="container", xanchor="left", y=1, yref="container",
                            yanchor="top", pad=dict(l=8, t=round(10 + shift)))
    fig.layout.showlegend = bool(names)
    fig.layout.legend = dict(orientation="h", x=0, xref="container", xanchor="left",
                             y=0, yref="container", yanchor="bottom", font=dict(size=size),
                             traceorder="normal")
    fig.layout.modebar = dict(orientation="v")
    # the x axis' "0" and the y axis' "0" meet at the corner: keep them apart at any font;
    # numbers in full with the course's thousands mark (no SI suffix such as "20k")
    numbers = dict(automargin=True, exponentformat="none", separatethousands=True)
    fig.update_xaxes(ticklabelstandoff=round(size * 0.6), **numbers)
    fig.update_yaxes(ticklabelstandoff=round(size * 0.4), **numbers)
    if panels:
        stack(fig, panels, plot, size)


class Chart:
    """A titled chart widget (:class:`sim.ui.plot.Plot`) plus the text that summarises it."""

    key = ""
    reads_relationships = False  # needs Snapshot.relationships (one row per relationship)

    def __init__(self, snap: Snapshot, lang: str = "en", large: bool = False):
        fig = self.blank()
        self.fill(fig, snap, lang, large)
        self.figure = Plot(fig, lang=lang)  # data and layout given to the constructor
        self.figure._config = dict(CHART_CONFIG)
        self.figure._pasar_template = True  # came with the layout: not validated again

    def blank(self) -> go.Figure:
        raise NotImplementedError

    def fill(self, fig, snap: Snapshot, lang: str, large: bool) -> None:
        raise NotImplementedError

    def summary(self, snap: Snapshot, lang: str) -> str:
        raise NotImplementedError

    def update(self, snap: Snapshot, lang: str = "en", large: bool = False) -> None:
        self.figure.set_language(lang)
        with self.figure.batch_update():
            self.fill(self.figure, snap, lang, large)

    x_axis = True  # an x axis with tick labels and a title under the plot

    def style(self, fig, lang: str, large: bool, height: int,
              panels: list[str] | None = None) -> None:
        """The chart's frame (see :func:`style_chart`), titled ``chart.<key>``."""
        style_chart(fig, ui(f"chart.{self.key}", lang), lang, large, height, panels,
                    x_axis=self.x_axis)



def stack(fig, panels: list[str], plot: int, size: int) -> None:
    """Domains of stacked panels with room between them for each panel's name."""
    n = len(panels)
    gap = size * 1.6 + 6
    weights = [0.5] + [0.5 / (n - 1)] * (n - 1) if n > 1 else [1.0]
    free = max(1.0, plot - (n - 1) * gap)
    top, notes = 1.0, []
    for p, (weight, label) in enumerate(zip(weights, panels, strict=True)):
        bottom = max(0.0, top - weight * free / plot)
        fig.layout["yaxis" if p == 0 else f"yaxis{p + 1}"].domain = [bottom, top]
        notes.append(dict(text=label, x=0, xref="paper", xanchor="left", y=top,
                          yref="paper", yanchor="bottom", showarrow=False,
                          font=dict(size=size)))
        top = bottom - gap / plot
    fig.layout.annotations = notes


def _sellers(snap: Snapshot):
    """(slot, seller name, its rows) for every seller present."""
    if snap.weekly.empty:
        return []
    return [(i, name, rows) for i, (name, rows) in
            enumerate(snap.weekly.groupby("seller", sort=True))]


class SellerLines(Chart):
    """One line per seller in each of a few stacked panels (metric, axis title key)."""

    panels: tuple[tuple[str, str], ...] = ()
    height = 260  # px of plotting area (normal fonts), all panels together

    def blank(self) -> go.Figure:
        n = len(self.panels)
        fig = make_subplots(rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                            row_heights=[0.5] + [0.5 / (n - 1)] * (n - 1) if n > 1 else None)
        for row, _ in enumerate(self.panels, 1):
            for _slot in range(MAX_SELLERS):
                fig.add_scatter(x=[], y=[], mode="lines", row=row, col=1, visible=False,
                                showlegend=row == 1, legendgroup=str(_slot))
        return fig

    def fill(self, fig, snap: Snapshot, lang: str, large: bool) -> None:
        present = _sellers(snap)
        for p, (metric, axis) in enumerate(self.panels):
            for slot in range(MAX_SELLERS):
                trace = fig.data[p * MAX_SELLERS + slot]
                match = [x for x in present if x[0] == slot]
                if not match:
                    trace.visible, trace.x, trace.y = False, [], []
                    continue
                _, name, rows = match[0]
                strategy = rows.strategy.iloc[-1]
                trace.x, trace.y = rows.week.tolist(), rows[metric].tolist()
                trace.name = seller_label(name, strategy, lang)
                trace.line = dict(color=seller_colour(strategy), dash=seller_dash(name),
                                  width=3 if p == 0 else 2)
                trace.visible = True
            yaxis = fig.layout["yaxis" if p == 0 else f"yaxis{p + 1}"]
            yaxis.title.text = "" if len(self.panels) > 1 else ui(f"axis.{axis}", lang)
        fig.layout[f"xaxis{len(self.panels)}" if len(self.panels) > 1 else "xaxis"].title.text \
            = ui("axis.week", lang)
        fig.layout.shapes = self.switch_marks(snap) + self.closure_marks(snap)
        labels = [ui(f"axis.{axis}", lang) for _, axis in self.panels]
        self.style(fig, lang, large, self.height, labels if len(labels) > 1 else None)

    @staticmethod
    def switch_marks(snap: Snapshot) -> list[dict]:
        """A dotted vertical line where a switching seller turns customer-centric."""
        marks = []
        if snap.weekly.empty:
            return marks
        for i in range(1, snap.params["n_sellers"] + 1):
            week = switch_week(snap.params, i)
            if week is not None and week <= snap.week:
                marks.append(dict(type="line", xref="x", yref="paper", x0=week, x1=week,
                                  y0=0, y1=1, line=dict(color=seller_colour("switch"),
                                                        dash="dot", width=1.5)))
        return marks


    @staticmethod
    def closure_marks(snap: Snapshot) -> list[dict]:
        """A dashed vertical line, in the seller's colour, where a seller ran out of cash."""
        if snap.weekly.empty or "open" not in snap.weekly:
            return []
        strategy = snap.weekly.groupby("seller").strategy.first()
        return [dict(type="line", xref="x", yref="paper", x0=week, x1=week, y0=0, y1=1,
                     line=dict(color=seller_colour(strategy[seller]), dash="dash", width=1.5))
                for seller, week in closing_weeks(snap.weekly).items()]


class ProfitChart(SellerLines):
    key = "profit"
    panels = (("cumulative_profit", "cumulative_profit"), ("profit", "weekly_profit"))

    def summary(self, snap, lang):
        return summaries.profit(snap.weekly, lang)


class SatisfactionChart(SellerLines):
    key = "satisfaction"
    panels = (("satisfaction_mean", "satisfaction"), ("nps", "nps"),
              ("review_score", "review_score"))
    height = 320

    def summary(self, snap, lang):
        return summaries.satisfaction(snap.weekly, lang)


class ClvCacChart(SellerLines):
    key = "clv_cac"
    panels = (("clv_estimate", "clv"), ("cac", "cac"))

    def summary(self, snap, lang):
        return summaries.clv_cac(snap.weekly, lang)


class ValueByChannelChart(Chart):
    """What a customer is worth to each seller (CLV, :func:`sim.channels.channel_value`), by
    how they heard of it: one bar per channel and seller, read from the relationships."""

    key = "value_by_channel"
    reads_relationships = True

    def blank(self):
        fig = go.Figure()
        for _ in range(MAX_SELLERS):
            fig.add_bar(x=[], y=[], visible=False)
        fig.update_layout(barmode="group", bargap=0.25)
        return fig

    def fill(self, fig, snap, lang, large):
        table = summaries.channel_table(snap)
        channels = [c for c in CHANNELS if c in set(table.heard_via)]
        # channels down the side, each name wrapped to a third of the narrowest cell: names such
        # as "a trade partnership (agents and resellers)" never run into each other
        size = FONT_SIZE[large]
        lines = [wrap(t(f"channel.{c}", lang), size, MIN_CHART_WIDTH / 3) for c in channels]
        labels = ["<br>".join(line) for line in lines]
        sellers = sorted(set(table.seller))
        for slot, trace in enumerate(fig.data):
            name = f"seller{slot + 1}"
            if name not in sellers:
                trace.visible, trace.x, trace.y = False, [], []
                continue
            rows = table[table.seller == name].set_index("heard_via")
            strategy = snap.params[f"{name}.strategy"]
            trace.orientation = "h"
            trace.y = labels
            trace.x = [float(rows.clv[c]) if c in rows.index else None for c in channels]
            trace.customdata = [int(rows.relationships[c]) if c in rows.index else 0
                                for c in channels]
            trace.hovertemplate = f"%{{y}}: %{{x:,.0f}} (%{{customdata}} " \
                                  f"{ui('trace.customers', lang)})<extra></extra>"
            trace.name = seller_label(name, strategy, lang)
            trace.marker = dict(color=seller_colour(strategy),
                                pattern=dict(shape="" if slot % 2 == 0 else "/"))
            trace.visible = True
        fig.layout.xaxis.title.text = ui("axis.clv", lang)
        fig.layout.yaxis.title.text = ""  # the channels name themselves; the title says what
        fig.layout.yaxis.autorange = "reversed"  # the first channel on top, as the summary
        # each channel's row holds its wrapped name and a bar per seller
        rows_px = sum(max(len(line), len(sellers)) * size * 1.3 + 10 for line in lines)
        self.style(fig, lang, large, max(230, round(rows_px / (1.25 if large else 1.0))))

    def summary(self, snap, lang):
        return summaries.value_by_channel(snap, lang)


class StagesChart(Chart):
    """The whole market's funnel over time, stacked."""

    key = "stages"

    def blank(self):
        fig = go.Figure()
        for stage in STAGES:
            fig.add_scatter(x=[], y=[], mode="lines", stackgroup="one",
                            line=dict(width=0.5, color=STAGE_COLOURS[stage]),
                            fillcolor=STAGE_COLOURS[stage])
        return fig

    def fill(self, fig, snap, lang, large):
        m = snap.market
        for trace, stage in zip(fig.data, STAGES, strict=True):
            trace.name = t(f"stage.{stage}", lang)
            trace.x = [] if m.empty else m.week.tolist()
            trace.y = [] if m.empty else m[f"stage_{stage}"].tolist()
        fig.layout.yaxis.title.text = ui("axis.people", lang)
        fig.layout.xaxis.title.text = ui("axis.week", lang)
        self.style(fig, lang, large, 230)

    def summary(self, snap, lang):
        return summaries.stages(snap.market, snap.n_customers, lang)


class AcquiredLostChart(Chart):
    """Customers won (up) and lost (down) each week, per seller."""

    key = "acquired_lost"

    def blank(self):
        fig = go.Figure()
        for _ in range(2 * MAX_SELLERS):
            fig.add_bar(x=[], y=[], visible=False)
        fig.update_layout(barmode="relative", bargap=0.05)
        return fig

    def fill(self, fig, snap, lang, large):
        present = {slot: (name, rows) for slot, name, rows in _sellers(snap)}
        for slot in range(MAX_SELLERS):
            won, lost = fig.data[2 * slot], fig.data[2 * slot + 1]
            if slot not in present:
                for tr in (won, lost):
                    tr.visible, tr.x, tr.y = False, [], []
                continue
            name, rows = present[slot]
            strategy, label = rows.strategy.iloc[-1], None
            label = seller_label(name, strategy, lang)
            colour = seller_colour(strategy)
            won.x, won.y = rows.week.tolist(), rows.customers_acquired.tolist()
            lost.x, lost.y = rows.week.tolist(), (-rows.customers_lost).tolist()
            won.name = ui("trace.won", lang, seller=label)
            lost.name = ui("trace.lost", lang, seller=label)
            won.marker = dict(color=colour)
            lost.marker = dict(color=colour, opacity=0.55, pattern=dict(shape="/"))
            won.visible = lost.visible = True
        fig.layout.yaxis.title.text = ui("axis.won_lost", lang)
        fig.layout.xaxis.title.text = ui("axis.week", lang)
        self.style(fig, lang, large, 230)

    def summary(self, snap, lang):
        return summaries.acquired_lost(snap.weekly, lang)


class FlowsChart(Chart):
    """A Sankey: stage at the start of a move (left) → stage after it (right)."""

    key = "flows"
    x_axis = False

    def blank(self):
        colours = [STAGE_COLOURS[s] for s in STAGES] * 2
        return go.Figure(go.Sankey(arrangement="snap",
                                   node=dict(label=[""] * 12, color=colours, pad=12),
                                   link=dict(source=[], target=[], value=[])))

    def fill(self, fig, snap, lang, large):
        flows = snap.stage_flows()
        flows = flows[flows.from_stage != flows.to_stage]
        index = {s: i for i, s in enumerate(STAGES)}
        sankey = fig.data[0]
        sankey.node.label = [t(f"stage.{s}", lang) for s in STAGES] * 2
        sankey.link.source = [index[a] for a in flows.from_stage]
        sankey.link.target = [len(STAGES) + index[b] for b in flows.to_stage]
        sankey.link.value = [int(v) for v in flows.customers]
        sankey.link.color = ["rgba(120,120,120,0.35)"] * len(flows)
        self.style(fig, lang, large, 280)

    def summary(self, snap, lang):
        return summaries.stage_flows(snap.stage_flows(), lang)


class NetworkChart(Chart):
    """Who talks to whom: people on a ring (their small-world network), marked by stage and
    coloured by their seller's strategy."""

    key = "network"
    x_axis = False

    def __init__(self, snap, lang="en", large=False):
        self._edges_for = None
        super().__init__(snap, lang, large)

    def blank(self):
        fig = go.Figure()
        fig.add_scatter(x=[], y=[], mode="lines", hoverinfo="skip", showlegend=False,
                        line=dict(color="rgba(150,150,150,0.35)", width=0.6))
        for stage in STAGES:
            fig.add_scatter(x=[], y=[], mode="markers", marker=dict(symbol=STAGE_SYMBOLS[stage]))
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False, scaleanchor="x")
        return fig

    def fill(self, fig, snap, lang, large):
        people = snap.people.iloc[:NETWORK_MAX_NODES]
        n = len(people)
        ring = {cid: k for k, cid in enumerate(people.customer_id)}
        x = [math.cos(2 * math.pi * k / max(1, n)) for k in range(n)]
        y = [math.sin(2 * math.pi * k / max(1, n)) for k in range(n)]
        if self._edges_for is not snap.network or not fig.data[0].x:
            xs, ys = [], []
            for a, b in zip(snap.network.customer_id, snap.network.friend_id, strict=True):
                if a in ring and b in ring:
                    xs += [x[ring[a]], x[ring[b]], None]
                    ys += [y[ring[a]], y[ring[b]], None]
            fig.data[0].x, fig.data[0].y = xs, ys
            self._edges_for = snap.network
        strategies = {f"seller{i}": snap.params[f"seller{i}.strategy"]
                      for i in range(1, snap.params["n_sellers"] + 1)}
        stages, sellers = people.stage.tolist(), people.seller.tolist()
        for trace, stage in zip(fig.data[1:], STAGES, strict=True):
            group = [k for k in range(n) if stages[k] == stage]
            trace.name = t(f"stage.{stage}", lang)
            trace.x = [x[k] for k in group]
            trace.y = [y[k] for k in group]
            trace.marker.color = [seller_colour(strategies[sellers[k]]) if sellers[k]
                                  else STAGE_COLOURS[stage]
                                  if stage in ("unaware", "potential") else GREY
                                  for k in group]
            trace.marker.size = 9 if stage in ("loyal", "growing") else 7
            trace.marker.line = dict(width=1, color=STAGE_COLOURS["lost"]) \
                if stage == "lost" else dict(width=0)
        self.style(fig, lang, large, 300)

    def summary(self, snap, lang):
        return summaries.network(snap.market, snap.n_customers, lang)


CHART_CLASSES = {c.key: c for c in (ProfitChart, StagesChart, SatisfactionChart,
                                     AcquiredLostChart, FlowsChart, NetworkChart, ClvCacChart,
                                     ValueByChannelChart)}
