"""The page side of a view's controls, as one invisible widget.

:class:`PanelHelper` (``panel.js``) names every slider of its view for screen readers (its
label: ipywidgets' slider handle is a ``div`` its ``<label>`` cannot name), names a quiz's
answer boxes by their question, and keeps a dashboard's control panel in view (no box around
it may clip the sticky panel). Charts fit their cells themselves (``plot.js``).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as w


class PanelHelper(anywidget.AnyWidget):
    _esm = Path(__file__).parent / "panel.js"

    def __init__(self, **kwargs):
        super().__init__(layout=w.Layout(width="0", height="0", overflow="hidden",
                                         margin="0"), **kwargs)
