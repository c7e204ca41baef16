"""A month's returns and the sales they return (``queries.returns``), read through the
returns index and the sale key: which returns are late, which sale each one takes back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.catalog.models import ProductLine
from salestarget.incentives.queries.measures import Window
from salestarget.incentives.queries.returns import MonthReturns, late_returns, returned_sales
from tests.tracking.conftest import sell

D = Decimal
JULY = dt.date(2026, 7, 1)


def line(june, day, amount, order, no="1", **kw):
    made = sell(june, day, amount, **kw)
    made.order_no, made.line_no = order, no
    made.save()
    return made


def test_a_return_takes_back_the_latest_sale_of_its_order_line(june):
    line(june, dt.date(2026, 5, 2), "500", "SO-1")
    later = line(june, dt.date(2026, 6, 12), "800", "SO-1")
    back = line(june, dt.date(2026, 7, 3), "-800", "SO-1")
    line(june, dt.date(2026, 7, 4), "-50", "SO-2")  # its sale is unknown
    (found,) = returned_sales(Window(JULY, dt.date(2026, 7, 31)), JULY, dt.date(2026, 4, 1))
    assert (found.pk, found.orig_id, found.orig_amount, found.amount) == (
        back.pk,
        later.pk,
        D("800.00"),
        D("-800.00"),
    )
    assert found.orig_day == dt.date(2026, 6, 12)
    assert found.orig_person == june.rep.pk
    # Outside the window asked (since 1 June: only June's sale), and before it nothing.
    assert returned_sales(Window(JULY, dt.date(2026, 7, 31)), JULY, dt.date(2026, 6, 13)) == []


def test_a_return_of_a_sale_in_the_same_month_is_not_late(june):
    line(june, dt.date(2026, 7, 2), "300", "SO-3")
    line(june, dt.date(2026, 7, 9), "-300", "SO-3")
    line(june, dt.date(2026, 7, 10), "-120", "SO-4", person=june.rep_other)
    window = Window(JULY, dt.date(2026, 7, 31))
    assert late_returns(window, [june.rep.pk, june.rep_other.pk], JULY) == {
        june.rep_other.pk: D("120.00")
    }
    assert late_returns(window, [june.rep.pk], JULY) == {}


def test_late_returns_keep_to_a_components_product_line(june):
    other = ProductLine.objects.create(
        code="L2", name="耗材", category=june.product_a.line.category
    )
    june.product_b.line = other
    june.product_b.save()
    line(june, dt.date(2026, 7, 5), "-70", "SO-5", product=june.product_a)
    line(june, dt.date(2026, 7, 6), "-30", "SO-6", product=june.product_b)
    window = Window(JULY, dt.date(2026, 7, 31), product_line_id=other.pk)
    assert late_returns(window, [june.rep.pk], JULY) == {june.rep.pk: D("30.00")}
    assert late_returns(Window(JULY, dt.date(2026, 7, 31)), [june.rep.pk], JULY) == {
        june.rep.pk: D("100.00")
    }


def test_a_month_run_reads_the_late_returns_once_for_every_window(june):
    """The month run's one walk (``MonthReturns``) adds back what ``late_returns`` does, per
    window and slice, and gives the clawback the same returned sales."""
    other = ProductLine.objects.create(
        code="L2", name="耗材", category=june.product_a.line.category
    )
    june.product_b.line = other
    june.product_b.save()
    line(june, dt.date(2026, 6, 12), "800", "SO-1")
    line(june, dt.date(2026, 7, 2), "300", "SO-3")
    line(june, dt.date(2026, 7, 3), "-800", "SO-1")
    line(june, dt.date(2026, 7, 9), "-300", "SO-3")  # its sale is July's: not late
    line(june, dt.date(2026, 7, 20), "-30", "SO-6", product=june.product_b)
    line(june, dt.date(2026, 7, 21), "-120", "SO-4", person=june.rep_other)
    end = dt.date(2026, 7, 31)
    month = MonthReturns(JULY, end, dt.date(2026, 4, 1))
    people = [june.rep.pk, june.rep_other.pk]
    for window in (  # a slice first: the first ask reads the month
        Window(JULY, end, product_line_id=other.pk),
        Window(JULY, end),
        Window(JULY, dt.date(2026, 7, 15)),
    ):
        assert month.covers(window)
        assert month.added_back(window, people) == late_returns(window, people, JULY)
    assert month.added_back(Window(JULY, end), people) == {
        june.rep.pk: D("830.00"),
        june.rep_other.pk: D("120.00"),
    }
    assert month.sales() == returned_sales(Window(JULY, end), JULY, dt.date(2026, 4, 1))
    assert [r.orig_amount for r in month.sales()] == [D("800.00")]
