"""./pasar present in a real browser: without the token the lesson never loads and the server
refuses to start a kernel; with the token the lesson renders and its kernel connects."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_present import presenter  # noqa: E402,F401  (the fixture: ./pasar present 0)


def test_the_presented_lesson_needs_the_token(presenter, page):  # noqa: F811
    base, token = presenter
    page.goto(base, wait_until="domcontentloaded", timeout=60_000)
    assert "/login" in page.url
    assert page.locator(".jupyter-widgets").count() == 0
    status = page.evaluate("async (u) => (await fetch(u, {method: 'POST'})).status",
                           base + "api/kernels")
    assert status == 403
    with page.expect_websocket(timeout=300_000) as kernel:  # widgets talk to the kernel
        page.goto(f"{base}?token={token}", wait_until="domcontentloaded", timeout=300_000)
    assert "/login" not in page.url and "/api/kernels/" in kernel.value.url
    assert page.locator("h1").first.inner_text().startswith("Lesson 0")
    assert page.blocked_requests == []  # the course's template asks the internet for nothing
