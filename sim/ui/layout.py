"""Keeps every chart of a dashboard as wide as its cell.

A plotly chart drawn before its cell is on the page falls back to 700 px, whatever the cell's
width, and only follows window resizes afterwards. :class:`FitCharts` is an invisible widget
placed in the dashboard: in the browser it watches each chart cell (``.pasar-cell``) and asks
plotly to fit the chart whenever the cell's width and the chart's differ (first draw, a panel
opening, the window or the notebook's sidebar changing).
"""

from __future__ import annotations

import anywidget
import ipywidgets as w

from .style import FIT_ESM, NAMES_ESM


class FitCharts(anywidget.AnyWidget):
    _esm = FIT_ESM

    def __init__(self, **kwargs):
        super().__init__(layout=w.Layout(width="0", height="0", overflow="hidden",
                                         margin="0"), **kwargs)


class NameControls(anywidget.AnyWidget):
    """Names every slider of its dashboard for screen readers (its label, see ``names.js``):
    ipywidgets' slider handle is a ``div`` that its ``<label>`` cannot name."""

    _esm = NAMES_ESM

    def __init__(self, **kwargs):
        super().__init__(layout=w.Layout(width="0", height="0", overflow="hidden",
                                         margin="0"), **kwargs)
