"""An opportunity's stage history: every change of its stage is kept, whether it came from a
file, the API or a single save — open from the day it was opened, won or lost on the day it
closed — and a re-import that changes nothing adds nothing."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from salestarget.actuals.models import Opportunity, OpportunityStage
from salestarget.actuals.services import actuals_fact_delete
from salestarget.catalog.models import Customer
from salestarget.org.auth import api_token_create
from tests.actuals.files import csv_bytes, run_import
from tests.actuals.test_api import post
from tests.personas import Company

HEADER = "商机编号,商机名称,客户,销售人员,预计金额,创建日期,关闭日期,阶段"


def _history(external_id: str) -> list[tuple[str, dt.date]]:
    return list(
        OpportunityStage.objects.filter(opportunity__external_id=external_id)
        .order_by("pk")
        .values_list("stage", "changed_on")
    )


def test_each_import_that_moves_a_stage_adds_it_to_the_history(company: Company) -> None:
    run_import(
        csv_bytes(
            "O1,大单,CU-BJ,REP,50000,2026-01-05,,跟进中",
            "O2,小单,CU-BJ,REP,800,2026-01-06,2026-02-10,输单",
            header=HEADER,
        ),
        kind="opportunity",
    )
    assert _history("O1") == [("open", dt.date(2026, 1, 5))]
    # Arriving already lost, it was open first.
    assert _history("O2") == [("open", dt.date(2026, 1, 6)), ("lost", dt.date(2026, 2, 10))]
    # The same file again: nothing moved, nothing added. Then O1 is won.
    rows = [
        "O1,大单,CU-BJ,REP,50000,2026-01-05,,跟进中",
        "O2,小单,CU-BJ,REP,800,2026-01-06,2026-02-10,输单",
    ]
    run_import(csv_bytes(*rows, header=HEADER), kind="opportunity")
    assert OpportunityStage.objects.count() == 3
    run_import(
        csv_bytes("O1,大单,CU-BJ,REP,52000,2026-01-05,2026-03-02,赢单", header=HEADER),
        kind="opportunity",
    )
    assert _history("O1") == [("open", dt.date(2026, 1, 5)), ("won", dt.date(2026, 3, 2))]
    # An amount changed without the stage: the history stays as it is.
    run_import(
        csv_bytes("O1,大单,CU-BJ,REP,53000,2026-01-05,2026-03-02,赢单", header=HEADER),
        kind="opportunity",
    )
    assert len(_history("O1")) == 2
    # Deleting a deal (a correction) takes its history with it.
    actuals_fact_delete(
        kind="opportunity",
        ids=[Opportunity.objects.get(external_id="O2").pk],
        user=company.admin.user,
    )
    assert _history("O2") == []
    assert OpportunityStage.objects.count() == 2


def test_the_api_and_a_single_save_keep_the_history_too(client: Client, company: Company) -> None:
    token = api_token_create(user=company.admin.user, name="crm")
    record = {
        "external_id": "CRM-O1",
        "customer": "CU-BJ",
        "person": "REP",
        "opened_on": "2026-01-02",
        "stage": "跟进中",
        "amount": 500,
    }
    assert post(client, token, "opportunities", {"records": [record]})[0] == 200
    closed = record | {"stage": "赢单", "closed_on": "2026-03-02"}
    assert post(client, token, "opportunities", {"records": [closed]})[0] == 200
    assert _history("CRM-O1") == [("open", dt.date(2026, 1, 2)), ("won", dt.date(2026, 3, 2))]

    deal = Opportunity.objects.create(
        external_id="O-SAVED",
        customer=Customer.objects.get(code="CU-BJ"),
        person=company.rep,
        node=company.team_bj,
        amount=100,
        opened_on=dt.date(2026, 2, 1),
    )
    deal.name = "改名不改阶段"
    deal.save()
    assert _history("O-SAVED") == [("open", dt.date(2026, 2, 1))]
    deal.stage, deal.closed_on = Opportunity.Stage.LOST, dt.date(2026, 2, 20)
    deal.save()
    assert _history("O-SAVED") == [("open", dt.date(2026, 2, 1)), ("lost", dt.date(2026, 2, 20))]
