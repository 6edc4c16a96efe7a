"""Every file Pasar writes or reads from a learner goes through here.

Writing never loses data: the bytes go to a unique temporary file in the target folder, are
flushed and fsynced, and only then is the file *linked* into place (``os.link`` fails if the name
exists, so an existing file is never replaced, even when several processes save to the same name
at the same moment). The temporary file is removed on every error, so a full disk leaves no
half-written or empty file behind. ``force=True`` is the only way to replace a file (an atomic
``os.replace``).

Reading a learner's file treats it as untrusted: regular files only (no symlinks, pipes or
devices), opened non-blocking, size-capped, and JSON nesting depth-capped before parsing.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .i18n import t

FILE_MODE = 0o644  # what a saved file allows: its owner writes, everyone reads
# errors meaning "this filesystem cannot make hard links" (FAT/exFAT USB sticks, some shares)
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK,
             errno.ENOSYS}


class UntrustedFileError(ValueError):
    """A file that cannot be read safely; ``reason`` is the learner-readable explanation."""

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(f"{Path(path).name}: {reason}")
        self.path, self.reason = Path(path), reason


def _error(kind: type[OSError], message: str, path: Path) -> OSError:
    """An OSError whose str() is just the translated message (no "[Errno 17]" prefix)."""
    err = kind(message)
    err.path = path  # not .filename: that would turn str(err) into "[Errno None] ..."
    return err


def _encode(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_copy(folder: Path, name: str, data: bytes) -> Path:
    """A unique, fsynced temporary file holding ``data`` in ``folder``, readable by others
    like any saved file (mkstemp makes it private: a trainer could not read a learner's file
    in a shared folder)."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
    except OSError:  # a filesystem without modes (FAT USB sticks): nothing to widen
        pass
    _write_fd(fd, data, Path(tmp))
    return Path(tmp)


def _write_fd(fd: int, data: bytes, path: Path) -> None:
    """Write ``data`` to the open ``fd`` and fsync it; on any error remove ``path``."""
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        _unlink(path)
        raise


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _create_exclusive(path: Path, data: bytes) -> None:
    """Fallback where hard links are impossible: create ``path`` exclusively and write it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                 FILE_MODE)
    _write_fd(fd, data, path)


def _place(tmp: Path, path: Path, data: bytes) -> None:
    """Link ``tmp`` to ``path``; FileExistsError if ``path`` exists (never replaced)."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in _NO_LINKS:
            raise
        _create_exclusive(path, data)


def write_first_free(candidates: Iterable[Sequence[str | os.PathLike]],
                     data: Sequence[str | bytes], lang: str = "en") -> tuple[Path, ...]:
    """Write ``data[i]`` to the i-th path of the first group of ``candidates`` whose names are
    all free; a group is all or nothing (an export's CSV and JSON share one stem, from one run).
    Returns the group written. Raises FileExistsError when every group is taken."""
    blobs = [_encode(d) for d in data]
    groups = iter(candidates)
    first = tuple(Path(p) for p in next(groups, ()))
    if len(first) != len(blobs) or not blobs:
        raise ValueError("every candidate group needs one path per data item")
    temps: list[Path] = []
    try:
        return _link_first_free(first, groups, blobs, temps, lang)
    except OSError as err:
        if err.filename is None and err.errno:  # name the file in every message
            err.filename = str(first[0])
        raise
    finally:
        for tmp in temps:
            _unlink(tmp)


def _link_first_free(first, groups, blobs, temps, lang) -> tuple[Path, ...]:
    """Link the temp copies to the first free group (see write_first_free)."""
    for path, blob in zip(first, blobs, strict=True):
        temps.append(_temp_copy(path.parent, path.name, blob))
    for group in itertools.chain([first], groups):
        group = tuple(Path(p) for p in group)
        placed: list[Path] = []
        try:
            for tmp, path, blob in zip(temps, group, blobs, strict=True):
                _place(tmp, path, blob)
                placed.append(path)
        except FileExistsError:
            for path in placed:  # ours, linked a moment ago: free the group's names again
                _unlink(path)
            continue
        except BaseException:
            for path in placed:
                _unlink(path)
            raise
        for folder in {p.parent for p in group}:
            _fsync_dir(folder)
        return group
    taken = first[0]
    if taken.is_dir():
        raise _error(IsADirectoryError, t("error.is_folder", lang, path=taken), taken)
    raise _error(FileExistsError, t("error.file_exists", lang, path=taken), taken)


def write_new(path: str | os.PathLike, data: str | bytes, force: bool = False,
              lang: str = "en", mkdir: bool = True) -> Path:
    """Write ``data`` to ``path`` safely. Never replaces an existing file unless ``force``
    (then atomically). Raises FileExistsError with a message naming the path."""
    path = Path(path)
    if mkdir:
        path.parent.mkdir(parents=True, exist_ok=True)
    if not force:
        return write_first_free([(path,)], [data], lang)[0]
    if path.is_dir():
        raise _error(IsADirectoryError, t("error.is_folder", lang, path=path), path)
    tmp = None
    try:
        tmp = _temp_copy(path.parent, path.name, _encode(data))
        os.replace(tmp, path)
    except OSError as err:
        if err.filename is None and err.errno:
            err.filename = str(path)
        raise
    finally:
        if tmp is not None:
            _unlink(tmp)
    _fsync_dir(path.parent)
    return path


def file_stem(name: str, fallback: str) -> str:
    """A safe file name from a learner's words: ASCII letters and digits, every other run of
    characters one ``_``, at most 40 characters (``"Siti & Budi"`` → ``siti_budi``);
    ``fallback`` when nothing is left."""
    stem = "_".join(re.findall(r"[a-z0-9]+", name.lower()))
    return stem[:40] or fallback


def numbered(folder: Path, stem: str, suffixes: Sequence[str], limit: int = 10_000):
    """``stem.sfx``, ``stem_2.sfx``, ``stem_3.sfx`` ... as groups of paths (one per suffix)."""
    for n in range(1, limit):
        name = stem if n == 1 else f"{stem}_{n}"
        yield tuple(folder / f"{name}{sfx}" for sfx in suffixes)


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells that a spreadsheet would run as a formula (starting with
    ``= + - @``, tab or CR) start with an apostrophe instead."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t",
                                                                      "\r") else v)
    return out


def printable(value: Any, limit: int = 40) -> str:
    """A value from a learner's file, safe to print on a projected terminal or page: control
    codes escaped, length capped."""
    text = value if isinstance(value, str) else repr(value)
    shown = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                    for ch in text[:limit])
    return shown + ("..." if len(text) > limit else "")


# --- reading untrusted files --------------------------------------------------------------------

def read_untrusted(path: str | os.PathLike, max_bytes: int, lang: str = "en") -> bytes:
    """The bytes of a learner's file, refusing anything but a small regular file. Never
    follows a symlink, never blocks on a pipe, never reads more than ``max_bytes`` + 1."""
    path = Path(path)
    try:
        info = os.lstat(path)
    except OSError as err:
        raise UntrustedFileError(path, err.strerror or str(err)) from err
    if not stat.S_ISREG(info.st_mode):
        raise UntrustedFileError(path, t("error.not_regular_file", lang))
    if info.st_size > max_bytes:
        raise UntrustedFileError(path, t("error.file_too_big", lang, size=info.st_size,
                                         limit=max_bytes))
    flags = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_NOCTTY", 0))
    try:
        fd = os.open(path, flags)
    except OSError as err:  # ELOOP: it became a symlink meanwhile
        raise UntrustedFileError(path, t("error.not_regular_file", lang)) from err
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UntrustedFileError(path, t("error.not_regular_file", lang))
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as err:
        raise UntrustedFileError(path, err.strerror or str(err)) from err
    finally:
        os.close(fd)
    if total > max_bytes:
        raise UntrustedFileError(path, t("error.file_too_big", lang, size=total,
                                         limit=max_bytes))
    return b"".join(chunks)


def json_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in JSON text (strings skipped), without parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def load_json_untrusted(path: str | os.PathLike, max_bytes: int = 64_000, max_depth: int = 6,
                        lang: str = "en"):
    """Parse a learner's JSON file within the size and depth caps; UntrustedFileError if not."""
    raw = read_untrusted(path, max_bytes, lang)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UntrustedFileError(path, t("error.not_text", lang)) from err
    if json_depth(text) > max_depth:
        raise UntrustedFileError(path, t("error.json_too_deep", lang, limit=max_depth))
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:
        raise UntrustedFileError(path, t("error.not_json", lang, detail=str(err)[:80])) from err


__all__ = ["UntrustedFileError", "csv_safe", "load_json_untrusted", "numbered", "printable",
           "read_untrusted", "write_first_free", "write_new"]
