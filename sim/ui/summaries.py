"""One-line summaries of the charts, generated from the data (pure functions: tables → text).

Every chart of the dashboards carries one of these lines beside it: what changed and by how
much, in the learner's language, for the back of the room and for screen readers.
"""

from __future__ import annotations

import numbers

import pandas as pd

from ..channels import channel_value
from ..course.evidence import Line, leaders, verdict
from ..customers import CHANNELS
from ..i18n import t
from ..metrics import closing_weeks
from .style import metric_label, number, percent, seller_label, signed, ui

QUARTER = 13  # weeks: "over the last quarter"


def _final(weekly: pd.DataFrame) -> pd.DataFrame:
    return weekly[weekly.week == weekly.week.max()]


def _label(row, lang: str) -> str:
    return seller_label(row["seller"], row.get("strategy"), lang)


def lead_since(weekly: pd.DataFrame, leader: str, runner: str, metric: str) -> int | None:
    """First week of the leader's current unbroken lead over the runner-up (None: always led)."""
    wide = weekly.pivot_table(index="week", columns="seller", values=metric, aggfunc="first")
    ahead = (wide[leader] > wide[runner]).to_numpy()
    behind = [i for i, a in enumerate(ahead) if not a]
    if not behind:
        return None
    return int(wide.index[behind[-1] + 1]) if behind[-1] + 1 < len(wide) else None


def profit(weekly: pd.DataFrame, lang: str = "en") -> str:
    """Who leads on cumulative profit, by how much, and since when."""
    if weekly.empty:
        return ui("sum.no_data", lang)
    final = _final(weekly).sort_values("cumulative_profit", ascending=False)
    weeks = int(final.week.iloc[0]) + 1
    top = final.iloc[0]
    if len(final) == 1:
        return ui("sum.profit_one", lang, weeks=weeks, seller=_label(top, lang),
                  profit=number(top.cumulative_profit, lang),
                  week_profit=number(top.profit, lang)) + closures(weekly, lang)
    second = final.iloc[1]
    since = lead_since(weekly, top.seller, second.seller, "cumulative_profit")
    when = (ui("sum.lead_from_start", lang) if since is None
            else ui("sum.lead_since", lang, week=since))
    return ui("sum.profit", lang, weeks=weeks, leader=_label(top, lang),
              profit=number(top.cumulative_profit, lang),
              gap=number(top.cumulative_profit - second.cumulative_profit, lang),
              runner=_label(second, lang), when=when) + closures(weekly, lang)


def closures(weekly: pd.DataFrame, lang: str = "en") -> str:
    """A sentence per seller that ran out of cash ("... closed at week 19"), each after a
    space; "" when every seller is still open."""
    if "open" not in weekly:
        return ""
    strategies = _final(weekly).set_index("seller").strategy
    return "".join(" " + ui("sum.closed", lang, week=week,
                            seller=seller_label(seller, strategies.get(seller), lang))
                   for seller, week in closing_weeks(weekly).items())


def stages(market: pd.DataFrame, n_customers: int, lang: str = "en") -> str:
    """The funnel now, and how the loyal group changed over the last quarter."""
    if market.empty:
        return ui("sum.no_data", lang)
    last = market.iloc[-1]
    back = market.iloc[max(0, len(market) - 1 - QUARTER)]
    return ui("sum.stages", lang, week=int(last.week) + 1,
              loyal=int(last.stage_loyal), growing=int(last.stage_growing),
              new=int(last.stage_new), potential=int(last.stage_potential),
              lost=int(last.stage_lost),
              unaware=percent(last.stage_unaware / max(1, n_customers), lang),
              change=signed(int(last.stage_loyal - back.stage_loyal), lang),
              weeks=int(last.week - back.week))


def satisfaction(weekly: pd.DataFrame, lang: str = "en") -> str:
    """Satisfaction, NPS and review score per seller, with satisfaction's change."""
    if weekly.empty:
        return ui("sum.no_data", lang)
    parts = []
    for _, row in _final(weekly).iterrows():
        mine = weekly[(weekly.seller == row.seller) & (weekly.customers_active > 0)]
        first = mine.satisfaction_mean.iloc[0] if len(mine) else row.satisfaction_mean
        parts.append(ui("sum.satisfaction", lang, seller=_label(row, lang),
                        satisfaction=number(row.satisfaction_mean, lang, 2),
                        change=signed(row.satisfaction_mean - first, lang, 2),
                        nps=signed(row.nps, lang),
                        stars=number(row.review_score, lang, 1) if row.review_count else "–"))
    return "; ".join(parts) + "."


def acquired_lost(weekly: pd.DataFrame, lang: str = "en") -> str:
    """Customers won and lost per seller over the run so far."""
    if weekly.empty:
        return ui("sum.no_data", lang)
    parts = []
    totals = weekly.groupby("seller", sort=True)[["customers_acquired", "customers_lost"]].sum()
    final = _final(weekly).set_index("seller")
    for seller, row in totals.iterrows():
        won, lost = int(row.customers_acquired), int(row.customers_lost)
        parts.append(ui("sum.acquired_lost", lang,
                        seller=seller_label(seller, final.strategy.get(seller), lang),
                        won=number(won, lang), lost=number(lost, lang),
                        people=t(f"people.{final.offering.get(seller, 'product')}", lang),
                        net=signed(won - lost, lang)))
    return ui("sum.acquired_lost_intro", lang, weeks=int(weekly.week.max()) + 1) + " " + \
        "; ".join(parts) + "."


def stage_flows(flows: pd.DataFrame, lang: str = "en") -> str:
    """The biggest movement between stages, how many were lost and how many came back."""
    moves = flows[flows.from_stage != flows.to_stage] if not flows.empty else flows
    if moves.empty:
        return ui("sum.no_data", lang)
    total = moves.groupby(["from_stage", "to_stage"], as_index=False)["customers"].sum()
    top = total.loc[total.customers.idxmax()]
    lost = int(total[total.to_stage == "lost"].customers.sum())
    back = int(total[total.from_stage == "lost"].customers.sum())
    return ui("sum.flows", lang, n=number(top.customers, lang),
              a=t(f"stage.{top.from_stage}", lang), b=t(f"stage.{top.to_stage}", lang),
              lost=number(lost, lang), back=number(back, lang))


def network(market: pd.DataFrame, n_customers: int, lang: str = "en") -> str:
    """Who has heard of a seller, and how much good and bad word of mouth has been spoken."""
    if market.empty:
        return ui("sum.no_data", lang)
    last = market.iloc[-1]
    pos, neg = int(market.wom_positive.sum()), int(market.wom_negative.sum())
    ratio = number(pos / neg, lang, 1) if neg else "–"
    return ui("sum.network", lang, aware=percent(1 - last.stage_unaware / max(1, n_customers),
                                                 lang),
              pos=number(pos, lang), neg=number(neg, lang), ratio=ratio)


def clv_cac(weekly: pd.DataFrame, lang: str = "en") -> str:
    """Each seller's customer lifetime value against what a new customer cost to win."""
    if weekly.empty:
        return ui("sum.no_data", lang)
    parts = []
    for _, row in _final(weekly).iterrows():
        clv, cac = float(row.clv_estimate), float(row.cac)
        if cac <= 0:
            verdict = ui("sum.cac_none", lang)
        else:
            ratio = clv / cac
            verdict = ui("sum.ratio_good" if ratio >= 3 else "sum.ratio_thin" if ratio >= 1
                         else "sum.ratio_bad", lang, ratio=number(ratio, lang, 1))
        parts.append(ui("sum.clv_cac", lang, seller=_label(row, lang),
                        one=t(f"one.{row.get('offering', 'product')}", lang),
                        clv=number(clv, lang, 1), cac=number(cac, lang, 1), verdict=verdict))
    return "; ".join(parts) + "."


def channel_table(snap) -> pd.DataFrame:
    """Value per customer by seller and channel so far (:func:`sim.channels.channel_value` of
    the snapshot's relationships)."""
    return channel_value(snap.relationships, snap.week, snap.params["discount_rate"],
                         by=("seller", "heard_via"))


def value_by_channel(snap, lang: str = "en") -> str:
    """Each seller's CLV per customer by how they heard of it, with how many customers each
    channel brought and how many of them a newcomer discount won."""
    if snap.market.empty:
        return ui("sum.no_data", lang)
    table = channel_table(snap)
    if table.empty:
        return ui("sum.channel_none", lang)
    rel, parts = snap.relationships, []
    for seller, rows in table.groupby("seller", sort=True):
        rows = rows.set_index("heard_via")
        items = [ui("sum.channel_part", lang, channel=t(f"channel.{c}", lang),
                    clv=number(rows.clv[c], lang), n=number(rows.relationships[c], lang))
                 for c in CHANNELS if c in rows.index]
        text = ui("sum.channel_seller", lang,
                  seller=seller_label(seller, snap.params[f"{seller}.strategy"], lang),
                  parts=", ".join(items))
        discounted = rel.won_with_discount[rel.seller == seller].mean()
        if discounted > 0:
            text += ", " + ui("sum.channel_discount", lang, share=percent(discounted, lang))
        parts.append(text)
    return ui("sum.channel_intro", lang, weeks=snap.week) + " " + "; ".join(parts) + "."


def overtake(wide: pd.DataFrame) -> tuple[str, str, int] | None:
    """In a week × curve table of means: (leader at the end, the curve it passed, the week it
    passed it for good), or None when the final leader led all along (or one curve only)."""
    if wide.shape[1] < 2 or wide.empty:
        return None
    last = wide.iloc[-1].sort_values(ascending=False)
    leader, runner = last.index[0], last.index[1]
    ahead = (wide[leader] > wide[runner]).to_numpy()
    behind = [i for i, a in enumerate(ahead) if not a]
    if not behind or behind[-1] + 1 >= len(wide):
        return None
    return leader, runner, int(wide.index[behind[-1] + 1])


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def compare(lines: list[Line], passed: tuple[str, str, int] | None, metric: str, seeds: int,
            weeks: int, lang: str = "en") -> str:
    """Compare view: each line's mean at the end, what the evidence supports (a clear leader
    only when its band overlaps no other; how often it was ahead), and the week the leader
    overtook the other for good (only when the end result is clear)."""
    if not lines:
        return ui("sum.no_data", lang)
    ranked = sorted(lines, key=lambda x: x.mean, reverse=True)
    means = "; ".join(f"{x.label} {number(x.mean, lang)}" for x in ranked)
    text = ui("sum.compare", lang, seeds=seeds, weeks=weeks, metric=metric_label(metric, lang),
              means=means)
    if len(lines) > 1:
        text += " " + _sentence(verdict(lines, seeds, lang)) + "."
        if len(leaders(lines)) == 1:
            text += " " + (ui("sum.overtake", lang, leader=passed[0], runner=passed[1],
                              week=passed[2]) if passed else
                           ui("sum.no_overtake", lang, leader=ranked[0].label))
    return text


def sweep(lines: list[Line], param_label: str, metric: str, seeds: int, lang: str = "en") -> str:
    """Sweep view: the mean per value, and a best value only when its band overlaps no other's
    (otherwise which values cannot be told apart)."""
    if not lines:
        return ui("sum.no_data", lang)
    means = "; ".join(f"{x.label}: {number(x.mean, lang)}" for x in lines)
    head = ui("sum.sweep", lang, param=param_label, metric=metric_label(metric, lang),
              seeds=seeds, means=means)
    return _sentence(head) + " " + _sentence(verdict(lines, seeds, lang)) + "."



def regimes(table: pd.DataFrame, a: str, b: str, x: str, y: str, metric: str,
            lang: str = "en") -> str:
    """Regime map: in how many market conditions each side wins (its band clear of zero) and
    in how many neither does, and where each side's largest lead is. ``a``, ``b``: the sides'
    names; ``x``, ``y``: the axes' names; the table as :func:`sim.regimes` returns it."""
    if table.empty:
        return ui("sum.no_data", lang)
    x_param, y_param = table.attrs["x"], table.attrs["y"]
    counts = table.verdict.value_counts()
    text = ui("sum.regimes", lang, a=a, b=b, cells=len(table), a_n=int(counts.get("a_wins", 0)),
              b_n=int(counts.get("b_wins", 0)),
              ties=int(counts.get("no_clear_difference", 0)), seeds=int(table.n.iloc[0]))
    for side, won, best in ((a, "a_wins", "idxmax"), (b, "b_wins", "idxmin")):
        cells = table[table.verdict == won]
        if cells.empty:
            continue
        cell = cells.loc[getattr(cells["mean"], best)()]
        text += " " + ui("sum.regimes_lead", lang, side=side, gap=number(abs(cell["mean"]), lang),
                         metric=metric_label(metric, lang), x=x,
                         x_value=value_text(cell[x_param], lang), y=y,
                         y_value=value_text(cell[y_param], lang))
    return text


def value_text(v, lang: str) -> str:
    """A parameter's value as the text shows it (two decimals at most, the language's marks)."""
    if isinstance(v, numbers.Real) and not isinstance(v, bool):
        return number(float(v), lang, 0 if float(v).is_integer() else 2)
    return str(v)


def survival(table: pd.DataFrame, labels: dict[str, str], value_text, lang: str = "en") -> str:
    """Survival view: for every value, how often each plan stayed open and what it earned, and
    whether the first two plans differ clearly (Wilson bands for staying open, 95% bands for
    profit; "no clear difference" where they overlap)."""
    if table.empty:
        return ui("sum.no_data", lang)
    sentences = []
    for value, rows in table.groupby("value", sort=False):
        rows = rows.set_index("plan")
        plans = "; ".join(ui("sum.survival_plan", lang, plan=labels[plan],
                             survived=int(r.survived), n=int(r.n),
                             profit=number(r.profit, lang))
                          for plan, r in rows.iterrows())
        verdict = ""
        if len(rows) > 1:
            a, b = rows.iloc[0], rows.iloc[1]
            more_often = a if a.share > b.share else b
            richer = a if a.profit > b.profit else b
            if a.share_low > b.share_high or b.share_low > a.share_high:
                verdict = ui("sum.survival_apart", lang, plan=labels[more_often.name])
            elif a.profit_low > b.profit_high or b.profit_low > a.profit_high:
                verdict = ui("sum.survival_profit_apart", lang, plan=labels[richer.name])
            else:
                verdict = ui("sum.survival_none", lang)
        sentences.append(ui("sum.survival_value", lang, value=value_text(value), plans=plans,
                            verdict=verdict))
    return " ".join(sentences)
def decomposition(parts: pd.DataFrame, a: str, b: str, metric: str, seeds: int,
                  lang: str = "en", amount=None, versions: bool = False) -> str:
    """Decompose view: the gap between the two sellers (or two versions of one shop,
    ``versions``) with its band, the parts whose band excludes zero (with their size) and the
    others (no clear difference). ``amount(x, lang)`` writes a number (default: plain)."""
    written = amount

    def with_sign(x: float) -> str:
        return signed(x, lang) if written is None else ("+" if x > 0 else "") + written(x, lang)

    amount = amount or number
    rows = parts.set_index("part")
    gap = rows.loc["gap"]
    text = ui("sum.decompose_gap" if gap["mean"] >= 0 else "sum.decompose_gap_behind", lang,
              a=a, b=b, metric=metric_label(metric, lang), gap=amount(abs(gap["mean"]), lang),
              low=amount(gap.low, lang), high=amount(gap.high, lang), seeds=seeds)
    shown = rows.drop(index="gap")
    clear = [f"{_part(name, lang, versions)} {with_sign(r['mean'])}"
             for name, r in shown.iterrows() if r.clear]
    unclear = [_part(name, lang, versions) for name, r in shown.iterrows() if not r.clear]
    text += " " + (ui("sum.decompose_clear", lang, parts=", ".join(clear)) if clear
                   else ui("sum.decompose_none_clear", lang))
    if unclear:
        text += " " + ui("sum.decompose_unclear", lang, parts=", ".join(unclear))
    return text


def _part(name: str, lang: str, versions: bool = False) -> str:
    """A lever group's name, or the seat's luck (``ui.decompose.remainder``; for two versions
    of one shop, what differs outside the groups)."""
    if name != "remainder":
        return t(f"group.{name}", lang)
    return t("ui.decompose.remainder" + ("_versions" if versions else ""), lang)

