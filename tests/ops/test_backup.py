"""A backup taken while the app runs restores to exactly what was there."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from salestarget.org.models import OrgNode
from tests.personas import Company


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_back_the_data(company: Company, tmp_path: Path) -> None:
    output = tmp_path / "backup.bin"
    call_command("backup", output=output, stdout=StringIO())
    assert output.stat().st_size > 0

    OrgNode.objects.filter(pk=company.east.pk).update(name="改过的名字")
    call_command("restore", str(output), yes=True, stdout=StringIO())

    connection.close()
    assert OrgNode.objects.get(pk=company.east.pk).name == "华东"
