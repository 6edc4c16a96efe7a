"""The Scenario type and the registry every scenario module declares into.

A scenario is a name, the scenario it is ``based_on`` and the settings it changes; its resolved
``values`` (the whole chain, flattened) are computed once, when it is declared. Its title, story
and "what to look for" live in the catalogues (``scenario.<name>.title|story|look_for``); a
``{placeholder}`` in them is filled from the scenario's settings, so a story cannot state a
number its settings do not have.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from .. import bass, i18n
from ..params import PARAMS, ParameterError, seller_levers, validate

TEXTS = ("title", "story", "look_for")


@dataclass(frozen=True)
class Scenario:
    """A named market: the parameter values that make it what it is.

    Args:
        name: a stable identifier (also the catalogue key ``scenario.<name>.*``).
        values: every value the scenario sets, its bases' included (read-only).
        changes: only what this scenario changes on top of ``based_on`` (read-only).
        based_on: the scenario this one retells or varies, or None.
        seed: the seed a preset starts from.
        tags: e.g. ``validation`` (kept out of the dashboards' preset menus).
    """

    name: str
    values: Mapping[str, Any]
    changes: Mapping[str, Any] = field(default_factory=dict)
    based_on: str | None = None
    seed: int = 1
    tags: tuple[str, ...] = ()

    def text(self, what: str, lang: str = "en") -> str:
        """The scenario's ``title``, ``story`` or ``look_for`` in ``lang``, numbers filled in."""
        if what not in TEXTS:
            raise ValueError(f"what: '{what}' is not one of {', '.join(TEXTS)}")
        return i18n.t(f"scenario.{self.name}.{what}", lang, **fields(self.name, lang))

    @property
    def title(self) -> Mapping[str, str]:
        """The title per language (``sc.title["id"]``)."""
        return _Texts(self, "title")

    @property
    def story(self) -> Mapping[str, str]:
        """The one-line story per language."""
        return _Texts(self, "story")

    @property
    def look_for(self) -> Mapping[str, str]:
        """What to look for, per language."""
        return _Texts(self, "look_for")

    def lineage(self) -> list[str]:
        """This scenario's name, then its base's, and so on to the root."""
        chain, name = [], self.name
        while name is not None:
            chain.append(name)
            name = SCENARIOS[name].based_on
        return chain


class _Texts(Mapping):
    """A read-only {language: text} view of one of a scenario's texts."""

    def __init__(self, scenario: Scenario, what: str):
        self._scenario, self._what = scenario, what

    def __getitem__(self, lang: str) -> str:
        if lang not in i18n.LANGUAGES:
            raise KeyError(lang)
        return self._scenario.text(self._what, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(i18n.LANGUAGES)

    def __len__(self) -> int:
        return len(i18n.LANGUAGES)


SCENARIOS: dict[str, Scenario] = {}


def declare(name: str, based_on: str | None = None, changes: Mapping[str, Any] | None = None,
            *, seed: int = 1, tags: tuple[str, ...] = ()) -> Scenario:
    """Register scenario ``name``: ``based_on``'s values with ``changes`` on top.

    The base must already be declared (so a chain is resolved once, here, and cannot loop);
    every changed name must be a parameter. Seed and tags are the scenario's own, not
    inherited.
    """
    if name in SCENARIOS:
        raise ValueError(f"scenario '{name}' declared twice")
    if based_on is not None and based_on not in SCENARIOS:
        why = "itself" if based_on == name else "a scenario not declared (yet)"
        raise ValueError(f"scenario '{name}' is based on '{based_on}', {why}; declare the "
                         "base first")
    changes = dict(changes or {})
    unknown = sorted(k for k in changes if k not in PARAMS)
    if unknown:
        raise ValueError(f"scenario '{name}' changes unknown parameters: {', '.join(unknown)}")
    base = SCENARIOS[based_on].values if based_on else {}
    values = {**base, **changes}
    validate(values)  # a wrong value fails at import, naming the parameter
    sc = Scenario(name, MappingProxyType(values), MappingProxyType(changes), based_on, seed,
                  tuple(tags))
    SCENARIOS[name] = sc
    fields.cache_clear()
    return sc


def get(name: str, lang: str = "en") -> Scenario:
    """The scenario called ``name``; a clear error listing the valid names otherwise."""
    if not isinstance(name, str) or name not in SCENARIOS:
        raise ParameterError("error.unknown_scenario", lang, name="scenario", value=name,
                             valid=", ".join(SCENARIOS))
    return SCENARIOS[name]


def scenarios(lang: str = "en") -> list[dict[str, str]]:
    """A table of the scenarios in ``lang``."""
    return [{"name": s.name, **{what: s.text(what, lang) for what in TEXTS}}
            for s in SCENARIOS.values()]


# --- numbers in texts ------------------------------------------------------------------------

class Number:
    """A setting as a text shows it: ``{n:W}`` "Two", ``{share:10w}`` "seven" (of ten),
    ``{share:.0%}`` "70%", ``{x}`` "0,7" in Indonesian; words come from ``scenario.numbers``."""

    def __init__(self, value: float, lang: str):
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        if spec[-1:] in ("w", "W"):
            x = self.value * (float(spec[:-1]) if spec[:-1] else 1)
            words = i18n.t("scenario.numbers", self.lang).split("|")
            if abs(x - round(x)) > 1e-9 or not 0 <= round(x) < len(words):
                raise ValueError(f"{self.value} has no number word with spec '{spec}'")
            word = words[round(x)]
            return word[:1].upper() + word[1:] if spec[-1] == "W" else word
        text = format(self.value, spec) if spec else f"{self.value:g}"
        if self.lang == "id":  # 0,7 and 12.345 in Indonesian
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text

    def __str__(self) -> str:
        return format(self, "")


def settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """Every setting ``values`` leads to: defaults filled in, and each seller's levers for the
    phase it starts in (``seller1.staff`` is 4 for a customer-centric seller who sets none)."""
    full = validate(dict(values))
    for i in range(1, full["n_sellers"] + 1):
        strategy = full[f"seller{i}.strategy"]
        phase = "product" if strategy == "switch" else strategy
        for lever, value in seller_levers(full, i, phase).items():
            full[f"seller{i}.{lever}"] = value
    return full


@cache
def fields(name: str, lang: str) -> dict[str, Any]:
    """The placeholders a text of scenario ``name`` may use: every setting (dots become
    underscores: ``seller2_staff``), ``base_<setting>`` for its base, ``years`` (weeks / 52),
    ``sellers_product|customer|switch`` (how many sellers follow each strategy) and
    ``bass_p_year``, ``bass_q_year`` (seller 1's ``ad_reach`` and ``wom_rate`` as Bass's p and q
    per year, :func:`sim.bass.yearly_rates`)."""
    sc = SCENARIOS[name]
    full = settings(sc.values)

    def shown(v):
        return Number(v, lang) if isinstance(v, int | float) and not isinstance(v, bool) else v

    out = {k.replace(".", "_"): shown(v) for k, v in full.items()}
    out["years"] = Number(full["weeks"] / 52, lang)
    strategies = [full[f"seller{i}.strategy"] for i in range(1, full["n_sellers"] + 1)]
    for strategy in ("product", "customer", "switch"):
        out[f"sellers_{strategy}"] = Number(strategies.count(strategy), lang)
    p_year, q_year = bass.yearly_rates(full["seller1.ad_reach"], full["wom_rate"])
    out["bass_p_year"], out["bass_q_year"] = Number(p_year, lang), Number(q_year, lang)
    if sc.based_on:
        out |= {f"base_{k}": v for k, v in fields(sc.based_on, lang).items()
                if not k.startswith("base_")}
    return out
