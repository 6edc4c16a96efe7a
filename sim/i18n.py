"""Learner-visible strings, one catalogue per language (``sim/locales/<lang>.json``).

Every string has a stable key; code never holds a sentence inline. ``t("stage.loyal", "id")``
looks a key up and fills ``{placeholders}``. Both catalogues must hold the same keys with the
same placeholders (a test checks it), so a trainer can translate one file without touching code.
"""

from __future__ import annotations

import json
import numbers
import string
from functools import cache
from importlib import resources

LANGUAGES = ("en", "id")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All strings of one language."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang: '{lang}' is not available; valid: {', '.join(LANGUAGES)}")
    text = resources.files("sim").joinpath("locales", f"{lang}.json").read_text("utf-8")
    return json.loads(text)


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
