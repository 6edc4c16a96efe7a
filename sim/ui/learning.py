"""Learning widgets: a quiz with feedback, predict-before-reveal, and one-click experiments.

Texts come from ``lessons/<lang>/quiz/<lesson>.json`` (see ``lessons/README.md``); checking
and judging are in :mod:`sim.course.judge`. A prediction's answer is computed by running the
experiment when the learner presses "Run and reveal", never stored.

Under each quiz a learner may send the lesson's bets and quiz answers to the class (a name and
a button; nothing is written otherwise): :func:`sim.course.classroom.save_answers`.
"""

from __future__ import annotations

import html
import weakref

import ipywidgets as w

from ..course import judge as J
from ..course.classroom import class_folder, lesson_id, save_answers
from ..decompose import Decomposition
from ..params import ParameterError
from ..scenarios import SCENARIOS
from .by_hand import by_hand
from .decompose import draw as draw_decomposition
from .glossary import glossary
from .layout import PanelHelper
from .plot import Plot
from .style import (
    A11Y_CSS,
    AUTHORED,
    FONT_SIZE,
    OTHER_COLOURS,
    message_html,
    metric_label,
    parenthesised,
    seller_colour,
    seller_dash,
    seller_label,
    ui,
)

WIDE = w.Layout(width="100%")


def _feedback(right: bool, text: str, lang: str) -> str:
    head = ui("quiz.right" if right else "quiz.wrong", lang)
    colour = "#009E73" if right else "#D55E00"
    return (f"<div role='status' aria-live='polite' style='border-left:6px solid {colour};"
            f"padding:4px 10px;margin:4px 0'><b>{head}</b> {html.escape(text)}</div>")


class Question(w.VBox):
    """One question: choice (buttons) or number (a box), a Check button, and feedback."""

    def __init__(self, q: dict, number_: int, lang: str):
        super().__init__(layout=w.Layout(margin="0 0 12px 0"))
        self.q, self.lang, self.right = q, lang, None
        prompt = w.HTML(f"<b>{number_}.</b> {html.escape(q['prompt'])}")
        prompt.add_class("pasar-prompt")  # names the answer box (panel.js)
        prompt.add_class(AUTHORED)
        self.add_class("pasar-question")
        if q.get("kind", "choice") == "choice":
            self.answer = w.RadioButtons(options=[(o, i) for i, o in enumerate(q["options"])],
                                         value=None, layout=WIDE)
            self.answer.add_class(AUTHORED)
        else:
            self.answer = w.FloatText(value=None, description=parenthesised(q.get("unit", "")),
                                      style={"description_width": "initial"})
        self.check = w.Button(description=ui("quiz.check", lang), icon="check")
        self.check.on_click(lambda _: self.grade())
        self.feedback = w.HTML()
        self.feedback.add_class(AUTHORED)
        self.children = [prompt, self.answer, self.check, self.feedback]
        self.on_graded = None

    def grade(self) -> bool | None:
        value = self.answer.value
        if value is None:
            self.feedback.value = f"<i>{ui('quiz.pick_first', self.lang)}</i>"
            return None
        if self.q.get("kind", "choice") == "choice":
            self.right, text = J.check_choice(self.q, value)
        else:
            self.right, text = J.check_number(self.q, value)
        self.feedback.value = _feedback(self.right, text, self.lang)
        if self.on_graded:
            self.on_graded()
        return self.right


class Quiz(w.VBox):
    """A lesson's self-check questions with per-answer feedback, a running score, and an
    optional "send to the class" row (the lesson's bets and these answers, under a name)."""

    def __init__(self, lesson: str, lang: str = "en", folder: str | None = None):
        super().__init__()
        doc = J.load_lesson(lesson, lang)
        self.lesson, self.folder = lesson_id(lesson), folder
        self.questions = [Question(q, i, lang) for i, q in enumerate(doc["questions"], 1)]
        self.score = w.HTML()
        for q in self.questions:
            q.on_graded = self._score
        self.lang = lang
        self.add_class("pasar-quiz")  # the root panel.js names the answer boxes within
        self.name = w.Text(description=ui("share.name", lang),
                           placeholder=ui("share.name_hint", lang),
                           style={"description_width": "initial"})
        self.send = w.Button(description=ui("share.send", lang), icon="paper-plane")
        self.send.on_click(lambda _: self.share())
        self.sent = w.HTML()
        share = w.VBox([w.HTML(f"<b>{ui('share.title', lang)}</b> "
                               f"<span style='font-size:90%'>{ui('share.explain', lang)}</span>"),
                        w.HBox([self.name, self.send]), self.sent],
                       layout=w.Layout(border="1px solid #ccc", padding="6px", margin="8px 0"))
        self.children = [w.HTML(f"<h4>{ui('quiz.title', lang)}</h4>"), *self.questions,
                         self.score, share, PanelHelper(), w.HTML(A11Y_CSS)]

    def _score(self) -> None:
        done = [q for q in self.questions if q.right is not None]
        right = sum(1 for q in done if q.right)
        self.score.value = ui("quiz.score", self.lang, right=right, total=len(self.questions))

    def answers(self) -> tuple[dict[str, str], dict[str, float]]:
        """(bets placed in this lesson's predictions, answers the learner checked)."""
        shown = _PREDICTIONS.get(self.lesson, {})
        bets = {pid: p.bet.value for pid, p in list(shown.items()) if p.bet.value is not None}
        given = {q.q["id"]: q.answer.value for q in self.questions if q.right is not None}
        return bets, given

    def share(self):
        """Save the bets and answers to the class folder under the learner's name."""
        if not self.name.value.strip():
            return self._say(ui("share.need_name", self.lang), error=True)
        bets, given = self.answers()
        if not bets and not given:
            return self._say(ui("share.nothing", self.lang), error=True)
        try:
            path = save_answers(self.name.value, self.lesson, bets, given,
                                class_folder(self.folder), self.lang)
        except ParameterError as err:
            return self._say(err.message(self.lang), error=True)
        except (OSError, ValueError) as err:
            return self._say(str(err), error=True)
        self._say(ui("share.sent", self.lang, path=str(path)))
        return path

    def _say(self, text: str, error: bool = False) -> None:
        self.sent.value = message_html(html.escape(text), "error" if error else "info")


def quiz(lesson: str, lang: str = "en", folder: str | None = None) -> Quiz:
    """The self-check quiz of ``lesson`` (``lessons/<lang>/quiz/<lesson>.json``); answers sent
    to the class go to ``folder`` (default: ``$PASAR_CLASS`` or ``class/``)."""
    return Quiz(lesson, lang, folder)


# the latest prediction widget of each lesson and id in this kernel, for the quiz's "send" row
_PREDICTIONS: dict[str, weakref.WeakValueDictionary] = {}


class Predict(w.VBox):
    """Place a bet, run the experiment, learn whether the bet was right and why."""

    def __init__(self, lesson: str, item: str | int = 0, lang: str = "en"):
        super().__init__(layout=w.Layout(border="1px solid #ccc", padding="8px"))
        self.lang = lang
        self.item = J.find(J.load_lesson(lesson, lang)["predictions"], item)
        _PREDICTIONS.setdefault(lesson_id(lesson), weakref.WeakValueDictionary())[
            self.item["id"]] = self
        self.bet = w.ToggleButtons(options=[(o["label"], o["outcome"])
                                            for o in self.item["options"]], value=None,
                                   style={"button_width": "auto"})
        self.reveal = w.Button(description=ui("predict.reveal", lang), icon="eye",
                               button_style="primary", disabled=True)
        self.bet.observe(lambda c: setattr(self.reveal, "disabled", c.new is None),
                         names="value")
        self.reveal.on_click(lambda _: self.run())
        self.status = w.HTML()
        self.result = w.HTML()
        self.figure = Plot(lang=lang, layout=dict(
            template="plotly_white", height=340, font=dict(size=FONT_SIZE[False]),
            margin=dict(l=60, r=20, t=40, b=40), legend=dict(orientation="h", y=-0.2)))
        self.figure_box = w.Box([self.figure], layout=w.Layout(display="none"))
        self.verdict = None
        prompt = w.HTML(f"<b>{ui('predict.bet', lang)}</b> {html.escape(self.item['prompt'])}")
        for authored in (prompt, self.bet, self.result):
            authored.add_class(AUTHORED)
        self.children = [prompt, self.bet, self.reveal, self.status, self.result,
                         self.figure_box]

    def run(self) -> J.Verdict | None:
        if self.bet.value is None:
            self.status.value = f"<i>{ui('quiz.pick_first', self.lang)}</i>"
            return None
        self.reveal.disabled, self.bet.disabled = True, True
        self.status.value = f"<i>{ui('msg.working', self.lang)}</i>"
        try:
            self.verdict = J.judge(self.item, self.lang)
        except Exception as exc:  # noqa: BLE001 - told in words, never a traceback
            self.status.value = ui("msg.unexpected", self.lang, error=type(exc).__name__)
            self.reveal.disabled, self.bet.disabled = False, False
            return None
        self.status.value = ""
        right = self.bet.value == self.verdict.outcome
        why = self.item.get("explain", {}).get(self.verdict.outcome, "")
        happened = next((o["label"] for o in self.item["options"]
                         if o["outcome"] == self.verdict.outcome), self.verdict.outcome)
        said = self.verdict.said(self.lang)  # over seeds: the means and how clear they are
        self.result.value = _feedback(right, f"{ui('predict.happened', self.lang)} "
                                      f"{happened}. {why} {said}".strip(), self.lang)
        self._plot()
        return self.verdict

    def _plot(self) -> None:
        v, fig = self.verdict, self.figure
        if isinstance(v.result, Decomposition):  # a bar per lever group, not a line per week
            with fig.batch_update():
                draw_decomposition(fig, v.result, self.lang)
            self.figure_box.layout.display = "flex"
            return
        with fig.batch_update():
            fig.data = ()
            x_title = ui("axis.week", self.lang)
            if hasattr(v.result, "weekly"):
                for name, rows in v.result.weekly.groupby("seller", sort=True):
                    strategy = rows.strategy.iloc[-1]
                    fig.add_scatter(x=rows.week.tolist(), y=rows[v.metric].tolist(),
                                    mode="lines", name=seller_label(name, strategy, self.lang),
                                    line=dict(color=seller_colour(strategy),
                                              dash=seller_dash(name), width=3))
            elif "week" not in v.result.columns:  # a value per variant (judge channel_value)
                table = v.result
                fig.add_bar(x=[self._label_of(x) for x in table.variant],
                            y=table["mean"].tolist(),
                            error_y=dict(type="data", symmetric=False,
                                         array=(table.high - table["mean"]).tolist(),
                                         arrayminus=(table["mean"] - table.low).tolist()),
                            marker=dict(color=[OTHER_COLOURS[k % 5] for k in range(len(table))]),
                            showlegend=False)
                x_title = ""
            elif v.result.variant.nunique() == 1:  # one market over seeds: a mean per seller
                for name, rows in v.result.groupby("seller", sort=True):
                    strategy = rows.strategy.iloc[-1]
                    fig.add_scatter(x=rows.week.tolist(), y=rows["mean"].tolist(), mode="lines",
                                    name=seller_label(name, strategy, self.lang),
                                    line=dict(color=seller_colour(strategy),
                                              dash=seller_dash(name), width=3))
            else:
                table = v.result
                for k, (variant, rows) in enumerate(table.groupby("variant", sort=False)):
                    summed = rows.groupby("week")["mean"].sum()
                    fig.add_scatter(x=list(summed.index), y=list(summed), mode="lines",
                                    name=self._label_of(variant),
                                    line=dict(color=OTHER_COLOURS[k % 5], width=3))
            fig.layout.title.text = metric_label(v.metric, self.lang)
            fig.layout.xaxis.title.text = x_title
        self.figure_box.layout.display = "flex"

    def _label_of(self, outcome: str) -> str:
        return next((o["label"] for o in self.item["options"] if o["outcome"] == outcome),
                    outcome)


def predict(lesson: str, item: str | int = 0, lang: str = "en") -> Predict:
    """The prediction ``item`` (id or position) of ``lesson``: bet, run, reveal, explain."""
    return Predict(lesson, item, lang)


class PresetButtons(w.VBox):
    """One button per named experiment; a click loads it into ``dashboard`` (if given) or runs
    it and shows its story, what to look for, and the run's summary."""

    def __init__(self, names: list[str], lang: str = "en", dashboard=None):
        super().__init__()
        self.lang, self.dashboard = lang, dashboard
        self.buttons = {}
        for name in names:
            sc = SCENARIOS[name]
            b = w.Button(description=sc.title[lang], tooltip=sc.story[lang],
                         layout=w.Layout(width="auto"))
            b.on_click(lambda _, n=name: self.choose(n))
            self.buttons[name] = b
        self.output = w.HTML()
        self.children = [w.HBox(list(self.buttons.values()),
                                layout=w.Layout(flex_flow="row wrap")), self.output]

    def choose(self, name: str) -> None:
        sc = SCENARIOS[name]
        head = (f"<b>{html.escape(sc.title[self.lang])}</b>: {html.escape(sc.story[self.lang])}"
                f"<br><i>{ui('preset.look_for', self.lang)} "
                f"{html.escape(sc.look_for[self.lang])}</i>")
        if self.dashboard is not None:
            self.dashboard.load_preset(name)
            self.output.value = head
            return
        from ..runner import run

        result = run(name, seed=sc.seed, lang=self.lang)
        lines = "<br>".join(html.escape(x) for x in result.summary(self.lang).splitlines())
        self.output.value = f"{head}<br><span style='font-size:90%'>{lines}</span>"


def preset_buttons(names: list[str], lang: str = "en", dashboard=None) -> PresetButtons:
    """One-click named experiments (scenario names), optionally driving a dashboard."""
    return PresetButtons(names, lang, dashboard)


__all__ = ["by_hand", "glossary", "predict", "preset_buttons", "quiz"]
