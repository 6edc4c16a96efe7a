"""Learner-visible strings, one catalogue per language (``sim/locales/<lang>.json``).

Every string has a stable key; code never holds a sentence inline. ``t("stage.loyal", "id")``
looks a key up and fills ``{placeholders}``. All catalogues must hold the same keys with the
same placeholders (a test checks it), so a trainer can translate one file without touching code.

The languages are the catalogue files found, not a list in code: to add one, copy ``en.json`` to
``<code>.json`` (e.g. ``fil.json``) and translate the values. A catalogue kept outside the
package is found through ``add_locale_dir(path)`` or the ``PASAR_LOCALES`` environment variable
(folders separated by ``os.pathsep``); a file there for a language that already exists
overrides single strings of it.
"""

from __future__ import annotations

import json
import numbers
import os
import string
from functools import cache
from importlib import resources
from pathlib import Path

ENV = "PASAR_LOCALES"  # extra catalogue folders, separated by os.pathsep
FIRST = "en"  # the source language: listed first, and the one a new catalogue is copied from
_extra_dirs: list[Path] = []


def add_locale_dir(path: str | os.PathLike) -> None:
    """Also read the catalogues (``<lang>.json``) in ``path``; later folders win."""
    _extra_dirs.append(Path(path))
    catalogue.cache_clear()


def _dirs() -> list:
    env = [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    return [resources.files("sim").joinpath("locales"), *env, *_extra_dirs]


def _files(lang: str | None = None) -> list:
    return [f for d in _dirs() if d.is_dir() for f in d.iterdir()
            if f.name.endswith(".json") and (lang is None or f.name == f"{lang}.json")]


def languages() -> tuple[str, ...]:
    """The language codes with a catalogue, the source language first."""
    found = {f.name.removesuffix(".json") for f in _files()}
    return tuple(sorted(found, key=lambda lang: (lang != FIRST, lang)))


def __getattr__(name: str):
    if name == "LANGUAGES":  # the languages found, read at the time of asking
        return languages()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _catalogue(lang: str, dirs: tuple) -> dict[str, str]:
    files = _files(lang)
    if not files:
        raise ValueError(catalogue(FIRST)["error.unknown_language"].format(
            value=lang, valid=", ".join(languages())))
    merged: dict[str, str] = {}
    for f in files:
        merged.update(json.loads(f.read_text("utf-8")))
    return merged


def catalogue(lang: str) -> dict[str, str]:
    """All strings of one language."""
    return _catalogue(lang, (os.environ.get(ENV, ""), *map(str, _extra_dirs)))


catalogue.cache_clear = _catalogue.cache_clear  # type: ignore[attr-defined]


def dump(strings: dict[str, str]) -> str:
    """A catalogue as it is written to disk: flat, keys sorted, one per line."""
    return json.dumps(strings, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# Bahasa Indonesia writes 3.850,5 where English writes 3,850.5 (and 71,4% for 71.4%)
_SWAP = str.maketrans({",": ".", ".": ","})


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


class _NumberFormatter(string.Formatter):
    """Fills ``{x:,.1f}``-style fields with the language's separators."""

    def format_field(self, value, format_spec):
        text = super().format_field(value, format_spec)
        return text.translate(_SWAP) if format_spec and _is_number(value) else text


_LOCAL = _NumberFormatter()


def number(value: float, lang: str = "en", decimals: int = 0, spec: str | None = None) -> str:
    """A number with thousands separators in ``lang``: en 3,850.5 · id 3.850,5."""
    text = format(value, spec or f",.{decimals}f")
    return text.translate(_SWAP) if lang == "id" and _is_number(value) else text


def t(key: str, lang: str = "en", **fields) -> str:
    """The string ``key`` in ``lang``, with ``fields`` filled in (numbers with a format spec
    use the language's separators)."""
    text = catalogue(lang).get(key)
    if text is None:
        raise KeyError(f"no string '{key}' in the '{lang}' catalogue")
    if not fields:
        return text
    return _LOCAL.format(text, **fields) if lang == "id" else text.format(**fields)
