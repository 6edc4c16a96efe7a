"""Lesson 9's widgets: enter your own shop, see the market calibrated to it, ask its question.

:class:`ShopView` is a form generated from the shop's input declarations (:data:`sim.shop.INPUTS`:
label, help, unit in the shop's money, a "don't know" box beside each), a Calibrate button that
runs :func:`sim.calibrate`, the fit as a chart (your number, the simulated mean and its 95% band)
with the report beside it, and Save / Open for shop files (never overwriting).
:class:`ShopQuestion` asks the strategy question of the calibrated shop
(:func:`sim.question.strategy_question`) and shows each answer as a chart with its text;
:class:`ShopDifference` shows what made the difference in its head to head
(:func:`sim.question.difference`), drawn like lesson 5's decomposition.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as w
import plotly.graph_objects as go

from ..calibration import Calibration, calibrate
from ..decompose import Decomposition
from ..i18n import t
from ..params import ParameterError
from ..question import Answer, difference, head_to_head, regime_question, when_to_switch
from ..runner import process_pool
from ..shop import (
    FOLDER,
    INPUTS,
    Input,
    Shop,
    ShopFileError,
    example_shop,
    load_shop,
    money,
    save_shop,
)
from .decompose import describe
from .decompose import draw as draw_decomposition
from .layout import PanelHelper
from .plot import Plot
from .regimes import RegimeView
from .style import (
    A11Y_CSS,
    BLUE,
    FONT_SIZE,
    GREEN,
    GREY,
    ORANGE,
    VERMILLION,
    separators,
    summary_id,
    ui,
)

FIELD = w.Layout(width="14em")
CHOICE_COLOURS = {"product": ORANGE, "customer": BLUE, "now": GREEN, "half_year": GREEN,
                  "year": GREEN, "never": ORANGE}


def _executor():
    """Both cores for the seeds of a calibration or a question (a lesson waits for it); the
    workers come from a fork server, never forked from the kernel (see sim.batch)."""
    return process_pool(min(4, os.cpu_count() or 1))


def _message(text: str, error: bool = False) -> str:
    kind = "error" if error else "info"
    colour = VERMILLION if error else GREY
    return (f"<div class='pasar-message-{kind}' role='status' aria-live='polite' "
            f"style='border-left:6px solid {colour};padding:4px 10px;margin:4px 0'>"
            f"{html.escape(text)}</div>") if text else ""


def _ready(view: ShopView, message: w.HTML, lang: str) -> Calibration | None:
    """The view's calibration, saying in ``message`` that the question is being asked; None
    (and a message to calibrate first) when there is none yet."""
    if view.calibration is None:
        message.value = _message(ui("shop.calibrate_first", lang), error=True)
    else:
        message.value = _message(ui("shop.asking", lang))
    return view.calibration


def _when_ready(view: ShopView, message: w.HTML, lang: str, answer):
    """``answer(calibration)`` once the view is calibrated (the message says it is being
    asked, then clears); None, with a message to calibrate first, before."""
    cal = _ready(view, message, lang)
    if cal is None:
        return None
    out = answer(cal)
    message.value = ""
    return out


def _summary(summary: w.HTML, text: str) -> str:
    """An answer's text for ``summary``, the region its chart is described by."""
    return (f"<div class='pasar-summary' role='status' id='{summary_id(summary)}' "
            f"style='font-size:15px;margin:4px 8px 12px'>{_lines(text)}</div>")


def _lines(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


class InputRow(w.VBox):
    """One input: its label and unit, the field, a "don't know" box, and its help."""

    def __init__(self, spec: Input, lang: str, currency: str):
        super().__init__(layout=w.Layout(margin="0 0 6px 0"))
        # hooks: panel.js names the row (a group) and its field by the label; tests find them
        self.add_class("pasar-shop-input")
        self.add_class(f"pasar-input-{spec.name}")
        self.spec, self.lang = spec, lang
        if spec.kind == "text":
            self.field = w.Text(layout=FIELD)
        elif spec.kind == "choice":
            self.field = w.Dropdown(options=[(ui(f"shop.choice.{spec.name}.{c}", lang), c)
                                             for c in spec.choices], layout=FIELD)
        else:
            self.field = w.FloatText(layout=FIELD)
        self.dont_know = w.Checkbox(value=False, description=ui("shop.dont_know", lang),
                                    indent=False, layout=w.Layout(width="auto"))
        self.dont_know.observe(lambda _: self._follow(), names="value")
        self.field.add_class("pasar-shop-field")
        self.label = w.HTML()
        self.label.add_class("pasar-shop-label")
        help_text = w.HTML(f"<small style='color:#555'>{html.escape(spec.help(lang))}</small>")
        boxes = [self.label, self.field] + ([self.dont_know] if spec.kind != "text" else [])
        self.children = [w.HBox(boxes, layout=w.Layout(align_items="center")), help_text]
        self.set_currency(currency)

    def set_currency(self, currency: str) -> None:
        """Show the unit in the shop's money (and, when not known, the default in it)."""
        unit = ""
        if self.spec.is_money:
            unit = ui(f"shop.unit.{self.spec.unit}", self.lang,
                      currency=t(f"shop.currency.{currency}", self.lang, amount="").strip())
        elif self.spec.unit != "none":
            unit = ui(f"shop.unit.{self.spec.unit}", self.lang)
        self.label.value = (f"<label style='display:inline-block;width:17em'>"
                            f"<b>{html.escape(self.spec.label(self.lang))}</b>"
                            + (f" <span style='color:#555'>({html.escape(unit)})</span>"
                               if unit else "") + "</label>")
        self.currency = currency
        self._follow()

    def _follow(self) -> None:
        """A "don't know" field shows the default it stands for, greyed out."""
        self.field.disabled = self.dont_know.value
        if self.dont_know.value and self.spec.kind != "text":
            default = self.spec.default_in(self.currency)
            if default is not None:
                self.field.value = self._shown(default)

    def _shown(self, value):
        return 100 * value if self.spec.unit == "percent" else value

    def get(self):
        """The value for :class:`sim.Shop` (None: don't know)."""
        if self.spec.kind != "text" and self.dont_know.value:
            return None
        value = self.field.value
        if self.spec.unit == "percent" and value is not None:
            return value / 100
        if self.spec.kind == "int" and value is not None and value == int(value):
            return int(value)
        return value

    def put(self, value) -> None:
        """Show ``value`` (None: don't know)."""
        if self.spec.kind == "text":
            self.field.value = value or ""
            return
        self.dont_know.value = value is None
        if value is not None:
            self.field.value = self._shown(value)
        self._follow()


class ShopView(w.VBox):
    """Enter a shop, calibrate the market to it, see the fit; save and open shop files."""

    def __init__(self, example: str | None = None, lang: str = "en", seeds: int = 4,
                 folder: str | Path = FOLDER, calibrate_now: bool | None = None,
                 changes: dict | None = None):
        super().__init__()
        self.add_class("pasar-compare")
        self.add_class("pasar-shop")
        self.lang, self.seeds, self.folder = lang, seeds, Path(folder)
        self.calibration: Calibration | None = None
        self.rows = {spec.name: InputRow(spec, lang, "IDR") for spec in INPUTS}
        self.rows["currency"].field.observe(lambda c: self._currency(c["new"]), names="value")
        self.button = w.Button(description=ui("shop.calibrate", lang), icon="sliders",
                               button_style="primary")
        self.button.on_click(lambda _: self.calibrate())
        self.button.add_class("pasar-shop-calibrate")
        self.save_button = w.Button(description=ui("shop.save", lang), icon="save")
        self.save_button.on_click(lambda _: self.save())
        self.files = w.Dropdown(options=self._saved(), description=ui("shop.saved", lang),
                                style={"description_width": "initial"})
        self.open_button = w.Button(description=ui("shop.open", lang), icon="folder-open")
        self.open_button.on_click(lambda _: self.open_file(self.files.value))
        self.progress = w.IntProgress(min=0, max=12, layout=w.Layout(display="none"))
        self.message, self.report = w.HTML(), w.HTML()
        self.message.add_class("pasar-shop-message")
        self.report.add_class("pasar-shop-report")
        self.figure = Plot(self._figure(None), lang=lang)
        self.figure.describe_by(summary_id(self.report))
        self.result = w.Box([self.figure], layout=w.Layout(display="none"))
        self.children = [
            w.HTML(f"<h4>{html.escape(ui('shop.title', lang))}</h4>"),
            *self.rows.values(), w.HBox([self.button, self.save_button, self.progress]),
            w.HBox([self.files, self.open_button]), self.message, self.result, self.report,
            PanelHelper(), w.HTML(A11Y_CSS)]
        start = example_shop(example, lang) if example is not None else Shop(lang)
        self.load(start.replace(lang, **changes) if changes else start)
        if calibrate_now if calibrate_now is not None else example is not None:
            self.calibrate()

    # --- the form ----------------------------------------------------------------------------
    def _currency(self, currency: str | None) -> None:
        for row in self.rows.values():
            row.set_currency(currency or "IDR")

    def load(self, shop: Shop) -> None:
        """Fill the form with ``shop`` (its don't-knows ticked)."""
        self.rows["currency"].put(shop.given("currency"))
        self._currency(shop.currency)
        for name, row in self.rows.items():
            if name != "currency":
                row.put(shop.given(name))

    def shop(self) -> Shop:
        """The shop the form describes (ShopError if an entry cannot be used)."""
        return Shop(self.lang, **{name: row.get() for name, row in self.rows.items()})

    # --- calibrating -------------------------------------------------------------------------
    def calibrate(self) -> Calibration | None:
        """Fit the market to the form's shop; show the fit, or say what is wrong."""
        try:
            shop = self.shop()
        except ParameterError as err:
            self.message.value = _message(err.message(self.lang), error=True)
            return None
        self.message.value = _message(ui("shop.calibrating", self.lang))
        self.progress.value, self.progress.layout.display = 0, "flex"
        try:
            with _executor() as pool:
                self.calibration = calibrate(
                    shop, range(1, self.seeds + 1), pool, self.lang,
                    progress=lambda n: setattr(self.progress, "value", n))
        except ParameterError as err:
            self.message.value = _message(err.message(self.lang), error=True)
            return None
        finally:
            self.progress.layout.display = "none"
        self.message.value = ""
        self.show()
        return self.calibration

    def show(self) -> None:
        """Draw the current calibration's fit and its report."""
        cal = self.calibration
        new = self._figure(cal)
        with self.figure.batch_update():
            self.figure.data = []
            for trace in new.data:
                self.figure.add_trace(trace)
            self.figure.layout = new.layout
        self.result.layout.display = "flex"
        self.report.value = (f"<div class='pasar-summary' role='status' aria-live='polite' "
                             f"id='{summary_id(self.report)}' style='font-size:15px;"
                             f"margin:4px 8px 12px'>{_lines(cal.report(self.lang))}</div>")

    def _figure(self, cal: Calibration | None) -> go.Figure:
        """Two panels: buyers per week and come back within a month; your number (a diamond)
        and the simulated mean with its 95% band (a bar with whiskers)."""
        from plotly.subplots import make_subplots

        titles = [ui("shop.chart.buyers", self.lang), ui("shop.chart.returning", self.lang)]
        fig = go.Figure(make_subplots(rows=1, cols=2, subplot_titles=titles,
                                      horizontal_spacing=0.18))
        if cal is not None:
            mine = ui("shop.chart.yours", self.lang)
            simulated = ui("shop.chart.simulated", self.lang, seeds=len(cal.seeds))
            for col, row in enumerate(cal.fit().itertuples(), start=1):
                scale = 100 if row.input == "return_share" else 1
                fig.add_bar(x=[simulated], y=[row.mean * scale], marker_color=BLUE,
                            error_y=dict(type="data", symmetric=False,
                                         array=[(row.high - row.mean) * scale],
                                         arrayminus=[(row.mean - row.low) * scale],
                                         color="#333", thickness=2),
                            name=simulated, showlegend=col == 1, row=1, col=col)
                if row.target == row.target and row.target is not None:  # given (not NaN)
                    fig.add_scatter(x=[simulated], y=[row.target * scale], mode="markers",
                                    marker=dict(symbol="diamond", size=16, color=ORANGE,
                                                line=dict(color="#000", width=1)),
                                    name=mine, showlegend=col == 1, row=1, col=col)
            fig.update_yaxes(rangemode="tozero")
            fig.update_yaxes(ticksuffix="%", row=1, col=2)
        fig.update_layout(template="plotly_white", height=340, separators=separators(self.lang),
                          font=dict(size=FONT_SIZE[False]), legend=dict(orientation="h",
                                                                       y=-0.15),
                          margin=dict(l=60, r=20, t=50, b=40),
                          title=ui("shop.chart.title", self.lang))
        return fig

    # --- files -------------------------------------------------------------------------------
    def _saved(self) -> list[tuple[str, str]]:
        if not self.folder.is_dir():
            return []
        return [(p.name, str(p)) for p in sorted(self.folder.glob("*.json"))
                if not p.name.startswith(".")]

    def save(self) -> Path | None:
        """Save the form's shop into ``folder`` (never overwriting); say the file's name."""
        try:
            path = save_shop(self.shop(), self.folder, self.lang)
        except (ParameterError, OSError) as err:
            text = err.message(self.lang) if isinstance(err, ParameterError) else str(err)
            self.message.value = _message(text, error=True)
            return None
        self.message.value = _message(ui("shop.saved_as", self.lang, path=str(path)))
        self.files.options = self._saved()
        return path

    def open_file(self, path: str | Path | None) -> Shop | None:
        """Fill the form from a shop file (read as untrusted input)."""
        if not path:
            return None
        try:
            shop = load_shop(path, self.lang)
        except ShopFileError as err:
            self.message.value = _message(str(err), error=True)
            return None
        self.load(shop)
        self.message.value = _message(ui("shop.opened", self.lang, path=str(path)))
        return shop


def shop(example: str | None = None, lang: str = "en", seeds: int = 4,
         folder: str | Path = FOLDER, calibrate_now: bool | None = None,
         changes: dict | None = None) -> ShopView:
    """Lesson 9's shop form: ``example`` ("sari_sari", "batik"; with ``changes`` to some of
    its inputs) fills it and calibrates at once; without one the learner enters their own shop
    and presses Calibrate."""
    return ShopView(example, lang, seeds, folder, calibrate_now, changes)


class ShopQuestion(w.VBox):
    """The strategy question of a calibrated shop: head to head, and when to switch."""

    def __init__(self, view: ShopView, lang: str = "en", seeds: int = 5, horizon: int = 104,
                 ask_now: bool = True):
        super().__init__()
        self.add_class("pasar-compare")
        self.view, self.lang, self.seeds, self.horizon = view, lang, seeds, horizon
        self.answers: list[Answer] = []
        self.button = w.Button(description=ui("shop.ask", lang), icon="question",
                               button_style="primary")
        self.button.on_click(lambda _: self.ask())
        self.message = w.HTML()
        self.panels = w.VBox()
        self.children = [self.button, self.message, self.panels, PanelHelper(),
                         w.HTML(A11Y_CSS)]
        if ask_now:
            self.ask()

    def ask(self) -> list[Answer]:
        """Run both questions for the view's current calibration; one chart and text each."""
        cal = _ready(self.view, self.message, self.lang)
        if cal is None:
            return []
        seeds = range(1, self.seeds + 1)
        with _executor() as pool:
            answers = [head_to_head(cal, seeds, self.horizon, pool),
                       when_to_switch(cal, seeds, self.horizon, pool)]
        self.answers = [a for a in answers if a is not None]
        panels = [self._panel(a) for a in self.answers]
        if answers[1] is None:
            panels.append(w.HTML(_message(t("shop.q.already", self.lang))))
        self.panels.children = panels
        self.message.value = ""
        return self.answers

    def _panel(self, answer: Answer) -> w.VBox:
        summary = w.HTML()
        summary.value = _summary(summary, answer.text(self.lang))
        figure = Plot(self._figure(answer), lang=self.lang)
        figure.describe_by(summary_id(summary))
        return w.VBox([figure, summary])

    def _figure(self, answer: Answer) -> go.Figure:
        """Each choice's mean profit as a bar with its 95% band, in the shop's money."""
        tb = answer.table
        unit = t(f"shop.currency.{answer.currency}", self.lang, amount="").strip()
        fig = go.Figure()
        fig.add_bar(y=[answer.label(c, self.lang) for c in tb.choice], x=list(tb["mean"]),
                    orientation="h", marker_color=[CHOICE_COLOURS[c] for c in tb.choice],
                    error_x=dict(type="data", symmetric=False, array=list(tb.high - tb["mean"]),
                                 arrayminus=list(tb["mean"] - tb.low), color="#333",
                                 thickness=2),
                    text=[money(m, answer.currency, self.lang, 3) for m in tb["mean"]],
                    textposition="inside", insidetextanchor="start",
                    hoverinfo="skip")
        fig.update_layout(template="plotly_white", height=120 + 60 * len(tb),
                          separators=separators(self.lang), font=dict(size=FONT_SIZE[False]),
                          title=ui(f"shop.chart.{answer.question}", self.lang,
                                   weeks=answer.horizon),
                          xaxis_title=ui("shop.chart.profit", self.lang, unit=unit),
                          yaxis=dict(autorange="reversed"), showlegend=False,
                          margin=dict(l=170, r=20, t=50, b=50))
        return fig


class ShopRegimes(w.VBox):
    """The head to head of a calibrated shop over a map around its own values: the fitted need
    rate halved and doubled, people talking less and more (:func:`sim.question.regime_question`),
    in the shop's money."""

    def __init__(self, view: ShopView, lang: str = "en", seeds: int = 5, ask_now: bool = True):
        super().__init__()
        self.add_class("pasar-compare")
        self.view, self.lang, self.seeds = view, lang, seeds
        self.map: RegimeView | None = None
        self.button = w.Button(description=ui("shop.map", lang), icon="th",
                               button_style="primary")
        self.button.on_click(lambda _: self.draw())
        self.message, self.panel = w.HTML(), w.VBox()
        self.children = [self.button, self.message, self.panel]
        if ask_now:
            self.draw()

    def draw(self) -> RegimeView | None:
        return _when_ready(self.view, self.message, self.lang, self._draw)

    def _draw(self, cal: Calibration) -> RegimeView:
        with _executor() as pool:
            table = regime_question(cal, range(1, self.seeds + 1), executor=pool)
        self.map = RegimeView(labels=("shop.q.head_to_head.customer",
                                      "shop.q.head_to_head.product"), lang=self.lang,
                              table=table)
        self.panel.children = [self.map]
        return self.map


def shop_regimes(view: ShopView, lang: str = "en", seeds: int = 5) -> ShopRegimes:
    """Where the shop's head to head holds: a regime map around its own fitted values (drawn at
    once when the shop is calibrated, else at the press of a button)."""
    return ShopRegimes(view, lang, seeds, ask_now=view.calibration is not None)


class ShopDifference(w.VBox):
    """What made the difference in a calibrated shop's head to head: customer-centric minus
    product-centric, split over the lever groups (:func:`sim.question.difference`), one bar
    per group with its 95% band, in the shop's money, and a summary naming the groups whose
    band excludes zero. Each shop's answer is kept, so asking again is instant."""

    def __init__(self, view: ShopView, lang: str = "en", seeds: int = 5, horizon: int = 104,
                 ask_now: bool = True):
        super().__init__()
        self.add_class("pasar-compare")
        self.view, self.lang, self.seeds, self.horizon = view, lang, seeds, horizon
        self.result: Decomposition | None = None
        self.button = w.Button(description=ui("shop.difference", lang), icon="balance-scale",
                               button_style="primary")
        self.button.on_click(lambda _: self.ask())
        self.message, self.summary = w.HTML(), w.HTML()
        self.figure = Plot(go.Figure(), lang=lang)
        self.figure.describe_by(summary_id(self.summary))
        self.panel = w.VBox([self.figure, self.summary], layout=w.Layout(display="none"))
        self.children = [self.button, self.message, self.panel, PanelHelper(),
                         w.HTML(A11Y_CSS)]
        if ask_now:
            self.ask()

    def ask(self) -> Decomposition | None:
        return _when_ready(self.view, self.message, self.lang, self._ask)

    def _ask(self, cal: Calibration) -> Decomposition:
        self.result = _difference(cal, self.seeds, self.horizon)
        with self.figure.batch_update():
            draw_decomposition(self.figure, self.result, self.lang)
        self.summary.value = _summary(self.summary, describe(self.result, self.lang))
        self.panel.layout.display = "flex"
        return self.result


_DIFFERENCES: dict[tuple, Decomposition] = {}  # (calibration, seeds, horizon) -> its answer


def _difference(cal: Calibration, seeds: int, horizon: int) -> Decomposition:
    """The shop's decomposition, computed once per calibration (its runs are also kept by
    sim.batch, so the head to head's seeds are not run twice)."""
    key = (cal.shop, tuple(sorted(cal.values.items())), seeds, horizon)
    if key not in _DIFFERENCES:
        with _executor() as pool:
            _DIFFERENCES[key] = difference(cal, range(1, seeds + 1), horizon, pool)
    return _DIFFERENCES[key]


def shop_difference(view: ShopView, lang: str = "en", seeds: int = 5,
                    horizon: int = 104) -> ShopDifference:
    """What made the difference in the head to head of the shop in ``view`` (asked at once when
    it is calibrated, else at the press of a button)."""
    return ShopDifference(view, lang, seeds, horizon, ask_now=view.calibration is not None)


def shop_question(view: ShopView, lang: str = "en", seeds: int = 5,
                  horizon: int = 104) -> ShopQuestion:
    """The strategy question for the shop in ``view`` (asked at once when it is calibrated)."""
    return ShopQuestion(view, lang, seeds, horizon, ask_now=view.calibration is not None)


__all__ = ["ShopDifference", "ShopQuestion", "ShopRegimes", "ShopView", "shop", "shop_difference",
           "shop_question", "shop_regimes"]
