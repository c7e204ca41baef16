"""A big subtree's decomposition workbook is written in the background: the page shows how many
rows are written and offers the file when it is done; a small one downloads at once. A run is
its starter's alone, and a failed (or interrupted) run says so instead of waiting forever."""

from __future__ import annotations

import io

import pytest
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from salestarget.targets.models import DecompositionExport, ExportStatus
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services import excel
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.tasks import decomposition_export_task


@pytest.fixture
def company_plan(company, revenue_plan):
    """FY2026 to 华北 and 华东, their teams, their reps and each rep's twelve months: 31 rows."""
    plan = revenue_plan("1200000")
    by = company.director.user
    target_decompose(target=plan.root, spec=DecompositionSpec(axes=("org",)), by=by)
    for region in plan.root.children.all():
        target_decompose(target=region, spec=DecompositionSpec(axes=("org",)), by=by)
        for team in region.children.all():
            target_decompose(target=team, spec=DecompositionSpec(axes=("people",)), by=by)
            for rep in team.children.all():
                target_decompose(
                    target=rep, spec=DecompositionSpec(axes=("month",), method="days"), by=by
                )
    return plan


@pytest.fixture
def small_inline(monkeypatch):
    """Anything above 10 rows goes to the background (the real bound is 500)."""
    monkeypatch.setattr("salestarget.targets.views.documents.INLINE_TARGETS", 10)


def test_a_small_subtree_downloads_at_once(company, company_plan, login, small_inline):
    team = company_plan.root.children.get(node=company.north).children.get()
    resp = login(company.director).get(
        f"/targets/t/{team.children.get().children.first().pk}/export.xlsx"
    )
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not DecompositionExport.objects.exists()


def test_a_big_subtree_is_written_in_the_background_with_its_progress(
    company, company_plan, login, small_inline, django_capture_on_commit_callbacks, monkeypatch
):
    client = login(company.director)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.get(f"/targets/t/{company_plan.root.pk}/export.xlsx")
    run = DecompositionExport.objects.get()
    assert resp.status_code == 302
    assert resp["Location"] == f"/targets/exports/{run.pk}/"
    assert (run.status, run.total) == (ExportStatus.QUEUED, 31)
    assert DBTaskResult.objects.get(id=run.task_id).status == "READY"
    page = client.get(resp["Location"]).content.decode()
    assert "排队中" in page
    assert 'hx-trigger="every 1s"' in page  # it asks again until the file is there

    # The worker writes it, reporting every few rows.
    reported: list[int] = []
    monkeypatch.setattr(excel, "PROGRESS_EVERY", 10)
    update = DecompositionExport.objects.filter(pk=run.pk)
    original = excel.decomposition_xlsx

    def watched(**kwargs):
        def progress(rows):
            kwargs_progress(rows)
            reported.append(update.get().done)

        kwargs_progress = kwargs.pop("progress")
        return original(**kwargs, progress=progress)

    monkeypatch.setattr("salestarget.targets.services.exports.decomposition_xlsx", watched)
    assert decomposition_export_task.call(run.pk) == ExportStatus.DONE
    assert reported == [10, 20, 30, 31]

    partial = client.get(f"/targets/exports/{run.pk}/", headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert 'data-status="done"' in html
    assert 'hx-trigger="every 1s"' not in html  # done: no more asking
    assert "已生成 31 行" in html
    file = client.get(f"/targets/exports/{run.pk}/file.xlsx")
    assert "attachment" in file["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(file.content))["分解"]
    assert sheet.max_row == 32  # the header and 31 targets


def test_the_progress_page_mid_way_and_in_english(company, company_plan, login):
    run = DecompositionExport.objects.create(
        target=company_plan.root,
        requested_by=company.director.user,
        total=1590,
        done=700,
        status=ExportStatus.RUNNING,
    )
    client = login(company.director)
    page = client.get(f"/targets/exports/{run.pk}/").content.decode()
    assert "正在生成：已写入 700 / 1590 行" in page
    assert 'aria-valuenow="39"' in page  # the rows are 90% of the work
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/targets/exports/{run.pk}/").content.decode()
    assert "Writing: 700 of 1590 rows" in english


def test_a_failed_or_interrupted_run_says_so(
    company, company_plan, login, small_inline, django_capture_on_commit_callbacks
):
    client = login(company.director)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/targets/t/{company_plan.root.pk}/export.xlsx")
    run = DecompositionExport.objects.get()
    DBTaskResult.objects.filter(id=run.task_id).update(status="FAILED")  # as recovery does
    html = client.get(f"/targets/exports/{run.pk}/").content.decode()
    assert 'data-status="failed"' in html
    assert "导出失败" in html
    assert 'hx-trigger="every 1s"' not in html
    assert client.get(f"/targets/exports/{run.pk}/file.xlsx").status_code == 404


def test_a_run_is_its_starters_alone(company, company_plan, login):
    run = DecompositionExport.objects.create(
        target=company_plan.root, requested_by=company.director.user, total=31
    )
    for other in (company.finance, company.manager_north, company.rep):
        client = login(other)
        assert client.get(f"/targets/exports/{run.pk}/").status_code == 404
        assert client.get(f"/targets/exports/{run.pk}/file.xlsx").status_code == 404
