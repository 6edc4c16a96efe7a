"""The widgets, driven from Python as a learner would drive them (no browser here; the browser
tests in tests/browser/ check the same things in JupyterLab and Voila)."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

import sim  # noqa: E402
import sim.ui as ui  # noqa: E402
from sim.customers import judge as satisfaction_rule  # noqa: E402
from sim.formulas import choice_probabilities  # noqa: E402
from sim.metrics import clv  # noqa: E402
from sim.scenarios.lessons import ALSO_IN_LESSON  # noqa: E402
from sim.ui import judge as J  # noqa: E402
from sim.ui.dashboard import FLAT_PRESETS, _default_presets  # noqa: E402
from sim.ui.worker import LatestOnly, Request  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def y_data(dash, chart="profit"):
    return [tuple(trace.y) for trace in dash.charts[chart].figure.data]


@pytest.fixture(scope="module")
def dash():
    return ui.Dashboard("head_to_head", lang="en", background=False)


def test_dashboard_shows_the_preset_run_and_a_summary_per_chart(dash):
    assert dash.live.week == dash.live.horizon == 104
    assert set(dash.charts) == set(ui.CHARTS)
    for key in dash.charts:
        assert dash.summary_text(key).strip(), key
    assert "Seller 2 (customer-centric) leads" in dash.summary_text("profit")


def test_moving_a_slider_reruns_and_changes_chart_and_summary():
    dash = ui.Dashboard("head_to_head", lang="en", background=False)
    before, text = y_data(dash), dash.summary_text("profit")
    dash.set("seller2.price", 80)
    assert dash.values()["seller2.price"] == 80
    assert y_data(dash) != before
    assert dash.summary_text("profit") != text
    assert dash.modified


def test_a_preset_sets_every_slider_and_the_seed():
    dash = ui.Dashboard("head_to_head", lang="en", background=False)
    dash.set("wom_rate", 0.05)
    dash.load_preset("l4_quiet_town")
    preset = sim.SCENARIOS["l4_quiet_town"]
    shown = dash.values()
    for name, value in preset.values.items():
        if name in dash.panel.widgets and value is not None:
            assert shown[name] == pytest.approx(value), name
    assert dash.seed.value == preset.seed
    assert preset.look_for["en"] in dash.look_for.value
    assert not dash.modified


def test_step_setup_and_run_to_the_end():
    dash = ui.Dashboard("beginner", lang="en", background=False)
    dash.setup()
    assert dash.live.week == 0
    dash.step()
    dash.step()
    assert dash.live.week == 2
    assert "2" in dash.counter.value
    dash.run_all()
    assert dash.live.week == dash.live.horizon


def test_same_seed_same_charts_other_seed_other_charts():
    a = ui.Dashboard("head_to_head", lang="en", background=False, seed=3)
    b = ui.Dashboard("head_to_head", lang="en", background=False, seed=3)
    assert y_data(a) == y_data(b)
    b.seed.value = 4
    assert y_data(a) != y_data(b)


def test_a_bad_value_gets_a_friendly_message_and_keeps_the_last_good_state():
    """Agents and resellers may be at most half the people: a combination the sliders allow
    one by one, which validation refuses as a whole."""
    dash = ui.Dashboard("reseller_network", lang="id", background=False,
                        controls=["n_customers", "seller2.agents"])
    good_values, good_data = dash.values(), y_data(dash)
    dash.set("n_customers", 50)
    good_values, good_data = dash.values(), y_data(dash)
    dash.set("seller2.agents", 50)
    message = dash.message.value
    assert "pasar-message-error" in message and "Traceback" not in message
    assert "agents + independents" in message and "0 .. 25" in message
    assert dash.values() == good_values
    assert dash.panel.widgets["seller2.agents"].value == good_values["seller2.agents"]
    assert y_data(dash) == good_data


def test_invalid_values_never_reach_the_model():
    dash = ui.Dashboard("head_to_head", lang="en", background=False)
    before = y_data(dash)
    state = dash.panel.state()
    dash.panel.fixed["n_customers"] = 5  # below the declared range
    dash._rebuild()
    assert "n_customers" in dash.message.value and "5" in dash.message.value
    assert y_data(dash) == before
    assert dash.panel.state()[0] == state[0]


def test_language_switch_changes_every_label():
    dash = ui.Dashboard("head_to_head", lang="en", background=False)
    english = (dash.step_button.description, dash.panel.widgets["wom_rate"].description,
               dash.charts["profit"].figure.layout.title.text, dash.summary_text("profit"))
    dash.set_language("id")
    indonesian = (dash.step_button.description, dash.panel.widgets["wom_rate"].description,
                  dash.charts["profit"].figure.layout.title.text, dash.summary_text("profit"))
    assert all(a != b for a, b in zip(english, indonesian, strict=True)), indonesian
    assert "Penjual" in dash.summary_text("profit")


def test_large_fonts_for_a_projector():
    dash = ui.Dashboard("head_to_head", lang="en", background=False)
    small = dash.charts["profit"].figure.layout.font.size
    dash.set_large_fonts(True)
    assert "pasar-large" in dash._dom_classes
    assert dash.charts["profit"].figure.layout.font.size > small


def test_presets_are_grouped_by_lesson(dash):
    """The full dashboard: first a group (headline scenarios, lesson 1 ... 8), then its
    presets; headline scenarios first, lessons in order, no validation scenario."""
    groups = [key for _, key in dash.preset_group.options]
    assert dash.preset_group.layout.display != "none"
    assert groups[0] == "headline"
    lessons = [int(g.removeprefix("lesson")) for g in groups[1:]]
    assert lessons == sorted(lessons) and lessons[0] >= 0
    assert [label for label, _ in dash.preset_group.options][1] == f"Lesson {lessons[0]}"
    shown = [name for _, name in dash.preset_menu.options]
    assert "head_to_head" in shown and not any(n.startswith("l4_") for n in shown)
    assert "twins" not in dash.preset_names  # validation scenarios are not experiments
    # choosing a group lists its experiments (and runs nothing until one is picked)
    week = dash.live.week
    dash.preset_group.value = "lesson4"
    shown = [name for _, name in dash.preset_menu.options]
    assert shown and all(n.startswith("l4_") for n in shown)
    assert dash.preset == "head_to_head" and dash.live.week == week
    dash.preset_group.value = "headline"
    assert dash.preset_menu.value == "head_to_head"


def test_load_preset_finds_its_group():
    dash = ui.Dashboard("head_to_head", lang="id", background=False)
    dash.load_preset("l4_quiet_town")
    assert dash.preset_group.value == "lesson4"
    assert dash.preset_menu.value == "l4_quiet_town" and dash.preset == "l4_quiet_town"
    assert [label for label, key in dash.preset_group.options if key == "lesson4"] \
        == ["Pelajaran 4"]
    with pytest.raises(KeyError):
        ui.Dashboard("l4_word_spreads", lang="en", background=False,
                     controls=["wom_rate"], charts=["stages"]).load_preset("switch")


def test_a_lessons_dashboard_offers_only_that_lessons_presets():
    dash = ui.Dashboard("l4_word_spreads", lang="en", background=False,
                        controls=["wom_rate", "network"], charts=["stages"])
    assert dash.preset_names[0] == "l4_word_spreads"
    assert all(n.startswith("l4_") or n in ALSO_IN_LESSON[4] for n in dash.preset_names)
    assert "l5_fad_market" not in dash.preset_names and "switch" not in dash.preset_names
    assert dash.preset_group.layout.display == "none"  # one group: one plain menu
    assert [n for _, n in dash.preset_menu.options] == dash.preset_names
    # a lesson that starts from a headline scenario says which lesson it is
    five = ui.Dashboard("head_to_head", lang="en", background=False, lesson=5,
                        controls=["seller1.strategy"], charts=["profit"])
    assert five.preset_names[0] == "head_to_head"
    assert {n for n in five.preset_names if n.startswith("l5_")} == \
        {n for n in sim.SCENARIOS if n.startswith("l5_")}
    assert all(n.startswith("l5_") or n in ALSO_IN_LESSON[5] for n in five.preset_names)
    assert len(five.preset_names) <= FLAT_PRESETS  # one plain menu
    assert five.preset_group.layout.display == "none"


LESSON_CALLS = re.compile(r"ui\.dashboard\((?P<args>[^\n]*)\)")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_lesson_dashboard_lists_the_presets_its_lesson_names(lang):
    """Each lesson notebook's dashboards say which lesson they are in (``lesson=N``), and every
    scenario the lesson's text names (`name`) is in their preset menu."""
    notebooks = sorted((REPO / "notebooks" / lang).glob("0*.ipynb"))
    assert len(notebooks) == 10
    for path in notebooks:
        lesson = int(path.name[:2])
        cells = json.loads(path.read_text())["cells"]
        text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        named = {n for n in re.findall(r"`([a-z0-9_]+)`", text) if n in sim.SCENARIOS}
        for call in LESSON_CALLS.finditer(code):
            assert f"lesson={lesson}" in call["args"], f"{path.name}: {call[0]}"
            scenario = re.match(r'\s*"([a-z0-9_]+)"', call["args"])[1]
            offered = _default_presets(scenario, lesson)
            assert named <= set(offered), f"{path.name}: not offered {named - set(offered)}"


def test_seller_tabs_only_for_sellers_that_exist(dash):
    def tabs(d):
        return list(d.panel._seller_tabs.titles), len(d.panel._seller_tabs.children)

    fresh = ui.Dashboard("head_to_head", lang="en", background=False)
    assert fresh.values()["n_sellers"] == 2
    assert tabs(fresh) == (["Seller 1", "Seller 2"], 2)
    fresh.set("n_sellers", 3)
    assert tabs(fresh) == (["Seller 1", "Seller 2", "Seller 3"], 3)
    fresh.load_preset("switch")
    assert tabs(fresh) == (["Seller 1", "Seller 2"], 2)
    fresh.load_preset("crowded_market")
    n = fresh.values()["n_sellers"]
    assert tabs(fresh)[1] == n and tabs(fresh)[0][-1] == f"Seller {n}"
    fresh.set_language("id")
    assert tabs(fresh)[0][0] == "Penjual 1"


def test_a_seller_tab_shows_its_levers_under_their_groups():
    """The captions come from the lever groups declared in sim/params.py, in both languages."""
    from sim.params import LEVER_GROUPS, LEVERS
    from sim.ui.controls import ControlPanel

    panel = ControlPanel(None, "en")
    box = panel._seller_boxes[1]
    captions = {id(c): g for c, g in panel._captions}
    order, current = [], None
    for child in box.children:
        if id(child) in captions:
            current = captions[id(child)]
            order.append((current, []))
        elif current:
            order[-1][1].append(next(n for n, r in panel.rows.items() if r is child))
    assert [g for g, _ in order] == list(LEVER_GROUPS)
    for group, names in order:
        assert names == [f"seller1.{lv.param.name}" for lv in LEVERS if lv.param.group == group]
    caption = next(c for c, g in panel._captions if g == "operations")
    assert "Operations" in caption.value
    panel.relabel("id")
    assert "Operasional" in caption.value


def test_charts_fit_their_cells_and_keep_text_apart(dash):
    """Layout settings only (the browser test measures the drawn charts): no fixed width,
    responsive, the toolbar upright in the right margin, the legend at the bottom of the
    figure below the x-axis title, stacked panels named by labels above them, not by upright
    y-axis titles that would run into each other."""
    for large in (False, True):
        dash.set_large_fonts(large)
        for key, chart in dash.charts.items():
            lay = chart.figure.layout
            assert lay.width is None and lay.autosize, key
            assert chart.figure._config.get("responsive"), key
            assert lay.modebar.orientation == "v" and lay.margin.r >= 30, key
            assert lay.legend.yref == "container" and lay.legend.y == 0, key
            assert lay.title.yref == "container" and lay.title.xanchor == "left", key
    clv = dash.charts["clv_cac"].figure.layout
    assert not clv.yaxis.title.text and not clv.yaxis2.title.text
    assert [a.text for a in clv.annotations] == ["CLV (thousand Rp)", "CAC (thousand Rp)"]
    assert clv.yaxis2.domain[1] < clv.yaxis.domain[0]  # room for the lower label
    dash.set_large_fonts(False)


def test_export_never_overwrites(tmp_path):
    dash = ui.Dashboard("beginner", lang="en", background=False, export_dir=str(tmp_path))
    first = dash.export()
    second = dash.export()
    assert first and second and set(first).isdisjoint(second)
    assert len(list(tmp_path.iterdir())) == 4
    doc = json.loads(first[1].read_text("utf-8"))
    assert doc["seed"] == dash.seed.value and doc["weekly"]


def test_controls_only_the_few_a_lesson_teaches():
    dash = ui.Dashboard("over_promiser", lang="en", background=False,
                        controls=["seller1.promise_gap", "loss_aversion"],
                        charts=["satisfaction"], fixed={"n_customers": 200})
    assert set(dash.panel.widgets) == {"seller1.promise_gap", "loss_aversion"}
    assert dash.values()["n_customers"] == 200
    with pytest.raises(KeyError, match="unknown chart"):
        ui.Dashboard("over_promiser", charts=["pie"], background=False)


def test_the_worker_drops_the_backlog_and_keeps_the_latest():
    done, gate = [], threading.Event()

    def work(request):
        gate.wait(5)
        done.append(request.reset[1])

    worker = LatestOnly(work, lambda exc: None, background=True)
    for seed in range(20):
        worker.submit(Request(reset=({}, seed)))
        if seed == 0:
            time.sleep(0.05)  # the first run is now busy
    gate.set()
    assert worker.wait(10)
    assert done[-1] == 19 and len(done) <= 3


def test_worker_errors_are_reported_not_raised():
    told = []
    worker = LatestOnly(lambda r: 1 / 0, told.append, background=True)
    worker.submit(Request())
    assert worker.wait(5) and isinstance(told[0], ZeroDivisionError)


def test_compare_view_marks_the_overtaking_week():
    """Over the course's ten seeds head_to_head ends with a clear leader (the fair default:
    both shops run with the same care), so the view marks the week it overtook; over three
    seeds and 60 weeks the end is not clear, and no week is marked."""
    view = ui.compare_view(["head_to_head"], seeds=10, lang="en")
    assert view.seed_list() == list(range(1, 11))
    assert view.overtake is not None and 20 < view.overtake[2] < 104
    assert str(view.overtake[2]) in view.summary.value
    assert len(view.figure.data) == 6  # band (2 traces) + mean, per seller
    short = ui.compare_view(["head_to_head"], seeds=[1, 2, 3], weeks=60, lang="en")
    assert short.overtake is None and "no clear difference" in short.summary.value


def test_sweep_view_stars_the_best_value():
    view = ui.sweep_view("seller1.switch_week", [0, 52], base="switch", seeds=2, weeks=52,
                         lang="id")
    assert set(view.table[view.table.columns[0]]) >= {0, 52} or len(view.table) >= 2
    assert view.summary.value.strip()


def lesson(tmp_path, doc, lang="en"):
    folder = tmp_path / lang / "quiz"
    folder.mkdir(parents=True)
    (folder / "99_test.json").write_text(json.dumps(doc), "utf-8")
    return J.load_lesson("99", lang, root=tmp_path)


def test_quiz_checking(tmp_path):
    doc = lesson(tmp_path, {"questions": [
        {"id": "q1", "kind": "choice", "prompt": "?", "options": ["a", "b"], "answer": 1,
         "feedback": ["no", "yes"]},
        {"id": "q2", "kind": "number", "prompt": "?", "answer": 10, "tolerance": 0.5,
         "right": "close", "wrong": "far"}]})
    choice, number = doc["questions"]
    assert J.check_choice(choice, 1) == (True, "yes")
    assert J.check_choice(choice, 0) == (False, "no")
    assert J.check_number(number, 10.4) == (True, "close")
    assert J.check_number(number, 11) == (False, "far")


def test_quiz_widget_gives_feedback():
    q = ui.quiz("00_start_here", lang="id")
    first = q.questions[0]
    first.answer.value = first.q["answer"]
    assert first.grade() is True and "Betul" in first.feedback.value
    second = q.questions[1]
    second.answer.value = (second.q["answer"] + 1) % len(second.q["options"])
    assert second.grade() is False
    assert "1" in q.score.value


def test_predictions_are_judged_by_running_the_experiment():
    exp = {"scenario": "head_to_head", "seed": 1}
    short = J.judge({"experiment": {**exp, "weeks": 20},
                     "judge": {"kind": "max_seller", "metric": "cumulative_profit"}})
    long = J.judge({"experiment": {**exp, "weeks": 104},
                    "judge": {"kind": "max_seller", "metric": "cumulative_profit"}})
    final = sim.run("head_to_head", seed=1).final.set_index("seller").cumulative_profit
    assert long.outcome == final.idxmax()
    assert short.values != long.values
    sign = J.judge({"experiment": {**exp, "weeks": 30},
                    "judge": {"kind": "sign", "metric": "cumulative_profit",
                              "seller": "seller2", "from_week": 0, "to_week": -1}})
    assert sign.outcome == ("up" if sign.values["to"] > sign.values["from"] else "down")
    cmp = J.judge({"experiment": {**exp, "weeks": 30},
                   "judge": {"kind": "compare", "metric": "cumulative_profit",
                             "seller": "seller2", "seeds": [1, 2],
                             "variants": {"cheap": {"seller2.price": 40},
                                          "dear": {"seller2.price": 90}}}})
    assert cmp.outcome == max(cmp.values, key=cmp.values.get)


def test_predict_widget_reveals_and_explains():
    p = ui.predict("00_start_here", "p2", lang="en")
    assert p.reveal.disabled
    p.bet.value = "seller1"
    verdict = p.run()
    assert verdict.outcome in ("seller1", "seller2")
    assert p.item["explain"][verdict.outcome][:30] in p.result.value
    assert len(p.figure.data) == 2


def test_glossary_cards_in_both_languages():
    en = ui.glossary(["clv", "cac"], lang="en")
    id_ = ui.glossary(["clv", "cac"], lang="id")
    assert "lifetime" in str(en.children) and str(en.children) != str(id_.children)
    with pytest.raises(KeyError):
        ui.glossary(["no_such_term"], lang="en")


def test_by_hand_uses_the_models_own_rules():
    from sim.ui.by_hand import CASES, choice_values

    choice = ui.by_hand("choice", lang="en")
    assert choice.reveal() is None  # a bet first
    choice.pick.value = 1
    shown = choice.reveal()
    assert shown == pytest.approx(choice_probabilities(*choice_values(CASES[0])))
    assert list(choice.figure.data[0].y) == pytest.approx(shown)
    assert satisfaction_rule(0.7, 0.9, 2.25, 0.5) == pytest.approx(0.475)
    assert clv(10, 0.9, 0.0) == pytest.approx(10 * 0.9 / (1 - 0.9))
    value = ui.by_hand("clv", lang="id")
    value.margin.value, value.retention.value, value.rate.value = 12, 0.8, 0.01
    assert value.model_value() == pytest.approx(clv(12, 0.8, 0.01))
    feel = ui.by_hand("satisfaction", lang="id")
    feel.delivered.value, feel.promise.value = 0.6, 0.8
    assert feel.model_value() == pytest.approx(satisfaction_rule(0.6, 0.8, feel.loss,
                                                                 feel.weight))
    with pytest.raises(KeyError):
        ui.by_hand("dice")


def test_a_prediction_can_be_judged_on_the_mean_over_seeds():
    how = {"kind": "max_seller", "metric": "cumulative_profit", "seeds": [1, 2, 3]}
    verdict = J.judge({"experiment": {"scenario": "head_to_head", "weeks": 30}, "judge": how})
    table = sim.compare(["head_to_head"], seeds=[1, 2, 3], weeks=30)
    final = table[(table.week == table.week.max()) & (table.metric == "cumulative_profit")]
    assert verdict.outcome == final.set_index("seller")["mean"].idxmax()
    assert verdict.values == pytest.approx(final.set_index("seller")["mean"].to_dict())


def test_levers_of_a_seller_the_market_no_longer_has_are_left_out():
    """Strict validation refuses seller3 levers in a 2-seller market; the dashboard never sends
    them (a learner moved seller 3's price, then took the market down to two sellers)."""
    dash = ui.Dashboard("crowded_market", lang="en", background=False,
                        controls=["n_sellers", "seller3.price", "seller3.strategy"])
    dash.set("seller3.price", 90)
    assert dash.values()["seller3.price"] == 90
    dash.set("n_sellers", 2)
    assert "pasar-message-error" not in dash.message.value
    assert not any(k.startswith(("seller3.", "seller4.")) for k in dash.values())
    assert set(dash.live.snapshot().weekly.seller) == {"seller1", "seller2"}
    fixed = ui.Dashboard("head_to_head", lang="en", background=False,
                         fixed={"seller3.price": 70})
    assert "pasar-message-error" not in fixed.message.value


# --- Indonesian numbers on sliders and axes; accessible names (issue 9, parts 5 and 6) -------
def test_slider_readouts_follow_the_course_language():
    dash = ui.Dashboard("over_promiser", lang="id", background=False,
                        controls=["seller1.promise_gap", "loss_aversion", "n_customers"],
                        charts=["satisfaction"])
    panel = dash.panel
    for name, slider in panel.widgets.items():
        if hasattr(slider, "readout"):
            assert slider.readout is False, name  # d3 readout hidden: no second Tab stop
            assert panel.readouts[name].value, name
    gap = panel.readouts["seller1.promise_gap"]
    panel.set("seller1.promise_gap", 0.25)
    assert "," in gap.value and "." not in gap.value, gap.value
    dash.set_language("en")
    assert "." in gap.value and "," not in gap.value, gap.value


def test_indonesian_charts_use_indonesian_separators():
    dash = ui.Dashboard("over_promiser", lang="id", background=False,
                        controls=["loss_aversion"], charts=["satisfaction", "profit"])
    for chart in dash.charts.values():
        assert chart.figure.layout.separators == ",."
    dash.set_language("en")
    for chart in dash.charts.values():
        assert chart.figure.layout.separators == ".,"
    assert ui.plot.Plot(lang="id").layout.separators == ",."
    # every axis of every chart writes numbers in full ("20.000", never plotly's "20k")
    plot = ui.plot.Plot(lang="id", layout={"xaxis": {}, "yaxis2": {"exponentformat": "e"}})
    assert plot.layout.xaxis.exponentformat == "none" and plot.layout.xaxis.separatethousands
    assert plot.layout.yaxis2.exponentformat == "e"  # a chart that asks for another keeps it


def test_a_unit_in_parentheses_is_not_wrapped_twice():
    q = {"kind": "number", "prompt": "?", "answer": 0.5, "tolerance": 0.1, "unit": "(0-1)"}
    from sim.ui.learning import Question
    assert Question(q, 1, "id").answer.description == "(0-1)"


def test_each_chart_is_named_by_its_title_and_described_by_its_summary():
    dash = ui.Dashboard("over_promiser", lang="id", background=False,
                        controls=["loss_aversion"], charts=["satisfaction", "profit"])
    for key, chart in dash.charts.items():
        figure = chart.figure
        assert figure._aria_label and "<" not in figure._aria_label, key
        assert figure._aria_label == " ".join(
            figure.layout.title.text.replace("<br>", " ").split()), key
        element = figure._describedby
        assert element and f"id='{element}'" in dash.summaries[key].value, key
        assert len({c.figure._describedby for c in dash.charts.values()}) == len(dash.charts)
    before = dash.charts["profit"].figure._aria_label
    dash.set_language("en")
    assert dash.charts["profit"].figure._aria_label != before


def test_compare_views_point_their_chart_at_their_summary():
    view = ui.compare_view(["switch", "beginner"], seeds=1, weeks=8, lang="id")
    assert view.figure._aria_label
    assert f"id='{view.figure._describedby}'" in view.summary.value
    assert view.figure.layout.separators == ",."


def _controls(widget):
    import ipywidgets as w
    stack = [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, w.Box):
            stack.extend(node.children)
        elif isinstance(node, w.Widget):
            yield node


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_control_has_an_accessible_name(lang):
    import ipywidgets as w
    dash = ui.Dashboard("head_to_head", lang=lang, background=False)
    named = (w.IntSlider, w.FloatSlider, w.Dropdown, w.BoundedIntText, w.Text, w.FloatText)
    found = 0
    for widget in _controls(dash):
        if isinstance(widget, named):
            found += 1
            assert widget.description.strip(), widget
        elif isinstance(widget, (w.Button, w.ToggleButton)):
            assert (widget.description or widget.tooltip).strip(), widget
    assert found > 10
    assert any(type(c).__name__ == "PanelHelper" for c in dash.children)  # panel.js


def test_focus_ring_and_button_text_meet_wcag_aa():
    import re

    from sim.ui.style import A11Y_CSS

    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a, b):
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    ring = re.search(r"outline: 2px solid #(\w{6})", A11Y_CSS).group(1)
    assert contrast(ring, "FFFFFF") >= 3
    for background in re.findall(r"background-color: #(\w{6}); color: #FFFFFF", A11Y_CSS):
        assert contrast(background, "FFFFFF") >= 4.5, background


def test_by_hand_sliders_show_indonesian_decimals():
    feel = ui.by_hand("satisfaction", lang="id")
    readouts = [box.children[1].value for box in feel.children
                if type(box).__name__ == "HBox" and len(box.children) == 2]
    assert readouts and all("." not in r for r in readouts), readouts
    assert "0,80" in readouts
    assert feel.promise.readout is False


def test_value_by_channel_reads_one_record_per_relationship():
    """The chart's bars are sim.channels.channel_value of the run's relationships (one row per
    customer and seller), per seller and channel; its summary names each channel's customers."""
    from sim.channels import channel_value

    dash = ui.Dashboard("l6_discounts", lang="en", background=False,
                        charts=["value_by_channel"], controls=["share_thrifty"])
    result = sim.run("l6_discounts", seed=dash.seed.value)
    table = channel_value(result.relationships, 104, result.params["discount_rate"])
    for trace in dash.charts["value_by_channel"].figure.data[:2]:
        seller = "seller1" if "1" in trace.name else "seller2"
        want = table[table.seller == seller].set_index("heard_via")
        assert trace.orientation == "h"  # channel names down the side, wrapped
        got = dict(zip((y.replace("<br>", " ") for y in trace.y), trace.x, strict=True))
        assert got == pytest.approx({sim.t(f"channel.{c}"): want.clv[c] for c in want.index})
        assert sum(trace.customdata) == want.relationships.sum()
    text = dash.summary_text("value_by_channel")
    assert "word of mouth" in text and "100% of them won with a newcomer discount" in text
    dash.set("share_thrifty", 0.2)
    assert dash.summary_text("value_by_channel") != text
    assert not ui.Dashboard("head_to_head", charts=["profit"], background=False)._relationships


def test_regime_map_colours_winners_greys_ties_and_says_so_in_both_languages():
    from sim.runner import SerialExecutor
    from sim.ui.style import BLUE, GREY, ORANGE
    market = {"scenario": "head_to_head", "n_customers": 60}
    grid = {"x": ("wom_rate", [0.1, 0.5]), "y": ("weeks", [8, 40])}
    views = {lang: ui.regime_map(market, **grid, seeds=3, lang=lang, executor=SerialExecutor())
             for lang in ("en", "id")}
    view = views["en"]
    table = view.table
    decided, ties = view.figure.data
    assert decided.colorscale[0][1] == BLUE and decided.colorscale[-1][1] == ORANGE
    assert ties.colorscale[0][1] == ties.colorscale[-1][1] == GREY
    for _, cell in table.iterrows():  # every cell is in exactly one of the two layers
        i = [8, 40].index(cell.weeks)
        j = [0.1, 0.5].index(cell.wom_rate)
        tie = cell.verdict == "no_clear_difference"
        assert (ties.z[i][j] is not None) == tie and (decided.z[i][j] is None) == tie
    counts = table.verdict.value_counts()
    text = view.text()
    assert f"ahead in {counts.get('a_wins', 0)} of 4" in text
    assert "Seller 1 (product-centric)" in text and "Seller 2 (customer-centric)" in text
    assert "unggul di" in views["id"].text() and views["id"].figure.layout.separators == ",."
    assert f"id='{view.figure._describedby}'" in view.summary.value
    assert views["id"].table.equals(table)  # the second language came from the cache
    assert len(view.figure.layout.annotations) == 4 + 1  # a number per cell and the note


def test_regime_map_of_two_versions_of_one_seller_names_them_by_strategy():
    from sim.runner import SerialExecutor
    view = ui.regime_map({"scenario": "switch", "n_customers": 60, "weeks": 30},
                         x=("n_segments", [1, 3]), y=("wom_rate", [0.1, 0.5]), a="switch",
                         b="customer", seeds=2, lang="en", executor=SerialExecutor())
    assert view.side("a") == "Seller 1 (switcher)" and view.side("b").startswith("Seller 1 (")
    assert view.colour("a") != view.colour("b")


def _paths_to_panel_helpers(widget, path=()):
    """Every chain of widgets from ``widget`` down to a PanelHelper."""
    from sim.ui.layout import PanelHelper
    path = (*path, widget)
    if isinstance(widget, PanelHelper):
        yield path
    for child in getattr(widget, "children", ()):
        yield from _paths_to_panel_helpers(child, path)


def test_every_panel_helper_sits_in_a_root_panel_js_finds(dash):
    """panel.js looks up from its helper for the view's root class, and names the view's
    sliders and answer boxes only there: a view without that class leaves them unnamed."""
    panel_js = (REPO / "sim" / "ui" / "panel.js").read_text("utf-8")
    roots = set(re.findall(r"\.(pasar-[a-z]+)",
                           re.search(r'closest\("([^"]+)"\)', panel_js).group(1)))
    assert {"pasar-dash", "pasar-quiz"} <= roots
    views = [dash, ui.quiz("00_start_here", lang="en"), ui.by_hand("choice", lang="en")]
    for view in views:
        paths = list(_paths_to_panel_helpers(view))
        assert paths, type(view).__name__
        for path in paths:
            assert any(roots & set(w._dom_classes) for w in path), type(view).__name__


# --- what made the difference (sim.decompose drawn) ---------------------------------------------

def test_the_decompose_view_draws_each_part_with_its_band_and_names_the_clear_ones():
    from sim.runner import SerialExecutor
    from sim.ui.decompose import PART_COLOURS, PARTS

    view = ui.decompose_view({"scenario": "careless_product", "n_customers": 150, "weeks": 52},
                             seeds=4, executor=SerialExecutor())
    (bars,) = view.figure.data
    parts = view.result.parts.set_index("part").loc[list(PARTS)]
    assert list(bars.y) == ["Total gap", "Strategy", "Operations", "Product, price and channel",
                            "Luck of the seat (two identical sellers)"]
    assert list(bars.x) == pytest.approx(list(parts["mean"]))
    assert list(bars.error_x.array) == pytest.approx(list(parts.high - parts["mean"]))
    assert list(bars.marker.color)[1:] == [PART_COLOURS[p] for p in PARTS[1:]]
    assert list(bars.marker.color)[0] == "#0072B2"  # the gap in seller 2's (customer) blue
    text = view.summary.value
    assert "Seller 2 (customer-centric) ends" in text and "ahead of Seller 1" in text
    assert "Parts whose band excludes zero: Operations +" in text
    assert "No clear difference:" in text and "Product, price and channel" in text
    assert "(4 runs, 95% band)" in view.figure.layout.title.text
    view.seeds.value = 5
    view.rerun()
    assert "(5 runs, 95% band)" in view.figure.layout.title.text
    assert len(view.result.per_seed) == 5


def test_the_decomposition_summary_in_both_languages():
    import pandas as pd

    from sim.ui import summaries

    parts = pd.DataFrame([
        {"part": "strategy", "mean": -1200.0, "low": -2000.0, "high": -300.0, "clear": True},
        {"part": "operations", "mean": 0.0, "low": 0.0, "high": 0.0, "clear": False},
        {"part": "offer", "mean": 0.0, "low": 0.0, "high": 0.0, "clear": False},
        {"part": "remainder", "mean": 100.0, "low": -500.0, "high": 700.0, "clear": False},
        {"part": "gap", "mean": -1100.0, "low": -1900.0, "high": -300.0, "clear": True}])
    en = summaries.decomposition(parts, "A", "B", "cumulative_profit", 10, "en")
    assert en.startswith("B ends 1,100 behind A in total profit (mean of 10 runs; 95% band")
    assert "excludes zero: Strategy -1,200." in en
    assert en.endswith("No clear difference: Operations, Product, price and channel, Luck of "
                       "the seat (two identical sellers).")
    idn = summaries.decomposition(parts, "A", "B", "cumulative_profit", 10, "id")
    assert "1.100 di bawah A" in idn and "Strategi -1.200" in idn
    assert "Tidak ada perbedaan yang jelas: Operasional" in idn
    none = summaries.decomposition(parts.assign(clear=False), "A", "B", "cumulative_profit", 10,
                                   "en")
    assert "No part's band excludes zero." in none


def test_a_decompose_prediction_draws_the_parts(monkeypatch):
    from sim.course import judge as course_judge

    item = {"id": "px", "prompt": "?", "options": [
        {"label": "both", "outcome": "strategy+operations"}, {"label": "none", "outcome": "none"}],
        "experiment": {"scenario": "careless_product", "set": {"n_customers": 150, "weeks": 52}},
        "judge": {"kind": "decompose", "seeds": [1, 2, 3]}, "explain": {"none": "n",
                                                                       "strategy+operations": "b"}}
    verdict = course_judge.judge(item)
    assert verdict.outcome in ("strategy+operations", "strategy", "operations", "none")
    assert set(verdict.values) == {"strategy", "operations", "offer", "gap"}
    assert verdict.metric == "cumulative_profit"
    from sim.ui.learning import Predict

    box = Predict("05_product_vs_customer", "p3", "en")
    monkeypatch.setattr(course_judge, "judge", lambda *_a, **_k: verdict)
    box.bet.value = "strategy+operations"
    box.run()
    assert len(box.figure.data) == 1 and box.figure.data[0].orientation == "h"
    assert box.figure_box.layout.display == "flex"
