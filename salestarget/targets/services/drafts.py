"""Bottom-up drafts (让下属提出个人销售目标草案) and the manager's review (目标对话).

The manager opens a round on a target; each person in the target's node submits a base
(保底) and a challenge (挑战) figure with the obstacles they foresee and the resources they
need. The manager accepts a draft (the challenge figure becomes the agreed target), changes it
(an agreed figure of their own) or returns it with a note. Accepted drafts can then be the
split (``target_decompose`` with method ``drafts``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from salestarget.notifications.messages import Amount, message
from salestarget.notifications.services import notification_send
from salestarget.org.models import Person
from salestarget.org.scoping import scope_for
from salestarget.targets import axes as ax
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.models import DraftRound, DraftStatus, RoundStatus, Target, TargetDraft
from salestarget.targets.permissions import require_manage
from salestarget.targets.services.plans import figure_check
from salestarget.ui.choices import choice_refused
from salestarget.wording import series

REVIEW_ACTIONS = ("accept", "change", "return")


@transaction.atomic
def round_open(
    *,
    target: Target,
    by: User,
    deadline: dt.datetime | None = None,
    note: str = "",
    people: list[Person] | None = None,
) -> DraftRound:
    """Ask the people of ``target``'s node (or ``people``) for their drafts."""
    require_manage(scope_for(by), target)
    members = [m.coords["person"] for m in ax.members(target, ax.PEOPLE)]
    if people is not None:
        allowed = {p.pk for p in members}
        outside = [p.name for p in people if p.pk not in allowed]
        if outside:
            raise ValidationError(
                {"people": _("这些人员不属于该组织：%(names)s") % {"names": series(outside)}}
            )
        members = people
    if target.rounds.filter(status=RoundStatus.OPEN).exists():
        raise ValidationError({"__all__": _("该目标已有进行中的草案征集。")})
    rnd = DraftRound.objects.create(target=target, opened_by=by, deadline=deadline, note=note)
    TargetDraft.objects.bulk_create([TargetDraft(round=rnd, person=p) for p in members])
    due = (
        timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")
        if deadline
        else message(gettext_noop("尽快"))
    )
    notification_send(
        recipients=[p.user for p in members],
        kind="draft_requested",
        title=message(gettext_noop("请提交目标草案：%(target)s"), target=target.label),
        body=message(
            gettext_noop("请在 %(due)s 前填写您的保底目标、挑战目标、预计困难和所需资源。"),
            due=due,
        ),
        link=reverse("targets:round_detail", args=[rnd.pk]),
        dedupe_key=f"draft-requested:{rnd.pk}",
    )
    return rnd


@transaction.atomic
def draft_submit(
    *,
    draft: TargetDraft,
    by: User,
    base_value: Decimal | None,
    challenge_value: Decimal | None,
    obstacles: str = "",
    resources: str = "",
) -> TargetDraft:
    """The person submits (or resubmits, before review) their own draft."""
    draft = TargetDraft.objects.select_related("round__target", "person").get(pk=draft.pk)
    person = getattr(by, "person", None)
    if person is None or person.pk != draft.person_id:
        raise PermissionDenied(_("只能提交自己的目标草案。"))
    if draft.round.status != RoundStatus.OPEN:
        raise ValidationError({"__all__": _("草案征集已结束。")})
    if draft.status in (DraftStatus.ACCEPTED, DraftStatus.CHANGED):
        raise ValidationError({"__all__": _("草案已被确认，不能再修改。")})
    errors: dict[str, list[str]] = {}
    if base_value is None:
        errors["base_value"] = [_("请填写保底目标。")]
    if challenge_value is None:
        errors["challenge_value"] = [_("请填写挑战目标。")]
    if not errors:
        metric = metric_definition(draft.round.target.metric)
        problems = figure_check(
            metric=metric,
            figures={
                "value": base_value,
                "base_value": base_value,
                "challenge_value": challenge_value,
            },
        )
        errors = {k: [v] for k, v in problems.items()}
    if errors:
        raise ValidationError(errors)
    draft.base_value = base_value
    draft.challenge_value = challenge_value
    draft.obstacles = obstacles.strip()
    draft.resources = resources.strip()
    draft.status = DraftStatus.SUBMITTED
    draft.submitted_at = timezone.now()
    draft.version += 1
    draft.save()
    notification_send(
        recipients=[draft.round.opened_by],
        kind="draft_submitted",
        title=message(gettext_noop("%(who)s 提交了目标草案"), who=draft.person.name),
        body=message(
            gettext_noop("保底 %(base)s，挑战 %(challenge)s"),
            base=Amount(base_value),
            challenge=Amount(challenge_value),
        ),
        link=reverse("targets:round_detail", args=[draft.round_id]),
    )
    return draft


@transaction.atomic
def draft_review(
    *,
    draft: TargetDraft,
    by: User,
    action: str,
    agreed_value: Decimal | None = None,
    note: str = "",
) -> TargetDraft:
    """Accept (the challenge figure is agreed), change (to ``agreed_value``) or return."""
    draft = TargetDraft.objects.select_related("round__target__node", "person__user").get(
        pk=draft.pk
    )
    target = draft.round.target
    require_manage(scope_for(by), target)
    if action not in REVIEW_ACTIONS:
        raise choice_refused("action", action, REVIEW_ACTIONS)
    if draft.round.status != RoundStatus.OPEN:
        raise ValidationError({"__all__": _("草案征集已结束。")})
    if draft.status == DraftStatus.PENDING:
        raise ValidationError(
            {"__all__": _("%(who)s 还没有提交草案。") % {"who": draft.person.name}}
        )
    if action == "accept":
        draft.agreed_value = draft.challenge_value
        draft.status = DraftStatus.ACCEPTED
    elif action == "change":
        if agreed_value is None:
            raise ValidationError({"agreed_value": _("请填写确认的目标值。")})
        problems = figure_check(
            metric=metric_definition(target.metric), figures={"value": agreed_value}
        )
        if problems:
            raise ValidationError({"agreed_value": list(problems.values())})
        draft.agreed_value = agreed_value
        draft.status = DraftStatus.CHANGED
    else:
        if not note.strip():
            raise ValidationError({"note": _("退回时请说明原因。")})
        draft.agreed_value = None
        draft.status = DraftStatus.RETURNED
    draft.manager_note = note.strip()
    draft.reviewed_by = by
    draft.reviewed_at = timezone.now()
    draft.version += 1
    draft.save()
    titles = {
        "accept": gettext_noop("您的目标草案已被接受"),
        "change": gettext_noop("您的目标草案已被调整后确认"),
        "return": gettext_noop("您的目标草案被退回"),
    }
    notification_send(
        recipients=[draft.person.user],
        kind=f"draft_{action}",
        title=message(titles[action]),
        body=[
            message(gettext_noop("确认目标：%(v)s"), v=Amount(draft.agreed_value))
            if draft.agreed_value is not None
            else "",
            note,
        ],
        link=reverse("targets:round_detail", args=[draft.round_id]),
    )
    return draft


def round_close(*, rnd: DraftRound, by: User) -> DraftRound:
    require_manage(scope_for(by), rnd.target)
    rnd.status = RoundStatus.CLOSED
    rnd.save(update_fields=["status"])
    return rnd
