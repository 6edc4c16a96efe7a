"""Decide for one customer by hand, then see what the model says (before it automates it).

Kinds: ``choice`` (which seller would this customer buy from? the model's logit
probabilities come from the real :meth:`sim.customers.Customer.value`), ``gift`` (lesson 1: the
payer chooses by that rule on what she expects, the user judges by
:func:`sim.roles.gift_reception`), ``agent`` (lesson 2: a tied agent weighs support and margin
by the real :class:`sim.roles.Reseller` methods), ``satisfaction`` (promise vs delivery, by
:func:`sim.customers.judge`), ``clv`` (lifetime value, by :func:`sim.metrics.clv`),
``word_of_mouth`` (lesson 4: a story reaching a friend, by :meth:`Customer.urge_to_talk`
and :meth:`Customer.hear`), ``switch_cost`` (lesson 7: a switch's cost curve, by running the
model both ways) and ``calibrate`` (lesson 9). No formula is copied here: each reveal calls
the model's own.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as w

from ..calibration import RETURN_TOLERANCE, buyers_tolerance, shop_runs
from ..customers import DETRACTOR_TO, PROMOTER_FROM, judge
from ..formulas import choice_probabilities
from ..i18n import t
from ..metrics import clv
from ..model import MarketModel
from ..params import PARAMS
from ..roles import gift_reception
from ..runner import run
from ..shop import example_shop
from .controls import localized
from .layout import PanelHelper
from .plot import Plot
from .style import A11Y_CSS, BLUE, FONT_SIZE, GREY, ORANGE, VERMILLION, number, percent, ui


def accessible() -> list[w.Widget]:
    """Names for the sliders (panel.js) and WCAG AA focus rings and buttons (A11Y_CSS)."""
    return [PanelHelper(), w.HTML(A11Y_CSS)]


SLIDER = dict(continuous_update=False, style={"description_width": "14em"},
              layout=w.Layout(width="32em"))
CASES = (  # one customer facing shop A (where they buy now) and shop B (new in town)
    {"trait": "none", "current": 0,
     "A": dict(price=50.0, discount=0.0, expectation=0.72, bought=6, loyalty=0.7,
               satisfaction=0.75),
     "B": dict(price=42.0, discount=0.2, expectation=0.8, bought=0, loyalty=0.0,
               satisfaction=0.0)},
    {"trait": "thrifty", "current": 0,
     "A": dict(price=50.0, discount=0.0, expectation=0.72, bought=2, loyalty=0.2,
               satisfaction=0.6),
     "B": dict(price=42.0, discount=0.2, expectation=0.8, bought=0, loyalty=0.0,
               satisfaction=0.0)},
)


def choice_values(case: dict) -> tuple[list[float], float, float]:
    """How attractive shop A and shop B look to the case's customer, by the model's own
    :meth:`Customer.value` (a two-seller market of ten people, this customer set up by hand);
    with the model's outside option and choice sharpness."""
    a, b = case["A"], case["B"]
    model = MarketModel({"n_sellers": 2, "n_customers": 10, "network": "fully_mixed",
                         "share_impulsive": 1.0 if case["trait"] == "impulsive" else 0.0,
                         "share_thrifty": 1.0 if case["trait"] == "thrifty" else 0.0,
                         "novelty_weight": 0.0,  # no fresh launch to tempt them either way
                         "seller1.strategy": "customer", "seller2.strategy": "customer",
                         "seller1.research_weeks": 0, "seller2.research_weeks": 0,
                         "seller1.price": a["price"], "seller2.price": b["price"],
                         "seller1.acquisition_discount": a["discount"],
                         "seller2.acquisition_discount": b["discount"]}, rng=0)
    person = model.customer_list[0]  # everyone has the case's trait
    for s, shop in enumerate((a, b)):
        person.remember(s, shop["expectation"], shop["bought"], shop["loyalty"],
                        shop["satisfaction"])
    if case.get("current") is not None:
        person.switch_to(case["current"])
    return [person.value(0), person.value(1)], model.outside_option, model.choice_sharpness


def choice_odds(case: dict) -> list[float]:
    """P(buy at A), P(buy at B), P(buy nothing) for the case's customer."""
    values, outside, sharpness = choice_values(case)
    return choice_probabilities(values, outside, sharpness)


def _fig(lang: str, height: int = 300, **layout) -> Plot:
    """A by-hand chart: its numbers in ``lang``'s format (0,6 in Indonesian)."""
    return Plot(layout=dict(template="plotly_white", height=height,
                            font=dict(size=FONT_SIZE[False]),
                            margin=dict(l=60, r=20, t=40, b=40), **layout), lang=lang)


class ByHand(w.VBox):
    """What every by-hand step shares: a Reveal button that calls the step's ``reveal``, a
    line for the model's answer, and nothing revealed yet."""

    def __init__(self, lang: str = "en"):
        super().__init__()
        self.add_class("pasar-byhand")
        self.lang, self.revealed = lang, False
        self.reveal_button = w.Button(description=ui("byhand.reveal", lang), icon="eye",
                                      button_style="primary")
        self.reveal_button.on_click(lambda _: self.reveal())
        self.result = w.HTML()

    play = None  # the sliders to play with once revealed (a step may have none)

    def picked(self) -> bool:
        """Whether the learner has placed a bet (``self.pick``); if not, say so first."""
        if self.pick.value is None:
            self.result.value = f"<i>{ui('quiz.pick_first', self.lang)}</i>"
            return False
        return True

    def reveal(self):
        """The model's answer to the bet (None, with a reminder, before a bet is placed)."""
        if not self.picked():
            return None
        self.revealed = True
        if self.play is not None:
            self.play.layout.display = "flex"
        return self._show()

    def playground(self, intro: str, sliders: list[w.Widget]) -> w.VBox:
        """The sliders shown after the reveal, under the catalogue's ``intro``; each move
        redraws the model's answer."""
        for slider in sliders:
            slider.observe(lambda _: self._show() if self.revealed else None, names="value")
        return w.VBox([w.HTML(f"<i>{html.escape(ui(intro, self.lang))}</i>"),
                       *(localized(slider, self.lang) for slider in sliders)],
                      layout=w.Layout(display="none"))

    def verdict(self, odds: list[float], names: list[str]) -> str:
        """The bet against the model's odds: the most likely choice, or how likely the bet."""
        likely = max(range(len(odds)), key=odds.__getitem__)
        yours = self.pick.value
        return ui("byhand.choice_same" if yours == likely else "byhand.choice_differs",
                  self.lang, yours=names[yours], likely=names[likely],
                  chance=percent(odds[yours], self.lang))


def hidden(figure: Plot) -> w.Box:
    """A chart kept out of sight until the reveal."""
    return w.Box([figure], layout=w.Layout(display="none"))


class ChoiceByHand(ByHand):
    """Which shop would this customer buy from? Pick, reveal the model's odds, then play."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang)
        self.case_index = 0
        self.story, self.table = w.HTML(), w.HTML()
        self.pick = w.ToggleButtons(options=[(ui("byhand.shop_a", lang), 0),
                                             (ui("byhand.shop_b", lang), 1),
                                             (ui("byhand.neither", lang), 2)], value=None,
                                    style={"button_width": "auto"})
        self.next_button = w.Button(description=ui("byhand.another", lang), icon="user")
        self.next_button.on_click(lambda _: self.load((self.case_index + 1) % len(CASES)))
        self.figure = _fig(lang, 260, yaxis=dict(range=[0, 1], tickformat=".0%"))
        self.figure.add_bar(x=[ui("byhand.shop_a", lang), ui("byhand.shop_b", lang),
                               ui("byhand.neither", lang)], y=[0, 0, 0],
                            marker_color=[ORANGE, BLUE, GREY])
        self.figure_box = hidden(self.figure)
        self.price_b = w.FloatSlider(min=20, max=80, step=1, description=ui(
            "byhand.price_b", lang), **SLIDER)
        self.discount_b = w.FloatSlider(min=0, max=0.6, step=0.05, description=ui(
            "byhand.discount_b", lang), **SLIDER)
        self.loyalty_a = w.FloatSlider(min=0, max=1, step=0.05, description=ui(
            "byhand.loyalty_a", lang), **SLIDER)
        self.play = self.playground("byhand.now_play",
                                    [self.price_b, self.discount_b, self.loyalty_a])
        self.children = [self.story, self.table, self.pick,
                         w.HBox([self.reveal_button, self.next_button]), self.result,
                         self.figure_box, self.play, *accessible()]
        self.load(0)

    def case(self) -> dict:
        base = CASES[self.case_index]
        return {**base, "A": {**base["A"], "loyalty": self.loyalty_a.value},
                "B": {**base["B"], "price": self.price_b.value,
                      "discount": self.discount_b.value}}

    def load(self, index: int) -> None:
        self.case_index, self.revealed = index, False
        base = CASES[index]
        self.price_b.value, self.discount_b.value = base["B"]["price"], base["B"]["discount"]
        self.loyalty_a.value = base["A"]["loyalty"]
        self.story.value = f"<p>{html.escape(ui(f'byhand.choice_case{index + 1}', self.lang))}</p>"
        self.pick.value = None
        self.result.value = ""
        self.figure_box.layout.display = "none"
        self.play.layout.display = "none"
        self._table()

    def _table(self) -> None:
        c, lang = CASES[self.case_index], self.lang
        rows = [("byhand.row_price", lambda s: number(s["price"], lang)),
                ("byhand.row_discount", lambda s: percent(s["discount"], lang)),
                ("byhand.row_expectation", lambda s: number(s["expectation"], lang, 2)),
                ("byhand.row_bought", lambda s: number(s["bought"], lang)),
                ("byhand.row_loyalty", lambda s: number(s["loyalty"], lang, 2))]
        cells = "".join(f"<tr><td>{ui(k, lang)}</td><td style='text-align:right'>{f(c['A'])}"
                        f"</td><td style='text-align:right'>{f(c['B'])}</td></tr>"
                        for k, f in rows)
        self.table.value = (f"<table style='border-collapse:collapse' cellpadding='4'><tr><th>"
                            f"</th><th>{ui('byhand.shop_a', lang)}</th>"
                            f"<th>{ui('byhand.shop_b', lang)}</th></tr>{cells}</table>")

    def _show(self) -> list[float]:
        odds = choice_odds(self.case())
        names = [ui("byhand.shop_a", self.lang), ui("byhand.shop_b", self.lang),
                 ui("byhand.neither", self.lang)]
        verdict = self.verdict(odds, names)
        self.result.value = "<p>" + html.escape(ui(
            "byhand.choice_odds", self.lang, a=percent(odds[0], self.lang),
            b=percent(odds[1], self.lang), none=percent(odds[2], self.lang))) + " " + \
            html.escape(verdict) + "</p>"
        with self.figure.batch_update():
            self.figure.data[0].y = odds
            self.figure.layout.title.text = ui("byhand.choice_chart", self.lang)
        self.figure_box.layout.display = "flex"
        return odds


TASTES = (0.30, 0.30, 0.50)  # Dewi's taste, shop A's batik, shop B's batik (circle of needs)
GIFT_PRICES = (70.0, 50.0)  # shop A, shop B (thousand rupiah)


def gift_model(taste_gap: float, overpromise_a: float = 0.0) -> tuple[MarketModel, list]:
    """Lesson 1's gift, set up by hand in a two-shop market of ten people: Dewi (the payer) has
    seen both shops' ads and never bought at either; her father (the user) has a taste
    ``taste_gap`` away from hers on the circle of needs; shop A's dearer batik sits on Dewi's
    taste, shop B's classic batik elsewhere; shop A over-promises by ``overpromise_a``."""
    model = MarketModel({"n_sellers": 2, "n_customers": 10, "network": "fully_mixed",
                         "share_impulsive": 0.0, "share_thrifty": 0.0, "novelty_weight": 0.0,
                         "seller1.strategy": "customer", "seller2.strategy": "customer",
                         "seller1.research_weeks": 0, "seller2.research_weeks": 0,
                         "seller1.price": GIFT_PRICES[0], "seller2.price": GIFT_PRICES[1],
                         "seller1.promise_gap": overpromise_a}, rng=0)
    payer, father = model.customer_list[:2]
    payer.need, father.need = TASTES[0], (TASTES[0] + taste_gap) % 1.0
    for seller, position in zip(model.sellers, TASTES[1:], strict=True):
        seller.product_position = position
    for s in (0, 1):
        payer.become_aware(s, "advertising")  # what she expects: each shop's promise, to her
    return model, [payer, father]


def gift_outcome(taste_gap: float, overpromise_a: float = 0.0) -> dict:
    """The payer's odds (shop A, shop B, nothing) by the model's choice rule on what *she*
    expects, and for each shop the fit of its shirt to the father's taste and how he would
    receive it (:func:`sim.roles.gift_reception`: what he expects, gets and feels)."""
    model, (payer, father) = gift_model(taste_gap, overpromise_a)
    odds = choice_probabilities([payer.value(0), payer.value(1)], model.outside_option,
                                model.choice_sharpness)
    return {"odds": odds, "fit": [seller.fit_for(father) for seller in model.sellers],
            "received": [gift_reception(seller, father) for seller in model.sellers],
            "defect": model.defect_threshold}


class GiftByHand(ByHand):
    """Lesson 1: the payer chooses, the user judges. Bet on Dewi's shop and her father's
    satisfaction, reveal the model's odds and his satisfaction, then move his taste."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang)
        names = [ui(k, lang) for k in ("byhand.shop_a", "byhand.shop_b", "byhand.neither")]
        self.pick = w.ToggleButtons(options=[(n, k) for k, n in enumerate(names)], value=None,
                                    description=ui("byhand.gift_where", lang),
                                    style={"button_width": "auto", "description_width": "14em"})
        self.guess = w.FloatSlider(value=0.5, min=0, max=1, step=0.05,
                                   description=ui("byhand.gift_guess", lang), **SLIDER)
        self.figure = _fig(lang, 280, yaxis=dict(range=[0, 1]), barmode="group")
        self.figure.add_bar(x=names[:2], y=[0, 0], marker_color=ORANGE,
                            name=ui("byhand.gift_odds_bar", lang))
        self.figure.add_bar(x=names[:2], y=[0, 0], marker_color=BLUE,
                            name=ui("byhand.gift_sat_bar", lang))
        self.figure_box = hidden(self.figure)
        self.taste_gap = w.FloatSlider(value=0.2, min=0, max=0.5, step=0.05,
                                       description=ui("byhand.taste_gap", lang), **SLIDER)
        self.overpromise = w.FloatSlider(value=0.0, min=0, max=0.3, step=0.05,
                                         description=ui("byhand.overpromise_a", lang), **SLIDER)
        self.play = self.playground("byhand.gift_play", [self.taste_gap, self.overpromise])
        story = ui("byhand.gift_story", lang, price_a=number(GIFT_PRICES[0], lang),
                   price_b=number(GIFT_PRICES[1], lang))
        self.children = [w.HTML(f"<p>{html.escape(story)}</p>"),
                         self.pick, localized(self.guess, lang), self.reveal_button,
                         self.result, self.figure_box, self.play, *accessible()]

    def outcome(self) -> dict:
        return gift_outcome(self.taste_gap.value, self.overpromise.value)

    def _show(self) -> dict:
        lang, out = self.lang, self.outcome()
        odds = out["odds"]
        names = [ui(k, lang) for k in ("byhand.shop_a", "byhand.shop_b", "byhand.neither")]
        likely = max(range(3), key=odds.__getitem__)
        verdict = self.verdict(odds, names)
        shop = likely if likely < 2 else max((0, 1), key=odds.__getitem__)
        expected, delivered, value = out["received"][shop]
        key = ("byhand.gift_drop" if value < out["defect"] else "byhand.gift_detractor"
               if value < DETRACTOR_TO else "byhand.gift_promoter" if value > PROMOTER_FROM
               else "byhand.gift_quiet")
        self.result.value = "<p>" + " ".join(html.escape(text) for text in (
            ui("byhand.gift_odds", lang, a=percent(odds[0], lang), b=percent(odds[1], lang),
               none=percent(odds[2], lang)), verdict,
            ui("byhand.gift_received", lang, shop=names[shop],
               fit=number(out["fit"][shop], lang, 2), expected=number(expected, lang, 2),
               delivered=number(delivered, lang, 2),
               value=number(value, lang, 2), guess=number(self.guess.value, lang, 2)),
            ui(key, lang))) + "</p>"
        with self.figure.batch_update():
            self.figure.data[0].y = odds[:2]
            self.figure.data[1].y = [sat for *_, sat in out["received"]]
            self.figure.layout.title.text = ui("byhand.gift_chart", lang)
        self.figure_box.layout.display = "flex"
        return out


AGENT_WEEKS = 26  # half a year


def agent_weeks(agent_price: float, support: float, units: int,
                weeks: int = AGENT_WEEKS) -> dict:
    """Lesson 2's tied agent, set up by hand: your brand (seller 1) with one tied agent and a
    rival (seller 2, the default agent price) in a market of ten people; one independent
    reseller too. Each week the agent restocks, resells ``units`` to a contact and weighs the
    deal, all by the real :class:`sim.roles.Reseller` methods. Returns his contentment week by
    week (until he quits), his first week's margin, the quit week (None: he stayed), and the
    brand the independent reseller picks (:meth:`Reseller.pick_source`)."""
    model = MarketModel({"n_sellers": 2, "n_customers": 10, "network": "fully_mixed",
                         "seller1.strategy": "customer", "seller2.strategy": "customer",
                         "seller1.research_weeks": 0, "seller2.research_weeks": 0,
                         "seller1.agents": 1, "independents": 1,
                         "seller1.agent_price": agent_price,
                         "seller1.agent_support": support}, rng=0)
    agent = next(r for r in model.resellers if r.tied_to == 0)
    independent = next(r for r in model.resellers if r.tied_to is None)
    buyer = next(c for c in model.customer_list if c not in model.resellers)
    brand, contentment, margins, quit_week = model.sellers[0], [], [], None
    for week in range(1, weeks + 1):
        agent.restock(0)
        for _ in range(units):
            agent.resell(buyer, brand, 0.0)
        margins.append(agent.margin_week)
        agent.weigh_the_deal(0)
        agent.margin_week = 0.0
        contentment.append(agent.contentment)
        if not agent.working:
            quit_week = week
            break
    rival = model.sellers[1]  # same list price and agent price: the same margin, a random pick
    tie = brand.price == rival.price and brand.agent_price == rival.agent_price
    return {"contentment": contentment, "margin": margins[0], "quit_week": quit_week,
            "independent": None if tie else independent.pick_source(),
            "rival_price": rival.agent_price, "quit_below": model.agent_quit_below,
            "support_need": model.agent_support_need, "margin_need": model.agent_margin_need,
            "price": brand.price}


class AgentByHand(ByHand):
    """Lesson 2: a tied agent stays while support and margin content him. Set the deal, bet
    whether he stays half a year, reveal his contentment week by week, then play."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang)
        self.agent_price = w.FloatSlider(value=0.8, min=0.3, max=1, step=0.05,
                                         description=ui("byhand.agent_price", lang), **SLIDER)
        self.support = w.FloatSlider(value=2.0, min=0, max=10, step=0.5,
                                     description=ui("byhand.agent_support", lang), **SLIDER)
        self.units = w.IntSlider(value=2, min=0, max=6, step=1,
                                 description=ui("byhand.agent_units", lang), **SLIDER)
        self.pick = w.ToggleButtons(options=[(ui("byhand.agent_stays", lang), True),
                                             (ui("byhand.agent_quits", lang), False)],
                                    value=None, style={"button_width": "auto"})
        self.figure = _fig(lang, 280, yaxis=dict(range=[0, 1.05]),
                           xaxis=dict(range=[0.5, AGENT_WEEKS + 0.5]))
        self.figure.add_scatter(x=[], y=[], mode="lines+markers", line=dict(color=BLUE, width=3),
                                name=ui("byhand.agent_contentment", lang))
        self.figure_box = hidden(self.figure)
        for s in (self.agent_price, self.support, self.units):
            s.observe(lambda _: self._show() if self.revealed else None, names="value")
        out = agent_weeks(self.agent_price.value, self.support.value, self.units.value)
        story = ui("byhand.agent_story", lang, support=number(out["support_need"], lang),
                   margin=number(out["margin_need"], lang), price=number(out["price"], lang),
                   quit=number(out["quit_below"], lang, 2), weeks=number(AGENT_WEEKS, lang))
        self.children = [w.HTML(f"<p>{html.escape(story)}</p>"),
                         *(localized(s, lang) for s in (self.agent_price, self.support,
                                                        self.units)),
                         self.pick, self.reveal_button, self.result, self.figure_box,
                         w.HTML(f"<i>{html.escape(ui('byhand.agent_play', lang))}</i>"),
                         *accessible()]

    def outcome(self) -> dict:
        return agent_weeks(self.agent_price.value, self.support.value, self.units.value)

    def _show(self) -> dict:
        lang, out = self.lang, self.outcome()
        stays, last = out["quit_week"] is None, out["contentment"][-1]
        told = [ui("byhand.agent_stayed" if stays else "byhand.agent_quit", lang,
                   week=number(out["quit_week"] or AGENT_WEEKS, lang), value=number(last, lang, 2),
                   quit=number(out["quit_below"], lang, 2), margin=number(out["margin"], lang)),
                ui("byhand.guess_right" if self.pick.value == stays else "byhand.guess_wrong",
                   lang)]
        brands = (ui("byhand.your_brand", lang), ui("byhand.rival_brand", lang))
        told.append(ui("byhand.agent_independent", lang, rival=percent(out["rival_price"], lang),
                       brand=ui("byhand.either_brand", lang) if out["independent"] is None
                       else brands[out["independent"]]))
        self.result.value = "<p>" + " ".join(map(html.escape, told)) + "</p>"
        weeks = list(range(1, len(out["contentment"]) + 1))
        with self.figure.batch_update():
            self.figure.data[0].x, self.figure.data[0].y = weeks, out["contentment"]
            self.figure.layout.title.text = ui("byhand.agent_chart", lang)
            self.figure.layout.xaxis.title.text = ui("axis.week", lang)
            q = out["quit_below"]
            self.figure.layout.shapes = [dict(type="line", x0=0.5, x1=AGENT_WEEKS + 0.5, y0=q,
                                              y1=q, line=dict(dash="dot", color=VERMILLION))]
        self.figure_box.layout.display = "flex"
        return out


class SatisfactionByHand(ByHand):
    """Promise vs delivery: guess the satisfaction, then see expectation–disconfirmation."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang)
        self.loss = PARAMS["loss_aversion"].default
        self.weight = PARAMS["disconfirmation_weight"].default
        self.promise = w.FloatSlider(value=0.8, min=0, max=1, step=0.05,
                                     description=ui("byhand.promise", lang), **SLIDER)
        self.delivered = w.FloatSlider(value=0.6, min=0, max=1, step=0.05,
                                       description=ui("byhand.delivered", lang), **SLIDER)
        self.guess = w.FloatSlider(value=0.5, min=0, max=1, step=0.05,
                                   description=ui("byhand.your_guess", lang), **SLIDER)
        self.figure = _fig(lang, 300, xaxis=dict(range=[0, 1]), yaxis=dict(range=[0, 1]))
        self.figure.add_scatter(x=[], y=[], mode="lines", line=dict(color=BLUE, width=3))
        self.figure.add_scatter(x=[], y=[], mode="markers",
                                marker=dict(size=14, color=ORANGE, symbol="x"))
        self.figure.add_scatter(x=[], y=[], mode="markers", marker=dict(size=14, color=BLUE))
        self.figure_box = hidden(self.figure)
        for s in (self.promise, self.delivered):
            s.observe(lambda _: self.reveal() if self.revealed else None, names="value")
        self.children = [w.HTML(f"<p>{html.escape(ui('byhand.satisfaction_intro', lang))}</p>"),
                         *(localized(s, lang) for s in (self.promise, self.delivered,
                                                        self.guess)),
                         self.reveal_button, self.result, self.figure_box, *accessible()]

    def model_value(self) -> float:
        return judge(self.delivered.value, self.promise.value, self.loss, self.weight)

    def reveal(self) -> float:
        self.revealed = True
        lang, p, e = self.lang, self.delivered.value, self.promise.value
        value = self.model_value()
        key = "byhand.sat_short" if p < e else "byhand.sat_surplus"
        self.result.value = "<p>" + html.escape(ui(
            key, lang, value=number(value, lang, 2), guess=number(self.guess.value, lang, 2),
            gap=number(abs(p - e), lang, 2), loss=number(self.loss, lang, 2),
            weight=number(self.weight, lang, 2), delivered=number(p, lang, 2))) + "</p>"
        grid = [k / 50 for k in range(51)]
        with self.figure.batch_update():
            line, mine, model = self.figure.data
            line.x, line.y = grid, [judge(x, e, self.loss, self.weight) for x in grid]
            line.name = ui("byhand.sat_curve", lang)
            mine.x, mine.y, mine.name = [p], [self.guess.value], ui("byhand.your_guess", lang)
            model.x, model.y, model.name = [p], [value], ui("byhand.model_says", lang)
            self.figure.layout.xaxis.title.text = ui("byhand.delivered", lang)
            self.figure.layout.yaxis.title.text = ui("axis.satisfaction", lang)
            self.figure.layout.shapes = [dict(type="line", x0=e, x1=e, y0=0, y1=1,
                                              line=dict(dash="dot", color=VERMILLION))]
        self.figure_box.layout.display = "flex"
        return value


class ClvByHand(ByHand):
    """Margin, retention and discount rate: guess a customer's lifetime value, then see it."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang)
        self.margin = w.FloatSlider(value=10, min=1, max=50, step=1,
                                    description=ui("byhand.margin", lang), **SLIDER)
        self.retention = w.FloatSlider(value=0.9, min=0.5, max=0.99, step=0.01,
                                       description=ui("byhand.retention", lang), **SLIDER)
        self.rate = w.FloatSlider(value=0.002, min=0, max=0.05, step=0.001,
                                  description=ui("byhand.rate", lang),
                                  **SLIDER)
        self.guess = w.FloatText(value=None, description=ui("byhand.your_guess", lang),
                                 style={"description_width": "14em"})
        self.figure = _fig(lang, 300)
        self.figure.add_scatter(x=[], y=[], mode="lines", line=dict(color=BLUE, width=3))
        self.figure.add_scatter(x=[], y=[], mode="markers", marker=dict(size=14, color=BLUE))
        self.figure_box = hidden(self.figure)
        for s in (self.margin, self.retention, self.rate):
            s.observe(lambda _: self.reveal() if self.revealed else None, names="value")
        self.children = [w.HTML(f"<p>{html.escape(ui('byhand.clv_intro', lang))}</p>"),
                         *(localized(s, lang) for s in (self.margin, self.retention,
                                                        self.rate)), self.guess,
                         self.reveal_button, self.result, self.figure_box, *accessible()]

    def model_value(self) -> float:
        return clv(self.margin.value, self.retention.value, self.rate.value)

    def reveal(self) -> float | None:
        lang = self.lang
        if self.guess.value is None:
            self.result.value = f"<i>{ui('byhand.guess_first', lang)}</i>"
            return None
        self.revealed = True
        m, r, i = self.margin.value, self.retention.value, self.rate.value
        value = self.model_value()
        off = abs(self.guess.value - value) / value if value else 0.0
        verdict = ui("byhand.close" if off <= 0.15 else "byhand.far", lang,
                     off=percent(off, lang))
        self.result.value = "<p>" + html.escape(ui(
            "byhand.clv_result", lang, value=number(value, lang, 1),
            lifetime=number(1 / (1 - r), lang, 1), m=number(m, lang),
            r=number(r, lang, 2), i=number(i, lang, 3)) + " " + verdict) + "</p>"
        grid = [0.5 + k * 0.01 for k in range(50)]
        with self.figure.batch_update():
            line, point = self.figure.data
            line.x, line.y = grid, [clv(m, x, i) for x in grid]
            line.name = "CLV"
            point.x, point.y, point.name = [r], [value], ui("byhand.model_says", lang)
            self.figure.layout.xaxis.title.text = ui("byhand.retention", lang)
            self.figure.layout.yaxis.title.text = ui("axis.clv", lang)
        self.figure_box.layout.display = "flex"
        return value


def word_of_mouth(got: float, distance: float) -> dict:
    """Lesson 4's story, set up by hand in a two-shop market of ten people where stories are
    weighed by likeness ("Stories weighed by likeness" = 1): Bu Wati bought at shop B (new in
    town) and got quality ``got``; her neighbour Pak Joko, a regular at shop A who has never
    heard of B, has needs ``distance`` away from hers. By the model's own rules: her satisfaction
    (:func:`judge`, against what B's ad led her to expect), her chance of telling a friend
    (:meth:`Customer.urge_to_talk`), what Joko expects of B once he hears
    (:meth:`Customer.hear`, as much as her story fits him: :meth:`MarketModel.story_relevance`),
    and his odds of buying at A, at B or nothing, before and after hearing."""
    model = MarketModel({"n_sellers": 2, "n_customers": 10, "network": "fully_mixed",
                         "share_impulsive": 0.0, "share_thrifty": 0.0, "novelty_weight": 0.0,
                         "wom_need_weighting": 1.0,
                         "seller1.strategy": "customer", "seller2.strategy": "customer",
                         "seller1.research_weeks": 0, "seller2.research_weeks": 0}, rng=0)
    wati, joko = model.customer_list[:2]
    shop_b = model.sellers[1]
    wati.need = shop_b.product_position  # B's product is made for her
    joko.need = (wati.need + distance) % 1.0
    wati.become_aware(1, "advertising")  # what B's ad led her to expect
    satisfaction = judge(got, wati.expectation[1], model.loss_aversion,
                         model.disconfirmation_weight)
    urge = wati.urge_to_talk(satisfaction)
    joko.remember(0, 0.6, 6, 0.5, 0.7)  # a regular at A, fairly happy there
    before = choice_probabilities([joko.value(0)], model.outside_option, model.choice_sharpness)
    before = [before[0], 0.0, before[1]]  # shop B is unknown to him
    relevance = model.story_relevance(wati, joko)
    if urge is None:  # nothing to tell: the story never reaches him
        return {"promise": wati.expectation[1], "satisfaction": satisfaction, "talk": 0.0,
                "good": True, "relevance": relevance, "expects": None, "before": before,
                "after": before}
    joko.hear(1, got, urge[1], relevance)
    after = choice_probabilities([joko.value(0), joko.value(1)], model.outside_option,
                                 model.choice_sharpness)
    return {"promise": wati.expectation[1], "satisfaction": satisfaction, "talk": urge[0],
            "good": urge[1], "relevance": relevance, "expects": joko.expectation[1],
            "before": before, "after": after}


class WordOfMouthByHand(ByHand):
    """Lesson 4: a story reaches a friend. Bet where Pak Joko buys after Bu Wati tells him about
    shop B; reveal what the model makes of the story, then change her experience and his needs."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang)
        self.names = [ui(k, lang) for k in ("byhand.shop_a", "byhand.shop_b", "byhand.neither")]
        self.pick = w.ToggleButtons(options=[(n, k) for k, n in enumerate(self.names)],
                                    value=None, style={"button_width": "auto"})
        self.figure = _fig(lang, 280, yaxis=dict(range=[0, 1], tickformat=".0%"),
                           barmode="group")
        for key, colour in (("byhand.wom_before", GREY), ("byhand.wom_after", BLUE)):
            self.figure.add_bar(x=self.names, y=[0, 0, 0], marker_color=colour,
                                name=ui(key, lang))
        self.figure_box = hidden(self.figure)
        self.got = w.FloatSlider(value=0.9, min=0, max=1, step=0.05,
                                 description=ui("byhand.wom_got", lang), **SLIDER)
        self.distance = w.FloatSlider(value=0.0, min=0, max=0.5, step=0.05,
                                      description=ui("byhand.wom_distance", lang), **SLIDER)
        self.play = self.playground("byhand.wom_play", [self.got, self.distance])
        self.children = [w.HTML(f"<p>{html.escape(ui('byhand.wom_story', lang))}</p>"),
                         self.pick, self.reveal_button, self.result, self.figure_box,
                         self.play, *accessible()]

    def _show(self) -> dict:
        lang, out = self.lang, word_of_mouth(self.got.value, self.distance.value)
        after = out["after"]
        told = [ui("byhand.wom_she", lang, got=number(self.got.value, lang, 2),
                   promise=number(out["promise"], lang, 2),
                   value=number(out["satisfaction"], lang, 2)),
                ui("byhand.wom_quiet" if not out["talk"] else "byhand.wom_good" if out["good"]
                   else "byhand.wom_bad", lang, chance=percent(out["talk"], lang)),
                *([] if out["expects"] is None else [ui(
                    "byhand.wom_he", lang, relevance=number(out["relevance"], lang, 2),
                    expects=number(out["expects"], lang, 2), a=percent(after[0], lang),
                    b=percent(after[1], lang), none=percent(after[2], lang),
                    before=percent(out["before"][0], lang))]),
                self.verdict(after, self.names)]
        self.result.value = "<p>" + " ".join(map(html.escape, told)) + "</p>"
        with self.figure.batch_update():
            self.figure.data[0].y, self.figure.data[1].y = out["before"], after
            self.figure.layout.title.text = ui("byhand.wom_chart", lang)
        self.figure_box.layout.display = "flex"
        return out


SWITCH_MARKET = "l7_usual_market"  # lesson 7's ordinary market, two years
SWITCH_SEEDS = (1, 2, 3)
PAYBACK = (13, 26, 52)  # the bets: back to even within a quarter, half a year, a year (or later)


@lru_cache(maxsize=8)
def _profit(switch_week: int | None, seed: int) -> tuple[float, ...]:
    """Seller 1's total profit week by week in lesson 7's market: switching at ``switch_week``,
    or (None) staying product-centric for the whole run."""
    change = ({"seller1.strategy": "product"} if switch_week is None
              else {"seller1.switch_week": switch_week})
    weekly = run({"scenario": SWITCH_MARKET, **change}, seed=seed).weekly
    return tuple(weekly[weekly.seller == "seller1"].cumulative_profit)


def switch_cost(switch_week: int, seeds=SWITCH_SEEDS) -> dict:
    """What switching at ``switch_week`` costs Bu Yanti, by running the model: week by week, the
    mean over ``seeds`` of her total profit switching minus never switching (the same seeds, so
    the two runs are the same until the switch); the worst week after the switch and how far
    behind she is then, and the first week after it that she is back to even (None: not within
    the run)."""
    gaps = [[a - b for a, b in zip(_profit(switch_week, seed), _profit(None, seed),
                                   strict=True)] for seed in seeds]
    curve = [sum(week) / len(seeds) for week in zip(*gaps, strict=True)]
    after = range(switch_week, len(curve))
    worst = min(after, key=curve.__getitem__)
    back = (switch_week if curve[worst] >= 0 else
            next((k for k in range(worst, len(curve)) if curve[k] >= 0), None))
    return {"curve": curve, "worst": worst, "dip": min(curve[worst], 0.0), "back": back,
            "end": curve[-1]}


class SwitchCostByHand(ByHand):
    """Lesson 7: what the switch costs before it pays. Pick a switch week, bet how soon Bu Yanti
    is back to even with the shop that never switches, then see the model's curve."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang)
        self.week = w.IntSlider(value=26, min=0, max=78, step=1,
                                description=ui("byhand.switch_week", lang), **SLIDER)
        options = [ui(f"byhand.switch_within_{weeks}", lang) for weeks in PAYBACK]
        self.pick = w.ToggleButtons(options=[(o, k) for k, o in enumerate(
            [*options, ui("byhand.switch_later", lang)])], value=None,
            style={"button_width": "auto"})
        self.figure = _fig(lang, 300)
        self.figure.add_scatter(x=[], y=[], mode="lines", line=dict(color=BLUE, width=3))
        self.figure_box = hidden(self.figure)
        self.week.observe(lambda _: self._show() if self.revealed else None, names="value")
        story = ui("byhand.switch_story", lang, seeds=f"{SWITCH_SEEDS[0]}–{SWITCH_SEEDS[-1]}")
        self.children = [w.HTML(f"<p>{html.escape(story)}</p>"), localized(self.week, lang),
                         w.HTML(f"<p>{html.escape(ui('byhand.switch_bet', lang))}</p>"),
                         self.pick, self.reveal_button, self.result, self.figure_box,
                         *accessible()]

    def _show(self) -> dict:
        lang, switch = self.lang, self.week.value
        out = switch_cost(switch)
        if out["back"] is None:
            back, bet = ui("byhand.switch_not_back", lang), len(PAYBACK)
        else:
            after = out["back"] - switch
            back = ui("byhand.switch_back", lang, week=number(out["back"], lang),
                      after=number(after, lang))
            bet = next((k for k, weeks in enumerate(PAYBACK) if after <= weeks), len(PAYBACK))
        told = [ui("byhand.switch_no_dip", lang) if out["dip"] >= 0 else
                ui("byhand.switch_dip", lang, week=number(out["worst"], lang),
                   dip=number(-out["dip"], lang)), back,
                ui("byhand.switch_end", lang, end=number(out["end"], lang)),
                ui("byhand.guess_right" if self.pick.value == bet else "byhand.guess_wrong",
                   lang)]
        self.result.value = "<p>" + " ".join(map(html.escape, told)) + "</p>"
        weeks = list(range(len(out["curve"])))
        with self.figure.batch_update():
            self.figure.data[0].x, self.figure.data[0].y = weeks, out["curve"]
            self.figure.data[0].name = ui("byhand.switch_curve", lang)
            self.figure.layout.title.text = ui("byhand.switch_chart", lang)
            self.figure.layout.xaxis.title.text = ui("axis.week", lang)
            self.figure.layout.shapes = [
                dict(type="line", x0=switch, x1=switch, yref="paper", y0=0, y1=1,
                     line=dict(dash="dot", color=VERMILLION)),
                dict(type="line", x0=0, x1=weeks[-1], y0=0, y1=0, line=dict(color=GREY))]
        self.figure_box.layout.display = "flex"
        return out


class CalibrateByHand(w.VBox):
    """Lesson 9: match a real shop's two numbers by hand (need rate and market share), before
    :func:`sim.calibrate` searches for them. Each move simulates the shop's market over the same
    two seeds (:func:`sim.calibration.shop_runs`)."""

    SEEDS = (1, 2)

    def __init__(self, lang: str = "en", example: str = "sari_sari"):
        super().__init__()
        self.add_class("pasar-byhand")
        self.lang = lang
        self.shop = example_shop(example, lang)
        self.need = w.FloatSlider(value=PARAMS["need_rate"].default, min=0.05, max=1,
                                  step=0.05, description=ui("byhand.need", lang), **SLIDER)
        self.share = w.FloatSlider(value=1.0, min=0.05, max=1, step=0.05,
                                   description=ui("byhand.market_share", lang), **SLIDER)
        self.result = w.HTML()
        for slider in (self.need, self.share):
            slider.observe(lambda _: self.simulate(), names="value")
        story = ui("byhand.calibrate_story", lang, name=self.shop["name"],
                   buyers=number(self.shop["buyers_per_week"], lang),
                   back=percent(self.shop["return_share"], lang),
                   people=number(self.shop["people"], lang))
        self.children = [w.HTML(f"<p>{html.escape(story)}</p>"),
                         localized(self.need, lang), localized(self.share, lang), self.result,
                         *accessible()]
        self.simulate()

    def simulate(self) -> tuple[float, float]:
        """The simulated buyers per week and return share at the sliders' values."""
        runs = shop_runs(self.shop, self.need.value, self.share.value, self.SEEDS)
        buyers, back = float(runs.buyers_per_week.mean()), float(runs.return_share.mean())
        lang, s = self.lang, self.shop
        close = (abs(buyers - s["buyers_per_week"]) <= buyers_tolerance(s["buyers_per_week"])
                 and abs(back - s["return_share"]) <= RETURN_TOLERANCE)
        self.result.value = "<p role='status' aria-live='polite'>" + html.escape(ui(
            "byhand.calibrate_result", lang, buyers=number(buyers, lang),
            want_buyers=number(s["buyers_per_week"], lang), back=percent(back, lang),
            want_back=percent(s["return_share"], lang))) + " <b>" + html.escape(ui(
                "byhand.calibrate_close" if close else "byhand.calibrate_not_yet", lang)) + \
            "</b></p>"
        return buyers, back


KINDS = {"choice": ChoiceByHand, "gift": GiftByHand, "agent": AgentByHand,
         "word_of_mouth": WordOfMouthByHand, "satisfaction": SatisfactionByHand,
         "clv": ClvByHand, "switch_cost": SwitchCostByHand, "calibrate": CalibrateByHand}


def by_hand(kind: str, lang: str = "en") -> w.VBox:
    """Decide for one customer by hand: ``"choice"``, ``"satisfaction"`` or ``"clv"``; see a
    gift chosen by its payer and judged by its user: ``"gift"`` (lesson 1); see a tied agent
    weigh margin and support: ``"agent"`` (lesson 2); follow a story to a friend:
    ``"word_of_mouth"`` (lesson 4); see what a switch costs before it pays:
    ``"switch_cost"`` (lesson 7); or calibrate one shop by hand:
    ``"calibrate"``."""
    if kind not in KINDS:
        raise KeyError(t("error.by_hand_kind", lang, value=kind, valid=", ".join(KINDS)))
    return KINDS[kind](lang)
