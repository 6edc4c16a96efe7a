"""The README's first command, for real: ``./pasar course [--lang id]`` in a browser.

It must print an address that opens the start notebook itself (token included), and
JupyterLab's own interface must follow the course language (the Indonesian language pack), with
no "Jupyter news?" pop-up asking for the internet in an offline classroom.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest
from conftest import REPO, stop_process

URL = re.compile(r"open the course at: (http://\S+)")
CASES = [("en", "00_start_here.ipynb", "Name"), ("id", "00_mulai_di_sini.ipynb", "Nama")]


def _start_course(lang: str, home) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "HOME": str(home), "BROWSER": "true"}  # never open a real browser
    proc = subprocess.Popen([str(REPO / "pasar"), "course", "--lang", lang], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    seen, deadline = [], time.monotonic() + 600  # the first call may still install packages
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        match = URL.search(line)
        if match:
            # keep reading the server's log so a full pipe never blocks it
            threading.Thread(target=proc.stdout.read, daemon=True).start()
            _wait_until_serving(match.group(1), proc)
            return proc, match.group(1)
    stop_process(proc)
    raise AssertionError("./pasar course printed no address:\n" + "".join(seen[-20:]))


def _wait_until_serving(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    """The address is printed as JupyterLab starts; wait until it answers."""
    status = url.split("/lab/", 1)[0] + "/api/status?token=" + url.rsplit("token=", 1)[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "./pasar course exited before serving"
        try:
            with urllib.request.urlopen(status, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise AssertionError(f"JupyterLab did not answer at {status} within {timeout} s")


@pytest.mark.parametrize(("lang", "notebook", "name_header"), CASES)
def test_course_command_opens_the_start_notebook_in_the_course_language(
        page, tmp_path, lang, notebook, name_header):
    proc, url = _start_course(lang, tmp_path)
    try:
        assert f"/lab/tree/notebooks/{lang}/{notebook}?token=" in url
        page.goto(url)
        # the start notebook itself is open (not just /lab) ...
        page.wait_for_selector(f".lm-TabBar-tabLabel:text-is('{notebook}')", timeout=180_000)
        # ... and JupyterLab's file browser speaks the course language
        page.wait_for_selector(f".jp-DirListing-headerItemText:text-is('{name_header}')",
                               timeout=60_000)
        page.wait_for_selector(".jp-Notebook .jp-MarkdownOutput", timeout=60_000)
        assert not page.get_by_text("Would you like to get notified").count()
        assert page.blocked_requests == []
    finally:
        stop_process(proc)
