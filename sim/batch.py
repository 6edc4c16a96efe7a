"""Many runs at once: on any ``concurrent.futures.Executor``, remembering each run's last week.

:func:`executor_map` sends jobs to an executor (a local process pool unless told otherwise; a
Dask client's ``get_executor()`` works unchanged) and reports ``progress(done, total)``.
:func:`final_rows` is what ``sim.sweep`` and ``sim.regimes`` need from each (parameters, seed)
run: the last week's row per seller. It asks :data:`CACHE` first, so a rerun is instant, and
runs the rest; runs that differ only in their horizon (``weeks``) are one simulation read at
each horizon, because nothing in a week depends on how many weeks are still to come.

The cache keys are the validated parameter values and the seed, together with a fingerprint of
the model's source files and of the libraries that draw the random numbers: a changed model
never reads an old result. It lives in memory; :meth:`RunCache.use_folder` also keeps it on
disk (one pack file per batch, written by :func:`sim.files.write_new`).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import secrets
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import lru_cache
from importlib import metadata
from itertools import accumulate
from pathlib import Path

from .engine import Simulation
from .files import UntrustedFileError, load_json_untrusted, write_new

SERIAL_JOBS = 2  # up to this many simulations run in this process: a pool costs more
CACHE_ENV = "PASAR_CACHE"  # a folder for the disk cache instead of the user's cache folder
PACK_BYTES = 64_000_000  # a pack file larger than this is not read


class SerialExecutor(Executor):
    """Runs jobs in this process, one by one (for tiny runs and notebooks)."""

    def submit(self, fn, *args, **kwargs):
        fut: Future = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the future carries the error to the caller
            fut.set_exception(exc)
        return fut


PRELOAD = ("sim.runner",)  # what the fork server imports once, before starting any worker


def process_pool(max_workers: int | None = None) -> ProcessPoolExecutor:
    """A pool of worker processes that are not forked from this process.

    Forking a process that runs threads (a Jupyter kernel, a dashboard's worker, a thread pool)
    can deadlock the child, and Python 3.12 warns about it. Here the workers come from a fork
    server: a small single-threaded process, started once, that imports the model and then
    forks each worker from itself. The first pool costs one import of the model (about 3 s on
    a busy 2-core machine); every later pool starts in well under a second, faster than
    forking a large notebook kernel. Without a fork server (Windows) workers are spawned."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(list(PRELOAD))
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=context)


def executor_map(executor: Executor | None, fn: Callable, jobs: list[tuple],
                 progress: Callable[[int, int], None] | None = None) -> list:
    """``fn(*job)`` for every job, in order, on ``executor`` (default: :func:`process_pool`);
    ``progress(done, total)`` after each result."""
    own = executor is None
    if own:
        executor = process_pool(min(len(jobs), os.cpu_count() or 1))
    try:
        futures = [executor.submit(fn, *job) for job in jobs]
        results = []
        for i, fut in enumerate(futures, 1):
            results.append(fut.result())
            if progress:
                progress(i, len(jobs))
        return results
    finally:
        if own:
            executor.shutdown()


# --- the cache ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What a run's numbers depend on besides its parameters and seed: the model's source
    (every module of the core) and the versions of Python and of the libraries it draws from."""
    digest = hashlib.sha256(sys.version.encode())
    for name in ("mesa", "numpy", "networkx"):
        digest.update(f"{name}={metadata.version(name)}".encode())
    core = Path(__file__).parent
    for path in sorted([*core.glob("*.py"), *core.glob("scenarios/*.py")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:20]


def run_key(values: dict, seed: int) -> str:
    """The cache key of one run: its validated parameter values and its seed."""
    text = json.dumps([fingerprint(), values, seed], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def user_cache_folder() -> Path:
    """``$PASAR_CACHE``, else the operating system's folder for a user's caches + ``pasar``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pasar" / "runs"


class RunCache:
    """The last week of runs by :func:`run_key`: the most recent ``size`` in memory, and, once
    :meth:`use_folder` is called, also in pack files in a folder (read back on first use)."""

    def __init__(self, size: int = 20_000):  # runs; a run is two rows of ~60 numbers (~7 kB)
        self.size = size
        self.rows: OrderedDict[str, list[dict]] = OrderedDict()
        self.folder: Path | None = None
        self._read = False

    def use_folder(self, folder: str | os.PathLike | None = None) -> Path:
        """Also keep results on disk, in ``folder`` (default: :func:`user_cache_folder`)."""
        self.folder = Path(folder) if folder is not None else user_cache_folder()
        self._read = False
        return self.folder

    def get(self, key: str) -> list[dict] | None:
        self._read_packs()
        rows = self.rows.get(key)
        if rows is not None:
            self.rows.move_to_end(key)
        return rows

    def put_many(self, found: dict[str, list[dict]]) -> None:
        """Remember new results (and write them as one pack when a folder is in use)."""
        for key, rows in found.items():
            self._remember(key, rows)
        if self.folder is not None and found:
            pack = self.folder / fingerprint() / f"{secrets.token_hex(8)}.json"
            try:
                write_new(pack, json.dumps(found))
            except OSError:  # a cache that cannot be written is only slower, never wrong
                pass

    def clear(self) -> None:
        """Forget what is in memory (files on disk stay)."""
        self.rows.clear()
        self._read = False

    def _remember(self, key: str, rows: list[dict]) -> None:
        self.rows[key] = rows
        self.rows.move_to_end(key)
        while len(self.rows) > self.size:
            self.rows.popitem(last=False)

    def _read_packs(self) -> None:
        if self._read or self.folder is None:
            return
        self._read = True
        folder = self.folder / fingerprint()
        packs = sorted(folder.glob("*.json"), key=_modified) if folder.is_dir() else []
        for path in packs:  # oldest first: the newest stay when memory is full
            try:
                found = load_json_untrusted(path, PACK_BYTES, max_depth=4)
            except UntrustedFileError:
                continue  # damaged or foreign: ignored, the runs are simply made again
            if isinstance(found, dict):
                for key, rows in found.items():
                    if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
                        self._remember(key, rows)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


CACHE = RunCache()  # shared by sim.sweep and sim.regimes in this process


# --- the last week of many runs ---------------------------------------------------------------

def final_weeks(values: dict, seed: int, horizons: list[int]) -> list[list[dict]]:
    """Top-level (picklable) worker: one simulation of validated ``values`` up to the longest
    horizon; for each horizon, the row per seller of its last week (as ``sim.run(...).final``
    of a run with that many weeks)."""
    simulation = Simulation({**values, "weeks": max(horizons)}, seed, checked=True)
    kept = sorted({h - 1 for h in horizons})  # rows only of the weeks asked for
    simulation.model.recorder.rows_at = set(kept)
    simulation.advance()
    rows, n = simulation.model.recorder.seller_rows, len(simulation.model.sellers)
    return [rows[kept.index(h - 1) * n: (kept.index(h - 1) + 1) * n] for h in horizons]


def final_rows(points: Iterable[tuple[dict, int]], executor: Executor | None = None,
               progress: Callable[[int, int], None] | None = None,
               cache: bool = True) -> list[list[dict]]:
    """For each (validated values, seed): the last week's row per seller. Cached runs cost
    nothing; the others run on ``executor`` (default: in this process when there are at most
    :data:`SERIAL_JOBS` simulations, else a local process pool). ``progress(done, total)``
    counts runs, cached ones included."""
    points = list(points)
    keys = [run_key(values, seed) for values, seed in points]
    found = {k: rows for k in dict.fromkeys(keys)
             if cache and (rows := CACHE.get(k)) is not None}
    # the missing runs, grouped into one simulation per (values but the horizon, seed)
    groups: dict[str, tuple[dict, int, dict[int, str]]] = {}
    for (values, seed), key in zip(points, keys, strict=True):
        if key in found:
            continue
        rest = {k: v for k, v in values.items() if k != "weeks"}
        group = groups.setdefault(json.dumps([rest, seed], sort_keys=True, default=str),
                                  (rest, seed, {}))
        group[2][values["weeks"]] = key
    jobs = [(rest, seed, sorted(horizons)) for rest, seed, horizons in groups.values()]
    total, done = len(points), len(points) - sum(len(h) for *_, h in groups.values())
    if progress:
        progress(done, total)
    if jobs:
        runs_done = list(accumulate((len(horizons) for *_, horizons in jobs), initial=done))

        def step(i: int, _: int) -> None:  # i simulations done: count the runs they were
            if progress:
                progress(runs_done[i], total)

        if executor is None and len(jobs) <= SERIAL_JOBS:
            executor = SerialExecutor()
        results = executor_map(executor, final_weeks, jobs, step)
        new = {}
        for (_, _, horizons), (*_, key_of), weeks in zip(jobs, groups.values(), results,
                                                          strict=True):
            new.update({key_of[h]: rows for h, rows in zip(horizons, weeks, strict=True)})
        if cache:
            CACHE.put_many(new)
        found.update(new)
    return [found[k] for k in keys]


__all__ = ["CACHE", "RunCache", "SerialExecutor", "executor_map", "final_rows", "final_weeks",
           "fingerprint", "run_key", "user_cache_folder"]
