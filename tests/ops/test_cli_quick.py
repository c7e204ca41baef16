"""The command line stays quick: ``salestarget --version`` answers without starting Django,
and a small import does not load the URLs with every view and the API's schemas (Django's
system checks did). Checked by what a fresh process has imported, not by timing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.processes import Template

pytestmark = pytest.mark.own_sqlite

ROOT = Path(settings.BASE_DIR)
LOADED = "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {'salestarget', 'numpy', 'polars', 'ninja', 'django', 'statsforecast', 'sklearn'})))"


def loaded_after(code: str, tmp_path: Path) -> set[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "SALESTARGET_VAR": str(tmp_path / "var"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", f"import json, sys\n{code}\n{LOADED}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_version_is_answered_without_starting_django(tmp_path: Path) -> None:
    loaded = loaded_after(
        "sys.argv = ['salestarget', '--version']\nfrom salestarget.cli import main\nmain()",
        tmp_path,
    )
    assert "django.apps.registry" not in loaded
    assert "salestarget.settings" not in loaded
    assert "numpy" not in loaded


def test_starting_django_loads_no_statistics(tmp_path: Path) -> None:
    """Every command starts Django; forecasting registers its outlook providers then, and
    they load numpy (and the models) only when a page first asks for an outlook."""
    loaded = loaded_after(
        "import os\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'salestarget.settings'\n"
        "import django\n"
        "django.setup()\n"
        "from salestarget.tracking.outlooks import outlook_figures\n",
        tmp_path,
    )
    assert "salestarget.forecasting.apps" in loaded  # forecasting is installed and ready
    assert "numpy" not in loaded


@pytest.mark.django_db  # (the suite's test database, whose migrated copy the import writes to)
def test_a_small_import_loads_neither_the_urls_nor_the_api(
    tmp_path: Path, migrated_template: Template
) -> None:
    csv = tmp_path / "four.csv"
    csv.write_text(
        "销售日期,订单号,行号,客户,产品,销售人员,数量,金额\n"
        + "".join(f"2024-03-0{d},Q-{d},1,CU-BJ,P-A,REP,1,100.00\n" for d in range(1, 5)),
        encoding="utf-8",
    )
    if migrated_template.pg_name:  # (run by hand on PostgreSQL: its own SQLite file migrated)
        migrate = "from django.core.management import call_command\ncall_command('migrate', verbosity=0)\n"
    else:
        shutil.copyfile(migrated_template.sqlite, tmp_path / "cli.sqlite3")
        migrate = ""
    loaded_after(
        "import os\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'salestarget.settings'\n"
        "import django\n"
        "django.setup()\n"
        f"{migrate}"
        "from tests.personas import build_company\n"
        "build_company()",
        tmp_path,
    )
    loaded = loaded_after(
        f"sys.argv = ['salestarget', 'import', {str(csv)!r}, '--kind', 'sales', '--no-progress']\n"
        "from salestarget.cli import main\n"
        "main()",
        tmp_path,
    )
    assert "salestarget.actuals.models" in loaded  # it did import
    assert "salestarget.api" not in loaded
    assert "salestarget.urls" not in loaded
    assert "numpy" not in loaded  # the forecast it asks for runs in the worker
