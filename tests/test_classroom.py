"""The class view: learners' answers as small files (opt-in, never overwritten), read as
untrusted input like the tournament's strategies, counted against what the model produced, and
shown to the trainer as files arrive."""

from __future__ import annotations

import html
import json
import os
import time

import pytest

import sim.ui as ui
from sim.cli import main as cli_main
from sim.course import classroom as C
from sim.course.answers import verdict_of
from sim.course.lessons import load_lesson
from sim.i18n import t
from sim.tournament import ANSWERS_KIND, save_strategy

LESSON = "00_start_here"  # its predictions are the quickest to judge


def _answers(folder, file, **doc):
    base = {"kind": ANSWERS_KIND, "name": "Ana", "lesson": LESSON, "predictions": {},
            "quiz": {}}
    (folder / file).write_text(json.dumps(base | doc), "utf-8")


def test_sending_writes_a_new_file_every_time_and_checks_the_name(tmp_path):
    first = C.save_answers("Rina", "00", {"p1": "seller2"}, {"q1": 1}, tmp_path)
    second = C.save_answers("Rina", LESSON, {"p1": "seller1"}, {}, tmp_path, lang="id")
    assert (first.name, second.name) == ("rina-00.json", "rina-00_2.json")
    doc = json.loads(first.read_text("utf-8"))
    assert doc["kind"] == ANSWERS_KIND and doc["lesson"] == LESSON
    assert doc["predictions"] == {"p1": "seller2"} and doc["quiz"] == {"q1": 1}
    with pytest.raises(ValueError):
        C.save_answers("\x1b[2J", "00", {}, {"q1": 1}, tmp_path)
    with pytest.raises(C.ClassFileError, match="p9"):
        C.save_answers("Rina", "00", {"p9": "seller1"}, {}, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rina-00.json", "rina-00_2.json"]
    found = C.read_class(tmp_path)
    assert [(a.name, a.predictions) for a in found.answers] == [("Rina", {"p1": "seller1"})]


def test_the_folder_comes_from_an_argument_or_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(C.ENV, raising=False)
    assert C.class_folder() == C.Path("class")
    monkeypatch.setenv(C.ENV, str(tmp_path))
    assert C.class_folder() == tmp_path and C.class_folder("x") == C.Path("x")
    assert ui.sandbox().folder == str(tmp_path)  # strategies join the class folder too


def test_hostile_files_are_named_and_left_out_and_the_rest_count(tmp_path):
    f = tmp_path
    C.save_answers("Rina", "00", {"p1": "seller2"}, {"q1": 1}, f)
    save_strategy("Dimas", {"price": 55}, strategy="product", folder=f)
    os.mkfifo(f / "pipe.json")  # would hang a plain open()
    os.symlink("/dev/zero", f / "zero.json")  # would exhaust memory
    (f / "big.json").write_bytes(b" " * 300_000)
    (f / "deep.json").write_text("[" * 5000 + "]" * 5000)
    (f / "latin.json").write_bytes(b'{"name": "\xe9"}')
    os.mkdir(f / "folder.json")
    _answers(f, "keys.json", evil=1)
    _answers(f, "lesson.json", lesson="../../etc/passwd")
    _answers(f, "pid.json", predictions={"p9": "seller1"})
    _answers(f, "outcome.json", predictions={"p1": "everyone"})
    _answers(f, "bool.json", quiz={"q1": True})
    _answers(f, "index.json", quiz={"q1": 7})
    _answers(f, "float.json", quiz={"q1": 1.0})
    (f / "nan.json").write_text(json.dumps({"kind": ANSWERS_KIND, "name": "N", "lesson": LESSON,
                                            "quiz": {"q3": float("nan")}}))
    _answers(f, "name.json", name="\x1b[2J\x1b[HHacked")
    _answers(f, "long.json", name="x" * 41)
    _answers(f, "shape.json", predictions=["p1"])
    (f / "strategy.json").write_text(json.dumps({"name": "S", "levers": {"price": -5}}))
    (f / "._rina-00.json").write_bytes(b"\x00\x05\x16\x07 mac resource fork")  # skipped
    (f / "results.json").write_text(json.dumps([{"rank": 1, "mean_profit": 2.0}]))  # skipped
    found = C.read_class(f, lang="id")
    assert [a.name for a in found.answers] == ["Rina"]
    assert [s.name for s in found.strategies] == ["Dimas"]
    bad = ("pipe", "zero", "big", "deep", "latin", "folder", "keys", "lesson", "pid", "outcome",
           "bool", "index", "float", "nan", "name", "long", "shape", "strategy")
    for file in bad:
        assert len([p for p in found.problems if f"{file}.json" in p]) == 1, (file, found)
    assert len(found.problems) == len(bad)
    assert all("tidak bisa dipakai" in p and "\x1b" not in p for p in found.problems)


def test_a_missing_folder_is_an_empty_class(tmp_path):
    found = C.read_class(tmp_path / "not_yet")
    assert (found.answers, found.strategies, found.problems) == ([], [], [])
    assert C.signature(tmp_path / "not_yet") == ()


def test_bets_are_counted_against_what_the_model_produced(tmp_path):
    for name, bet in (("A", "seller1"), ("B", "seller2"), ("C", "seller2"), ("D", "seller2")):
        C.save_answers(name, "00", {"p1": bet}, {}, tmp_path)
    table = C.bets(C.read_class(tmp_path).answers)
    p1 = load_lesson(LESSON)["predictions"][0]
    produced = verdict_of(p1, LESSON, "en").outcome  # the same run as the notebook's button
    assert table.set_index("outcome").bets.to_dict() == {"seller1": 1, "seller2": 3}
    assert table.set_index("outcome").model.to_dict() == {
        o["outcome"]: o["outcome"] == produced for o in p1["options"]}
    assert set(table.total) == {4} and set(table.prediction) == {"p1"}  # p2: nobody bet


def test_the_most_missed_questions_come_first(tmp_path):
    quiz = {q["id"]: q for q in load_lesson(LESSON)["questions"]}
    right = quiz["q1"]["answer"]
    wrong = (right + 1) % len(quiz["q1"]["options"])
    C.save_answers("A", "00", {}, {"q1": wrong, "q2": quiz["q2"]["answer"]}, tmp_path)
    C.save_answers("B", "00", {}, {"q1": wrong}, tmp_path)
    C.save_answers("C", "00", {}, {"q1": right, "q2": quiz["q2"]["answer"]}, tmp_path)
    table = C.missed(C.read_class(tmp_path).answers, "id")
    assert table[["question", "answered", "wrong"]].values.tolist() == [["q1", 3, 2],
                                                                        ["q2", 2, 0]]
    assert table.prompt[0] == load_lesson(LESSON, "id")["questions"][0]["prompt"]


def test_the_tournament_skips_answers_files_in_a_shared_folder(tmp_path, capsys):
    save_strategy("Rina", {}, folder=tmp_path)
    save_strategy("Dimas", {}, strategy="product", folder=tmp_path)
    C.save_answers("Rina", "00", {"p1": "seller2"}, {}, tmp_path)
    assert cli_main(["tournament", str(tmp_path), "--seeds", "1", "--weeks", "2",
                     "--jobs", "1"]) == 0
    assert capsys.readouterr().err == ""


def test_the_quiz_sends_the_lessons_bets_and_answers_only_when_asked(tmp_path):
    bet = ui.predict(LESSON, "p1", lang="id")
    quiz = ui.quiz(LESSON, lang="id", folder=str(tmp_path))
    quiz.share()
    assert "pasar-message-error" in quiz.sent.value and list(tmp_path.iterdir()) == []
    quiz.name.value = "Siti"
    quiz.share()  # nothing answered yet
    assert "pasar-message-error" in quiz.sent.value and list(tmp_path.iterdir()) == []
    bet.bet.value = "seller2"
    quiz.questions[0].answer.value = 1
    quiz.questions[1].answer.value = 0  # chosen but never checked: not sent
    quiz.questions[0].grade()
    path = quiz.share()
    assert path is not None and path.parent == tmp_path and str(path) in quiz.sent.value
    doc = json.loads(path.read_text("utf-8"))
    assert doc["predictions"] == {"p1": "seller2"} and doc["quiz"] == {"q1": 1}
    assert doc["name"] == "Siti" and doc["lang"] == "id"


def test_the_class_view_shows_bets_misses_problems_and_the_tournament(tmp_path):
    C.save_answers("Rina", "00", {"p1": "seller2"}, {"q1": 0}, tmp_path)
    (tmp_path / "broken.json").write_text("{")
    view = ui.ClassView(str(tmp_path), lang="id", background=False, weeks=3)
    assert "broken.json" in view.problems_box.value
    p1 = load_lesson(LESSON, "id")["predictions"][0]
    right = int(verdict_of(p1, LESSON, "id").outcome == "seller2")
    assert f"{right} dari 1 menebak" in view.bets_box.value
    assert html.escape(load_lesson(LESSON, "id")["questions"][0]["prompt"]) in \
        view.missed_box.value
    view.run_tournament()
    assert view.ranking.value == html.escape(t("error.strategy_too_few", "id", path=view.folder,
                                               n=0))
    save_strategy("Dimas", {}, strategy="product", folder=tmp_path)
    save_strategy("Ayu", {}, folder=tmp_path)
    assert view.refresh() is True and view.refresh() is False  # read again only on a change
    view.run_tournament()
    assert "Dimas" in view.ranking.value and "Ayu" in view.ranking.value
    save_strategy("Budi", {}, folder=tmp_path)
    view.refresh()
    assert "Budi" in view.roster.value and "pasar-message-info" in view.ranking.value  # stale


def test_the_class_view_follows_the_folder_without_a_busy_loop(tmp_path, monkeypatch):
    import sim.ui.trainer as CV

    reads = []
    real = CV.read_class
    monkeypatch.setattr(CV, "read_class", lambda *a, **k: reads.append(1) or real(*a, **k))
    view = ui.ClassView(str(tmp_path), background=True, interval=0.01)
    try:
        assert view.interval == CV.MIN_INTERVAL  # no faster than once a second
        time.sleep(2.5)
        assert len(reads) == 1  # looked twice, nothing changed: nothing read again
        C.save_answers("Rina", "00", {"p1": "seller2"}, {}, tmp_path)
        prompt = html.escape(load_lesson(LESSON)["predictions"][0]["prompt"])
        deadline = time.monotonic() + 60
        while prompt not in view.bets_box.value:
            assert time.monotonic() < deadline, view.bets_box.value
            time.sleep(0.2)
        assert len(reads) == 2 and "Learners who sent answers: 1" in view.status.value
    finally:
        view.stop()
    assert not view._thread.is_alive()
