"""The layering of DESIGN.md, checked on the source: coach is pure, the CLI starts light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "nextround"


def _imports(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_coach_and_formats_import_no_django_database_or_web() -> None:
    for folder in ("coach", "formats"):
        for path in (PACKAGE / folder).rglob("*.py"):
            bad = {
                name
                for name in _imports(path)
                if name.split(".")[0] == "django"
                or name.startswith(
                    (
                        "nextround.store",
                        "nextround.services",
                        "nextround.web",
                        "nextround.cli",
                        "nextround.settings",
                        "nextround.config",
                    )
                )
            }
            assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_cli_and_web_do_not_reach_into_storage_directly_for_changes() -> None:
    for folder in ("cli", "web"):
        for path in (PACKAGE / folder).rglob("*.py"):
            coach = {n for n in _imports(path) if n.split(".")[:2] == ["nextround", "coach"]}
            assert not coach, f"{path} must go through services, not import {sorted(coach)}"


def test_the_cli_module_loads_without_django() -> None:
    code = (
        "import sys, nextround.cli.main; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
