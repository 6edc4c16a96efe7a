"""Documentation generated from the declarations: parameter and scenario tables.

``python -m sim.docs`` rewrites the generated blocks of ``sim/README.md`` (between
``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``); a test fails when they are stale.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd

from . import bass
from .channels import channel_runs, relationship_runs, verdict
from .i18n import t
from .model import MarketModel
from .params import LEVER_GROUPS, LEVERS, PARAMS
from .runner import band, resolve
from .scenarios import SCENARIOS

README = Path(__file__).with_name("README.md")


def _cell(text) -> str:
    return str(text).replace("|", "\\|")


def parameter_table(lang: str = "en") -> str:
    """Market parameters by group, then seller levers with both strategies' defaults."""
    lines = []
    levers = {lv.param.name for lv in LEVERS}
    market = [p for p in PARAMS.values()
              if not p.name.startswith("seller") and p.name not in levers]
    groups = list(dict.fromkeys(p.group for p in market))
    for group in groups:
        lines += [f"**{t(f'group.{group}', lang)}**", "",
                  "| name | default | range | unit | meaning |", "|---|---|---|---|---|"]
        lines += [f"| `{p.name}` | {p.default} | {_cell(p.describe_range())} | "
                  f"{t(f'unit.{p.unit}', lang)} | {_cell(p.text('help', lang))} |"
                  for p in market if p.group == group]
        lines.append("")
    lines += [f"**{t('group.levers', lang)}** (`sellerN.NAME`, N = 1..4; "
              "product-centric / customer-centric default)"]
    for group in LEVER_GROUPS:
        lines += ["", f"*{t(f'group.{group}', lang)}*", "",
                  "| name | product | customer | range | unit | meaning |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| `{lv.param.name}` | {lv.product} | {lv.customer} | "
                  f"{_cell(lv.param.describe_range())} | {t(f'unit.{lv.param.unit}', lang)} | "
                  f"{_cell(lv.param.text('help', lang))} |"
                  for lv in LEVERS if lv.param.group == group]
    seller = [p for p in PARAMS.values() if p.name.startswith("seller1.")
              and p.name.split(".", 1)[1] not in levers]
    lines += ["", "| per seller | default | range | meaning |", "|---|---|---|---|"]
    lines += [f"| `{p.name.replace('seller1', 'sellerN')}` | {p.default} | "
              f"{_cell(p.describe_range())} | {_cell(p.text('help', lang))} |" for p in seller]
    return "\n".join(lines)


def scenario_table(lang: str = "en") -> str:
    lines = ["| name | title | based on | what it changes | look for |",
             "|---|---|---|---|---|"]
    for sc in SCENARIOS.values():
        sets = ", ".join(f"`{k}={v}`" for k, v in sc.changes.items()) or "—"
        base = f"`{sc.based_on}`" if sc.based_on else "—"
        lines.append(f"| `{sc.name}` | {_cell(sc.title[lang])} | {base} | {_cell(sets)} | "
                     f"{_cell(sc.look_for[lang])} |")
    return "\n".join(lines)


def bass_table(lang: str = "en") -> str:
    """The model's weekly recursion and Bass's estimation form against the closed form, as the
    weekly rates grow (:func:`sim.bass.comparison`)."""
    lines = ["| p per week | q per week | p, q per year | half adopted, closed form (week) | "
             "weekly recursion (the model) | estimation form | largest gap, recursion | "
             "largest gap, estimation form |", "|---|---|---|---|---|---|---|---|"]
    for r in bass.comparison():
        p_year, q_year = bass.yearly_rates(r["p"], r["q"])
        lines.append(f"| {r['p']:.4g} | {r['q']:.4g} | {p_year:.3g}, {q_year:.3g} | "
                     f"{r['half_closed']:.1f} | {r['half_recursion']:.1f} | "
                     f"{r['half_estimation']:.1f} | {r['gap_recursion']:.1%} | "
                     f"{r['gap_estimation']:.1%} |")
    return "\n".join(lines)


# --- Customer value by channel (issue 10): the default market, mechanisms off and on ----------
CHANNEL_SCENARIO, CHANNEL_SEEDS = "head_to_head", range(1, 11)
ALL_ON = {"homophily": 1.0, "wom_need_weighting": 1.0, "deal_proneness": 1.0}
UNTARGETED = "all on, untargeted"  # and the customer-centric seller's ads aimed at no segment
CHANNEL_VARIANTS = {"default": {}, "homophily": {"homophily": 1.0}, "all on": ALL_ON,
                    UNTARGETED: {**ALL_ON, "seller2.targeting": 0.0},
                    "deal": {"deal_proneness": 1.0},
                    "no discount": {"seller1.acquisition_discount": 0.0}}


@cache
def _channel_relationships() -> pd.DataFrame:
    """Every variant's relationships over the seeds (run once per process)."""
    return relationship_runs({name: {"scenario": CHANNEL_SCENARIO, **change}
                              for name, change in CHANNEL_VARIANTS.items()}, CHANNEL_SEEDS)


def _band(values: pd.Series, digits: int = 0, scale: float = 1.0) -> str:
    mean, low, high = (x * scale for x in band(values.dropna()))
    return f"{mean:,.{digits}f} [{low:,.{digits}f}, {high:,.{digits}f}]"


def _seller(name: str) -> str:
    strategy = resolve(CHANNEL_SCENARIO)[1][f"{name}.strategy"]
    return f"{name} ({t(f'strategy.{strategy}')})"


def channel_table(lang: str = "en") -> str:
    """CLV and first-year margin per customer, by seller and channel, mechanisms off and on."""
    runs = channel_runs(_channel_relationships(), ("seller", "heard_via"))
    lines = ["| seller | heard via | relationships per run | CLV, default | CLV, homophily | "
             "CLV, all on | first-year margin, default | first-year margin, all on |",
             "|---|---|---|---|---|---|---|---|"]
    for (seller, channel), g in runs.groupby(["seller", "heard_via"]):
        by = {name: rows.set_index("seed") for name, rows in g.groupby("variant")}
        lines.append(f"| {_seller(seller)} | {t(f'channel.{channel}', lang)} | "
                     f"{_band(by['default'].relationships)} | {_band(by['default'].clv)} | "
                     f"{_band(by['homophily'].clv)} | {_band(by['all on'].clv)} | "
                     f"{_band(by['default'].first_year_margin)} | "
                     f"{_band(by['all on'].first_year_margin)} |")
    return "\n".join(lines)


def _within(runs: pd.DataFrame, variant: str, seller: str, value: str) -> pd.Series:
    """Per seed: ``value`` of word-of-mouth minus advertising relationships of ``seller``."""
    mine = runs[(runs.variant == variant) & (runs.seller == seller)]
    wide = mine.pivot_table(index="seed", columns="heard_via", values=value)
    return wide["word_of_mouth"] - wide["advertising"]


def _across(runs: pd.DataFrame, variant: str, baseline: str, seller: str) -> pd.Series:
    """Per seed: CLV per customer of ``seller`` in ``variant`` minus in ``baseline``."""
    mine = runs[runs.seller == seller].pivot_table(index="seed", columns="variant", values="clv")
    return mine[variant] - mine[baseline]


def _friends_alike_excess(change: dict) -> pd.Series:
    """Per seed: share of friendships within a segment, minus that share by chance."""
    values = {**resolve(CHANNEL_SCENARIO)[1], **change}
    out = {}
    for seed in CHANNEL_SEEDS:
        model = MarketModel(values, rng=seed)
        shares = [len(m) / model.n_customers for m in model.segment_members]
        out[seed] = model.friends_alike() - sum(x * x for x in shares)
    return pd.Series(out)


def findings_table(lang: str = "en") -> str:
    """Each finding of the literature (F1-F4, defined in the guide's text) against the model:
    the difference it predicts, over paired seeds, and whether the 95% band has its sign."""
    by_channel = channel_runs(_channel_relationships(), ("seller", "heard_via"))
    by_seller = channel_runs(_channel_relationships(), ("seller",))
    rows = []  # (finding, expected sign, seller, setting, differences per seed, digits, scale)
    for finding, value, digits, scale in (("F1", "clv", 0, 1.0), ("F2", "retention", 2, 100.0)):
        for seller, settings in (("seller2", ("default", "all on", UNTARGETED)),
                                 ("seller1", ("default", "all on"))):
            for setting in settings:
                rows.append((finding, 1, _seller(seller), setting,
                             _within(by_channel, setting, seller, value), digits, scale))
    for setting in ("default", "deal"):
        rows.append(("F3", -1, _seller("seller1"), setting,
                     _across(by_seller, setting, "no discount", "seller1"), 0, 1.0))
    for setting, change in (("default", {}), ("homophily", {"homophily": 1.0})):
        rows.append(("F4", 1, "—", setting, _friends_alike_excess(change), 1, 100.0))
    lines = ["| finding | seller | setting | difference, mean [95% band] | model |",
             "|---|---|---|---|---|"]
    for finding, sign, seller, setting, diffs, digits, scale in rows:
        _, low, high = band(diffs.dropna())
        lines.append(f"| {finding} | {seller} | {setting} | {_band(diffs, digits, scale)} | "
                     f"{verdict(low, high, sign)} |")
    return "\n".join(lines)


BLOCKS = {"parameters": parameter_table, "scenarios": scenario_table, "bass": bass_table,
          "channels": channel_table, "findings": findings_table}


def render(text: str) -> str:
    """``text`` with every generated block refreshed."""
    for name, make in BLOCKS.items():
        pattern = re.compile(rf"(<!-- generated:{name} -->\n).*?(<!-- /generated:{name} -->)",
                             re.S)
        text = pattern.sub(lambda m, make=make: m.group(1) + make() + "\n" + m.group(2), text)
    return text


if __name__ == "__main__":
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
