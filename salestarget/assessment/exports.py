"""The results of a cycle as Excel, for pay, promotion and training decisions: each person's
scores and grades, whether they acknowledged the feedback interview, and their improvement
plan's state (training)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.assessment.models import AssessmentCycle, Scorecard
from salestarget.tracking.exports import _Book  # the product's one Excel writer


def results_xlsx(cycle: AssessmentCycle, cards: list[Scorecard]) -> bytes:
    book = _Book()
    book.title(f"{cycle.name} · {_('考核结果')}")
    book.header(
        _("工号"),
        _("姓名"),
        _("组织"),
        _("业绩得分"),
        _("行为得分"),
        _("总分"),
        _("计算等级"),
        _("上级建议等级"),
        _("最终等级"),
        _("面谈确认"),
        _("改进计划"),
        _("备注"),
    )
    for card in cards:
        book.row(
            card.person.employee_no,
            card.person.name,
            card.node.name,
            card.performance_score,
            card.behaviour_score,
            card.total_score,
            card.computed_grade,
            card.proposed_grade,
            card.grade,
            _acknowledged(card),
            _plan(card),
            _("入职未满，不参评") if card.too_new else "",
            formats={3: "0.00", 4: "0.00", 5: "0.00"},
        )
    return book.save()


def _acknowledged(card: Scorecard) -> str:
    interview = getattr(card, "interview", None)
    if interview is None or interview.acknowledged_at is None:
        return ""
    return f"{timezone.localtime(interview.acknowledged_at):%Y-%m-%d}"


def _plan(card: Scorecard) -> str:
    plan = getattr(card, "improvement_plan", None)
    return "" if plan is None else str(plan.get_status_display())
