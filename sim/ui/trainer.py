"""The trainer's view of the class: bets against the model, quiz questions most missed, and
the tournament, refreshed as learners' files arrive in the class folder.

Reading and counting are in :mod:`sim.course.classroom` (every file is untrusted input: a bad
one is named with its reason and left out). Here the folder is looked at every few seconds
(a cheap listing; files are read again only when something changed), in a background thread
inside a kernel, so the view follows the room without the trainer pressing anything.
"""

from __future__ import annotations

import html
import logging
import threading
from datetime import datetime

import ipywidgets as w
import pandas as pd

from ..course.classroom import ClassFiles, bets, class_folder, missed, read_class, signature
from ..i18n import number, t
from ..runner import process_pool
from ..tournament import StrategyFileError, tournament
from .style import message_html, ui
from .worker import in_kernel

log = logging.getLogger(__name__)
MIN_INTERVAL = 1.0  # seconds between looks at the folder, at least
TOP_MISSED = 10
MODEL_COLOUR, OTHER_COLOUR = "#0072B2", "#BBBBBB"  # Okabe-Ito blue; grey


def _table(header: list[str], rows: list[list[str]]) -> str:
    """An HTML table; every cell is escaped text."""
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{html.escape(h)}</th>"
                   for h in header)
    body = "".join("<tr>" + "".join(f"<td style='padding:2px 8px;vertical-align:top'>"
                                    f"{html.escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def bets_html(table: pd.DataFrame, lang: str) -> str:
    """One block per prediction: a bar per option (the model's outcome in blue, marked in
    words too) and a sentence for the back of the room."""
    blocks = []
    for (lesson, pid), rows in table.groupby(["lesson", "prediction"], sort=False):
        total = int(rows.total.iloc[0])
        lines = []
        for row in rows.itertuples():
            width = 100 * row.bets / total if total else 0
            mark = f" ✓ {ui('class.model', lang)}" if row.model else ""
            colour = MODEL_COLOUR if row.model else OTHER_COLOUR
            lines.append(
                f"<tr><td style='padding:2px 8px'>{html.escape(row.label)}</td>"
                f"<td style='width:40%'><div style='background:{colour};height:14px;"
                f"width:{width:.0f}%'></div></td>"
                f"<td style='padding:2px 8px'>{row.bets}{html.escape(mark)}</td></tr>")
        model = rows[rows.model]
        line = ui("class.bets_line", lang, right=int(model.bets.sum()), total=total,
                  label=str(model.label.iloc[0]) if len(model) else "?")
        blocks.append(f"<div style='margin:8px 0'><b>{int(lesson[:2])} · {html.escape(pid)}."
                      f"</b> {html.escape(rows.prompt.iloc[0])}<table style='width:100%'>"
                      f"{''.join(lines)}</table><div class='pasar-summary'>"
                      f"{html.escape(line)}</div></div>")
    return "".join(blocks)


def missed_html(table: pd.DataFrame, lang: str) -> str:
    """The questions most missed, as a table."""
    header = [ui(f"class.col.{c}", lang) for c in ("lesson", "question", "answer", "wrong")]
    rows = [[int(r.lesson[:2]), r.prompt, r.answer if isinstance(r.answer, str)
             else number(r.answer, lang, 0 if float(r.answer).is_integer() else 2),
             ui("class.wrong_of", lang, wrong=r.wrong, answered=r.answered)]
            for r in table.head(TOP_MISSED).itertuples()]
    return _table(header, rows)


def tournament_html(table: pd.DataFrame, lang: str) -> str:
    """The tournament's ranking, numbers in the course's format."""
    header = [ui(f"class.col.{c}", lang) for c in ("rank", "name", "strategy", "games", "wins",
                                                   "profit", "band", "file")]
    rows = [[r.rank, r.name, t(f"strategy.{r.strategy}", lang), r.games, number(r.wins, lang, 1),
             number(r.mean_profit, lang), f"{number(r.low, lang)} .. {number(r.high, lang)}",
             r.file] for r in table.itertuples()]
    return _table(header, rows)


class ClassView(w.VBox):
    """The trainer's live view of a class folder (see the module docstring)."""

    def __init__(self, folder: str | None = None, lang: str = "en",
                 market: str = "head_to_head", interval: float = 5.0,
                 background: bool | None = None, weeks: int | None = None):
        super().__init__()
        self.folder, self.lang, self.market, self.weeks = class_folder(folder), lang, market, weeks
        self.interval = max(MIN_INTERVAL, float(interval))
        self.background = in_kernel() if background is None else background
        self.files = ClassFiles()
        self.table: pd.DataFrame | None = None  # the last tournament's
        self._table_of: tuple[str, ...] = ()  # the files it played
        self._signature: tuple | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.status = w.HTML()
        self.refresh_button = w.Button(description=ui("class.refresh", lang), icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh(force=True))
        self.bets_box, self.missed_box, self.problems_box = w.HTML(), w.HTML(), w.HTML()
        self.roster, self.ranking = w.HTML(), w.HTML()
        self.seeds = w.BoundedIntText(value=1, min=1, max=10, description=ui("class.seeds", lang),
                                      layout=w.Layout(width="160px"))
        self.run_button = w.Button(description=ui("class.run", lang), icon="trophy",
                                   button_style="primary")
        self.run_button.on_click(lambda _: self.run_tournament())
        self.progress = w.IntProgress(value=0, min=0, max=1,
                                      layout=w.Layout(display="none", width="50%"))
        self.children = [
            w.HTML(f"<h3>{html.escape(ui('class.title', lang, folder=str(self.folder)))}</h3>"),
            w.HBox([self.status, self.refresh_button]), self.problems_box,
            w.HTML(f"<h4>{ui('class.bets', lang)}</h4>"), self.bets_box,
            w.HTML(f"<h4>{ui('class.missed', lang)}</h4>"), self.missed_box,
            w.HTML(f"<h4>{ui('class.tournament', lang)}</h4>"), self.roster,
            w.HBox([self.seeds, self.run_button, self.progress]), self.ranking]
        self.refresh(force=True)
        self._thread = None
        if self.background:
            self._thread = threading.Thread(target=self._watch, daemon=True, name="pasar-class")
            self._thread.start()

    # --- following the folder ---------------------------------------------------------------
    def refresh(self, force: bool = False) -> bool:
        """Read the folder again if anything in it changed (or ``force``); True if it did."""
        with self._lock:
            mark = signature(self.folder)
            if mark == self._signature and not force:
                self._show_status()
                return False
            self.files = read_class(self.folder, self.lang, self.market)
            self._signature = mark
            self._render()
            return True

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):  # sleeps between looks: no busy loop
            try:
                self.refresh()
            except Exception:  # noqa: BLE001 - the view keeps watching; the log says why
                log.exception("class view refresh failed")

    def stop(self) -> None:
        """Stop following the folder."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.interval + 5)

    def close(self) -> None:
        self.stop()
        super().close()

    # --- what it shows ------------------------------------------------------------------------
    def _show_status(self) -> None:
        learners = len({a.name.casefold() for a in self.files.answers})
        self.status.value = html.escape(ui(
            "class.counts", self.lang, learners=learners, strategies=len(self.files.strategies),
            left_out=len(self.files.problems), time=datetime.now().strftime("%H:%M:%S")))

    def _render(self) -> None:
        lang, files = self.lang, self.files
        self._show_status()
        self.problems_box.value = message_html(
            f"<b>{ui('class.left_out', lang)}</b><ul>"
            + "".join(f"<li>{html.escape(p)}</li>" for p in files.problems) + "</ul>",
            "error") if files.problems else ""
        if files.answers:
            self.bets_box.value = bets_html(bets(files.answers, lang), lang)
            self.missed_box.value = missed_html(missed(files.answers, lang), lang)
        else:
            self.bets_box.value = f"<i>{html.escape(ui('class.empty', lang))}</i>"
            self.missed_box.value = ""
        self.roster.value = _table(
            [ui(f"class.col.{c}", lang) for c in ("name", "strategy", "file")],
            [[s.name, t(f"strategy.{s.strategy}", lang), s.source.rsplit("/", 1)[-1]]
             for s in files.strategies])
        self._show_ranking()

    def _show_ranking(self) -> None:
        if self.table is None:
            self.ranking.value = ""
            return
        note, now = "", tuple(s.source for s in self.files.strategies)
        if self._table_of != now:
            text = ui("class.stale", self.lang, n=len(self._table_of), now=len(now))
            note = message_html(html.escape(text))
        self.ranking.value = note + tournament_html(self.table, self.lang)

    # --- the tournament -----------------------------------------------------------------------
    def run_tournament(self) -> None:
        """Play every strategy in the folder against every other (in the background inside a
        kernel); the table appears when the games are done."""
        entries = list(self.files.strategies)
        if len(entries) < 2:
            self.ranking.value = html.escape(t("error.strategy_too_few", self.lang,
                                               path=self.folder, n=len(entries)))
            return
        self.run_button.disabled = True
        self.progress.layout.display = "flex"
        if self.background:
            threading.Thread(target=self._play, args=(entries,), daemon=True,
                             name="pasar-tournament").start()
        else:
            self._play(entries)

    def _play(self, entries) -> None:
        def progress(done: int, total: int) -> None:
            self.progress.max, self.progress.value = total, done
            self.progress.description = t("tournament.progress", self.lang, done=done,
                                          total=total)

        pool = process_pool() if self.background else None
        try:
            self.table = tournament(entries, seeds=range(self.seeds.value), weeks=self.weeks,
                                    market=self.market, lang=self.lang, executor=pool,
                                    progress=progress)
            self._table_of = tuple(e.source for e in entries)
            self._show_ranking()
        except (StrategyFileError, ValueError) as err:
            self.ranking.value = html.escape(str(err))
        finally:
            if pool is not None:
                pool.shutdown()
            self.run_button.disabled = False
            self.progress.layout.display = "none"


def class_view(folder: str | None = None, lang: str = "en", market: str = "head_to_head",
               interval: float = 5.0, weeks: int | None = None) -> ClassView:
    """The trainer's live view of the class folder (default: ``$PASAR_CLASS`` or ``class/``):
    the class's bets against what the model produced, the quiz questions most missed, and the
    tournament between the strategies there. It looks at the folder every ``interval``
    seconds."""
    return ClassView(folder, lang, market, interval, None, weeks)
