"""Run dashboard work one request at a time, dropping the backlog: only the latest counts.

A learner dragging sliders fast sends many requests while a run is still going. Requests wait
in a single slot where a newer one replaces (or merges into) the older, so at most one run
waits behind the current one. In a Jupyter kernel the work runs in a background thread, so the
kernel keeps receiving slider changes meanwhile; elsewhere (tests, scripts) it runs at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)
END = 10**9  # "until the last week"


@dataclass
class Request:
    """What the dashboard should do: rebuild the market (``reset``: values and seed), advance
    to week ``target`` or by ``steps`` weeks, then refresh the charts."""

    reset: tuple[dict, int] | None = None
    target: int | None = None
    steps: int = 0

    def merge(self, newer: Request) -> Request:
        """The single request that does what both would have done (newer resets win)."""
        if newer.reset is not None:
            return newer
        target = max(t for t in (self.target, newer.target, -1) if t is not None)
        return Request(self.reset, None if target < 0 else target, self.steps + newer.steps)


def in_kernel() -> bool:
    """True inside a running Jupyter kernel (JupyterLab, Voila, nbval)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class LatestOnly:
    """One worker, one waiting slot. ``work(request)`` does the job; ``on_error(exc)`` is told
    about anything that goes wrong (the learner never sees a traceback)."""

    def __init__(self, work: Callable[[Request], Any], on_error: Callable[[BaseException], Any],
                 background: bool | None = None):
        self.work, self.on_error = work, on_error
        self.background = in_kernel() if background is None else background
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._pending: Request | None = None
        self._thread: threading.Thread | None = None
        self.runs = 0  # how many requests were actually worked (tests count the coalescing)

    def submit(self, request: Request) -> None:
        if not self.background:
            self._do(request)
            return
        with self._lock:
            self._pending = request if self._pending is None else self._pending.merge(request)
            if self._thread is None:
                self._idle.clear()
                self._thread = threading.Thread(target=self._loop, daemon=True,
                                                name="pasar-dashboard")
                self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._lock:
                request, self._pending = self._pending, None
                if request is None:
                    self._thread = None
                    self._idle.set()
                    return
            self._do(request)

    def _do(self, request: Request) -> None:
        self.runs += 1
        try:
            self.work(request)
        except Exception as exc:  # noqa: BLE001 - reported to the learner in words
            log.exception("dashboard work failed")
            self.on_error(exc)

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def wait(self, timeout: float | None = 60) -> bool:
        """Block until no work is running or waiting; True if that happened in time."""
        return self._idle.wait(timeout)
