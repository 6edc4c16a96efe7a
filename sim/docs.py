"""Documentation generated from the declarations: parameter and scenario tables.

``python -m sim.docs`` rewrites the generated blocks of ``sim/README.md`` (between
``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``); a test fails when they are stale.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import bass
from .i18n import t
from .params import LEVERS, PARAMS
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
              "product-centric / customer-centric default)", "",
              "| name | product | customer | range | unit | meaning |",
              "|---|---|---|---|---|---|"]
    lines += [f"| `{lv.param.name}` | {lv.product} | {lv.customer} | "
              f"{_cell(lv.param.describe_range())} | {t(f'unit.{lv.param.unit}', lang)} | "
              f"{_cell(lv.param.text('help', lang))} |" for lv in LEVERS]
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


BLOCKS = {"parameters": parameter_table, "scenarios": scenario_table, "bass": bass_table}


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
