"""The admin's audit page: browse and filter the trail, take it away as CSV or Excel, and
export all the company's data, one CSV per table in a zip."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from openpyxl import load_workbook

from salestarget.catalog.models import CalendarDay, Channel
from tests.browser import compile_messages
from tests.personas import Company, account


def rename_channel(client, company: Company, name: str) -> None:
    resp = client.post(
        f"/catalog/channels/{company.channel.pk}/edit/",
        {"code": "DIRECT", "name": name, "sort_order": 0},
    )
    assert resp.status_code == 302


def test_the_admin_browses_and_filters_the_trail(login, company: Company) -> None:
    client = login(company.admin)
    rename_channel(client, company, "直销渠道")
    page = client.get("/audit/").content.decode()
    assert "直销 → 直销渠道" in page
    assert "page POST /catalog/channels/" in page
    only_people = client.get("/audit/?model=org.person").content.decode()
    assert "直销渠道" not in only_people
    assert "直销渠道" in client.get("/audit/?model=catalog.channel&action=update").content.decode()
    assert "直销渠道" not in client.get("/audit/?until=2000-01-01").content.decode()


def test_odd_filters_are_ignored_not_an_error(login, company: Company) -> None:
    client = login(company.admin)
    for query in ("since=2026-02-30", "until=0000-00-00", "action=burn", "model=nope", "page=x"):
        assert client.get(f"/audit/?{query}").status_code == 200


def test_the_trail_exports_as_csv_and_excel_with_no_live_formula(login, company: Company) -> None:
    client = login(company.admin)
    rename_channel(client, company, '=HYPERLINK("http://evil","点击")')
    resp = client.get("/audit/entries.csv?model=catalog.channel")
    text = b"".join(resp.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["时间", "操作人", "操作"]
    assert rows[1][1] == "admin"
    assert rows[1][4] == '\'=HYPERLINK("http://evil","点击")'  # the channel, quoted
    resp = client.get("/audit/entries.xlsx?model=catalog.channel")
    sheet = load_workbook(io.BytesIO(b"".join(resp.streaming_content))).active
    assert sheet.cell(2, 2).value == "admin"
    assert sheet.cell(2, 5).value == '\'=HYPERLINK("http://evil","点击")'
    assert client.get("/audit/entries.pdf").status_code == 404


def test_the_admin_exports_all_the_company_s_data_without_secrets(login, company: Company) -> None:
    client = login(company.admin)
    resp = client.post("/audit/company-export/")
    assert resp.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    names = set(archive.namelist())
    assert {"org.person.csv", "catalog.customer.csv", "actuals.salesline.csv"} <= names
    assert {"auth.user.csv", "auditlog.logentry.csv"} <= names
    assert not any(n.startswith(("sessions.", "contenttypes.")) for n in names)
    people = list(csv.DictReader(io.StringIO(archive.read("org.person.csv").decode("utf-8-sig"))))
    assert {p["name"] for p in people} >= {"王小明", "陈小红", "孙管理"}
    users = archive.read("auth.user.csv").decode("utf-8-sig")
    assert "password" not in users.splitlines()[0]
    assert account(company.rep).password not in users
    channels = list(
        csv.DictReader(io.StringIO(archive.read("catalog.channel.csv").decode("utf-8-sig")))
    )
    assert channels[0]["name"] == Channel.objects.get().name
    trail = archive.read("auditlog.logentry.csv").decode("utf-8-sig")
    assert "export" in trail  # the export itself is in the trail it hands out


def test_nobody_but_the_admin_reaches_the_trail(login, company: Company) -> None:
    for person in (company.director, company.finance, company.manager_north, company.rep):
        client = login(person)
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/entries.csv").status_code == 403
        assert client.post("/audit/company-export/").status_code == 403


def test_the_trail_in_english_says_what_happened_to_each_record(login, company: Company) -> None:
    """新建 / 修改 / 删除 are states here (Created, Changed, Deleted), not the Create, Edit and
    Delete buttons other pages show: the trail's words have their own context."""
    compile_messages()
    client = login(company.admin)
    day = {"date": "2026-10-01", "kind": "holiday", "name": "国庆节"}
    assert client.post("/catalog/calendar/days/", day).status_code == 302
    entry = CalendarDay.objects.get(name="国庆节")
    assert client.post(f"/catalog/calendar/days/{entry.pk}/delete/").status_code == 302
    rename_channel(client, company, "直销渠道")
    chinese = client.get("/audit/").content.decode()
    assert set(re.findall(r"<td>(新建|修改|删除)</td>", chinese)) == {"新建", "修改", "删除"}
    client.cookies["django_language"] = "en"
    page = client.get("/audit/").content.decode()
    cells = set(re.findall(r"<td>(Created|Changed|Deleted|Create|Edit|Delete)</td>", page))
    assert cells == {"Created", "Changed", "Deleted"}
