"""The app's packages import each other one way only (docs/architecture.md).

Every import counts, also those inside functions: a function-level import hides a cycle from Python's
loader, not from the reader who has to understand both packages at once.
"""
import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def node_of(module):
    """app.x.y -> "x"; app.x -> "x" (a package or a top-level module app/x.py); app itself -> "__init__"."""
    parts = module.split(".")
    if parts[0] != "app":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _absolute(path, module, node):
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(path, module, node):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    full = _absolute(path, module, node)
    if full == "app":  # `from app import x` / `from .. import x`: x is a module of app if one exists
        return [f"app.{a.name}" if _is_app_module(a.name) else "app" for a in node.names]
    return [full]


def _is_app_module(name):
    return (APP / f"{name}.py").exists() or (APP / name / "__init__.py").exists()


def import_graph(app_dir=APP):
    """{(from_node, to_node): ["app/x/y.py:12", ...]} for every import between two different nodes."""
    edges = defaultdict(list)
    for path in sorted(app_dir.rglob("*.py")):
        module = _module_name(path)
        source = node_of(module) if path.parent != APP else path.stem
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _targets(path, module, node):
                dest = node_of(target)
                if dest and dest != source:
                    edges[(source, dest)].append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return edges


def cycles(edges):
    """Strongly connected components with more than one node (Tarjan)."""
    succ = defaultdict(set)
    for a, b in edges:
        succ[a].add(b)
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in succ[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in list(succ):
        if v not in index:
            visit(v)
    return found


def describe(edges, component):
    lines = []
    for (a, b), where in sorted(edges.items()):
        if a in component and b in component:
            lines.append(f"  {a} -> {b}: {', '.join(where)}")
    return "\n".join(lines)


# Imports allowed to close a cycle: none. A new entry needs a reason here; prefer a hook (docs/architecture.md).
ALLOWED_UPWARD: set[tuple[str, str]] = set()


def test_no_import_cycle_among_the_apps_packages():
    edges = import_graph()
    stale = ALLOWED_UPWARD - set(edges)
    assert not stale, f"no longer imported, delete from ALLOWED_UPWARD: {sorted(stale)}"
    edges = {edge: where for edge, where in edges.items() if edge not in ALLOWED_UPWARD}
    found = cycles(edges)
    report = "\n\n".join(f"cycle through {sorted(c)}:\n{describe(edges, c)}" for c in found)
    assert not found, "import cycle(s) among app packages (see docs/architecture.md):\n" + report


# docs/architecture.md: the base imports no feature; the model aggregator is wiring for the top only
BASE = {"config", "i18n", "extensions", "db_types", "input_guard", "transactions", "cli_errors", "forms", "jobs",
        "mail", "labels", "reference", "security"}
TOP = {"__init__", "cli", "demo", "demo_data", "demo_outcomes", "main", "errors"}


def test_the_base_imports_no_feature():
    edges = import_graph()
    wrong = {edge: where for edge, where in edges.items() if edge[0] in BASE and edge[1] not in BASE}
    assert not wrong, "base modules importing a feature: " + "; ".join(
        f"{a} -> {b} ({', '.join(w)})" for (a, b), w in sorted(wrong.items()))


def test_only_the_top_imports_the_model_aggregator():
    importers = {a for (a, b) in import_graph() if b == "models"}
    assert importers <= TOP, f"app.models imported by {sorted(importers - TOP)}: import the feature's models"


def test_the_check_sees_function_level_and_relative_imports(tmp_path):
    """The guard itself can fail: a cycle made only of a relative import inside a function is found."""
    pkg = tmp_path / "app"
    (pkg / "low").mkdir(parents=True)
    (pkg / "high").mkdir()
    for p in (pkg, pkg / "low", pkg / "high"):
        (p / "__init__.py").write_text("")
    (pkg / "high" / "views.py").write_text("from ..low.models import Thing\n")
    (pkg / "low" / "models.py").write_text("def late():\n    from ..high import views\n")
    global ROOT, APP
    saved = ROOT, APP
    ROOT, APP = tmp_path, pkg
    try:
        edges = import_graph(pkg)
    finally:
        ROOT, APP = saved
    assert edges[("low", "high")] == ["app/low/models.py:2"]
    assert [sorted(c) for c in cycles(edges)] == [["high", "low"]]
