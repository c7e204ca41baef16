"""Split credit (分成) and overlay credit (叠加): who is credited with an order, by share.

Finance sets them per order; a split's shares add up to exactly 100% (the order's amount is
divided to the cent by ``core.commission.crediting``), an overlay gives managers a share on
top. Each share is saved row by row so the audit trail (``audit.registration``) records who
changed which order's credit, and when.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.actuals.models import SalesLine
from salestarget.core.commission.crediting import CreditError, split_credit
from salestarget.incentives.models import CreditKind, CreditSplit
from salestarget.incentives.permissions import require_finance
from salestarget.org.models import Person
from salestarget.org.scoping import scope_for

ONE = Decimal(1)
SHARE_PLACES = 6  # CreditSplit.share keeps six decimals (0.333333)


def _percent(share: Decimal) -> str:
    text = format((share * 100).normalize(), "f")
    return f"{text}%"


def shares_check(*, kind: str, shares: Mapping[Person, Decimal]) -> None:
    """ValidationError on ``shares`` naming what is wrong: nobody, a share out of 0–100%,
    more places than are kept, a person who has left, a split not adding up to 100%."""
    if kind not in CreditKind.values:
        raise ValidationError({"kind": _("未知的分成类型：%(k)s") % {"k": kind}})
    if not shares:
        raise ValidationError({"shares": _("请至少填写一个人员及其比例")})
    for person, share in shares.items():
        if not share.is_finite() or not Decimal(0) < share <= ONE:
            raise ValidationError(
                {
                    "shares": _("%(who)s 的比例须大于 0%% 且不超过 100%%，现为 %(s)s")
                    % {"who": person.name, "s": share}
                }
            )
        if share.as_tuple().exponent < -SHARE_PLACES:  # type: ignore[operator]
            raise ValidationError(
                {
                    "shares": _("%(who)s 的比例最多保留四位小数的百分比（如 33.3333%%）")
                    % {"who": person.name}
                }
            )
        if not person.is_active:
            raise ValidationError({"shares": _("%(who)s 已停用，不能分成") % {"who": person.name}})
    if kind == CreditKind.SPLIT:
        added = sum(shares.values(), Decimal(0))
        if added != ONE:
            raise ValidationError(
                {"shares": _("分成比例合计为 %(sum)s，应为 100%%") % {"sum": _percent(added)}}
            )
        try:
            split_credit(Decimal(100), {str(p.pk): s for p, s in shares.items()})
        except CreditError as exc:  # pragma: no cover - the checks above say it first
            raise ValidationError({"shares": str(exc)}) from exc


@transaction.atomic
def credit_split_save(
    *,
    order_no: str,
    shares: Mapping[Person, Decimal],
    by: User,
    kind: str = CreditKind.SPLIT,
) -> list[CreditSplit]:
    """Replace the split (or overlay) credit of ``order_no``; an order no sales line carries
    is refused (a typo would credit nothing)."""
    require_finance(scope_for(by))
    order_no = order_no.strip()
    if not order_no:
        raise ValidationError({"order_no": _("请填写订单号")})
    if not SalesLine.objects.filter(order_no=order_no).exists():
        raise ValidationError({"order_no": _("没有订单号为 %(no)s 的销售明细") % {"no": order_no}})
    shares_check(kind=kind, shares=shares)
    for old in CreditSplit.objects.filter(order_no=order_no, kind=kind):
        old.delete()
    return [
        CreditSplit.objects.create(order_no=order_no, person=p, share=s, kind=kind)
        for p, s in shares.items()
    ]


@transaction.atomic
def credit_split_delete(*, order_no: str, by: User, kind: str = CreditKind.SPLIT) -> int:
    """Remove the split (or overlay) credit of ``order_no``: its sellers are credited again."""
    require_finance(scope_for(by))
    found = list(CreditSplit.objects.filter(order_no=order_no, kind=kind))
    for row in found:
        row.delete()
    return len(found)
