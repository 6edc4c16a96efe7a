"""A git merge driver for the sentence catalogues (``sim/locales/*.json``): keys added on
both sides are kept, a key changed on one side takes that side's text, and a key changed
differently on both sides is a real conflict (the driver fails and names it).

    git config merge.catalogue.driver "python tools/merge_catalogue.py %O %A %B"

with ``sim/locales/*.json merge=catalogue`` in ``.gitattributes``. The result is written in
the catalogue's one format (sorted keys, one-space indent, UTF-8).
"""

from __future__ import annotations

import json
import sys


def _load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def merge(base: dict, ours: dict, theirs: dict) -> tuple[dict, list[str]]:
    merged, clashes = {}, []
    for key in sorted(set(base) | set(ours) | set(theirs)):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t:
            value = o
        elif o == b:
            value = t
        elif t == b:
            value = o
        else:
            clashes.append(key)
            value = o
        if value is not None:
            merged[key] = value
    return merged, clashes


def main(base_path: str, ours_path: str, theirs_path: str) -> int:
    merged, clashes = merge(_load(base_path), _load(ours_path), _load(theirs_path))
    with open(ours_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    for key in clashes:
        print(f"catalogue conflict: {key!r} changed on both sides", file=sys.stderr)
    return 1 if clashes else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
