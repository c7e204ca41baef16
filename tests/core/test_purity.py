"""The domain core must stay free of Django so it can be reasoned about and tested alone."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "salestarget" / "core"


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.append(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            modules.append(node.args[0].value)
    return modules


def test_core_modules_exist():
    assert len(list(CORE.glob("*.py"))) >= 8


def test_no_core_module_imports_django():
    offenders = {
        f"{path.relative_to(CORE)}: {module}"
        for path in CORE.rglob("*.py")
        for module in _imported_modules(path)
        if module == "django" or module.startswith("django.")
    }
    assert not offenders, f"salestarget.core must not import Django: {sorted(offenders)}"


def test_the_checker_catches_a_django_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom django.db import models\nimportlib.import_module('django.conf')\n"
    )
    assert _imported_modules(sample) == ["os", "django.db", "django.conf"]
