"""Every parameter of the market, declared once.

Each :class:`Param` carries its name, default, valid range, unit, kind, group and step; its
label and help text live in the language catalogues (``sim/locales/<lang>.json``) under
``param.<name>.label`` and ``param.<name>.help`` (seller levers once by lever name, e.g.
``param.price.label``; a seller's strategy and switch week as ``param.seller.strategy.label``
with a ``{seller}`` number). Validation, the CLI's ``--set`` options, the parameter
tables in ``sim/README.md`` and the dashboard sliders are all generated from this one list.

Market-wide parameters have plain names (``need_rate``). Seller levers are declared once in
:data:`LEVERS` with a default for each strategy and expanded per seller as ``seller1.price``,
``seller2.ad_reach`` ...; a lever left at ``None`` takes its value from the seller's strategy.

Each lever belongs to one of :data:`LEVER_GROUPS`: *strategy* (whom to reach and how: reach,
targeting, newcomer discounts, research, launches, CRM), *operations* (keeping the promise: its
honesty, after-sales service, complaint handling, dispatch on time) or *offer* (product, price
and channel). Operations are not a strategy: both strategies run them at the same level, so a
product-centric seller is an honest, careful shop unless a scenario says otherwise
(``careless_product``), and a comparison of strategies compares strategies.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .i18n import languages, t
from .phase import CUSTOMER, PRODUCT, SWITCH, phase_of

MAX_SELLERS = 4
# Enough that no seller of a declared scenario runs out of money (the deepest dip of cumulative
# profit there, over seeds 0-9, is about -7,400: research_pays's product-centric seller); a
# beginner's little money is a lesson's setting.
STARTING_CASH = 20000.0
STRATEGIES = ("product", "customer", "switch")
NETWORKS = ("small_world", "fully_mixed")
OFFERINGS = ("product", "service")
SELLER_SETTINGS = ("strategy", "switch_week", "starting_cash")  # per seller, not levers


class ParameterError(ValueError):
    """A parameter (or a run's seed or spec) is unknown, of the wrong kind or outside its valid
    range; the message, in the learner's language, names the parameter, the value and what is
    valid."""

    def __init__(self, key: str, lang: str = "en", **fields: Any):
        self.key, self.fields = key, fields
        super().__init__(t(key, lang, **fields))

    def message(self, lang: str) -> str:
        """The same error in another language (the dashboard shows it to learners)."""
        return t(self.key, lang, **self.fields)


class Texts(Mapping):
    """A parameter's label or help in every language, read from the catalogues (read-only)."""

    def __init__(self, param: Param, what: str):
        self.param, self.what = param, what

    def __getitem__(self, lang: str) -> str:
        if lang not in languages():
            raise KeyError(lang)
        return self.param.text(self.what, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


@dataclass(frozen=True)
class Param:
    """One tunable quantity: its name, default, range, unit, kind and step (texts: catalogues)."""

    name: str
    default: Any
    low: float | None
    high: float | None
    group: str
    unit: str  # a key of the ``unit.*`` strings in the language catalogues
    kind: str = "float"  # float | int | choice
    choices: tuple[str, ...] = ()
    step: float | None = None
    optional: bool = field(default=False)  # None allowed (seller levers: use the strategy's)

    def key(self, what: str) -> str:
        """The catalogue key of this parameter's ``what`` ('label' or 'help')."""
        seller, dot, name = self.name.partition(".")
        if dot and name in SELLER_SETTINGS:
            return f"param.seller.{name}.{what}"
        return f"param.{name if dot else seller}.{what}"

    def text(self, what: str, lang: str = "en") -> str:
        """Label or help text in ``lang`` (any language with a catalogue)."""
        seller, dot, _ = self.name.partition(".")
        if dot:
            return t(self.key(what), lang, seller=seller.removeprefix("seller"))
        return t(self.key(what), lang)

    @property
    def label(self) -> Texts:
        """The label in every language: ``p.label["id"]``."""
        return Texts(self, "label")

    @property
    def help(self) -> Texts:
        """The help text in every language: ``p.help["id"]``."""
        return Texts(self, "help")

    def describe_range(self) -> str:
        if self.kind == "choice":
            return " | ".join(self.choices)
        return f"{self.low:g} .. {self.high:g}"

    def validate(self, value: Any, lang: str = "en") -> Any:
        """Return ``value`` converted to this parameter's type, or raise ParameterError."""
        if value is None and self.optional:
            return None
        if self.kind == "choice":
            if value not in self.choices:
                raise ParameterError(
                    "error.bad_choice", lang, name=self.name, value=value,
                    valid=self.describe_range(),
                )
            return value
        if isinstance(value, str):  # "2" is text: refused, not silently converted
            raise ParameterError("error.text_not_number", lang, name=self.name, value=value,
                                 valid=self.describe_range())
        if isinstance(value, bool) or not isinstance(value, numbers.Real):  # True is not 1
            raise ParameterError("error.not_a_number", lang, name=self.name, value=value,
                                 valid=self.describe_range())
        try:
            number = float(value)
        except OverflowError:  # a whole number too big for a float is out of any range
            number = math.inf
        if number != number or not (self.low <= number <= self.high):  # NaN fails too
            raise ParameterError(
                "error.out_of_range", lang, name=self.name, value=value,
                valid=self.describe_range(),
            )
        if self.kind == "int":
            if number != int(number):
                raise ParameterError(
                    "error.not_whole", lang, name=self.name, value=value,
                    valid=self.describe_range(),
                )
            return int(number)
        return number


def _p(name, default, low, high, group, unit, **kw) -> Param:
    return Param(name, default, low, high, group, unit, **kw)


# --- Market-wide parameters -------------------------------------------------------------------
MARKET: list[Param] = [
    # Population
    _p("n_customers", 300, 10, 20000, "population", "people", kind="int", step=10),
    _p("n_sellers", 2, 1, MAX_SELLERS, "population", "sellers", kind="int", step=1),
    _p("weeks", 104, 1, 520, "population", "weeks", kind="int", step=1),
    _p("share_impulsive", 0.2, 0, 1, "population", "share", step=0.05),
    _p("share_thrifty", 0.25, 0, 1, "population", "share", step=0.05),
    _p("n_segments", 3, 1, 6, "population", "segments", kind="int", step=1),
    _p("segment_spread", 0.05, 0, 0.25, "population", "distance", step=0.01),
    # Buying
    _p("need_rate", 0.25, 0.01, 1, "buying", "per_week", step=0.01),
    _p("impulse_rate", 0.3, 0, 1, "buying", "probability", step=0.05),
    _p("promo_pull", 0.3, 0, 1, "buying", "probability", step=0.05),
    _p("search_rate", 0.2, 0, 1, "buying", "probability", step=0.05),
    _p("price_sensitivity", 1.0, 0, 5, "buying", "weight", step=0.1),
    _p("thrifty_price_factor", 3.0, 1, 10, "buying", "times", step=0.5),
    _p("deal_proneness", 0.0, 0, 3, "buying", "times", step=0.25),
    _p("fit_width", 0.2, 0.02, 0.5, "buying", "distance", step=0.01),
    _p("choice_sharpness", 8, 0.5, 30, "buying", "weight", step=0.5),
    _p("outside_option", 0.35, -1, 1, "buying", "score", step=0.05),
    _p("loyalty_weight", 0.5, 0, 2, "buying", "weight", step=0.05),
    _p("satisfaction_weight", 0.5, 0, 2, "buying", "weight", step=0.05),
    _p("switching_cost", 0.05, 0, 0.5, "buying", "score", step=0.01),
    _p("novelty_weight", 0.3, 0, 1, "buying", "score", step=0.05),
    _p("launch_drift", 0.1, 0, 0.5, "buying", "distance", step=0.01),
    _p("novelty_half_life", 8, 1, 104, "buying", "weeks", step=1),
    # Experience and satisfaction
    _p("loss_aversion", 2.25, 1, 4, "satisfaction", "times", step=0.05),
    _p("disconfirmation_weight", 0.5, 0, 2, "satisfaction", "weight", step=0.1),
    _p("learning_rate_new", 0.5, 0.05, 1, "satisfaction", "share", step=0.05),
    _p("learning_rate_floor", 0.1, 0, 1, "satisfaction", "share", step=0.05),
    _p("performance_noise", 0.05, 0, 0.3, "satisfaction", "score", step=0.01),
    _p("service_weight", 0.2, 0, 1, "satisfaction", "weight", step=0.05),
    _p("delivery_reliability", 0.9, 0, 1, "satisfaction", "probability", step=0.05),
    _p("delivery_penalty", 0.3, 0, 1, "satisfaction", "score", step=0.05),
    _p("loyalty_gain", 0.3, 0, 1, "satisfaction", "share", step=0.01),
    _p("loyalty_decay", 0.01, 0, 0.5, "satisfaction", "per_week", step=0.01),
    _p("defect_threshold", 0.15, 0, 1, "satisfaction", "score", step=0.05),
    _p("recovery_lift", 0.6, 0, 1, "satisfaction", "share", step=0.05),
    _p("base_churn", 0.005, 0, 0.5, "satisfaction", "per_week", step=0.005),
    _p("lapse_weeks", 26, 2, 520, "satisfaction", "weeks", kind="int", step=1),
    # Word of mouth and reviews
    _p("network", "small_world", None, None, "word_of_mouth", "none", kind="choice",
       choices=NETWORKS),
    _p("network_degree", 6, 2, 30, "word_of_mouth", "people", kind="int", step=2),
    _p("rewiring", 0.1, 0, 1, "word_of_mouth", "probability", step=0.05),
    _p("homophily", 0.0, 0, 1, "word_of_mouth", "share", step=0.05),
    _p("wom_rate", 0.3, 0, 1, "word_of_mouth", "probability", step=0.05),
    _p("wom_negative_weight", 1.0, 0, 5, "word_of_mouth", "times", step=0.1),
    _p("wom_influence", 0.3, 0, 1, "word_of_mouth", "share", step=0.05),
    _p("wom_need_weighting", 0.0, 0, 1, "word_of_mouth", "share", step=0.05),
    _p("review_rate", 0.1, 0, 1, "word_of_mouth", "probability", step=0.05),
    _p("review_weight", 0.5, 0, 1, "word_of_mouth", "share", step=0.05),
    # Money
    _p("contact_cost", 3.0, 0, 50, "money", "rupiah_k", step=0.5),
    _p("launch_cost", 400.0, 0, 5000, "money", "rupiah_k", step=50),
    _p("research_cost", 60.0, 0, 1000, "money", "rupiah_k_week", step=10),
    _p("service_cost", 6.0, 0, 50, "money", "rupiah_k", step=0.5),
    _p("question_cost", 3.0, 0, 50, "money", "rupiah_k", step=0.5),
    _p("recovery_cost", 8.0, 0, 100, "money", "rupiah_k", step=1),
    _p("offer_cost", 0.5, 0, 20, "money", "rupiah_k", step=0.1),
    _p("discount_rate", 0.002, 0, 0.05, "money", "per_week", step=0.001),
    _p("bust_weeks", 4, 1, 52, "money", "weeks", kind="int", step=1),
    # A new seller's experience (learning by doing; 0 = every seller already knows the trade)
    _p("learning_half_life", 0.0, 0, 1000, "learning", "sales", step=10),
    # Roles: gift buyers and resellers (C4, C6)
    _p("gift_share", 0.0, 0, 1, "roles", "share", step=0.05),
    _p("independents", 0, 0, 100, "roles", "people", kind="int", step=1),
    _p("reseller_contacts", 20, 2, 200, "roles", "people", kind="int", step=1),
    _p("reseller_stock", 10, 1, 200, "roles", "units", kind="int", step=1),
    _p("agent_support_need", 5.0, 1, 500, "roles", "rupiah_k_week", step=1),
    _p("agent_margin_need", 15.0, 1, 500, "roles", "rupiah_k_week", step=1),
    _p("agent_quit_below", 0.4, 0, 1, "roles", "score", step=0.05),
    # Services (C5)
    _p("clients_per_staff", 15, 1, 200, "service", "people", kind="int", step=1),
    _p("overload_effect", 0.5, 0, 3, "service", "weight", step=0.1),
    _p("staff_cost", 150.0, 0, 2000, "service", "rupiah_k_week", step=10),
    _p("relationship_lock", 0.2, 0, 1, "service", "score", step=0.05),
    # Product ranges (C12, C13)
    _p("cross_buy_rate", 0.3, 0, 1, "range", "probability", step=0.05),
    _p("line_cost", 20.0, 0, 1000, "range", "rupiah_k_week", step=5),
]


@dataclass(frozen=True)
class Lever:
    """A seller lever: one declaration, a default per strategy, expanded per seller."""

    param: Param
    product: Any  # default under the product-centric strategy
    customer: Any  # default under the customer-centric strategy

    def default_for(self, strategy: str, phase: str | None = None) -> Any:
        """The bundle value; ``switch`` uses ``phase`` ('product' before the switch)."""
        bundle = phase or phase_of(strategy)
        return getattr(self, bundle)


# The lever groups, in the order a seller's tab, the docs and a decomposition show them.
LEVER_GROUPS = ("strategy", "operations", "offer")


def _lever(group, name, product, customer, low, high, unit, **kw) -> Lever:
    return Lever(_p(name, None, low, high, group, unit, optional=True, **kw), product, customer)


def _operation(name, default, low, high, unit, **kw) -> Lever:
    """An operations lever: one default for every strategy (operations are not a strategy)."""
    return _lever("operations", name, default, default, low, high, unit, **kw)


# Operations default to an honest, careful shop: no over-promise, after-sales service and
# complaint handling at the level the customer-centric bundle always had, orders sent on time.
LEVERS: list[Lever] = [
    # Strategy: whom to reach and how (C1, C2, C11, C14)
    _lever("strategy", "ad_reach", 0.08, 0.02, 0, 0.5, "share_week", step=0.01),
    _lever("strategy", "targeting", 0.0, 1.0, 0, 1, "share", step=0.1),
    _lever("strategy", "acquisition_discount", 0.2, 0.0, 0, 0.6, "share", step=0.05),
    _lever("strategy", "launch_every", 13, 0, 0, 104, "weeks", kind="int", step=1),
    _lever("strategy", "research_weeks", 0, 8, 0, 52, "weeks", kind="int", step=1),
    _lever("strategy", "crm_offer", 0.0, 0.1, 0, 0.5, "share", step=0.05),
    # Operations: keeping the promise (C8, C14, C15)
    _operation("promise_gap", 0.0, -0.3, 0.5, "score", step=0.05),
    _operation("service_level", 0.7, 0, 1, "share", step=0.05),
    _operation("complaint_handling", 0.7, 0, 1, "share", step=0.05),
    _operation("on_time_dispatch", 1.0, 0, 1, "probability", step=0.05),
    # Offer: product, price and channel (C5, C6, C12, C13)
    _lever("offer", "price", 50.0, 50.0, 5, 200, "rupiah_k", step=1),
    _lever("offer", "unit_cost", 30.0, 30.0, 0, 200, "rupiah_k", step=1),
    _lever("offer", "quality", 0.8, 0.8, 0, 1, "score", step=0.05),
    _lever("offer", "offering", "product", "product", None, None, "none", kind="choice",
           choices=OFFERINGS),
    _lever("offer", "staff", 2, 4, 1, 100, "people", kind="int", step=1),
    _lever("offer", "product_lines", 1, 1, 1, 10, "lines", kind="int", step=1),
    _lever("offer", "line_dilution", 0.01, 0.01, 0, 0.2, "share", step=0.005),
    _lever("offer", "bundle", 0.0, 0.1, 0, 0.5, "score", step=0.05),
    _lever("offer", "agents", 0, 0, 0, 50, "people", kind="int", step=1),
    _lever("offer", "agent_price", 0.8, 0.8, 0.3, 1, "share", step=0.05),
    _lever("offer", "agent_support", 2.0, 5.0, 0, 500, "rupiah_k_week", step=1),
]

LEVER_BY_NAME = {lever.param.name: lever for lever in LEVERS}


def levers_in(group: str, lang: str = "en") -> list[str]:
    """The names of the levers in ``group`` (one of :data:`LEVER_GROUPS`), in declared order."""
    if group not in LEVER_GROUPS:
        raise ParameterError("error.bad_choice", lang, name="group", value=group,
                             valid=" | ".join(LEVER_GROUPS))
    return [lv.param.name for lv in LEVERS if lv.param.group == group]


def _seller_params(i: int) -> list[Param]:
    strategy = _p(f"seller{i}.strategy", "product" if i % 2 else "customer", None, None,
                  "sellers", "none", kind="choice", choices=STRATEGIES)
    switch = _p(f"seller{i}.switch_week", 26, 0, 520, "sellers", "weeks", kind="int", step=1)
    cash = _p(f"seller{i}.starting_cash", STARTING_CASH, 0, 100000, "sellers", "rupiah_k",
              step=100)
    levers = [
        Param(f"seller{i}.{lv.param.name}", None, lv.param.low, lv.param.high, lv.param.group,
              lv.param.unit, lv.param.kind, lv.param.choices, lv.param.step, optional=True)
        for lv in LEVERS
    ]
    return [strategy, switch, cash, *levers]


PARAMS: dict[str, Param] = {p.name: p for p in MARKET}
for _i in range(1, MAX_SELLERS + 1):
    PARAMS.update({p.name: p for p in _seller_params(_i)})

def defaults() -> dict[str, Any]:
    """Every parameter at its default value."""
    return {name: p.default for name, p in PARAMS.items()}


def seller_of(name: str) -> int | None:
    """``"seller3.price"`` → 3; None for a market-wide parameter."""
    head, dot, _ = name.partition(".")
    return int(head.removeprefix("seller")) if dot and head.startswith("seller") else None


def check_seed(seed: Any, lang: str = "en") -> int:
    """A run's seed: a whole number from 0 up (not text, not True/False, not 1.5)."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ParameterError("error.bad_seed", lang, name="seed", value=seed, valid="0, 1, 2, ...")
    return int(seed)


def validate(values: Mapping[str, Any], lang: str = "en") -> dict[str, Any]:
    """Defaults overlaid with ``values``, each checked; raises ParameterError naming the culprit."""
    if not isinstance(values, Mapping):
        raise ParameterError("error.bad_spec", lang, name="spec", value=values,
                             valid="{'n_sellers': 3, ...}")
    full = defaults()
    for name, value in values.items():
        if name not in PARAMS:
            raise ParameterError("error.unknown_param", lang, name=name, value=value,
                                 valid=", ".join(sorted(PARAMS)[:6]) + ", ...")
        full[name] = PARAMS[name].validate(value, lang)
    n_sellers = full["n_sellers"]
    for name, value in values.items():  # a lever of a seller the market does not have
        seller = seller_of(name)
        if seller is not None and seller > n_sellers and value is not None:
            raise ParameterError("error.no_such_seller", lang, name=name, value=value,
                                 n=n_sellers, valid=f"seller1 .. seller{n_sellers}")
    if full["network_degree"] % 2:
        raise ParameterError("error.not_even", lang, name="network_degree",
                             value=full["network_degree"],
                             valid=f"2, 4, 6 .. {PARAMS['network_degree'].high:g}")
    if full["share_impulsive"] + full["share_thrifty"] > 1:
        raise ParameterError("error.shares_exceed_one", lang,
                             name="share_impulsive + share_thrifty",
                             value=round(full["share_impulsive"] + full["share_thrifty"], 3),
                             valid="0 .. 1")
    resellers = full["independents"] + sum(
        seller_levers(full, i, phase_of(full[f"seller{i}.strategy"]))["agents"]
        for i in range(1, full["n_sellers"] + 1))
    if resellers > full["n_customers"] // 2:
        raise ParameterError("error.out_of_range", lang, name="agents + independents",
                             value=resellers, valid=f"0 .. {full['n_customers'] // 2}")
    if full["network"] == "small_world" and full["network_degree"] >= full["n_customers"]:
        raise ParameterError("error.out_of_range", lang, name="network_degree",
                             value=full["network_degree"],
                             valid=f"2 .. {(full['n_customers'] - 1) // 2 * 2}")
    return full


def seller_levers(values: dict[str, Any], seller: int, phase: str) -> dict[str, Any]:
    """Lever values of ``seller`` (1-based) in ``phase`` ('product' or 'customer').

    A lever the user set explicitly keeps its value in both phases of a switch; the others come
    from the strategy bundle of the phase.
    """
    out = {}
    for lever in LEVERS:
        explicit = values.get(f"seller{seller}.{lever.param.name}")
        out[lever.param.name] = explicit if explicit is not None else lever.default_for(
            phase, phase)
    return out


def unused_by_strategy(values: Mapping[str, Any],
                       given: Iterable[str]) -> list[tuple[str, int, str]]:
    """The names among ``given`` that their seller's strategy never reads, as (name, seller,
    strategy), for validated ``values``. Two settings depend on the strategy (see
    ``sim/sellers.py``): a switch week is read only by a seller that switches, and targeting
    only by a seller that knows its customers' segments, which it learns by research or knows
    from the start when it is customer-centric without research."""
    unused = []
    for name in given:
        seller = seller_of(name)
        if seller is None or seller > values["n_sellers"]:
            continue
        strategy, lever = values[f"seller{seller}.strategy"], name.partition(".")[2]
        if lever == "switch_week" and strategy != SWITCH:
            unused.append((name, seller, strategy))
        elif lever == "targeting" and values[name] and not _knows_segments(values, seller,
                                                                             strategy):
            unused.append((name, seller, strategy))
    return unused


def _knows_segments(values: Mapping[str, Any], seller: int, strategy: str) -> bool:
    if strategy == CUSTOMER:
        return True
    phases = (PRODUCT, CUSTOMER) if strategy == SWITCH else (PRODUCT,)
    return any(seller_levers(values, seller, phase)["research_weeks"] > 0 for phase in phases)


def params(lang: str = "en", group: str | None = None) -> list[dict[str, Any]]:
    """A table of the parameters (one dict each) in ``lang``; seller levers once, generically."""
    rows = []
    for p in [*MARKET, *(lv.param for lv in LEVERS)]:
        if group and p.group != group:
            continue
        row = {"name": p.name, "group": t(f"group.{p.group}", lang), "default": p.default,
               "range": p.describe_range(), "unit": t(f"unit.{p.unit}", lang),
               "label": p.text("label", lang), "help": p.text("help", lang)}
        if p.name in LEVER_BY_NAME:
            lever = LEVER_BY_NAME[p.name]
            row["default"] = f"{lever.product} / {lever.customer}"
        rows.append(row)
    return rows

