"""Memory per request does not grow with the file: an upload is copied to storage chunk by
chunk, and the mapping page with its preview reads only the head of the stored file (a CSV's
first lines, an .xlsx's first rows through openpyxl's read-only mode; its table of distinct
texts is read whole, as the format keeps them in one part). Python's peak
allocation (tracemalloc) is measured for files of two sizes: it stays far below the smaller
file's size and about the same for a file four times larger."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files import File
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import Client

from salestarget.importing.models import ImportBatch
from salestarget.importing.services import batch_table, import_upload
from tests.actuals.files import HEADER
from tests.personas import Company

pytestmark = pytest.mark.slow
MB = 1024 * 1024
LINE = "2026-03-02,SO{n},1,CU-BJ,P-A,REP,2,200.00,100.00\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def sales_csv(path: Path, megabytes: int) -> Path:
    block = "".join(LINE.format(n=n) for n in range(10_000))
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        while out.tell() < megabytes * MB:
            out.write(block)
    return path


def peak(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def uploaded(path: Path) -> ImportBatch:
    with path.open("rb") as fh:
        return import_upload(
            kind="sales", source="erp", file_name=path.name, data=File(fh), user=None
        )


def test_an_upload_is_stored_without_being_read_whole(company: Company, tmp_path: Path) -> None:
    sizes = {}
    for megabytes in (8, 32):
        path = sales_csv(tmp_path / f"sales-{megabytes}.csv", megabytes)
        upload = TemporaryUploadedFile(path.name, "text/csv", path.stat().st_size, "utf-8")
        upload.file.write(path.read_bytes())
        upload.seek(0)
        sizes[megabytes] = peak(
            lambda upload=upload: import_upload(
                kind="sales", source="erp", file_name=upload.name, data=upload, user=None
            )
        )
        upload.close()
    assert sizes[8] < 2 * MB
    assert sizes[32] < 2 * MB


def test_the_mapping_page_reads_the_head_of_a_large_file(
    login: Callable[..., Client], company: Company, tmp_path: Path
) -> None:
    client = login(company.finance)
    sizes = {}
    for megabytes in (8, 32):
        batch = uploaded(sales_csv(tmp_path / f"sales-{megabytes}.csv", megabytes))
        url = f"/actuals/import/{batch.pk}/mapping/"
        client.get(url)  # the first request imports and caches what every request needs
        answers: list[int] = []
        sizes[megabytes] = peak(
            lambda url=url, answers=answers: answers.append(client.get(url).status_code)
        )
        assert answers == [200]
    assert sizes[8] < 8 * MB
    assert sizes[32] < 8 * MB
    assert sizes[32] < 1.5 * sizes[8]


def test_the_head_of_a_workbook_is_streamed_and_reads_as_the_whole(
    company: Company, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    sizes = {}
    # Four times the rows: reading the whole sheet would take four times the memory (2.4 →
    # 9.4 MB), its head takes the same (0.9 MB). Writing the workbooks is the test's cost
    # (openpyxl, 10 s of CPU for 10,000 and 40,000 rows; a quarter of it for these).
    for rows in (2_500, 10_000):
        # Written as Excel writes a sheet: its size stated before its rows (openpyxl's
        # write-only mode leaves it out, and a reader must then go through the whole sheet).
        book = Workbook()
        sheet = book.active
        sheet.title = "销售"
        sheet.append(HEADER.split(","))
        for n in range(rows):
            # Order numbers as numbers: the texts of an .xlsx sit in one shared table that any
            # reader loads whole, so only repeated texts keep it small.
            sheet.append(["2026-03-02", n, 1, "CU-BJ", "P-A", "REP", 2, 200.0, 100.0])
        path = tmp_path / f"sales-{rows}.xlsx"
        book.save(path)
        batch = uploaded(path)
        heads: list[int] = []
        sizes[rows] = peak(
            lambda batch=batch, heads=heads: heads.append(batch_table(batch, max_rows=20).height)
        )
        assert heads == [20]
    assert sizes[10_000] < 1.5 * sizes[2_500]
    head = batch_table(batch, max_rows=20).frame
    assert head.equals(batch_table(batch).frame.head(20))
