"""A rep disputes a line; finance adjusts or rejects with a reason; both are notified."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.incentives.models import DisputeStatus, LineKind, Statement, StatementStatus
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.disputes import dispute_raise, dispute_resolve
from salestarget.incentives.services.workflow import period_close
from salestarget.notifications.models import Notification

D = Decimal


@pytest.fixture
def my_line(june, commission_plan):
    commission_plan()
    statement_calculate(period="2026-06", by=june.finance.user)
    return Statement.objects.get(person=june.rep, period="2026-06").lines.get()


def test_a_rep_disputes_and_finance_adjusts_the_open_statement(june, my_line):
    with pytest.raises(PermissionDenied):
        dispute_raise(line=my_line, note="不是我的", by=june.rep_other.user)
    with pytest.raises(ValidationError, match="申诉理由"):
        dispute_raise(line=my_line, note="  ", by=june.rep.user)
    dispute = dispute_raise(line=my_line, note="6月20日的单子漏算了 5,000", by=june.rep.user)
    assert Notification.objects.filter(
        recipient=june.finance.user, kind="incentives.dispute"
    ).exists()
    with pytest.raises(PermissionDenied):
        dispute_resolve(dispute=dispute, by=june.manager_north.user, resolution="同意")
    dispute_resolve(dispute=dispute, by=june.finance.user, resolution="补发", adjustment=D(400))
    statement = my_line.statement
    statement.refresh_from_db()
    assert statement.total == D("4800.00")
    assert statement.lines.filter(kind=LineKind.ADJUSTMENT).get().amount == D(400)
    assert Notification.objects.filter(recipient=june.rep.user, kind="incentives.dispute").exists()
    with pytest.raises(ValidationError, match="处理过"):
        dispute_resolve(dispute=dispute, by=june.finance.user, resolution="再次")


def test_a_rejection_needs_a_reason_and_an_adjustment_on_a_closed_month_goes_to_the_next(
    june, my_line
):
    dispute = dispute_raise(line=my_line, note="比例不对", by=june.rep.user)
    with pytest.raises(ValidationError, match="处理意见"):
        dispute_resolve(dispute=dispute, by=june.finance.user, resolution="")
    dispute_resolve(dispute=dispute, by=june.finance.user, resolution="按方案 3% 计算无误")
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.REJECTED
    period_close(period="2026-06", by=june.finance.user)
    late = dispute_raise(line=my_line, note="还有一单", by=june.rep.user)
    dispute_resolve(dispute=late, by=june.finance.user, resolution="补发", adjustment=D(100))
    july = Statement.objects.get(person=june.rep, period="2026-07")
    assert july.total == D(100)
    my_line.statement.refresh_from_db()
    assert my_line.statement.status == StatementStatus.PAID
    assert my_line.statement.total == D("4400.00")  # the paid month is not rewritten
