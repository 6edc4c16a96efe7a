"""Lesson 8's sandbox: design seller 1, try it against a rival over a few seeds, save it.

The levers are the same generated controls as the dashboard's (:class:`ControlPanel`);
saving goes through :func:`sim.tournament.save_strategy`, which never overwrites a file.
Nothing is written until the learner presses Save. Strategies go to ``strategies/``, or to the
class folder when ``$PASAR_CLASS`` names one (so the trainer's class view sees them arrive).
"""

from __future__ import annotations

import html
import os

import ipywidgets as w

from ..course.classroom import ENV as CLASS_ENV
from ..params import LEVER_BY_NAME, ParameterError
from ..tournament import FOLDER, save_strategy
from .compare import compare_view
from .controls import ControlPanel, lever_of
from .style import ui

TRY_SEEDS = 3


class Sandbox(w.VBox):
    """Seller 1's strategy and levers, a rival, Try and Save."""

    def __init__(self, lang: str = "en", rival: str = "product", market: str = "head_to_head",
                 folder: str | None = None, weeks: int | None = None):
        super().__init__()
        self.lang, self.market, self.weeks = lang, market, weeks
        self.folder = folder or os.environ.get(CLASS_ENV) or FOLDER
        names = ["seller1.strategy", "seller1.switch_week",
                 *(f"seller1.{lever}" for lever in LEVER_BY_NAME)]
        self.panel = ControlPanel(names, lang, fixed=None)
        self.panel.load({})
        self.name = w.Text(description=ui("sandbox.name", lang),
                           placeholder=ui("sandbox.name_hint", lang),
                           style={"description_width": "initial"})
        self.rival = w.Dropdown(options=[(ui(f"strategy.{s}", lang), s)
                                         for s in ("product", "customer", "switch")],
                                value=rival, description=ui("sandbox.rival", lang),
                                style={"description_width": "initial"})
        self.try_button = w.Button(description=ui("sandbox.try", lang), icon="play",
                                   button_style="success")
        self.try_button.on_click(lambda _: self.try_it())
        self.save_button = w.Button(description=ui("sandbox.save", lang), icon="save")
        self.save_button.on_click(lambda _: self.save())
        self.message = w.HTML()
        self.result = w.Box()
        self.children = [w.HTML(f"<h4>{ui('sandbox.title', lang)}</h4>"), self.name,
                         self.panel.widget, self.rival,
                         w.HBox([self.try_button, self.save_button]), self.message, self.result]

    def levers(self) -> dict:
        """The levers the learner set (others follow the chosen strategy)."""
        values = self.panel.values()
        return {n.split(".", 1)[1]: v for n, v in values.items() if lever_of(n)}

    def values(self) -> dict:
        """Parameter values for a market with this strategy as seller 1 and the rival as 2."""
        chosen = self.panel.values()
        return {"scenario": self.market, "seller2.strategy": self.rival.value,
                **{k: v for k, v in chosen.items() if v is not None}}

    def try_it(self):
        """Run the design against the rival over a few seeds; show profit with its band."""
        try:
            view = compare_view({ui("sandbox.mine", self.lang): self.values()}, seeds=TRY_SEEDS,
                                weeks=self.weeks, lang=self.lang)
        except ParameterError as err:
            self._say(err.message(self.lang), error=True)
            return None
        self._say("")
        self.result.children = [view]
        return view

    def save(self):
        """Save the design into ``folder``; tell the learner the file name."""
        if not self.name.value.strip():
            self._say(ui("sandbox.need_name", self.lang), error=True)
            return None
        try:
            path = save_strategy(self.name.value, self.levers(),
                                 strategy=self.panel.strategy_of(1),
                                 switch_week=self.panel.values().get("seller1.switch_week"),
                                 folder=self.folder, lang=self.lang)
        except (ParameterError, OSError) as err:
            text = err.message(self.lang) if isinstance(err, ParameterError) else str(err)
            self._say(text, error=True)
            return None
        self._say(ui("sandbox.saved", self.lang, path=str(path)))
        return path

    def _say(self, text: str, error: bool = False) -> None:
        kind = "error" if error else "info"
        self.message.value = (f"<div class='pasar-message-{kind}' role='status'>"
                              f"{html.escape(text)}</div>") if text else ""


def sandbox(lang: str = "en", rival: str = "product", market: str = "head_to_head",
            folder: str | None = None, weeks: int | None = None) -> Sandbox:
    """Lesson 8's strategy designer (nothing is saved until the learner presses Save)."""
    return Sandbox(lang, rival, market, folder, weeks)
