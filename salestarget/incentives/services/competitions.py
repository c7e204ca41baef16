"""Competitions (销售竞赛): set up by finance, checked whole before anything is saved; and
their results posted as good news (喜报) once the competition has ended — each prize winner
an event in tracking's feed, once (``GoodNews.dedupe_key``). The prizes themselves reach the
statements of the month the competition ends in (``queries.competitions.prize_drafts``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.incentives.models import Competition
from salestarget.incentives.permissions import require_finance
from salestarget.incentives.queries.competitions import standings
from salestarget.org.models import Membership, OrgNode
from salestarget.org.scoping import scope_for
from salestarget.targets.company_metrics import metric_definition
from salestarget.tracking.models import GoodNews, NewsKind

MAX_PRIZES = 20


def _amount(raw: object, field: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("“%(v)s” 不是金额") % {"v": raw}}) from exc
    if not value.is_finite() or value < 0:
        raise ValidationError({field: _("金额不能为负数：%(v)s") % {"v": raw}})
    return value


@transaction.atomic
def competition_save(
    *,
    by: User,
    name: str,
    metric: str,
    starts: dt.date,
    ends: dt.date,
    node: OrgNode,
    prizes: list[object],
    threshold: Decimal | None = None,
    threshold_prize: Decimal = Decimal(0),
    competition: Competition | None = None,
) -> Competition:
    """Create (or, before its results are out, change) a competition."""
    require_finance(scope_for(by))
    if not name.strip():
        raise ValidationError({"name": _("请填写竞赛名称")})
    metric_definition(metric)  # names an unknown metric
    if ends < starts:
        raise ValidationError({"ends": _("结束日期不能早于开始日期")})
    if len(prizes) > MAX_PRIZES:
        raise ValidationError({"prizes": _("名次奖金最多 %(n)s 个") % {"n": MAX_PRIZES}})
    amounts = [_amount(p, "prizes") for p in prizes]
    if threshold_prize and threshold is None:
        raise ValidationError({"threshold": _("设置了达标奖金时须填写达标线")})
    if not amounts and not threshold_prize:
        raise ValidationError({"prizes": _("请至少设置名次奖金或达标奖金")})
    _amount(threshold_prize, "threshold_prize")
    if competition is not None and competition.announced_at is not None:
        raise ValidationError({"name": _("竞赛结果已公布，不能再修改")})
    found = competition or Competition()
    found.name = name.strip()[:200]
    found.metric = metric
    found.starts, found.ends = starts, ends
    found.node = node
    found.prizes = [str(a) for a in amounts]
    found.threshold = threshold
    found.threshold_prize = threshold_prize
    found.save()
    return found


@transaction.atomic
def competition_announce(
    *, competition: Competition, by: User | None, today: dt.date | None = None
) -> list[GoodNews]:
    """Post the results of an ended competition as good news (each winner once); returns
    the events that are new. ``by`` None is the month's calculation doing it; ``today``
    (default the real one) is the demo's fixed day."""
    if by is not None:
        require_finance(scope_for(by))
    if competition.ends >= (today or timezone.localdate()):
        raise ValidationError({"ends": _("竞赛尚未结束，结果还不能公布")})
    winners = [r for r in standings(competition) if r.standing.prize > 0]
    nodes = _nodes_on(competition.ends, [r.person.pk for r in winners])
    events = [
        GoodNews(
            kind=NewsKind.PRIZE,
            person=row.person,
            node_id=nodes.get(row.person.pk),
            metric=competition.metric,
            period=f"{competition.ends:%Y-%m}",
            title=competition.name[:200],
            rank=row.standing.rank,
            value=row.standing.value,
            reference=row.standing.prize,
            happened_on=competition.ends,
            dedupe_key=f"prize:{competition.pk}:{row.person.pk}",
        )
        for row in winners
    ]
    keys = [e.dedupe_key for e in events]
    existing = set(
        GoodNews.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    new = [e for e in events if e.dedupe_key not in existing]
    GoodNews.objects.bulk_create(new, ignore_conflicts=True)
    if competition.announced_at is None:
        competition.announced_at = timezone.now()
        competition.save(update_fields=["announced_at"])
    return new


def _nodes_on(day: dt.date, person_ids: list[int]) -> dict[int, int]:
    """The node each person belonged to on ``day`` (their team's feed shows the news)."""
    rows = (
        Membership.objects.active_at(day)
        .filter(person_id__in=person_ids)
        .order_by("-is_manager", "valid_from")
        .values_list("person_id", "node_id")
    )
    out: dict[int, int] = {}
    for person_id, node_id in rows:
        out.setdefault(person_id, node_id)
    return out
