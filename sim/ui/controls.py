"""The control panel, generated from the parameter declarations in :mod:`sim.params`.

Every parameter becomes a slider (numbers) or a dropdown (choices) with its label, help text
(tooltip and info line), unit and range in the chosen language. Market parameters are grouped
in an Accordion; each seller's strategy and levers sit in a tab of their own, the levers under a
caption per lever group (strategy, operations, offer). A lesson can show only a few controls
(``names``) and fix the rest.

Seller levers left alone follow the seller's strategy (their value is ``None`` for the model);
a lever the learner moves, or a preset sets, becomes explicit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..i18n import t
from ..params import LEVER_BY_NAME, LEVER_GROUPS, MAX_SELLERS, PARAMS, Param
from ..words import seller_number, text_or
from .style import number, ui

DESCRIPTION_WIDTH = "15em"
FLAT_MAX = 12  # up to this many controls: a plain list, no Accordion


def lever_of(name: str) -> str | None:
    """``"seller2.price"`` → ``"price"``; None for parameters that are not seller levers."""
    if name.startswith("seller") and "." in name:
        lever = name.split(".", 1)[1]
        return lever if lever in LEVER_BY_NAME else None
    return None


def choice_label(param: Param, choice: str, lang: str) -> str:
    """A choice as people read it (strategy, offering, network ...), falling back to its id."""
    if param.name.endswith(".strategy"):
        return text_or(f"ui.strategy.{choice}", lang, choice)
    if param.name.endswith(".offering"):
        return text_or(f"offering.{choice}", lang, choice)
    return text_or(f"ui.choice.{choice}", lang, choice)


def decimals(step: float | None) -> int:
    if not step:
        return 2
    return max(0, min(4, -math.floor(math.log10(step) + 1e-9)))


def readout_text(param: Param, value: Any, lang: str) -> str:
    """A slider's value as the course language writes it (en 0.60 · id 0,60; 1,000 · 1.000):
    ipywidgets' own readout is d3-format, which cannot change the decimal mark."""
    if value is None:
        return ""
    places = 0 if param.kind == "int" else decimals(param.step)
    return number(value, lang, places)


def localized(slider: w.Widget, lang: str) -> w.HBox:
    """``slider`` with its value shown in ``lang``'s number format beside it (plain text, not
    focusable) instead of ipywidgets' readout (d3 format, an editable second Tab stop)."""
    places = 0 if isinstance(slider, w.IntSlider) else decimals(slider.step)
    readout = w.HTML()
    readout.add_class("pasar-readout")

    def show(_change=None) -> None:
        readout.value = number(slider.value, lang, places)

    slider.readout = False
    slider.observe(show, names="value")
    show()
    return w.HBox([slider, readout], layout=w.Layout(align_items="center"))


def unit_text(param: Param, lang: str) -> str:
    """The unit beside a control; "(0-1)" never breaks at its hyphen (a non-breaking one)."""
    unit = text_or(f"unit.{param.unit}", lang, "").replace("-", "\u2011")
    return f"<span class='pasar-unit'>{unit}</span>" if unit else ""


def range_text(param: Param, lang: str) -> str:
    """A control's range as the course language writes numbers: 0.05 .. 0.9 · 0,05 .. 0,9."""
    if param.kind == "choice":
        return param.describe_range()
    mark = t("number.decimal", lang)
    return " .. ".join(f"{x:g}".replace(".", mark) for x in (param.low, param.high))



class Quiet:
    """Silences change handlers while code, not the learner, sets widgets: ``with quiet: ...``
    (nestable); ``if quiet: return`` in a handler."""

    def __init__(self):
        self.depth = 0

    def __bool__(self) -> bool:
        return self.depth > 0

    def __enter__(self) -> Quiet:
        self.depth += 1
        return self

    def __exit__(self, *exc) -> None:
        self.depth -= 1


class ControlPanel:
    """Widgets for parameters; ``values()`` gives what the model should receive."""

    def __init__(self, names: list[str] | None = None, lang: str = "en",
                 fixed: dict[str, Any] | None = None,
                 on_change: Callable[[str], None] | None = None):
        self.lang = lang
        self.fixed = dict(fixed or {})
        self.flat = names is not None and len(names) <= FLAT_MAX
        if names is None:
            names = [n for n in PARAMS if n not in self.fixed]
        unknown = [n for n in names if n not in PARAMS]
        if unknown:
            raise KeyError(t("error.unknown_control", lang, value=", ".join(unknown)))
        self.names = list(names)
        self.on_change = on_change
        self.base: dict[str, Any] = {}
        self.explicit: set[str] = set()
        self._quiet = Quiet()
        self.widgets: dict[str, w.Widget] = {}
        self.units: dict[str, w.HTML] = {}
        self.readouts: dict[str, w.HTML] = {}  # sliders' values in the course's number format
        self.rows: dict[str, w.HBox] = {}
        for name in self.names:
            self._make(name)
        self.info = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.info.add_class("pasar-info")
        self._seller_tabs = None
        self._captions: list[tuple[w.HTML, str]] = []  # lever-group captions in seller tabs
        self.widget = self._arrange()
        self._show_sellers()
        self.relabel(lang)

    # --- building ---------------------------------------------------------------------------
    def _make(self, name: str) -> None:
        p = PARAMS[name]
        common = dict(style={"description_width": DESCRIPTION_WIDTH},
                      layout=w.Layout(width="34em"), disabled=name in self.fixed)
        if p.kind == "choice":
            widget = w.Dropdown(options=list(p.choices), **common)
        elif p.kind == "int":
            widget = w.IntSlider(min=int(p.low), max=int(p.high), step=int(p.step or 1),
                                 continuous_update=False, readout=False, **common)
        else:
            widget = w.FloatSlider(min=p.low, max=p.high, step=p.step or 0.01,
                                   readout=False, continuous_update=False, **common)
        widget.value = self._shown_value(name, {})
        widget.observe(lambda change, n=name: self._changed(n), names="value")
        self.widgets[name] = widget
        self.units[name] = w.HTML()
        parts = [widget]
        if p.kind != "choice":
            # ipywidgets' readout is an editable (focusable) box in d3 number format: hidden,
            # and replaced by plain text in the course's format (one Tab stop per slider)
            readout = w.HTML(readout_text(p, widget.value, self.lang))
            readout.add_class("pasar-readout")
            widget.observe(lambda change, n=name: self._show_readout(n), names="value")
            self.readouts[name] = readout
            parts.append(readout)
        self.rows[name] = w.HBox([*parts, self.units[name]],
                                 layout=w.Layout(align_items="center"))

    def _show_readout(self, name: str) -> None:
        if name in self.readouts:
            self.readouts[name].value = readout_text(PARAMS[name], self.widgets[name].value,
                                                     self.lang)

    def _arrange(self) -> w.Widget:
        if self.flat:
            return w.VBox([*self.rows.values(), self.info])
        groups: dict[str, list[str]] = {}
        sellers: dict[int, list[str]] = {}
        for name in self.names:
            if name.startswith("seller") and "." in name:
                sellers.setdefault(seller_number(name.split(".")[0]), []).append(name)
            else:
                groups.setdefault(PARAMS[name].group, []).append(name)
        self._groups = list(groups)
        children = [w.VBox([self.rows[n] for n in names]) for names in groups.values()]
        self._seller_tabs = None
        self._seller_numbers: list[int] = []
        if sellers:
            self._seller_boxes = {i: w.VBox(self._by_lever_group(sellers[i]))
                                  for i in sorted(sellers)}
            self._seller_tabs = w.Tab([])
            children.insert(0, self._seller_tabs)
        self.accordion = w.Accordion(children, selected_index=0)
        return w.VBox([self.accordion, self.info])

    def _by_lever_group(self, names: list[str]) -> list[w.Widget]:
        """A seller's rows: strategy and switch week first, then its levers under a caption
        per lever group (strategy, operations, offer), as :data:`sim.params.LEVER_GROUPS`."""
        rows = [self.rows[n] for n in names if not lever_of(n)]
        for group in LEVER_GROUPS:
            members = [n for n in names if lever_of(n) and PARAMS[n].group == group]
            if members:
                caption = w.HTML()
                caption.add_class("pasar-caption")
                self._captions.append((caption, group))
                rows += [caption, *(self.rows[n] for n in members)]
        return rows

    # --- seller tabs ------------------------------------------------------------------------
    def n_sellers(self) -> int:
        """How many sellers the market has (the control, else the fixed or preset value)."""
        if "n_sellers" in self.widgets:
            return int(self.widgets["n_sellers"].value)
        return int(self.fixed.get("n_sellers", self.base.get("n_sellers",
                                                              PARAMS["n_sellers"].default)))

    def _show_sellers(self) -> None:
        """A tab for each seller that exists (none for seller 3 in a two-seller market)."""
        if self._seller_tabs is None:
            return
        numbers = [i for i in self._seller_boxes if i <= self.n_sellers()]
        if numbers == self._seller_numbers:
            return
        selected = self._seller_tabs.selected_index
        self._seller_numbers = numbers
        self._seller_tabs.children = [self._seller_boxes[i] for i in numbers]
        self._seller_tabs.titles = tuple(ui("seller", self.lang, n=i) for i in numbers)
        if numbers:
            self._seller_tabs.selected_index = min(selected or 0, len(numbers) - 1)

    # --- values ----------------------------------------------------------------------------
    def strategy_of(self, seller: int) -> str:
        name = f"seller{seller}.strategy"
        if name in self.widgets:
            return self.widgets[name].value
        return self.fixed.get(name, self.base.get(name, PARAMS[name].default))

    def _shown_value(self, name: str, values: dict) -> Any:
        """What a widget shows: the given value, else the default (a lever: its bundle)."""
        if values.get(name) is not None:
            return values[name]
        lever = lever_of(name)
        if lever:
            return LEVER_BY_NAME[lever].default_for(self.strategy_of(seller_number(name)))
        return PARAMS[name].default

    def values(self) -> dict[str, Any]:
        """Parameter values from the controls (levers only when explicit), fixed ones last."""
        out = {}
        for name, widget in self.widgets.items():
            if lever_of(name) and name not in self.explicit:
                continue
            out[name] = widget.value
        return {**out, **self.fixed}

    def load(self, base: dict[str, Any]) -> None:
        """Show a preset: every control takes the preset's value or its default."""
        self.base = dict(base)
        self.explicit = {n for n in self.widgets if lever_of(n) and base.get(n) is not None}
        with self.quiet():
            for name in self.widgets:  # strategies first: levers' bundles depend on them
                if name.endswith(".strategy"):
                    self.widgets[name].value = self._shown_value(name, {**base, **self.fixed})
            for name, widget in self.widgets.items():
                widget.value = self._shown_value(name, {**base, **self.fixed})
        self._show_sellers()

    def state(self) -> tuple[dict[str, Any], set[str]]:
        """Everything needed to put the controls back as they are (see :meth:`restore`)."""
        return {n: wd.value for n, wd in self.widgets.items()}, set(self.explicit)

    def restore(self, state: tuple[dict[str, Any], set[str]]) -> None:
        values, explicit = state
        with self.quiet():
            for name, value in values.items():
                self.widgets[name].value = value
        self.explicit = set(explicit)
        self._show_sellers()

    def set(self, name: str, value: Any) -> None:
        """Set one control as a learner would (runs the change handlers)."""
        self.widgets[name].value = value

    def quiet(self) -> Quiet:
        """Change widgets without calling ``on_change`` (``with panel.quiet(): ...``)."""
        return self._quiet

    def _changed(self, name: str) -> None:
        if self._quiet:
            return
        if lever_of(name):
            self.explicit.add(name)
        if name.endswith(".strategy"):
            self._follow_strategy(seller_number(name.split(".")[0]))
        if name == "n_sellers":
            self._show_sellers()
        self._explain(name)
        if self.on_change:
            self.on_change(name)

    def _follow_strategy(self, seller: int) -> None:
        """Levers the learner never set move to the new strategy's bundle."""
        with self.quiet():
            for name, widget in self.widgets.items():
                if name.startswith(f"seller{seller}.") and lever_of(name) \
                        and name not in self.explicit:
                    widget.value = self._shown_value(name, {})

    def _explain(self, name: str) -> None:
        p = PARAMS[name]
        unit = text_or(f"unit.{p.unit}", self.lang, "")
        self.info.value = ui("controls.info", self.lang, label=self._label(name),
                             help=p.text("help", self.lang), unit=unit or "-",
                             range=range_text(p, self.lang))

    # --- language ----------------------------------------------------------------------------
    def _label(self, name: str) -> str:
        p = PARAMS[name]
        label = p.text("label", self.lang)
        if self.flat and lever_of(name):
            label = f"{ui('seller', self.lang, n=seller_number(name.split('.')[0]))}: {label}"
        return label

    def relabel(self, lang: str) -> None:
        """Every label, tooltip, unit, option and title in ``lang``."""
        self.lang = lang
        with self.quiet():
            for name, widget in self.widgets.items():
                p = PARAMS[name]
                widget.description = self._label(name)
                widget.tooltip = p.text("help", lang)
                self.units[name].value = unit_text(p, lang)
                self._show_readout(name)
                if p.kind == "choice":
                    value = widget.value
                    widget.options = [(choice_label(p, c, lang), c) for c in p.choices]
                    widget.value = value
        for caption, group in self._captions:
            caption.value = f"<b>{t(f'group.{group}', lang)}</b>"
        if not self.flat:
            titles = [t(f"group.{g}", lang) if _has(f"group.{g}", lang) else g
                      for g in self._groups]
            if self._seller_tabs is not None:
                titles.insert(0, ui("controls.sellers", lang))
                self._seller_tabs.titles = tuple(ui("seller", lang, n=i)
                                                 for i in self._seller_numbers)
            self.accordion.titles = tuple(titles)
        if self.info.value:
            self.info.value = ""


def _has(key: str, lang: str) -> bool:
    return text_or(key, lang, "\0") != "\0"


__all__ = ["ControlPanel", "lever_of", "localized", "readout_text", "MAX_SELLERS"]
