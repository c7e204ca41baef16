"""The document downloads: a person's card and letter, to them and never to another rep."""

from __future__ import annotations


def test_document_downloads_are_scoped(company, rep_month, login, client) -> None:
    mine = login(company.rep)
    pdf = mine.get(f"/targets/t/{rep_month.pk}/card.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert mine.get(f"/targets/t/{rep_month.pk}/card.xlsx").status_code == 200
    letter = mine.get(f"/targets/plans/{rep_month.plan_id}/letter/{company.rep.pk}.pdf")
    assert letter.status_code == 200
    client.logout()
    other = login(company.rep_other)
    assert other.get(f"/targets/t/{rep_month.pk}/card.pdf").status_code == 404
    assert (
        other.get(f"/targets/plans/{rep_month.plan_id}/letter/{company.rep.pk}.pdf").status_code
        == 404
    )
