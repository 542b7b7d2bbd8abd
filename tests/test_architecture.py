"""The engine's layout holds: layers import downward only, no cycles, no environment writes,
and docs/architecture.md names every module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "praxisbook"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
# Lower numbers are lower layers; the entry points (plugin, command lines) are on top.
LAYERS = {"catalogue": 0, "site": 1, "pipeline": 2, "products": 3, "editor": 3}
TOP = 4


def modules() -> dict[str, Path]:
    """Dotted name below the package (`catalogue.read`, `pipeline`, `__init__`) → file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        found[".".join(rel.parts)] = path
    return found


def layer(module: str) -> int:
    return LAYERS.get(module.split(".", maxsplit=1)[0], TOP)


def imported(module: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `module` imports, at any depth of the file."""
    package = module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [f"{target}.{a.name}".strip(".") for a in node.names]
            hits = [n for n in names if n in known] or ([target] if target in known else [])
            found |= set(hits) or {f"{target}.__init__".strip(".")} & known
    return found - {module}


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imported(name, path, set(mods)) for name, path in mods.items()}


def test_layers_import_only_downward():
    upward = [
        (a, b)
        for a, targets in graph().items()
        for b in targets
        if layer(b) > layer(a) and not b.endswith("__init__")
    ]
    assert upward == []


def test_products_and_editor_do_not_import_each_other():
    crossing = [
        (a, b)
        for a, targets in graph().items()
        for b in targets
        if {a.split(".")[0], b.split(".")[0]} == {"products", "editor"}
    ]
    assert crossing == []


def test_no_stage_imports_the_orchestrator():
    users = sorted(a for a, targets in graph().items() if "pipeline" in targets)
    assert users == ["__init__", "cli", "exportcli", "preview"]


def cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected sets of more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(group)

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_engine_never_writes_the_environment():
    writes = re.compile(r"os\.environ\[[^]]+\]\s*=|os\.environ\.(setdefault|update|pop)|os\.putenv")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in modules().values()
        if writes.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_architecture_page_names_every_module():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_/]+\.py)`", text))
    files = {
        str(path.relative_to(PACKAGE))
        for name, path in modules().items()
        if not (name.endswith(".__init__"))  # a layer's __init__ only names the layer
    }
    assert sorted(files - named) == []


def test_docs_cite_only_files_of_this_repository():
    outside = re.compile(r"\.\./shared|DESIGN\.md|notes/(pagefind|pelican|browsers)\.md")
    places = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")]
    places += list(PACKAGE.rglob("*.py")) + list((ROOT / "theme").rglob("*.js"))
    offenders = [str(p.relative_to(ROOT)) for p in places if outside.search(p.read_text("utf-8"))]
    assert offenders == []
