"""Worker processes never come from forking a process that runs threads (tests/conftest.py
fails any test that does), and the guard itself can fail."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import sim
from sim.runner import process_pool


@pytest.mark.filterwarnings("ignore:This process.*is multi-threaded:DeprecationWarning")
def test_the_guard_sees_a_fork_while_a_thread_runs(forks_with_threads):
    release = threading.Event()
    thread = threading.Thread(target=release.wait, daemon=True)
    thread.start()
    try:
        pid = os.fork()
        if pid == 0:  # the child leaves at once
            os._exit(0)
        os.waitpid(pid, 0)
    finally:
        release.set()
        thread.join()
    seen, forks_with_threads[:] = list(forks_with_threads), []
    assert seen and max(seen) >= 2


def test_the_default_pool_starts_workers_without_forking_a_threaded_process():
    threads = ThreadPoolExecutor(2)  # threads left running, as in a notebook kernel
    try:
        list(threads.map(abs, [1, -2, 3]))
        table = sim.compare(["beginner"], seeds=[1, 2, 3], weeks=3)
        assert set(table.n) == {3}
    finally:
        threads.shutdown()
    with process_pool(2) as pool:
        assert pool._mp_context.get_start_method() in ("forkserver", "spawn")
        assert list(pool.map(abs, [-1, -2])) == [1, 2]
