"""What tracking stores: the facts version its caches key on, and good-news events (喜报).

Everything else tracking shows is computed from the rollups and the targets on demand.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from salestarget.fields import ExactDecimalField


class FactsVersion(models.Model):
    """One row whose ``token`` changes, inside the writing transaction, whenever facts or
    rollups change. Caches shared by several server processes key on it; a random token (not a
    counter) never repeats after a database is wiped and reloaded."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.token


class NewsKind(models.TextChoices):
    FIRST_DEAL = "first_deal", _("本月首单")
    ACHIEVED = "achieved", _("目标达成")
    RECORD = "record", _("月度个人纪录")
    PRIZE = "prize", _("竞赛获奖")  # posted by incentives when a competition's results are out


class GoodNews(models.Model):
    """A milestone someone passed (喜报), detected after an import, shown in the feed once."""

    kind = models.CharField(_("类型"), max_length=20, choices=NewsKind.choices)
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    node = models.ForeignKey(
        "org.OrgNode",
        verbose_name=_("组织"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    target = models.ForeignKey(
        "targets.Target",
        verbose_name=_("目标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    metric = models.CharField(_("指标"), max_length=40, blank=True)
    period = models.CharField(_("期间"), max_length=30)
    value = ExactDecimalField(_("数值"), null=True, blank=True)
    reference = ExactDecimalField(_("对比值"), null=True, blank=True)
    happened_on = models.DateField(_("日期"), db_index=True)
    # What the event is about when its kind needs a name and a place: a competition and the
    # winner's rank in it (``value`` the score, ``reference`` the prize).
    title = models.CharField(_("标题"), max_length=200, blank=True)
    rank = models.PositiveIntegerField(_("名次"), null=True, blank=True)
    # Why an achievement is not celebrated (core.outliers reasons, comma-separated): the feed
    # shows it flagged with the reason; reports and the home page leave it out.
    outlier = models.CharField(_("异常原因"), max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    dedupe_key = models.CharField(max_length=120, unique=True)

    class Meta:
        verbose_name = _("喜报")
        verbose_name_plural = _("喜报")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} {self.person_id or self.node_id}"

    @property
    def outlier_reasons(self) -> list[str]:
        return [r for r in self.outlier.split(",") if r]
