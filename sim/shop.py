"""A learner's own shop: what they know about it, in their own money, and its small file.

A shop is a handful of inputs (declared once in :data:`INPUTS`): what it sells, its price and
cost per visit, buyers per week now, the share of buyers who come back within a month, how many
people nearby could buy, ad spend per week, cash, how long it has been selling, how many rival
shops are near and how it sells now. Every input has a default, and every one may be left as
"don't know" (``None``): the default is then used, and reports say so.

:func:`market_values` turns a shop into the parameters of a simulated market (in the model's
money, thousand rupiah) *except* the few that :func:`sim.calibration.calibrate` fits to the
shop's numbers. :func:`save_shop` writes a shop file (``shops/<name>.json``; small JSON, never
overwriting) and :func:`load_shop` reads one as untrusted input, checking it against the same
declarations.
"""

from __future__ import annotations

import json
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .files import (
    UntrustedFileError,
    file_stem,
    load_json_untrusted,
    numbered,
    write_first_free,
)
from .i18n import number, t
from .params import LEVER_BY_NAME, PARAMS, ParameterError, seller_levers, validate

FOLDER = "shops"
MAX_FILE_BYTES = 16_000  # a shop file is a few hundred bytes
MAX_JSON_DEPTH = 2  # one flat object
MAX_NAME, MAX_SELLS = 40, 80

# Thousand rupiah (the model's money) per unit of each currency. The peso's rate is about
# 280 rupiah (2024 reference rates); a trainer may adjust it, the model's costs are Indonesian.
CURRENCIES = {"IDR": 0.001, "PHP": 0.28}

WEEKS_PER_MONTH = 52 / 12
MIN_WEEKS, MAX_WEEKS = 12, 52  # simulated age: long enough to see returns, short enough to run
MONTH_WEEKS = 4  # "come back within a month"
SEEN_ANYWAY = LEVER_BY_NAME["ad_reach"].customer  # share of the area that notices a shop each
# week without any advertising (its sign, passers-by): the quiet customer-centric bundle's reach


@dataclass(frozen=True)
class Input:
    """One thing a learner tells about their shop. Money is in the shop's currency (its range
    follows the model's lever, converted); texts: ``shop.input.<name>.label|help``."""

    name: str
    default: Any  # money in thousand rupiah (the model's unit); shares as 0..1
    low: float | None = None
    high: float | None = None
    unit: str = "none"  # money | money_week | people | percent | months | shops | buyers | none
    kind: str = "float"  # float | int | choice | text
    choices: tuple[str, ...] = ()
    lever: str | None = None  # the seller lever whose range a money input follows

    def label(self, lang: str) -> str:
        return t(f"shop.input.{self.name}.label", lang)

    def help(self, lang: str) -> str:
        return t(f"shop.input.{self.name}.help", lang)

    @property
    def is_money(self) -> bool:
        return self.unit.startswith("money")

    def bounds(self, currency: str) -> tuple[float, float]:
        """The valid range in the shop's currency (money: the lever's range, whole units)."""
        if not self.is_money:
            return self.low, self.high
        rate = CURRENCIES[currency]
        low, high = (LEVER_BY_NAME[self.lever].param.low, LEVER_BY_NAME[self.lever].param.high) \
            if self.lever else (self.low, self.high)
        return float(math.ceil(low / rate - 1e-9)), float(math.floor(high / rate + 1e-9))

    def default_in(self, currency: str) -> Any:
        """The default as the learner would write it (money in their currency, rounded)."""
        if not self.is_money or self.default is None:
            return self.default
        return float(f"{self.default / CURRENCIES[currency]:.2g}")  # two significant digits


INPUTS: list[Input] = [
    Input("name", "", kind="text"),
    Input("sells", "", kind="text"),
    Input("currency", "IDR", kind="choice", choices=tuple(CURRENCIES)),
    Input("style", "product", kind="choice", choices=("product", "customer")),
    Input("price", LEVER_BY_NAME["price"].product, unit="money", lever="price"),
    Input("unit_cost", LEVER_BY_NAME["unit_cost"].product, unit="money", lever="unit_cost"),
    Input("buyers_per_week", 30.0, 1, 1_000_000, unit="buyers"),
    Input("return_share", 0.5, 0, 1, unit="percent"),
    Input("people", 1000, 30, 10_000_000, unit="people", kind="int"),
    Input("ad_spend", None, 0, 1e6, unit="money_week"),
    Input("cash", None, 0, 1e9, unit="money"),
    Input("months", 12, 1, 600, unit="months", kind="int"),
    Input("rivals", 1, 0, PARAMS["n_sellers"].high - 1, unit="shops", kind="int"),
]
INPUT_BY_NAME = {i.name: i for i in INPUTS}
FILE_KEYS = {*INPUT_BY_NAME, "saved"}


class ShopError(ParameterError):
    """An input that cannot be used: names the input (its label), the value and what is valid,
    in any language (numbers and labels are written when the message is)."""

    def __init__(self, key: str, lang: str = "en", input: str = "", currency: str = "IDR",
                 **fields: Any):
        self.key, self.input, self.currency, self.fields = key, input, currency, fields
        ValueError.__init__(self, self.message(lang))

    def message(self, lang: str) -> str:
        fields = {k: _label(v, lang) if k == "other" else number(v, lang)
                  if isinstance(v, numbers.Real) and not isinstance(v, bool) else v
                  for k, v in self.fields.items()}
        if self.input in INPUT_BY_NAME:
            spec = INPUT_BY_NAME[self.input]
            fields.setdefault("valid", _range_text(spec, self.currency, lang)
                              if spec.kind in ("float", "int") else ", ".join(spec.choices))
        return t(self.key, lang, label=_label(self.input, lang), **fields)


def _label(name: str, lang: str) -> str:
    return INPUT_BY_NAME[name].label(lang) if name in INPUT_BY_NAME else name


def shown(value: Any, limit: int = 40) -> str:
    """A value safe to print: control codes escaped, length capped."""
    text = value if isinstance(value, str) else repr(value)
    out = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                  for ch in text[:limit])
    return out + ("..." if len(text) > limit else "")


def money(value: float, currency: str, lang: str, digits: int | None = None) -> str:
    """An amount in the shop's currency as people write it: ``Rp 50,000``, ``-₱180``;
    ``digits``: rounded to that many significant digits (``Rp 119,000,000``)."""
    if digits and value:
        value = round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))
    decimals = 0 if currency == "IDR" or abs(value) >= 1000 or value == int(value) else 2
    amount = t(f"shop.currency.{currency}", lang, amount=number(abs(value), lang, decimals))
    return "-" + amount if value < 0 and amount.strip("Rp₱ 0.,") else amount


def _check(spec: Input, value: Any, currency: str, lang: str) -> Any:
    """``value`` of input ``spec`` converted to its type, or ShopError."""
    if value is None:
        return None

    def refuse(key: str, **fields: Any) -> ShopError:
        return ShopError(key, lang, spec.name, currency, value=shown(value), **fields)

    if spec.kind == "text":
        limit = MAX_NAME if spec.name == "name" else MAX_SELLS
        if not isinstance(value, str) or len(value.strip()) > limit or \
                not value.strip().isprintable():
            raise refuse("shop.error.text", limit=limit)
        return value.strip()
    if spec.kind == "choice":
        if value not in spec.choices:
            raise refuse("shop.error.choice")
        return value
    if isinstance(value, str):
        raise ShopError("shop.error.text_not_number", lang, spec.name, currency,
                        value=shown(repr(value)))
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise refuse("shop.error.not_a_number")
    try:
        x = float(value)
    except OverflowError:
        x = math.inf
    low, high = (0.0, 1.0) if spec.unit == "percent" else spec.bounds(currency)
    if x != x or not low <= x <= high:
        raise ShopError("shop.error.out_of_range", lang, spec.name, currency,
                        value=shown(_as_entered(spec, value)))
    if spec.kind == "int":
        if x != int(x):
            raise refuse("shop.error.not_whole")
        return int(x)
    return x


def _as_entered(spec: Input, value: float) -> Any:
    return f"{100 * value:g}%" if spec.unit == "percent" else value


def _range_text(spec: Input, currency: str, lang: str) -> str:
    if spec.unit == "percent":
        return "0% .. 100%"
    low, high = spec.bounds(currency)
    if spec.is_money:
        return f"{money(low, currency, lang)} .. {money(high, currency, lang)}"
    return f"{number(low, lang)} .. {number(high, lang)}"


class Shop:
    """A learner's shop: ``Shop(name="Warung Siti", price=15_000, buyers_per_week=60, ...)``.

    Every input is checked on the way in (ShopError names the input, the value and the valid
    range, in ``lang``); an input left out or given as None is "don't know" and its default is
    used. Money is in the shop's ``currency``. A shop does not change: :meth:`replace` makes a
    changed copy."""

    __slots__ = ("inputs",)

    def __init__(self, lang: str = "en", **inputs: Any):
        unknown = [k for k in inputs if k not in INPUT_BY_NAME]
        if unknown:
            raise ShopError("shop.error.unknown_input", lang, value=shown(unknown[0]),
                            valid=", ".join(INPUT_BY_NAME))
        currency = _check(INPUT_BY_NAME["currency"], inputs.get("currency"), "IDR", lang) \
            or INPUT_BY_NAME["currency"].default
        checked = {name: _check(INPUT_BY_NAME[name], value, currency, lang)
                   for name, value in inputs.items()}
        self.inputs: dict[str, Any] = {k: v for k, v in checked.items()
                                       if v is not None and v != ""}
        _check_together(self, lang)

    def __repr__(self) -> str:
        return "Shop(" + ", ".join(f"{k}={v!r}" for k, v in self.inputs.items()) + ")"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Shop) and other.inputs == self.inputs

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.inputs.items())))

    def given(self, name: str) -> Any:
        """What the learner entered (None: don't know)."""
        return self.inputs.get(name)

    def __getitem__(self, name: str) -> Any:
        """The value used: what was entered, else the default (money in the shop's currency)."""
        value = self.inputs.get(name)
        if value is not None:
            return value
        spec = INPUT_BY_NAME[name]
        return spec.default_in(self.currency) if spec.is_money else spec.default

    @property
    def currency(self) -> str:
        return self.inputs.get("currency") or INPUT_BY_NAME["currency"].default

    @property
    def unknown(self) -> list[str]:
        """Inputs left as "don't know" (their defaults are used)."""
        return [i.name for i in INPUTS if i.kind != "text" and self.inputs.get(i.name) is None]

    def model_money(self, name: str) -> float | None:
        """A money input in thousand rupiah (the model's money); None when not known and
        without a default."""
        value = self.inputs.get(name)
        if value is None:
            default = INPUT_BY_NAME[name].default
            return None if default is None else float(default)
        return float(value) * CURRENCIES[self.currency]

    def replace(self, lang: str = "en", **changes: Any) -> Shop:
        """A copy with some inputs changed (None: don't know), checked again."""
        return Shop(lang, **{**self.inputs, **changes})

    def as_dict(self) -> dict[str, Any]:
        """Every input, None where not known (what a shop file holds)."""
        return {i.name: self.inputs.get(i.name) for i in INPUTS}


def _check_together(s: Shop, lang: str) -> None:
    """Inputs that cannot all be true at once (each fine alone)."""
    if s["buyers_per_week"] > s["people"]:
        raise ShopError("shop.error.more_buyers_than_people", lang, "buyers_per_week",
                        buyers=s["buyers_per_week"], people=s["people"], other="people")


# --- the simulated market -------------------------------------------------------------------

SIM_PEOPLE = 300  # the people of the shop's market are simulated by this many, numbers scaled
MIN_MARKET = 30  # a market of fewer buyers than this is too small to stand for
# Costs a shop pays per week or per launch whatever the size of its market: divided by the
# scale, so that the simulated market's money, scaled up, is the shop's (SIM_PEOPLE stand for
# the whole market; per sale and per person costs scale by themselves).
FIXED_COSTS = ("research_cost", "launch_cost", "line_cost", "staff_cost")
# Costs of serving one sale or one customer, set in the model for a sale at the default price:
# scaled with the shop's price (answering questions about a 5,000 rupiah basket takes less than
# about a 200,000 rupiah batik), so that a thin-margin shop is not charged a dear shop's service.
PER_SALE_COSTS = ("service_cost", "question_cost", "recovery_cost", "offer_cost")


def simulated_weeks(s: Shop) -> int:
    """Weeks the simulated shop has been open: its age, within MIN_WEEKS .. MAX_WEEKS."""
    return int(min(MAX_WEEKS, max(MIN_WEEKS, round(s["months"] * WEEKS_PER_MONTH))))


def reach(s: Shop) -> float:
    """Share of the people nearby who notice the shop each week: bought with its ad spend at the
    model's cost per person reached, never below what a shop is seen anyway, at most the lever's
    limit. Don't know: the reach of the shop's way of selling."""
    spend = s.model_money("ad_spend")
    if spend is None:
        return float(LEVER_BY_NAME["ad_reach"].default_for(s["style"]))
    paid = spend / (PARAMS["contact_cost"].default * s["people"])
    return float(min(LEVER_BY_NAME["ad_reach"].param.high, max(SEEN_ANYWAY, paid)))


def market_values(s: Shop, need_rate: float | None = None, market_share: float = 1.0,
                  lang: str = "en") -> dict[str, Any]:
    """Parameters of the shop's simulated market (validated): the shop is seller 1,
    its rivals (product-centric, seen as often and selling at the same price and cost) sellers
    2 ..; ``need_rate`` (None: the
    default) and ``market_share`` (the share of the people nearby who buy this kind of thing)
    are what :func:`sim.calibration.calibrate` fits. The shop's cash, scaled like its money, is
    its starting cash (a shop that stays in debt closes). Everything else stays at its
    default."""
    price, cost = s.model_money("price"), s.model_money("unit_cost")
    buyers = market_share * s["people"]
    k = buyers / SIM_PEOPLE  # real people per simulated person
    spend = s.model_money("ad_spend")
    values: dict[str, Any] = {
        "n_customers": SIM_PEOPLE, "n_sellers": 1 + s["rivals"], "weeks": simulated_weeks(s),
        "need_rate": PARAMS["need_rate"].default if need_rate is None else float(need_rate),
        "seller1.strategy": s["style"], "seller1.price": price, "seller1.unit_cost": cost,
        "seller1.ad_reach": reach(s)}
    if spend is not None:  # what reaching one person costs, so the ads cost what the shop spends
        values["contact_cost"] = min(PARAMS["contact_cost"].high, spend / (reach(s) * buyers))
    cash = s.model_money("cash")
    if cash is not None:  # what the shop can spend, for its share of the simulated market
        values["seller1.starting_cash"] = min(PARAMS["seller1.starting_cash"].high, cash / k)
    for name in FIXED_COSTS:
        values[name] = min(PARAMS[name].high, PARAMS[name].default / k)
    for name in PER_SALE_COSTS:
        values[name] = min(PARAMS[name].high,
                           PARAMS[name].default * price / LEVER_BY_NAME["price"].product)
    for n in range(2, 2 + s["rivals"]):
        values |= {f"seller{n}.strategy": "product", f"seller{n}.price": price,
                   f"seller{n}.unit_cost": cost, f"seller{n}.ad_reach": values["seller1.ad_reach"]}
    validate(values, lang)
    return values


def effective_levers(values: dict[str, Any]) -> dict[str, Any]:
    """Seller 1's levers in its current way of selling (for reports)."""
    return seller_levers(values, 1, values["seller1.strategy"])


# --- worked examples (lesson 9): numbers here, words in the catalogues ----------------------

EXAMPLES: dict[str, dict[str, Any]] = {
    # A sari-sari store on a busy street in Tondo, Manila: small daily baskets, thin margins,
    # neighbours who come back often, two similar stores on the same block, no advertising;
    # customer-centric by habit (the owner knows everyone and keeps a credit list).
    "sari_sari": dict(currency="PHP", style="customer", price=85, unit_cost=68,
                      buyers_per_week=140, return_share=0.75, people=1500, ad_spend=0,
                      cash=15_000, months=60, rivals=2),
    # A batik shop in Yogyakarta: dear pieces bought now and then, a few rival batik shops on the
    # same street, flyers and online ads; product-centric (new motifs every season).
    "batik": dict(currency="IDR", style="product", price=175_000,
                  unit_cost=100_000, buyers_per_week=20, return_share=0.10, people=8000,
                  ad_spend=150_000, cash=15_000_000, months=18, rivals=3),
}


def example_shop(name: str, lang: str = "en") -> Shop:
    """A worked example shop (``"sari_sari"`` or ``"batik"``), its name and what it sells in
    ``lang``."""
    if name not in EXAMPLES:
        raise ParameterError("error.bad_choice", lang, name="example", value=shown(name),
                             valid=", ".join(EXAMPLES))
    return Shop(lang, name=t(f"shop.example.{name}.name", lang),
                sells=t(f"shop.example.{name}.sells", lang), **EXAMPLES[name])


# --- files ---------------------------------------------------------------------------------------

def save_shop(s: Shop, folder: str | Path = FOLDER, lang: str = "en") -> Path:
    """Write ``s`` to ``folder/<name>.json``; never overwrites (a second save of the same name
    is ``<name>_2.json``). Returns the path written."""
    doc = {**s.as_dict(), "saved": datetime.now().isoformat(timespec="seconds")}
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return write_first_free(numbered(folder, file_stem(s["name"] or "", "shop"), (".json",)),
                            [text], lang)[0]


class ShopFileError(ValueError):
    """A shop file that cannot be used; the message names the file and the reason."""


def load_shop(path: str | Path, lang: str = "en") -> Shop:
    """A shop file, read as untrusted input: a small regular file, flat JSON, only the known
    fields, every value checked like a typed one. ShopFileError names the file and the reason."""
    path = Path(path)
    try:
        doc = load_json_untrusted(path, MAX_FILE_BYTES, MAX_JSON_DEPTH, lang)
    except UntrustedFileError as err:
        raise _file_error(path, err.reason, lang) from err
    if not isinstance(doc, Mapping):
        raise _file_error(path, t("shop.error.not_object", lang), lang)
    extra = sorted(shown(str(k)) for k in doc if k not in FILE_KEYS)
    if extra:
        raise _file_error(path, t("shop.error.keys", lang, keys=", ".join(extra)[:120],
                                  valid=", ".join(INPUT_BY_NAME)), lang)
    try:
        return Shop(lang, **{k: v for k, v in doc.items() if k != "saved"})
    except ParameterError as err:
        raise _file_error(path, err.message(lang), lang) from err


def _file_error(path: Path, problem: str, lang: str) -> ShopFileError:
    return ShopFileError(t("shop.error.file", lang, path=shown(path.name, 80), problem=problem))


def load_shops(folder: str | Path = FOLDER, lang: str = "en") -> tuple[list[tuple[Path, Shop]],
                                                                      list[str]]:
    """Every usable shop file in ``folder`` (``*.json``, not hidden), and one message per file
    left out. Never raises for a bad file."""
    shops, problems = [], []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() != ".json" or path.name.startswith((".", "~")):
            continue
        try:
            shops.append((path, load_shop(path, lang)))
        except ShopFileError as err:
            problems.append(str(err))
    return shops, problems


__all__ = ["CURRENCIES", "EXAMPLES", "FOLDER", "INPUTS", "Input", "Shop", "ShopError",
           "ShopFileError", "example_shop", "load_shop", "load_shops", "market_values", "money",
           "save_shop"]
