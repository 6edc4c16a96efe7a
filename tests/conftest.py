"""Checks that apply to every test.

No fork in a multi-threaded process: forking while other threads run can deadlock the child
(Python 3.12 warns "This process ... is multi-threaded, use of fork() may lead to deadlocks in
the child"). The model's process pools start their workers from a fork server
(:func:`sim.runner.process_pool`); this guard makes a test fail if anything forks this process
while it runs threads again. A warnings filter cannot do it: CPython issues that warning and
then clears it, so ``filterwarnings = error`` turns it into nothing at all.
"""

from __future__ import annotations

import os
import threading

import pytest

FORKS_WITH_THREADS: list[int] = []  # the thread counts seen at each such fork


def os_threads() -> int:
    """The threads of this process as the OS counts them (what CPython's warning checks)."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            # field 20, counted after the command name, which may contain spaces: "(...)"
            return int(stat.read().rsplit(b")", 1)[1].split()[17])
    except (OSError, IndexError, ValueError):
        return threading.active_count()


def _before_fork() -> None:
    threads = os_threads()
    if threads > 1:
        FORKS_WITH_THREADS.append(threads)


os.register_at_fork(before=_before_fork)


@pytest.fixture
def forks_with_threads() -> list[int]:
    """The forks the guard has seen in this test so far (a test of the guard empties it)."""
    return FORKS_WITH_THREADS


@pytest.fixture(autouse=True)
def no_fork_while_threads_run():
    """Fail the test that forked this process while other threads were running."""
    FORKS_WITH_THREADS.clear()
    yield
    seen, FORKS_WITH_THREADS[:] = list(FORKS_WITH_THREADS), []
    if seen:
        pytest.fail(f"forked while running {max(seen)} threads ({len(seen)} time(s)); use "
                    "sim.runner.process_pool() or an executor that does not fork", pytrace=False)
