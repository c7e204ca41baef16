"""The layers of pyproject.toml's [tool.importlinter] hold: no module imports a package that
sits above its own, and no package has an import circle between its modules."""

from __future__ import annotations

from importlinter.cli import lint_imports


def test_no_module_imports_upwards_and_no_package_has_an_import_circle() -> None:
    assert lint_imports(no_cache=True, no_logo=True) == 0
