"""The chart widget: a plotly figure you edit in Python, drawn by a small front end.

:class:`Plot` is a drop-in for ``go.FigureWidget`` (same ``data``/``layout``/``batch_update``/
``add_scatter`` API, built on it) with a different way to reach the page.

Why charts froze, and the decision. anywidget 0.9.17 and later (0.11 included) start a 2 s
timer when a widget's model is created in the page (``AbortSignal.timeout(2000)`` in its
``Runtime``); a model whose module is not loaded and bound by then stays "not ready" for good,
and every later message to it is dropped (``[anywidget] Failed to initialize model.``): the
chart froze while its summary moved on. 2 s of wall-clock time is easily spent on a slow or
busy laptop, whatever the module. anywidget 0.9.16 has no such timer (a model's messages wait
until its module is ready), so Pasar pins ``anywidget==0.9.16`` (pyproject.toml,
environment.yml, constraints.txt): an initialisation can be slow, never lost. Measured on this
2-core machine under load, lesson 0 with the CPU throttled 4x: anywidget 0.11, 2 failed
initialisations in a JupyterLab load (0 in a Voila load); anywidget 0.9.16, none in two Voila
and two JupyterLab loads, nor in the six page loads of ``tests/browser/test_charts.py``
(lessons 0 and 5, Voila throttled and not, JupyterLab throttled), which now fail on any.
``plot.js`` uses only what both versions offer (``render``, ``model.get/on/send``,
``msg:custom`` with buffers through ``widget_manager``). Fewer models per page
help any version: each chart fits its own cell (``plot.js``), so a dashboard has one helper
widget (``layout.PanelHelper``) besides its charts, not two.

How a chart reaches the page:

* plotly's FigureWidget sends plotly.js (5 MB) as each chart's anywidget module: a page with a
  dozen charts compiles 60 MB of JavaScript at load. Here each chart's module is a few kB
  (``plot.js``) and plotly.js travels once per kernel, in :class:`PlotlyLibrary`, loaded by
  the first chart that draws;
* the figure is widget *state* (the full data and layout, one message per ``batch_update``),
  not a stream of edits each waiting for the browser's acknowledgement, so a view always draws
  the latest figure, however late it starts.

A chart that still cannot be drawn, or whose view stops receiving updates (each view asks the
library now and then whether it is behind), says so in its place and offers a Redraw button,
which draws the current figure and from then on routes that chart's updates through the
library's channel.
"""

from __future__ import annotations

import re
import sys
import weakref
from pathlib import Path

import ipywidgets as w
import traitlets


def _import_plotly_widget() -> None:
    """Import plotly's widget module without ``rfc3987_syntax``: it imports nbformat, whose
    validator imports jsonschema's format checkers, and the optional ``rfc3987_syntax`` builds
    a parser when imported, 2-5 s of every kernel start for a check nothing here makes. It
    stays importable afterwards (jsonschema just goes without it in this kernel)."""
    blocked = "rfc3987_syntax" not in sys.modules
    if blocked:
        sys.modules["rfc3987_syntax"] = None  # makes ``import rfc3987_syntax`` fail
    try:
        import plotly.basewidget  # noqa: F401
    finally:
        if blocked and sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]


_import_plotly_widget()
import plotly  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
from plotly.io.json import to_json_plotly  # noqa: E402

from ..i18n import t  # noqa: E402
from .style import separators  # noqa: E402

_HERE = Path(__file__).parent
_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

PLOT_TEXTS = ("loading", "failed", "stuck", "redraw")  # ui.plot.<what> in the catalogues


def plot_texts(lang: str) -> dict[str, str]:
    """What a chart says while loading, when it fails, and its button, in ``lang``."""
    return {what: t(f"ui.plot.{what}", lang) for what in PLOT_TEXTS}


class PlotlyLibrary(w.Widget):
    """plotly.js for every :class:`Plot` on the page, sent once, when the first chart asks.

    A plain ipywidgets model (no view, no anywidget initialisation limit) whose state is only
    the version: the 4.8 MB travel as one binary message in answer to the first chart that
    draws, not in the widget state the page loads at start (Voila gives the kernel 4 s to send
    all of that state at once before it falls back to asking widget by widget).
    """

    version = traitlets.Unicode().tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._source: bytes | None = None
        self._plots: weakref.WeakValueDictionary[str, Plot] = weakref.WeakValueDictionary()
        self.on_msg(self._on_request)

    @property
    def source(self) -> bytes:
        """plotly.min.js as an ES module."""
        if self._source is None:
            umd = _PLOTLY_JS.read_bytes()
            # plotly.min.js is UMD: give it a CommonJS ``module``, export what it puts there
            self._source = (b"const module = { exports: {} };\n" + umd
                            + b"\nexport default module.exports;\n")
        return self._source

    def _on_request(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        request = content.get("request")
        if request == "source":
            self.send({"source": self.version}, buffers=[self.source])
            return
        plot = self._plots.get(str(content.get("id")))
        if plot is None:
            return
        if request == "status":  # a view checks that it is not behind (see plot.js)
            self.send({"status": plot.model_id, "rev": plot._rev})
        elif request == "figure":  # a view whose own channel is stuck: route it through here
            plot._via_library = True
            self.send_figure(plot)

    def send_figure(self, plot: Plot) -> None:
        """Send ``plot``'s whole figure through this (always working) channel."""
        figure = {"data": plot._data, "layout": plot._layout_obj._props}
        self.send({"figure": plot.model_id, "rev": plot._rev,
                   "json": to_json_plotly(figure)})


_library: PlotlyLibrary | None = None


def plotly_library() -> PlotlyLibrary:
    """The kernel's one :class:`PlotlyLibrary` (created on first use)."""
    global _library
    if _library is None or _library.comm is None:
        _library = PlotlyLibrary(version=plotly.__version__)
    return _library


def full_numbers(figure) -> None:
    """Numbers in full with the course's thousands mark on every axis the figure has: plotly's
    default SI suffixes ("20k", "160M") are English, and a learner reads "20.000" or "20,000"."""
    for axis in [a for a in figure.layout if re.fullmatch(r"[xy]axis\d*", a)]:
        if figure.layout[axis].exponentformat is None:
            figure.layout[axis].exponentformat = "none"
        if figure.layout[axis].separatethousands is None:
            figure.layout[axis].separatethousands = True


class Plot(go.FigureWidget):
    """A plotly figure widget drawn by ``plot.js`` (see the module docstring)."""

    _esm = _HERE / "plot.js"
    _library = traitlets.Unicode().tag(sync=True)
    _rev = traitlets.Int(0).tag(sync=True)
    _texts = traitlets.Dict().tag(sync=True)
    _id = traitlets.Unicode().tag(sync=True)  # its own model id, for PlotlyLibrary requests
    # for screen readers: the chart's name (its title) and the id of the element summarising it
    _aria_label = traitlets.Unicode().tag(sync=True)
    _describedby = traitlets.Unicode().tag(sync=True)

    def __init__(self, data=None, layout=None, frames=None, skip_invalid=False,
                 lang: str = "en", **kwargs):
        super().__init__(data=data, layout=layout, frames=frames, skip_invalid=skip_invalid,
                         **kwargs)
        library = plotly_library()
        self._library = f"IPY_MODEL_{library.model_id}"
        self._id = self.model_id
        self._via_library = False
        library._plots[self.model_id] = self
        self._texts = plot_texts(lang)
        if self.layout.separators is None:  # decimal and thousands marks of the course
            self.layout.separators = separators(lang)
        full_numbers(self)
        self._aria_label = self.title_text()
        self._drawn_rev = 0  # the last revision a view reported drawn
        self._errors: list[str] = []
        self.on_msg(self._on_view_msg)

    @property
    def drawn_rev(self) -> int:
        """The last revision of the figure a view in the page reported drawn (0: none yet)."""
        return self._drawn_rev

    @property
    def errors(self) -> list[str]:
        """What the page reported when it could not draw this chart."""
        return list(self._errors)

    def title_text(self) -> str:
        """The chart's title as plain text (its accessible name)."""
        title = self.layout.title.text or ""
        return " ".join(re.sub(r"<[^>]*>", " ", title.replace("<br>", " ")).split())

    def describe_by(self, element_id: str) -> None:
        """Point the chart at the element (by id) whose text summarises it."""
        self._describedby = element_id

    def set_language(self, lang: str) -> None:
        self._texts = plot_texts(lang)

    # --- Python -> page: the whole figure as state, once per change (or batch) ---------------
    def _push(self) -> None:
        if not hasattr(self, "_via_library"):  # still in go.FigureWidget.__init__
            return
        # plotly edits its data and layout in place, so the traits hold the live objects and
        # the three go out together, explicitly (no deep copy to detect a change)
        self._trait_values["_widget_data"] = self._data
        self._trait_values["_widget_layout"] = self._layout_obj._props
        self._trait_values["_rev"] = self._rev + 1
        keys = ["_widget_data", "_widget_layout", "_rev"]
        title = self.title_text()
        if title != self._aria_label:  # the accessible name follows the title, same message
            self._trait_values["_aria_label"] = title
            keys.append("_aria_label")
        self.send_state(keys)
        if self._via_library:
            plotly_library().send_figure(self)

    def _send_relayout_msg(self, layout_data, source_view_id=None):
        self._push()

    def _send_restyle_msg(self, restyle_data, trace_indexes=None, source_view_id=None):
        self._push()

    def _send_addTraces_msg(self, new_traces_data):
        self._push()

    def _send_moveTraces_msg(self, current_inds, new_inds):
        self._push()

    def _send_deleteTraces_msg(self, delete_inds):
        self._push()

    def _send_update_msg(self, restyle_data, relayout_data, trace_indexes=None,
                         source_view_id=None):
        self._push()

    def _send_animate_msg(self, styles_data, relayout_data, trace_indexes, animation_opts):
        self._push()

    # --- page -> Python ---------------------------------------------------------------------
    def _on_view_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        event = content.get("event")
        if event == "drawn":
            self._drawn_rev = max(self._drawn_rev, int(content.get("rev") or 0))
        elif event == "error":
            self._errors.append(str(content.get("message", "")))
        elif event == "redraw":
            self._push()
