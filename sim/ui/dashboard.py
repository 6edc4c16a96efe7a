"""The dashboard: NetLogo-style run controls, presets, sliders and live charts in one widget.

``Dashboard("head_to_head", lang="id")`` builds it (and runs the preset once, so charts show
something at once); ``dashboard(...)`` builds and displays it. Sliders rerun the market on
release; Step and Run/Pause step a live model week by week; every chart carries a one-line
summary in the chosen language; a bad value gets a friendly message and changes nothing.
"""

from __future__ import annotations

import html
import time
from typing import Any

import ipywidgets as w

from ..i18n import languages, t
from ..params import PARAMS, ParameterError, seller_of, validate
from ..scenarios import SCENARIOS
from ..scenarios import get as get_scenario
from ..scenarios.lessons import lesson_of, lesson_presets
from . import export as export_mod
from .charts import CHART_CLASSES, CHARTS
from .controls import ControlPanel, Quiet, localized
from .layout import PanelHelper
from .live import LiveRun
from .style import A11Y_CSS, LAYOUT_CSS, number, summary_id, ui
from .worker import END, LatestOnly, Request

PROGRESS_AFTER = 0.5  # seconds of work before the progress bar shows
CSS = """<style>
.pasar-dash { --pasar-summary-size: 15px; }
.pasar-dash .pasar-summary { font-size: var(--pasar-summary-size); line-height: 1.4;
  margin: 0 8px 14px 8px; color: #222; }
.pasar-dash .pasar-unit { color: #555; font-size: 90%; margin-left: 4px; }
.pasar-dash .pasar-message-error { background: #FCE8D9; border-left: 6px solid #D55E00;
  padding: 6px 10px; }
.pasar-dash .pasar-message-info { background: #E3F1FA; border-left: 6px solid #0072B2;
  padding: 6px 10px; }
.pasar-dash .pasar-lookfor { font-style: italic; }
.pasar-large { --jp-widgets-font-size: 20px; --jp-widgets-inline-height: 38px;
  --jp-widgets-inline-label-width: 16em; --pasar-summary-size: 22px; font-size: 20px; }
.pasar-large .widget-readout, .pasar-large .widget-label, .pasar-large button,
.pasar-large input, .pasar-large select, .pasar-large .widget-html-content,
.pasar-large .lm-TabBar-tabLabel, .pasar-large .jupyter-widget-Collapse-header
  { font-size: 20px !important; }
</style>"""


FLAT_PRESETS = 12  # up to this many presets (a lesson's menu): one plain menu; more: grouped


def preset_group(name: str) -> str:
    """``"headline"`` or ``"lesson<N>"``."""
    lesson = lesson_of(name)
    return "headline" if lesson is None else f"lesson{lesson}"


def group_presets(names: list[str]) -> dict[str, list[str]]:
    """Presets by group: headline scenarios first, then lessons 0..8 in order."""
    groups: dict[str, list[str]] = {}
    for name in sorted(names, key=lambda n: (lesson_of(n) is not None, lesson_of(n) or 0)):
        groups.setdefault(preset_group(name), []).append(name)
    return groups


def _default_presets(scenario: str, lesson: int | None = None) -> list[str]:
    """In a lesson, its scenario and the presets the lesson uses (``lesson_presets``);
    outside a lesson every preset but the validation ones."""
    if lesson is None:
        lesson = lesson_of(scenario)
    if lesson is not None:
        return list(dict.fromkeys([scenario, *lesson_presets(lesson)]))
    return [n for n, s in SCENARIOS.items() if "validation" not in s.tags]


class Dashboard(w.VBox):
    """A market you can play with. See the module docstring; ``.widget`` is the widget itself.

    Args:
        scenario: the preset to start from (a name in ``sim.SCENARIOS``).
        lang: ``"en"`` or ``"id"``.
        controls: parameter names to show as controls (None: all of them).
        charts: which charts, a subset of ``sim.ui.charts.CHARTS`` (None: all).
        presets: scenario names in the preset dropdown (None: the lesson's experiments, see
            ``lesson``; else all but the validation ones). More than ``FLAT_PRESETS`` are
            chosen in two steps: a group (headline scenarios, lesson 1 ... 8), then the preset.
        fixed: parameter values that stay fixed whatever the preset says.
        large_fonts: start with large fonts (projector).
        seed: the random seed (None: the scenario's).
        weeks: how many weeks a run lasts (None: the scenario's).
        export_dir: where the Export button writes its files.
        background: run work in a background thread (None: when inside a Jupyter kernel).
        lesson: the lesson this dashboard is in: its presets are ``scenario``, that lesson's
            experiments (``l<N>_...``) and the scenarios its text names from elsewhere
            (``sim.scenarios.lessons.lesson_presets``; None: the lesson of ``scenario``'s
            prefix, if any).
    """

    def __init__(self, scenario: str = "head_to_head", lang: str = "en",
                 controls: list[str] | None = None, charts: list[str] | None = None,
                 presets: list[str] | None = None, fixed: dict[str, Any] | None = None,
                 large_fonts: bool = False, seed: int | None = None, weeks: int | None = None,
                 *, export_dir: str = "exports", background: bool | None = None,
                 lesson: int | None = None):
        super().__init__()
        self.lang, self.large = lang, bool(large_fonts)
        self.export_dir = export_dir
        self._weeks = weeks
        self._shown_at = None
        self._run_started: tuple[float, int] | None = None  # (time, week) Run was pressed
        sc = get_scenario(scenario, lang)
        self.preset_names = (list(presets) if presets is not None
                             else _default_presets(scenario, lesson))
        if scenario not in self.preset_names:
            self.preset_names.insert(0, scenario)
        self.preset_groups = group_presets(self.preset_names)
        self.preset, self.modified = scenario, False
        chart_keys = list(charts) if charts is not None else list(CHARTS)
        bad = [c for c in chart_keys if c not in CHART_CLASSES]
        if bad:
            raise KeyError(t("error.unknown_chart", lang, value=", ".join(bad),
                             valid=", ".join(CHARTS)))
        self.panel = ControlPanel(controls, lang, fixed, on_change=self._on_control)
        self.panel.load(self._base(sc))
        self._quiet = Quiet()
        self.worker = LatestOnly(self._work, self._on_error, background)
        self._build_controls(seed if seed is not None else sc.seed)
        values = validate(self.values(), lang)  # a bad preset or fixed value fails loudly here
        self.live = LiveRun(values, self.seed.value, scenario, lang, checked=True)
        self.live.advance()
        self._good = (self.panel.state(), self.seed.value)
        self._relationships = any(CHART_CLASSES[k].reads_relationships for k in chart_keys)
        snap = self.snapshot
        self.charts = {k: CHART_CLASSES[k](snap, lang, self.large) for k in chart_keys}
        self.summaries = {k: w.HTML() for k in chart_keys}
        for key, summary in self.summaries.items():  # each chart points at its summary
            self.charts[key].figure.describe_by(summary_id(summary))
        self._build_layout()
        self.relabel(lang)
        self._refresh(snap, charts=False)  # the charts were just built from this snapshot

    # --- building ---------------------------------------------------------------------------
    def _base(self, sc) -> dict:
        base = dict(sc.values)
        if self._weeks is not None:
            base["weeks"] = self._weeks
        return base

    def _build_controls(self, seed: int) -> None:
        btn = dict(layout=w.Layout(width="auto"))
        self.title = w.HTML()
        self.lang_toggle = w.ToggleButtons(options=[(t("language.name", lang), lang)
                                                    for lang in languages()],
                                           value=self.lang, style={"button_width": "auto"})
        self.lang_toggle.observe(lambda c: self.set_language(c.new), names="value")
        self.large_toggle = w.ToggleButton(value=self.large, icon="text-height", **btn)
        self.large_toggle.observe(lambda c: self.set_large_fonts(c.new), names="value")
        grouped = len(self.preset_names) > FLAT_PRESETS and len(self.preset_groups) > 1
        self.preset_group = w.Dropdown(options=[(g, g) for g in self.preset_groups],
                                       value=preset_group(self.preset),
                                       layout=w.Layout(width="100%",
                                                       display=None if grouped else "none"))
        self.preset_group.observe(self._on_preset_group, names="value")
        shown = self._group_names(self.preset_group.value)
        self.preset_menu = w.Dropdown(options=[(n, n) for n in shown],
                                      value=self.preset, layout=w.Layout(width="100%"))
        self.preset_menu.observe(self._on_preset, names="value")
        self.look_for = w.HTML()
        self.setup_button = w.Button(icon="undo", **btn)
        self.setup_button.on_click(lambda _: self.setup())
        self.step_button = w.Button(icon="step-forward", **btn)
        self.step_button.on_click(lambda _: self.step())
        self.run_toggle = w.ToggleButton(icon="play", button_style="success", **btn)
        self.run_toggle.observe(self._on_run_toggle, names="value")
        self.speed = w.IntSlider(value=8, min=1, max=30, continuous_update=False,
                                 style={"description_width": "initial"},
                                 layout=w.Layout(width="26em"))
        self.play = w.Play(min=0, max=END, step=1, interval=125, show_repeat=False,
                           layout=w.Layout(display="none"))
        self.speed.observe(lambda c: setattr(self.play, "interval", int(1000 / c.new)),
                           names="value")
        self.play.observe(self._on_play, names="value")
        self.play.observe(self._on_playing, names="playing")
        self.counter = w.HTML()
        self.seed = w.BoundedIntText(value=seed, min=0, max=2**31 - 1,
                                     style={"description_width": "initial"},
                                     layout=w.Layout(width="11em"))
        self.seed.observe(self._on_seed, names="value")
        self.run_all_button = w.Button(icon="fast-forward", **btn)
        self.run_all_button.on_click(lambda _: self.run_all())
        self.export_button = w.Button(icon="download", **btn)
        self.export_button.on_click(lambda _: self.export())
        self.progress = w.IntProgress(min=0, max=1, layout=w.Layout(width="16em"))
        self.progress_label = w.Label()
        self.progress_box = w.HBox([self.progress_label, self.progress],
                                   layout=w.Layout(display="none"))
        self.message = w.HTML()

    def _build_layout(self) -> None:
        head = w.HBox([self.title, self.lang_toggle, self.large_toggle],
                      layout=w.Layout(justify_content="space-between", align_items="center",
                                      flex_flow="row wrap"))
        presets = w.VBox([self.preset_group, self.preset_menu, self.look_for])
        # the speed's value as plain text: ipywidgets' readout is a second Tab stop
        speed = localized(self.speed, self.lang)
        speed.add_class("pasar-speed")
        run = w.HBox([self.setup_button, self.step_button, self.run_toggle, speed,
                      self.counter, self.seed, self.run_all_button, self.export_button,
                      self.play],
                     layout=w.Layout(align_items="center", flex_flow="row wrap"))
        run.add_class("pasar-run")
        self.panel.widget.add_class("pasar-controls")
        cells = []
        for key in self.charts:
            cell = w.VBox([self.charts[key].figure, self.summaries[key]])
            cell.add_class("pasar-cell")
            cells.append(cell)
        # The row: controls on the left (scrolling on their own, kept in view), the charts in
        # the rest of the width (as many columns as fit, each chart as wide as its cell).
        grid = w.Box(cells)
        grid.add_class("pasar-charts")
        side = w.VBox([presets, run, self.progress_box, self.message, self.panel.widget])
        side.add_class("pasar-side")
        body = w.Box([side, grid])
        body.add_class("pasar-body")
        self.children = [w.HTML(CSS), w.HTML(LAYOUT_CSS), w.HTML(A11Y_CSS), PanelHelper(),
                         head, body]
        self.add_class("pasar-dash")
        if self.large:
            self.add_class("pasar-large")

    # --- what a learner does ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The parameter values the next run will use (preset, then controls, then fixed).
        Controls of sellers beyond ``n_sellers`` are left out: they change nothing, and the
        model refuses levers of sellers it does not have."""
        values = {**self.panel.base, **self.panel.values()}
        n = values.get("n_sellers", PARAMS["n_sellers"].default)
        if isinstance(n, int):
            values = {k: v for k, v in values.items() if (seller_of(k) or 0) <= n}
        return values

    def set(self, name: str, value: Any) -> None:
        """Move a control (as if the learner did): the market reruns."""
        self.panel.set(name, value)

    def load_preset(self, name: str) -> None:
        if name not in self.preset_names:
            raise KeyError(t("error.unknown_preset", self.lang, value=name,
                             valid=", ".join(self.preset_names)))
        if self.preset_group.layout.display != "none":
            self.preset_group.value = preset_group(name)
        self.preset_menu.value = name

    def setup(self) -> None:
        """Back to week 0 with the current settings (NetLogo's setup)."""
        self._stop_playing()
        self._rebuild(target=0)

    def step(self, weeks: int = 1) -> None:
        """One week more (NetLogo's go once)."""
        self.worker.submit(Request(steps=weeks))

    def run_all(self) -> None:
        """Run to the last week now."""
        self._stop_playing()
        self.worker.submit(Request(target=END))

    def wait(self, timeout: float = 60) -> bool:
        """Wait until the charts show the latest request (for tests and scripts)."""
        return self.worker.wait(timeout)

    @property
    def snapshot(self):
        return self.live.snapshot(self._relationships)

    def summary_text(self, chart: str) -> str:
        """The plain text under ``chart``."""
        return html.unescape(self.summaries[chart].value.split(">", 1)[1].rsplit("<", 1)[0])

    def export(self) -> tuple | None:
        """Save CSV + JSON of the run so far into ``export_dir``; tell the learner where."""
        name = self.preset + ("-custom" if self.modified else "")
        try:
            paths = export_mod.export_run(self.live.result(), self.export_dir,
                                          export_mod.export_name(name, self.live.seed),
                                          lang=self.lang)
        except OSError as exc:
            self._say(ui("msg.export_failed", self.lang, error=html.escape(str(exc))), "error")
            return None
        self._say(ui("msg.exported", self.lang, csv=html.escape(str(paths[0])),
                     json=html.escape(str(paths[1]))), "info")
        return paths

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            if self.lang_toggle.value != lang:
                self.lang_toggle.value = lang
            self.relabel(lang)
            self.worker.submit(Request())

    def set_large_fonts(self, large: bool) -> None:
        self.large = bool(large)
        (self.add_class if self.large else self.remove_class)("pasar-large")
        if self.large_toggle.value != self.large:
            self.large_toggle.value = self.large
        self.worker.submit(Request())

    # --- handlers ---------------------------------------------------------------------------
    def _on_control(self, name: str) -> None:
        self.modified = True
        self._stop_playing()
        self._rebuild()

    def _on_seed(self, change) -> None:
        if not self._quiet:
            self._stop_playing()
            self._rebuild()

    def _on_preset(self, change) -> None:
        if self._quiet or change.new is None:
            return
        sc = get_scenario(change.new, self.lang)
        self.preset, self.modified = change.new, False
        self._stop_playing()
        self.panel.load(self._base(sc))
        with self._quiet:
            self.seed.value = sc.seed
        self.look_for.value = self._look_for_html()
        self._rebuild()

    def _group_names(self, group: str) -> list[str]:
        """The presets the menu lists: the chosen group's (all of them when not grouped)."""
        if self.preset_group.layout.display == "none":
            return self.preset_names
        return self.preset_groups.get(group, [])

    def _group_label(self, group: str) -> str:
        if group == "headline":
            return ui("preset.group_headline", self.lang)
        return ui("preset.group_lesson", self.lang, n=group.removeprefix("lesson"))

    def _preset_options(self) -> None:
        """Fill the preset menu for the chosen group; it shows the current preset if listed."""
        names = self._group_names(self.preset_group.value)
        with self._quiet:
            self.preset_menu.options = [(SCENARIOS[n].title[self.lang], n) for n in names]
            self.preset_menu.value = self.preset if self.preset in names else None

    def _on_preset_group(self, change) -> None:
        if not self._quiet:
            self._preset_options()

    def _on_run_toggle(self, change) -> None:
        if self._quiet:
            return
        if change.new:
            if self.live.done:
                self._rebuild(target=0)
            with self._quiet:
                self.play.value = self.live.week
            self._run_started = (time.perf_counter(), self.live.week)
            self.play.playing = True
        else:
            self.play.playing = False
        self._relabel_run()

    def _on_play(self, change) -> None:
        if not self._quiet and self.play.playing:
            self.worker.submit(Request(target=change.new))

    def _on_playing(self, change) -> None:
        if not change.new and self.run_toggle.value:
            self._set_run_toggle(False)

    def _stop_playing(self) -> None:
        if self.play.playing:
            self.play.playing = False
        self._set_run_toggle(False)

    def _set_run_toggle(self, value: bool) -> None:
        with self._quiet:
            self.run_toggle.value = value
        self._relabel_run()

    def _rebuild(self, target: int | None = END) -> None:
        """Check the settings; if good, rerun from week 0 (to ``target``); if not, say why and
        put the controls back as they were."""
        try:
            values = validate(self.values(), self.lang)  # the one check; the engine trusts it
        except ParameterError as exc:
            self.panel.restore(self._good[0])
            with self._quiet:
                self.seed.value = self._good[1]
            self._say(html.escape(exc.message(self.lang)), "error", title="msg.bad_value")
            return
        self._good = (self.panel.state(), self.seed.value)
        self._say("")
        self.worker.submit(Request(reset=(values, self.seed.value), target=target))

    # --- the work (in the worker) -------------------------------------------------------------
    def _work(self, request: Request) -> None:
        t0 = time.perf_counter()
        if request.reset is not None:
            values, seed = request.reset
            self.live = LiveRun(values, seed, self.preset, self.lang, checked=True)
        live = self.live
        goal = live.week + request.steps
        if request.target is not None:
            goal = max(goal, request.target)
        if goal > live.week:
            live.advance(goal, lambda week, end, s: self._progress(week, end, time.perf_counter()
                                                                   - t0))
        self._refresh(live.snapshot(self._relationships))
        self.progress_box.layout.display = "none"

    def _progress(self, week: int, end: int, seconds: float) -> None:
        if seconds < PROGRESS_AFTER:
            return
        if self.progress_box.layout.display == "none":
            self.progress_label.value = ui("msg.working", self.lang)
            self.progress_box.layout.display = "flex"
        if week % 4 == 0 or week == end:
            self.progress.max, self.progress.value = max(1, end), week

    def _refresh(self, snap, charts: bool = True) -> None:
        for key, chart in self.charts.items():
            if charts:
                chart.update(snap, self.lang, self.large)
            text = html.escape(chart.summary(snap, self.lang))
            self.summaries[key].value = (f"<div class='pasar-summary' role='status' "
                                         f"id='{summary_id(self.summaries[key])}' "
                                         f"aria-live='polite'>{text}</div>")
        self.counter.value = ui("run.counter", self.lang, week=snap.week,
                                weeks=snap.horizon) + self._achieved(snap.week)
        if self.live.done and self.run_toggle.value:
            self._stop_playing()

    def _achieved(self, week: int) -> str:
        """While running: the speed actually achieved, next to the week (the speed slider says
        what was asked for; a slow machine may not keep up)."""
        if not (self.run_toggle.value and self._run_started):
            return ""
        t0, week0 = self._run_started
        seconds = time.perf_counter() - t0
        if seconds < 1 or week <= week0:
            return ""
        return " · " + ui("run.achieved", self.lang, rate=number((week - week0) / seconds,
                                                                  self.lang, 1))

    def _on_error(self, exc: BaseException) -> None:
        self.progress_box.layout.display = "none"
        if isinstance(exc, ParameterError):
            self._say(html.escape(exc.message(self.lang)), "error", title="msg.bad_value")
        else:
            self._say(ui("msg.unexpected", self.lang, error=html.escape(type(exc).__name__)),
                      "error")

    def _say(self, text: str, kind: str = "info", title: str | None = None) -> None:
        if not text:
            self.message.value = ""
            return
        head = f"<b>{ui(title, self.lang)}</b> " if title else ""
        self.message.value = f"<div class='pasar-message-{kind}' role='alert'>{head}{text}</div>"

    # --- language ---------------------------------------------------------------------------
    def _look_for_html(self) -> str:
        sc = SCENARIOS[self.preset]
        return (f"<span class='pasar-lookfor'><b>{ui('preset.look_for', self.lang)}</b> "
                f"{html.escape(sc.look_for[self.lang])}</span>")

    def _relabel_run(self) -> None:
        playing = self.run_toggle.value
        self.run_toggle.description = ui("run.pause" if playing else "run.run", self.lang)
        self.run_toggle.icon = "pause" if playing else "play"
        self.run_toggle.tooltip = ui("run.run_help", self.lang)

    def relabel(self, lang: str) -> None:
        """Every visible string in ``lang`` (charts follow at the next refresh)."""
        self.lang = lang
        self.panel.relabel(lang)
        self.title.value = f"<h3 style='margin:4px 0'>{ui('title', lang)}</h3>"
        self.large_toggle.description = ui("large_fonts", lang)
        self.large_toggle.tooltip = ui("large_fonts_help", lang)
        self.preset_menu.description = ui("preset.label", lang)
        self.preset_group.description = ui("preset.group", lang)
        with self._quiet:
            self.preset_group.options = [(self._group_label(g), g) for g in self.preset_groups]
            self.preset_group.value = preset_group(self.preset) \
                if preset_group(self.preset) in self.preset_groups else None
        self._preset_options()
        self.preset_menu.tooltip = ui("preset.help", lang)
        self.look_for.value = self._look_for_html()
        for button, key in ((self.setup_button, "setup"), (self.step_button, "step"),
                            (self.run_all_button, "run_all"), (self.export_button, "export")):
            button.description = ui(f"run.{key}", lang)
            button.tooltip = ui(f"run.{key}_help", lang)
        self.speed.description = ui("run.speed", lang)
        self.speed.tooltip = ui("run.speed_help", lang)
        self.seed.description = ui("run.seed", lang)
        self.seed.tooltip = ui("run.seed_help", lang)
        self._relabel_run()
        if self.message.value:
            self.message.value = ""
        if hasattr(self, "live"):
            self.counter.value = ui("run.counter", lang, week=self.live.week,
                                    weeks=self.live.horizon)

    # --- display ----------------------------------------------------------------------------
    @property
    def widget(self) -> Dashboard:
        return self

    def _ipython_display_(self) -> None:
        from IPython import get_ipython
        from IPython.display import display

        shell = get_ipython()
        count = getattr(shell, "execution_count", None)
        if self._shown_at is not None and self._shown_at == count:
            return  # dashboard(...) already showed it in this cell
        display(self._repr_mimebundle_(), raw=True)

    def _mark_shown(self) -> None:
        from IPython import get_ipython

        self._shown_at = getattr(get_ipython(), "execution_count", None)


def dashboard(scenario: str = "head_to_head", lang: str = "en", **kwargs) -> Dashboard:
    """Build a :class:`Dashboard` and display it; returns it (shown once even as the cell's
    last line)."""
    from IPython.display import display

    dash = Dashboard(scenario, lang, **kwargs)
    display(dash)
    dash._mark_shown()
    return dash
