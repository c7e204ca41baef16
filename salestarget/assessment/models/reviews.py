"""360° reviews (360 度评价): a reviewer's answers on a scorecard's qualitative items.

A customer answers through a link with a secret token and no login; only the token's
SHA-256 is stored, and the link expires. Peer and customer answers are never shown one by
one: queries return aggregates of at least the anonymity threshold only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReviewStatus(models.TextChoices):
    NOMINATED = "nominated", _("待上级批准")
    REQUESTED = "requested", _("待评价")
    SUBMITTED = "submitted", _("已提交")
    DECLINED = "declined", pgettext_lazy("review", "已拒绝")
    # a customer invitation taken back before its answer
    REVOKED = "revoked", pgettext_lazy("review", "已撤回")


class Review(models.Model):
    scorecard = models.ForeignKey(
        "assessment.Scorecard", on_delete=models.CASCADE, related_name="reviews"
    )
    group = models.CharField(_("评价人类别"), max_length=10)  # core.scoring ReviewerGroup
    reviewer = models.ForeignKey(
        "org.Person",
        verbose_name=_("评价人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    customer = models.ForeignKey(
        "catalog.Customer",
        verbose_name=_("客户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact = models.CharField(_("客户联系人"), max_length=100, blank=True)
    email = models.EmailField(_("客户邮箱"), blank=True)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)
    token_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    expires_at = models.DateTimeField(_("链接有效期至"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.REQUESTED
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("总体评语"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        ordering = ["scorecard", "group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "group", "reviewer"],
                condition=models.Q(reviewer__isnull=False),
                name="review_one_per_reviewer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scorecard} {self.group}"


class ReviewAnswer(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(
        "assessment.TemplateItem", on_delete=models.PROTECT, related_name="answers"
    )
    rating = models.PositiveSmallIntegerField(_("评分"))
    comment = models.TextField(_("评语"), blank=True)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="answer_one_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.rating}"
