"""Bass's p and q as published (per year) next to the weekly values the model runs
(:func:`sim.bass.weekly_rates`), with when the closed form puts the peak."""

from __future__ import annotations

import html

import ipywidgets as w

from ..bass import WEEKS_PER_YEAR, half_time, peak_time, weekly_rates
from .style import number, ui


def bass_rates(p: float = 0.03, q: float = 0.38, lang: str = "en") -> w.HTML:
    """A small table: ``p`` and ``q`` per year (as published) and per week (what to set as
    ``seller1.ad_reach`` and ``wom_rate``), and the weeks to the peak and to half the market."""
    p_week, q_week = weekly_rates(p, q, lang=lang)
    rows = [(ui("bass.p", lang), p, p_week), (ui("bass.q", lang), q, q_week)]
    cell = "padding:2px 12px;text-align:{};border-bottom:1px solid #ddd"
    left, right = cell.format("left"), cell.format("right")
    head = (f"<tr><th style='{left}'></th>"
            f"<th style='{right}'>{html.escape(ui('bass.per_year', lang))}</th>"
            f"<th style='{right}'>{html.escape(ui('bass.per_week', lang))}</th></tr>")
    body = "".join(
        f"<tr><td style='{left}'>{html.escape(name)}</td>"
        f"<td style='{right}'>{number(year, lang, 3)}</td>"
        f"<td style='{right}'>{number(week, lang, 5)}</td></tr>"
        for name, year, week in rows)
    peak = peak_time(p, q) * WEEKS_PER_YEAR
    note = ui("bass.peak", lang, peak=number(peak, lang), half=number(
        half_time(p, q) * WEEKS_PER_YEAR, lang), peak_years=number(peak / WEEKS_PER_YEAR, lang, 1))
    return w.HTML(f"<h4>{html.escape(ui('bass.title', lang))}</h4><table>{head}{body}</table>"
                  f"<p>{html.escape(note)}</p>")
