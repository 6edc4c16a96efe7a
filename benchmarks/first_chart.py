"""First paint of a presented lesson: the time from opening the page to its first chart with data,
in Voila and headless Chromium, as `./pasar present` serves it (a preheated kernel) and as a plain
`voila notebook.ipynb` does (the kernel starts and runs every cell when the page is asked for).

    python benchmarks/first_chart.py [LESSON_NOTEBOOK] [--runs N]

Both ways are measured in one process, alternating, so the ratio holds even when the machine is
busy; the absolute seconds depend on the load, which is printed with them. Needs Chromium
(``$PASAR_BROWSER`` or /usr/bin/chromium) and Playwright (``./pasar test`` installs it).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from sim.course.kit import BROWSER_ARGS, find_browser  # noqa: E402

FIRST_CHART = "() => [...document.querySelectorAll('.js-plotly-plot')].some(p => p.data)"
PRESENT_ARGS = REPO / "assets" / "jupyter" / "voila" / "present.args"  # ./pasar present's flags
POOL_FILLED = re.compile(r"Kernel pool of .* is filled")
LIMIT_S = 900  # only catches a hang


def present_flags() -> list[str]:
    """Voila's flags as ``./pasar present`` passes them (its template, a preheated kernel)."""
    lines = PRESENT_ARGS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what: str) -> None:
    end = time.monotonic() + LIMIT_S
    while not check():
        if time.monotonic() > end:
            raise TimeoutError(what)
        time.sleep(0.25)


def serving(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2)
    except urllib.error.HTTPError:
        return True  # it answers
    except OSError:
        return False
    return True


def kernel_idle(server: subprocess.Popen) -> bool:
    """True when the server's kernel process has started and is quiet (under 5% of a core for
    two seconds): the preheated kernel has run every cell of the lesson. (Voila refuses its
    kernels API to a client without a page, so the process is watched instead.)"""
    import psutil
    kernels = [c for c in psutil.Process(server.pid).children(recursive=True)
               if "ipykernel" in " ".join(c.cmdline())]
    return bool(kernels) and all(k.cpu_percent(interval=1.0) < 5 and
                                 k.cpu_percent(interval=1.0) < 5 for k in kernels)


def first_chart_s(browser, notebook: Path, preheat: bool) -> float:
    """Start Voila (preheated: and wait until its kernel has run the lesson), open the page,
    and return the seconds until the first chart has data."""
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1",
             f"--port={port}", *(present_flags() if preheat else []), str(notebook)],
            cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "JUPYTER_PATH": str(REPO / "assets" / "jupyter")})
        try:
            wait_until(lambda: serving(port), "Voila to answer")
            if preheat:  # the pool's kernel exists, then runs the lesson: wait until it idles
                wait_until(lambda: (log.seek(0) or True) and POOL_FILLED.search(log.read()),
                           "the preheated kernel")
                wait_until(lambda: kernel_idle(server), "the preheated kernel to run the lesson")
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            start = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/", wait_until="commit", timeout=LIMIT_S * 1000)
            page.wait_for_function(FIRST_CHART, timeout=LIMIT_S * 1000, polling=100)
            seconds = time.perf_counter() - start
            page.close()
            return seconds
        finally:
            server.terminate()
            server.wait(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", nargs="?", default="notebooks/en/00_start_here.ipynb")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    times: dict[bool, list[float]] = {False: [], True: []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_browser(), headless=True,
                                             args=BROWSER_ARGS)
        try:
            for _ in range(args.runs):
                for preheat in (False, True):
                    times[preheat].append(first_chart_s(browser, REPO / args.notebook, preheat))
        finally:
            browser.close()
    load = os.getloadavg()[0]
    cold, warm = statistics.median(times[False]), statistics.median(times[True])
    print(f"{args.notebook} in Voila, first chart after opening the page "
          f"(median of {args.runs}, load average {load:.1f} at the end):")
    each = {k: [round(t, 1) for t in v] for k, v in times.items()}
    print(f"  plain voila (kernel runs the lesson on request): {cold:6.1f} s  {each[False]}")
    print(f"  ./pasar present (preheated kernel):              {warm:6.1f} s  {each[True]}")
    print(f"  ratio plain / preheated: {cold / warm:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
