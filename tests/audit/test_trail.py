"""The audit trail: each change says who made it, when, what went from which old value to
which new one, and through which page, API call or command; logins and failed logins too;
an import is one entry for its batch, not one per line."""

from __future__ import annotations

import sys
from pathlib import Path

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client

from salestarget.actuals.models import SalesLine
from salestarget.audit.rows import entry_row
from salestarget.catalog.models import Channel
from salestarget.importing.models import ImportBatch
from salestarget.org.auth import api_token_create
from salestarget.org.models import Person
from tests.actuals.files import csv_bytes
from tests.personas import PASSWORD, Company, account

JSON = "application/json"


def entries_of(model) -> list[LogEntry]:
    kind = ContentType.objects.get_for_model(model)
    return list(LogEntry.objects.filter(content_type=kind).order_by("pk"))


def test_a_page_edit_records_who_what_old_and_new_and_the_page(login, company: Company) -> None:
    client = login(company.finance)
    path = f"/catalog/channels/{company.channel.pk}/edit/"
    resp = client.post(path, {"code": "DIRECT", "name": "直销渠道", "sort_order": 0})
    assert resp.status_code == 302
    entry = entries_of(Channel)[-1]
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == company.finance.user
    assert entry.changes_dict["name"] == ["直销", "直销渠道"]
    assert entry.additional_data["via"] == f"page POST {path}"
    assert entry.remote_addr == "127.0.0.1"


def test_an_api_call_with_a_token_records_the_token_s_user(
    client: Client, company: Company
) -> None:
    token = api_token_create(user=account(company.admin), name="erp")
    path = f"/api/org/people/{company.rep.pk}"
    resp = client.patch(
        path,
        {"phone": "13800000000"},
        content_type=JSON,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 200, resp.content
    entry = entries_of(Person)[-1]
    assert entry.actor == company.admin.user
    assert entry.changes_dict["phone"] == ["", "13800000000"]
    assert entry.additional_data["via"] == f"api PATCH {path}"


def test_a_role_change_and_a_new_password_are_recorded_without_the_password(
    login, company: Company
) -> None:
    client = login(company.admin)
    resp = client.post(
        f"/org/people/{company.rep.pk}/account/",
        {"role": "manager", "username": "rep", "password": "A-much-better-pw-2026"},
    )
    assert resp.status_code == 302
    person = entries_of(Person)[-1]
    assert person.changes_dict["role"] == ["rep", "manager"]
    user = [e for e in entries_of(company.rep.user.__class__) if "password" in e.changes_dict][-1]
    old, new = user.changes_dict["password"]
    assert "A-much-better-pw-2026" not in old + new
    assert account(company.rep).password not in old + new


def test_logins_logouts_and_failed_logins_are_recorded(company: Company) -> None:
    client = Client()
    assert not client.login(username="rep", password="wrong")
    assert not client.login(username="nobody", password="wrong")
    assert client.login(username="rep", password=PASSWORD)
    client.logout()
    events = [
        (e.additional_data["event"], e.object_repr, e.actor_id)
        for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk")
    ]
    assert events == [
        ("login_failed", "rep", None),
        ("login_failed", "nobody", None),
        ("login", "rep", account(company.rep).pk),
        ("logout", "rep", account(company.rep).pk),
    ]


def test_an_import_is_recorded_once_for_its_batch_not_per_line(
    company: Company, tmp_path: Path, monkeypatch
) -> None:
    rows = [f"2026-03-0{d},SO{d},1,CU-BJ,P-A,REP,1,100,50" for d in range(1, 6)]
    path = tmp_path / "三月.csv"
    path.write_bytes(csv_bytes(*rows))
    monkeypatch.setattr(sys, "argv", ["salestarget", "import", str(path)])
    call_command("import", str(path), "--kind", "sales", "--source", "erp", "--no-progress")
    assert SalesLine.objects.count() == 5
    assert entries_of(SalesLine) == []
    batch = ImportBatch.objects.get()
    trail = entries_of(ImportBatch)
    assert trail[0].action == LogEntry.Action.CREATE
    assert trail[0].changes_dict["file_name"][1] == "三月.csv"
    assert all(e.additional_data["via"] == "command salestarget import" for e in trail)
    assert trail[-1].changes_dict["rows_inserted"] == ["0", "5"]
    assert str(batch.pk) == trail[-1].object_pk


def test_a_line_reads_as_old_to_new_through_the_channel(login, company: Company) -> None:
    login(company.finance).post(
        f"/catalog/channels/{company.channel.pk}/edit/",
        {"code": "DIRECT", "name": "直销渠道", "sort_order": 0},
    )
    row = entry_row(entries_of(Channel)[-1])
    assert row.actor == "finance"
    assert "直销 → 直销渠道" in row.changes_text()
    assert row.via.startswith("page POST /catalog/channels/")
