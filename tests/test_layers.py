"""The layers of docs/architecture.md, enforced: the core never imports Django or anything above it, and
records never imports the interfaces (web, CLI, batch)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "alliance"
CORE = ("transcripts", "coding", "metrics", "feedback", "measures", "practice", "report")
ABOVE_CORE = ("django", "alliance.web", "alliance.records", "alliance.cli", "alliance.batch")
INTERFACES = ("alliance.web", "alliance.cli", "alliance.batch")


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, with its line (relative imports resolved within alliance)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
    return found


def offending(packages: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for name in packages:
        for path in sorted((PACKAGE / name).rglob("*.py")):
            for line, module in imports(path):
                if any(module == f or module.startswith(f + ".") for f in forbidden):
                    out.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    return out


def test_the_core_never_imports_django_records_or_an_interface():
    assert offending(CORE, ABOVE_CORE) == []


def test_records_never_import_the_web_app_the_cli_or_batch():
    assert offending(("records",), INTERFACES) == []


def test_docs_architecture_names_the_core_the_layer_test_checks_and_only_files_that_exist():
    import re

    doc = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert all(f"alliance.{name}" in doc for name in CORE)
    named = set(re.findall(r"`((?:[a-z_]+/)+(?:[a-z_-]+\.(?:py|md))?)`", doc))  # files and folders
    missing = [p for p in named if not any((root / p).exists() for root in (PACKAGE, PACKAGE.parents[1], PACKAGE.parents[1] / "docs"))]
    assert named and missing == []
