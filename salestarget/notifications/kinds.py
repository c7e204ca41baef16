"""The kinds of event a notification is about, as senders name them (``notification_send``'s
``kind``): the list a person chooses their channels from (in-product only, e-mail, a work
notice). ``tests/notifications/test_kinds.py`` holds every kind a sender uses listed here."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PLAN_SUBMITTED = "plan_submitted", _("目标计划待审批")
    PLAN_APPROVED = "plan_approved", _("目标计划已批准")
    PLAN_RETURNED = "plan_returned", _("目标计划被退回")
    SPLIT_SUBMITTED = "split_submitted", _("目标分解待审批")
    SPLIT_APPROVED = "split_approved", _("目标分解已批准")
    SPLIT_RETURNED = "split_returned", _("目标分解被退回")
    DRAFT_REQUESTED = "draft_requested", _("请填报目标草案")
    DRAFT_SUBMITTED = "draft_submitted", _("目标草案已提交")
    DRAFT_OVERDUE = "draft_overdue", _("目标草案逾期")
    DRAFT_ACCEPT = "draft_accept", _("目标草案已接受")
    DRAFT_CHANGE = "draft_change", _("目标草案调整后确认")
    DRAFT_RETURN = "draft_return", _("目标草案被退回")
    STEP_OVERDUE = "step_overdue", _("计划步骤逾期")
    STEP_ESCALATED = "step_escalated", _("计划步骤逾期上报")
    ADJUSTMENT_REQUESTED = "adjustment_requested", _("目标调整申请")
    ADJUSTMENT_DECIDED = "adjustment_decided", _("目标调整已审批")
    TRACKING_ALERT = "tracking_alert", _("进度落后预警")
    ASSESSMENT_OVERDUE = "assessment_overdue", _("考核步骤逾期")
    ASSESSMENT_ESCALATED = "assessment_escalated", _("考核逾期上报")
    REPORT_COMMENT = "report_comment", _("日报周报点评")
    ACTION_OVERDUE = "action_overdue", _("行动计划步骤逾期")
    INCENTIVES_DISPUTE = "incentives.dispute", _("奖金异议")
