"""Real-browser test harness: JupyterLab / Voila servers + Debian Chromium via Playwright.

Fixtures (all tests in tests/browser/ are auto-marked ``browser``):

- ``lab_workspace``  (session) Path: throw-away copy of the repo's ``notebooks/`` and
  ``lessons/`` (plus an empty ``scratch/``); the servers below serve this directory, so the
  real notebooks are never modified. Put scratch notebooks here.
- ``jupyter_lab``    (session) Server: JupyterLab on a free loopback port with a token,
  throw-away settings/config/runtime dirs, autosave off, ``window.jupyterapp`` exposed.
- ``voila_server``   (session) Server: Voila serving ``lab_workspace``.
- ``browser``        (session) playwright Browser: Debian ``/usr/bin/chromium``, headless.
- ``page``           (function) playwright Page whose context aborts every request that is
  not to 127.0.0.1/localhost (``page.blocked_requests`` lists what was blocked).
- ``lab``            (function) LabDriver(page, jupyter_lab): ``open(relpath)``,
  ``run_all_cells(timeout)`` -> list[OutputProblem], ``screenshot(name)``.
- ``voila``          (function) VoilaDriver(page, voila_server): ``open(relpath)`` waits for
  widgets and returns list[OutputProblem], ``screenshot(name)``.
- ``screenshot``     (function) callable(page, name) -> Path in tests/artifacts/.

Missing Chromium or Playwright: ``pytest.fail`` when CI=true, ``pytest.skip`` otherwise.
A failing test that used ``page`` leaves ``tests/artifacts/FAILED-<test>.png``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from sim.course.kit import BROWSER_ARGS

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = BROWSER_ARGS  # the same flags as the trainer's kit prints its PDFs with
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SERVER_START_TIMEOUT = 120  # seconds
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# JupyterLab user settings written into the throw-away JUPYTERLAB_SETTINGS_DIR.
LAB_SETTINGS: dict[str, dict] = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Attach every cell to the DOM so selectors see all outputs.
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def _unavailable(reason: str):
    """Fail in CI (the browser must be there), skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true, so this is a failure)", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --------------------------------------------------------------------------- servers


@dataclass
class Server:
    """A running server. ``url(path)`` builds an address with the token attached."""

    name: str
    base_url: str  # e.g. http://127.0.0.1:PORT/ (ends with /)
    token: str
    root_dir: Path
    port: int
    pid: int
    log_path: Path

    def url(self, path: str = "", **query: str) -> str:
        q = dict(query)
        if self.token:
            q.setdefault("token", self.token)
        qs = "&".join(f"{k}={quote(str(v))}" for k, v in q.items())
        return self.base_url + path.lstrip("/") + (f"?{qs}" if qs else "")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _isolated_env(home: Path) -> dict[str, str]:
    """Environment with throw-away Jupyter dirs under ``home``."""
    env = dict(os.environ)
    dirs = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
    }
    for key, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        env[key] = str(path)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.pop("JUPYTER_TOKEN", None)
    return env


def write_lab_settings(settings_dir: Path, settings: dict[str, dict]) -> None:
    """Write JupyterLab user settings ("pkg:plugin" -> values) as .jupyterlab-settings files."""
    for plugin_id, values in settings.items():
        pkg, plugin = plugin_id.split(":")
        target = settings_dir / pkg / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2))


def wait_for_http(url: str, proc: subprocess.Popen, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"server exited with {proc.returncode} before answering:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status < 500:
                    return
        except urllib.error.HTTPError as e:
            if e.code < 500:
                return
            last = str(e)
        except OSError as e:
            last = str(e)
        time.sleep(0.25)
    tail = log_path.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"{url} did not answer within {timeout}s ({last}):\n{tail}")


def stop_process(proc: subprocess.Popen, grace: float = 15) -> None:
    """Stop a server we started, by its PID: terminate, then kill (its process group too)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
    # Kernels are started in the server's own process group (start_new_session=True).
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass
    log = getattr(proc, "pasar_log", None)
    if log is not None:
        log.close()


def _start(
    name: str,
    cmd: list[str],
    home: Path,
    ready_path: str,
    token: str,
    port: int,
    root_dir: Path,
    env: dict[str, str],
) -> tuple[Server, subprocess.Popen]:
    log_path = home / f"{name}.log"
    log = open(log_path, "wb")  # closed by stop_process
    proc = subprocess.Popen(
        cmd,
        cwd=str(root_dir),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    proc.pasar_log = log
    server = Server(name, f"http://127.0.0.1:{port}/", token, root_dir, port, proc.pid, log_path)
    try:
        wait_for_http(server.url(ready_path), proc, log_path, SERVER_START_TIMEOUT)
    except Exception:
        stop_process(proc)
        raise
    return server, proc


def start_jupyter_lab(
    root_dir: Path, home: Path, settings: dict[str, dict] | None = None
) -> tuple[Server, subprocess.Popen]:
    """Start JupyterLab serving ``root_dir``; ``settings`` add/override LAB_SETTINGS."""
    home.mkdir(parents=True, exist_ok=True)
    env = _isolated_env(home)
    write_lab_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]), {**LAB_SETTINGS, **(settings or {})})
    port, token = free_port(), uuid.uuid4().hex
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.expose_app_in_browser=True",
        "--ServerApp.terminals_enabled=False",
    ]
    if IS_ROOT:
        cmd.append("--allow-root")
    return _start("jupyterlab", cmd, home, "api/status", token, port, root_dir, env)


def start_voila(
    root_dir: Path,
    home: Path,
    notebook: str | None = None,
) -> tuple[Server, subprocess.Popen]:
    """Start Voila serving the directory ``root_dir`` (or just ``notebook`` inside it)."""
    home.mkdir(parents=True, exist_ok=True)
    env = _isolated_env(home)
    env["JUPYTER_PATH"] = str(REPO / "assets" / "jupyter")  # the course's page, as ./pasar present
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "voila",
        "--template=pasar",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--show_tracebacks=True",
        notebook if notebook else str(root_dir),
    ]
    return _start("voila", cmd, home, "", "", port, root_dir, env)


@pytest.fixture(scope="session")
def lab_workspace(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("workspace")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for sub in ("notebooks", "lessons"):
        if (REPO / sub).is_dir():
            shutil.copytree(REPO / sub, ws / sub, ignore=ignore)
    (ws / "scratch").mkdir()
    return ws


@pytest.fixture(scope="session")
def jupyter_lab(lab_workspace, tmp_path_factory):
    server, proc = start_jupyter_lab(lab_workspace, tmp_path_factory.mktemp("lab-home"))
    yield server
    stop_process(proc)


@pytest.fixture(scope="session")
def voila_server(lab_workspace, tmp_path_factory):
    server, proc = start_voila(lab_workspace, tmp_path_factory.mktemp("voila-home"))
    yield server
    stop_process(proc)


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Python playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (Debian: apt-get install -y chromium)")
    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture(scope="session")
def browser(_playwright):
    b = _playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield b
    b.close()


def block_non_loopback(context) -> list[str]:
    """Abort every request that is not to the loopback host; returns the list of blocked URLs."""
    blocked: list[str] = []

    def handler(route):
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob") or parsed.hostname in LOOPBACK_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handler)
    return blocked


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    blocked = block_non_loopback(context)
    pg = context.new_page()
    pg.blocked_requests = blocked
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        try:
            save_screenshot(pg, f"FAILED-{request.node.name}")
        except Exception:  # noqa: BLE001 - best effort
            pass
    context.close()


def save_screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG into tests/artifacts/ (gitignored) and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "shot"
    path = ARTIFACTS / (safe if safe.endswith(".png") else f"{safe}.png")
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture
def screenshot():
    return save_screenshot


# --------------------------------------------------------------------------- drivers


@dataclass
class OutputProblem:
    cell: int  # index of the cell in the notebook (-1 if unknown)
    kind: str  # "error" (exception) or "stderr"
    text: str

    def __str__(self) -> str:
        return f"cell {self.cell} [{self.kind}]: {self.text.strip()[:2000]}"


STDERR_SELECTOR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'

_JS_KERNEL_STATUS = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return k ? k.status : null;
}"""

_JS_PROBLEMS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const out = [];
  w.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const outs = cell.model.outputs;
    for (let j = 0; j < outs.length; j++) {
      const o = outs.get(j).toJSON();
      if (o.output_type === 'error') {
        out.push({cell: i, kind: 'error',
                  text: o.ename + ': ' + o.evalue + '\\n' + (o.traceback || []).join('\\n')});
      } else if (o.output_type === 'stream' && o.name === 'stderr') {
        const t = Array.isArray(o.text) ? o.text.join('') : o.text;
        out.push({cell: i, kind: 'stderr', text: t});
      }
    }
  });
  return out;
}"""


def wait_kernel_idle(page, timeout_s: float = 120) -> None:
    """Wait until the current notebook's kernel exists and reports 'idle'."""
    page.wait_for_function(
        f"({_JS_KERNEL_STATUS})() === 'idle'", timeout=timeout_s * 1000, polling=200
    )


def open_notebook(page, server: Server, relpath: str, timeout_s: float = 120) -> None:
    """Open ``relpath`` (relative to the server root) in JupyterLab; wait for an idle kernel."""
    # ?reset: start from an empty workspace so no earlier notebook is restored next to it.
    page.goto(server.url(f"lab/tree/{quote(relpath)}", reset=""), timeout=timeout_s * 1000)
    page.wait_for_function(
        """(p) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                    return !!(w && w.context && w.context.path === p && w.content
                              && w.content.node.classList.contains('jp-Notebook')); }""",
        arg=relpath,
        timeout=timeout_s * 1000,
        polling=200,
    )
    page.wait_for_selector(".jp-Notebook", state="visible", timeout=timeout_s * 1000)
    wait_kernel_idle(page, timeout_s)


def output_problems(page) -> list[OutputProblem]:
    """Error and stderr outputs of the open notebook (from the model, or the DOM as fallback)."""
    if page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.shell.currentWidget)"):
        raw = page.evaluate(_JS_PROBLEMS)
        return [OutputProblem(r["cell"], r["kind"], ANSI.sub("", r["text"])) for r in raw]
    return [OutputProblem(-1, "stderr", t) for t in page.locator(STDERR_SELECTOR).all_inner_texts()]


def run_all_cells(page, timeout_s: float = 600) -> list[OutputProblem]:
    """Run All Cells in the open notebook, wait until done and the kernel is idle.

    Returns the error/stderr outputs found (empty list = clean run).
    """
    if page.evaluate("() => !!window.jupyterapp"):
        page.evaluate(
            """() => {
              const s = window.__pasarRunAll = {done: false};
              window.jupyterapp.commands.execute('notebook:run-all-cells').then(
                r => { s.done = true; s.result = r; },
                e => { s.done = true; s.error = String(e); });
            }"""
        )
        page.wait_for_function("window.__pasarRunAll.done", timeout=timeout_s * 1000, polling=250)
    else:  # menu fallback (app not exposed)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
        page.wait_for_function(
            """() => ![...document.querySelectorAll('.jp-InputPrompt')]
                       .some(p => p.textContent.includes('[*]'))""",
            timeout=timeout_s * 1000,
            polling=250,
        )
    wait_kernel_idle(page, timeout_s)
    return output_problems(page)


WIDGET_SELECTOR = ".jupyter-widgets, .widget-slider"


def open_voila(page, server: Server, relpath: str, timeout_s: float = 180) -> list[OutputProblem]:
    """Open the Voila page of ``relpath``; wait until widgets render; return stderr outputs."""
    page.goto(server.url(f"voila/render/{quote(relpath)}"), timeout=timeout_s * 1000)
    page.wait_for_selector(WIDGET_SELECTOR, state="visible", timeout=timeout_s * 1000)
    texts = page.locator(STDERR_SELECTOR).all_inner_texts()
    return [OutputProblem(-1, "stderr", t) for t in texts]


class LabDriver:
    def __init__(self, page, server: Server):
        self.page, self.server = page, server

    def open(self, relpath: str, timeout_s: float = 120) -> None:
        open_notebook(self.page, self.server, relpath, timeout_s)

    def run_all_cells(self, timeout_s: float = 600) -> list[OutputProblem]:
        return run_all_cells(self.page, timeout_s)

    def problems(self) -> list[OutputProblem]:
        return output_problems(self.page)

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        return save_screenshot(self.page, name, full_page)


class VoilaDriver:
    def __init__(self, page, server: Server):
        self.page, self.server = page, server

    def open(self, relpath: str, timeout_s: float = 180) -> list[OutputProblem]:
        return open_voila(self.page, self.server, relpath, timeout_s)

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        return save_screenshot(self.page, name, full_page)


@pytest.fixture
def lab(page, jupyter_lab) -> LabDriver:
    return LabDriver(page, jupyter_lab)


@pytest.fixture
def voila(page, voila_server) -> VoilaDriver:
    return VoilaDriver(page, voila_server)
