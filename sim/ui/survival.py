"""Survival view: does a seller stay open under each plan, as one setting (starting cash,
learning half-life ...) varies? Bars of the share of seeds it stayed open (with the Wilson band
and "k/n" on each bar) and a summary that says, for every value, how often each plan survived
and what it earned, and whether the difference is clear."""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w
import plotly.graph_objects as go

from ..params import PARAMS
from ..runner import resolve, survival
from . import summaries
from .compare import _executor, summary_html
from .layout import PanelHelper
from .plot import Plot
from .style import (
    A11Y_CSS,
    FONT_SIZE,
    number,
    seller_colour,
    seller_label,
    separators,
    summary_id,
    text_or,
    ui,
)


def plan_colour(values: dict, seller: str) -> str:
    """The colour of what the seller does under a plan: customer-centric blue (a switch at week
    0 included), product-centric orange, a later switch green."""
    strategy = values.get(f"{seller}.strategy", "product")
    if strategy == "switch" and values.get(f"{seller}.switch_week", 26) == 0:
        strategy = "customer"
    return seller_colour(strategy)


class SurvivalView(w.VBox):
    """Plans side by side over the values of one parameter, each over the same seeds."""

    def __init__(self, plans: dict[str, dict], param: str, values: Iterable, base, seeds: int,
                 seller: str, lang: str, executor=None):
        super().__init__()
        self.add_class("pasar-compare")
        self.plans, self.param, self.values = dict(plans), param, list(values)
        self.lang, self.seller = lang, seller
        self.labels = {plan: text_or(plan, lang, plan) for plan in self.plans}
        base_values = resolve(base)[1]
        self.colours = {plan: plan_colour({**base_values, **changes}, seller)
                        for plan, changes in self.plans.items()}
        n = len(self.plans) * len(self.values) * seeds
        self.table = survival(self.plans, param, self.values, base=base,
                              seeds=range(1, seeds + 1), seller=seller,
                              executor=_executor(n, executor))
        self.figure = Plot(self._figure(seeds), lang=lang)
        self.summary = w.HTML()
        self.summary.value = summary_html(
            summaries.survival(self.table, self.labels, self.value_text, lang),
            summary_id(self.summary))
        self.figure.describe_by(summary_id(self.summary))
        self.children = [self.figure, self.summary, PanelHelper(), w.HTML(A11Y_CSS)]

    def value_text(self, value) -> str:
        """A value of the parameter as the text says it, with its unit."""
        p = PARAMS[self.param]
        unit = text_or(f"unit.{p.unit}", self.lang, "")
        places = 0 if float(value).is_integer() else 2
        return f"{number(value, self.lang, places)} {unit}".strip()

    def _figure(self, seeds: int) -> go.Figure:
        fig = go.Figure()
        x = [self.value_text(v) for v in self.values]
        for plan in self.plans:
            rows = self.table[self.table.plan == plan]
            fig.add_bar(x=x, y=list(rows.share), name=self.labels[plan],
                        marker_color=self.colours[plan],
                        text=[f"{s}/{n}" for s, n in zip(rows.survived, rows.n, strict=True)],
                        textposition="outside",
                        error_y=dict(type="data", symmetric=False,
                                     array=list(rows.share_high - rows.share),
                                     arrayminus=list(rows.share - rows.share_low)))
        label = PARAMS[self.param].text("label", self.lang)
        fig.update_layout(
            template="plotly_white", height=400, barmode="group",
            separators=separators(self.lang), font=dict(size=FONT_SIZE[False]),
            title=ui("survival.title", self.lang, seeds=seeds,
                     seller=seller_label(self.seller, None, self.lang)),
            xaxis_title=label, yaxis=dict(title=ui("survival.axis", self.lang),
                                          range=[0, 1.15], tickformat=".0%"),
            legend=dict(orientation="h", y=-0.2), margin=dict(l=60, r=20, t=50, b=40))
        return fig


def survival_view(plans: dict[str, dict], param: str, values: Iterable, base="l7_usual_market",
                  seeds: int = 10, seller: str = "seller1", lang: str = "en",
                  executor=None) -> SurvivalView:
    """Run :func:`sim.runner.survival` and show, per value of ``param``, how often ``seller``
    stayed open under each plan (a plan's label may be a catalogue key, shown in ``lang``)."""
    return SurvivalView(plans, param, values, base, seeds, seller, lang, executor)
