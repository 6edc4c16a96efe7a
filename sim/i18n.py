"""Learner-visible strings, one catalogue per language (``sim/locales/<lang>.json``).

Every string has a stable key; code never holds a sentence inline. ``t("stage.loyal", "id")``
looks a key up and fills ``{placeholders}``. Both catalogues must hold the same keys with the
same placeholders (a test checks it), so a trainer can translate one file without touching code.
"""

from __future__ import annotations

import json
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


def t(key: str, lang: str = "en", **fields) -> str:
    """The string ``key`` in ``lang``, with ``fields`` filled in."""
    text = catalogue(lang).get(key)
    if text is None:
        raise KeyError(f"no string '{key}' in the '{lang}' catalogue")
    return text.format(**fields) if fields else text
