"""A domain reaches another domain only through its ``api`` (plus its ``data`` and ``signals``)."""

import ast
import itertools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "llp_edx_plugin"
DOMAINS = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} - {
    "migrations",
    "management",
    "settings",
    "templates",
    "static",
    "conf",
}
PUBLIC_MODULES = {"api", "data", "signals"}


def _imported_modules(path: Path, package: Path) -> list[str]:
    """Absolute dotted names of everything ``path`` imports from llp_edx_plugin."""
    module_parts = ["llp_edx_plugin", *path.relative_to(package).with_suffix("").parts]
    package_parts = module_parts[:-1]  # for __init__.py too: its package is the folder
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.extend(f"{name}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [n for n in found if n.startswith("llp_edx_plugin.")]


def _violations(package: Path = PACKAGE) -> list[str]:
    problems = []
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).parts
        if len(parts) < 2 or parts[0] not in DOMAINS:
            continue
        own = parts[0]
        for name in _imported_modules(path, package):
            target = name.split(".")
            if len(target) < 3 or target[1] not in DOMAINS or target[1] == own:
                continue
            if target[2] not in PUBLIC_MODULES:
                problems.append(f"{path.relative_to(package)} imports {name}")
    return problems


def test_domains_import_each_other_only_through_api_data_signals():
    assert _violations() == []


def test_the_checker_sees_a_violation(tmp_path):
    """The rule is not vacuous: a models import across domains is reported, an api import is not."""
    for domain in ("courses", "certificates"):
        (tmp_path / domain).mkdir()
        (tmp_path / domain / "__init__.py").write_text("")
    (tmp_path / "certificates" / "bad.py").write_text("from ..courses.models import Course\n")
    (tmp_path / "certificates" / "good.py").write_text(
        "from ..courses import api\nfrom ..courses.api import get_course\n"
    )
    assert _violations(tmp_path) == ["certificates/bad.py imports llp_edx_plugin.courses.models.Course"]


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_domain_is_a_package(domain):
    assert (PACKAGE / domain / "__init__.py").exists()


def _module_cycles(package: str) -> list[tuple[str, ...]]:
    """Every import cycle between the package's modules (grimp also sees imports made inside functions).

    Module to module, not package to package: a package importing its own submodules is no cycle.
    """
    import grimp

    graph = grimp.build_graph(package, cache_dir=None)
    modules = graph.modules
    cycles = []
    for module in sorted(modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported == module or imported.startswith(module + ".") or module.startswith(imported + "."):
                continue  # a package and its own submodules
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None and not any(
                a.startswith(b + ".") or b.startswith(a + ".") for a, b in itertools.pairwise(back)
            ):
                cycles.append((module, *back))
    return cycles


def test_the_project_has_no_import_cycle():
    """``a -> b -> a`` anywhere in the plugin, hidden inside a function or not, is refused (issue 9)."""
    assert _module_cycles("llp_edx_plugin") == []
