"""./pasar present: Voila on 127.0.0.1 with a random token; a request without it is refused.

Plain HTTP (urllib), no browser: the presenter's laptop must not let any other web page or
machine start kernels on it. Uses the environment running the tests (PASAR_VENV, no install).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
URL = re.compile(r"open: (http://127\.0\.0\.1:(\d+)/)\?token=([A-Za-z0-9_-]{20,})")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def _status(url: str, method: str = "GET", timeout: float = 30) -> tuple[int, str, str]:
    req = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    try:
        with OPENER.open(req, timeout=timeout) as resp:
            return resp.status, resp.headers.get("Location", ""), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location", ""), ""


@pytest.fixture
def presenter():
    env = dict(os.environ, PASAR_VENV=sys.prefix, PASAR_NO_INSTALL="1")
    proc = subprocess.Popen([str(REPO / "pasar"), "present", "0", "--no-browser"], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        found, lines = None, []
        deadline = time.monotonic() + 60
        while found is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            found = URL.search(line)
        assert found, "no URL printed:\n" + "".join(lines)
        base, token = found.group(1), found.group(3)
        while True:  # until Voila listens
            try:
                _status(base, timeout=5)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline + 60, "".join(lines)
                time.sleep(0.5)
        yield base, token
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # Voila and the kernels it started
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_present_refuses_requests_without_the_token(presenter):
    base, token = presenter
    assert base.startswith("http://127.0.0.1:")
    status, location, _ = _status(base)
    assert status in (302, 403) and (status == 403 or "/login" in location)
    status, location, _ = _status(base + "?token=not-the-token")
    assert status in (302, 403) and (status == 403 or "/login" in location)
    status, _, _ = _status(base + "api/kernels", method="POST")  # what a hostile page would do
    assert status == 403
    status, _, body = _status(f"{base}?token={token}", timeout=180)
    assert status == 200 and "<html" in body.lower()
