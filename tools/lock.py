"""Write constraints.txt: the exact versions of everything Pasar's course and test extras need,
taken from an environment where the course was checked (default: this Python's).

    .venv/bin/python tools/lock.py            # rewrite constraints.txt from .venv
    .venv/bin/python tools/lock.py --check    # exit 1 if constraints.txt would change

``./pasar`` installs with ``pip install -c constraints.txt``, so every laptop in a class gets the
same versions, and the same seed gives the same numbers. Only the dependency closure of
``pasar[course,kit,test]`` is written (not whatever else happens to be installed).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = ("course", "kit", "test")
HEADER = """\
# Exact versions the Pasar course and its tests were checked with (pip constraints).
# ./pasar installs with: pip install -c constraints.txt -e ".[course]" (test: ".[course,kit,test]")
# Regenerate from a checked environment: .venv/bin/python tools/lock.py
# (tests/test_packaging.py checks that every dependency of pyproject.toml is pinned here and
# that each pin satisfies pyproject.toml's range)
"""


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wanted(req: Requirement, extras: set[str]) -> bool:
    if req.marker is None:
        return True
    env = default_environment()
    return any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}))


def closure() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    roots = list(project["dependencies"])
    for extra in EXTRAS:
        roots += project["optional-dependencies"][extra]
    pins: dict[str, str] = {}
    todo = [Requirement(r) for r in roots]
    seen: set[tuple[str, frozenset]] = set()
    while todo:
        req = todo.pop()
        key = (norm(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue  # not needed on this platform (its marker was false when installed)
        pins[norm(req.name)] = dist.version
        for text in dist.requires or []:
            sub = Requirement(text)
            if wanted(sub, set(req.extras)):
                todo.append(Requirement(str(sub).split(";")[0]))
    pins.pop("pasar", None)
    return dict(sorted(pins.items()))


def render(pins: dict[str, str]) -> str:
    return HEADER + "".join(f"{name}=={version}\n" for name, version in pins.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text, path = render(closure()), ROOT / "constraints.txt"
    if args.check:
        same = path.exists() and path.read_text() == text
        print("constraints.txt is up to date" if same else "constraints.txt is out of date")
        return 0 if same else 1
    path.write_text(text)
    print(f"wrote {path} ({text.count(chr(10)) - HEADER.count(chr(10))} pins)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
