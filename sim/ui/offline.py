"""The offline fallback: every lesson executed and saved as one web page, charts included.

    python -m sim.ui.offline [--lang en|id|all] [--out offline] [LESSON ...]
    ./pasar offline --lang id

Each notebook runs in a fresh kernel (as **Run All Cells** would); a last, temporary cell waits
until every dashboard has finished its runs and then records the kernel's whole widget state
(the standard ``application/vnd.jupyter.widget-state+json``, kept in the executed notebook's
metadata). The page is drawn from that state, without the code: text as it is, each widget as
what it shows (a slider as its label and value, a chart as the plotly figure it holds), and
plotly.js embedded once, so any browser opens it without Python and without the internet.
Buttons and sliders do not move there: it is what a learner would see after Run All Cells.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat

from ..files import write_new
from ..i18n import t

STATE_MIME = "application/vnd.jupyter.widget-state+json"
VIEW_MIME = "application/vnd.jupyter.widget-view+json"
REF = "IPY_MODEL_"
ROOT = Path(__file__).resolve().parents[2]
SETTLE = ("from sim.ui.offline import record_widget_state as _pasar_record\n"
          "_pasar_record()")
CSS = """<style>
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; max-width: 1200px;
       margin: 0 auto; padding: 16px 24px; color: #111; line-height: 1.45; }
.pasar-offline-note { background: #E3F1FA; border-left: 6px solid #0072B2; padding: 6px 10px; }
.pasar-box { display: flex; flex-direction: column; gap: 4px; }
.pasar-row { display: flex; flex-direction: row; flex-wrap: wrap; gap: 8px; }
.pasar-control { font-size: 90%; color: #333; }
.pasar-plot { width: 100%; min-height: 320px; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; }
pre { background: #f6f6f6; padding: 6px; overflow-x: auto; }
</style>"""


# --- in the kernel ----------------------------------------------------------------------------
def record_widget_state(timeout: float = 600) -> None:
    """Wait for every dashboard's runs to finish, then display the whole widget state (run by
    the temporary last cell; see the module docstring)."""
    from IPython.display import display
    from ipywidgets import Widget
    from ipywidgets.widgets.widget import _instances

    for widget in list(_instances.values()):
        worker = getattr(widget, "worker", None)
        if worker is not None and hasattr(worker, "wait"):
            worker.wait(timeout)
    state = Widget.get_manager_state(drop_defaults=False)
    display({STATE_MIME: state}, raw=True)


# --- executing ---------------------------------------------------------------------------------
def execute(path: Path, timeout: int = 900) -> nbformat.NotebookNode:
    """``path`` run top to bottom in a fresh kernel (in its own folder); the widget state in
    ``metadata.widgets``. RuntimeError naming the cell if one fails."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(SETTLE))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as err:
        raise RuntimeError(t("offline.failed", "en", path=path, error=str(err)[-600:])) from err
    settle = nb.cells.pop()
    state = next((o["data"][STATE_MIME] for o in settle.get("outputs", [])
                  if STATE_MIME in o.get("data", {})), None)
    if state is None:
        raise RuntimeError(t("offline.no_state", "en", path=path))
    nb.metadata["widgets"] = {STATE_MIME: state}
    return nb


# --- drawing the page from the state ------------------------------------------------------------
def _with_buffers(entry: dict) -> dict:
    """A widget's state with its binary buffers put back where they were taken from."""
    state = json.loads(json.dumps(entry.get("state", {})))
    for buf in entry.get("buffers", []):
        data = base64.b64decode(buf["data"])
        *parents, last = buf["path"]
        target = state
        for key in parents:
            target = target[key]
        target[last] = data
    return state


def _plain(value: Any) -> Any:
    """plotly's serialised figure as plain JSON: typed arrays as lists, marks dropped."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if isinstance(value.get("buffer"), bytes) and "dtype" in value:
            import numpy as np

            array = np.frombuffer(value["buffer"], dtype=value["dtype"])
            return array.reshape(value.get("shape") or array.shape).tolist()
        return {k: _plain(v) for k, v in value.items() if v != "_undefined_"}
    return value


class Page:
    """Renders widgets from a saved widget state as static HTML."""

    def __init__(self, state: dict):
        self.models = state.get("state", {})
        self.plots = 0

    def model(self, ref: Any) -> tuple[str, dict] | None:
        model_id = ref[len(REF):] if isinstance(ref, str) and ref.startswith(REF) else ref
        entry = self.models.get(model_id)
        return (entry.get("model_name", ""), _with_buffers(entry)) if entry else None

    def hidden(self, state: dict) -> bool:
        layout = self.model(state.get("layout"))
        return bool(layout and layout[1].get("display") == "none")

    def widget(self, ref: Any) -> str:
        found = self.model(ref)
        if found is None:
            return ""
        name, state = found
        if self.hidden(state):
            return ""
        if "_widget_data" in state:  # a chart (Plot): the figure it holds
            return self.plot(state)
        if name in ("VBoxModel", "BoxModel", "GridBoxModel", "HBoxModel"):
            css = "pasar-row" if name == "HBoxModel" else "pasar-box"
            inner = "".join(self.widget(c) for c in state.get("children", []))
            return f"<div class='{css}'>{inner}</div>" if inner else ""
        if name in ("TabModel", "AccordionModel", "StackModel"):
            titles = state.get("titles") or []
            parts = []
            for i, child in enumerate(state.get("children", [])):
                title = titles[i] if i < len(titles) and titles[i] else ""
                head = f"<h4>{html.escape(title)}</h4>" if title else ""
                parts.append(head + self.widget(child))
            return f"<div class='pasar-box'>{''.join(parts)}</div>"
        if name in ("HTMLModel", "HTMLMathModel"):
            return f"<div>{state.get('value', '')}</div>"  # the course's own HTML
        if name == "LabelModel":
            return f"<div>{html.escape(str(state.get('value', '')))}</div>"
        if name == "OutputModel":
            return "".join(self.output(o) for o in state.get("outputs", []))
        shown = self.control_value(name, state)
        if shown is None:
            return ""  # buttons, progress bars, helpers without a view
        label = state.get("description") or ""
        head = f"{html.escape(label)}: " if label else ""
        value = f"<b>{html.escape(shown)}</b>" if shown else ""
        return f"<div class='pasar-control'>{head}{value}</div>" if head or value else ""

    @staticmethod
    def control_value(name: str, state: dict) -> str | None:
        """What a control shows, as text (None: nothing worth showing on paper)."""
        if "_options_labels" in state:
            index = state.get("index")
            labels = state["_options_labels"]
            if isinstance(index, int) and 0 <= index < len(labels):
                return labels[index]
            return " / ".join(labels)  # nothing chosen yet: the choices
        if name in ("CheckboxModel", "ToggleButtonModel"):
            return "✓" if state.get("value") else "✗"
        if name.endswith("SliderModel") and state.get("readout") is False:
            return ""  # the course shows the value beside it, in its own number format
        if name.endswith(("SliderModel", "TextModel", "TextareaModel")) or name in (
                "IntTextModel", "FloatTextModel", "BoundedIntTextModel",
                "BoundedFloatTextModel"):
            value = state.get("value")
            if isinstance(value, list):
                return " .. ".join(str(v) for v in value)
            return "" if value is None else str(value)
        return None

    def plot(self, state: dict) -> str:
        self.plots += 1
        figure = {"data": _plain(state.get("_widget_data", [])),
                  "layout": _plain(state.get("_widget_layout", {}))}
        payload = json.dumps(figure).replace("</", "<\\/")
        element = f"pasar-plot-{self.plots}"
        label = html.escape(state.get("_aria_label", ""), quote=True)
        return (f"<div class='pasar-plot' id='{element}' role='img' aria-label='{label}'></div>"
                f"<script>{{const figure = {payload}; Plotly.newPlot('{element}', figure.data, "
                f"figure.layout, {{responsive: true, displaylogo: false}});}}</script>")

    def output(self, out: dict) -> str:
        kind = out.get("output_type")
        if kind == "stream":
            return f"<pre>{html.escape(''.join(out.get('text', '')))}</pre>"
        if kind == "error":
            return f"<pre>{html.escape(out.get('ename', '') + ': ' + out.get('evalue', ''))}</pre>"
        data = out.get("data", {})
        if VIEW_MIME in data:
            return self.widget(data[VIEW_MIME].get("model_id"))
        if "text/html" in data:
            return "".join(data["text/html"]) if isinstance(data["text/html"], list) \
                else data["text/html"]
        if "image/png" in data:
            return f"<img alt='' src='data:image/png;base64,{data['image/png']}'>"
        if "text/plain" in data:
            return f"<pre>{html.escape(''.join(data['text/plain']))}</pre>"
        return ""


def _markdown(text: str) -> str:
    import mistune

    html_text = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])(text)
    # links between lessons lead to their offline pages
    return re.sub(r'href="([^":]+)\.ipynb', r'href="\1.html', html_text)


def plotly_js() -> str:
    """plotly.min.js, as the course's charts use it."""
    from .plot import _PLOTLY_JS

    return _PLOTLY_JS.read_text("utf-8")


def to_html(nb: nbformat.NotebookNode, lang: str = "en") -> str:
    """One static page for an executed notebook with its widget state (see the docstring)."""
    state = nb.metadata.get("widgets", {}).get(STATE_MIME, {})
    page, parts = Page(state), []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(_markdown(cell.source))
        elif cell.cell_type == "code":
            parts.extend(page.output(o) for o in cell.get("outputs", []))
    title = next((line.lstrip("# ") for c in nb.cells if c.cell_type == "markdown"
                  for line in c.source.splitlines() if line.startswith("# ")), "Pasar")
    library = plotly_js().replace("</script", "<\\/script") if page.plots else ""
    note = html.escape(t("offline.note", lang))
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)}</title>{CSS}"
            f"<script>{library}</script></head><body>"
            f"<p class='pasar-offline-note'>{note}</p>{''.join(parts)}</body></html>\n")


def notebooks(lang: str, lessons: list[str] | None = None, root: Path = ROOT) -> list[Path]:
    """The lesson notebooks of ``lang`` (all, or those whose name starts with ``lessons``)."""
    found = sorted((root / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))
    if not lessons:
        return found
    wanted = [str(x).zfill(2) if str(x).isdigit() else str(x) for x in lessons]
    return [p for p in found if any(p.name.startswith(w) for w in wanted)]


def export(path: Path, out: str | Path = "offline", lang: str = "en") -> Path:
    """Execute one lesson and write ``<out>/<lang>/<lesson>.html`` (replaced if there)."""
    nb = execute(Path(path))
    return write_new(Path(out) / lang / f"{Path(path).stem}.html", to_html(nb, lang),
                     force=True, lang=lang)


def main(argv: list[str] | None = None) -> int:
    """Export lessons (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m sim.ui.offline",
                                     description=t("offline.help.description", "en"))
    parser.add_argument("lessons", nargs="*", help=t("offline.help.lessons", "en"))
    parser.add_argument("--lang", choices=["en", "id", "all"], default="en")
    parser.add_argument("--out", default="offline", help=t("offline.help.out", "en"))
    args = parser.parse_args(argv)
    failed = 0
    for lang in (["en", "id"] if args.lang == "all" else [args.lang]):
        paths = notebooks(lang, args.lessons)
        if not paths:
            print(t("cli.error", lang, problem=t("offline.no_lesson", lang,
                                                  lessons=" ".join(args.lessons))),
                  file=sys.stderr)
            return 2
        for path in paths:
            print(t("offline.running", lang, path=path.name), flush=True)
            try:
                print(t("cli.saved", lang, path=export(path, args.out, lang)), flush=True)
            except (RuntimeError, OSError) as err:
                failed += 1
                print(t("cli.error", lang, problem=err), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["Page", "execute", "export", "main", "notebooks", "record_widget_state", "to_html"]
