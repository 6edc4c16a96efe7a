"""The shape of the package: layers import downwards only.

- The core (``sim/`` minus ``sim/ui/``) imports no widget or plotting library and never the UI.
- Module imports inside ``sim`` form no circle (a newcomer can read the modules bottom-up).
- The UI uses the core's public names only (no ``_private`` name from a core module).
"""

from __future__ import annotations

import ast
from pathlib import Path

SIM = Path(__file__).resolve().parents[1] / "sim"
UI_LIBRARIES = {"ipywidgets", "plotly", "anywidget", "IPython", "ipykernel", "traitlets"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SIM.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(absolute module, imported names) for every import in ``path``, at any depth."""
    package = _module_name(path).rsplit(".", 0 if path.name == "__init__.py" else 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, [alias.name for alias in node.names]))
    return found


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in SIM.rglob("*.py")}


def _is_ui(name: str) -> bool:
    return name == "sim.ui" or name.startswith("sim.ui.")


def test_the_core_imports_no_widget_plotting_or_ui_module():
    bad = []
    for name, path in _modules().items():
        if _is_ui(name):
            continue
        for module, _ in _imports(path):
            if module.split(".")[0] in UI_LIBRARIES or _is_ui(module):
                bad.append((name, module))
    assert bad == []


def test_core_modules_import_each_other_without_a_circle():
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        targets = set()
        for module, names in _imports(path):
            # "from . import engine" imports the submodule sim.engine
            for candidate in [module, *(f"{module}.{n}" for n in names)]:
                if candidate in modules and candidate != name and not _is_ui(candidate):
                    targets.add(candidate)
        # a package's __init__ re-exports its children; an edge child -> package is fine
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    state, cycles = {}, []

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if nxt.startswith(node + "."):
                continue  # the package importing its own child
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(n for n in graph if not _is_ui(n)):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_ui_uses_only_public_names_of_the_core():
    private = []
    for name, path in _modules().items():
        if not _is_ui(name):
            continue
        for module, names in _imports(path):
            if module.startswith("sim") and not _is_ui(module):
                private += [(name, module, n) for n in names
                            if n.startswith("_") and not n.startswith("__")]
    assert private == []
