"""The organisation: a tree of nodes of any depth, the people in it, and who may do what.

A node's subtree is found by its materialised ``path`` ("/1/5/17/"): ``path__startswith``
works the same on SQLite and PostgreSQL and needs no recursive query.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.core.outliers import OutlierRule


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    EXECUTIVE = "executive", _("销售总监")
    MANAGER = "manager", _("经理")
    REP = "rep", _("销售代表")
    FINANCE = "finance", _("财务/销售管理")


class NodeKind(models.TextChoices):
    COMPANY = "company", _("公司")
    DIVISION = "division", _("事业部")
    REGION = "region", _("大区")
    BRANCH = "branch", _("分公司")
    TEAM = "team", _("团队")


class ProgressBasis(models.TextChoices):
    CALENDAR = "calendar", _("按自然日")
    WORKING = "working", _("按工作日")
    SEASONAL = "seasonal", _("按季节性")


class CompanySettings(models.Model):
    """The one row of company-wide settings (``CompanySettings.current()``)."""

    name = models.CharField(_("公司名称"), max_length=200, default="")
    currency = models.CharField(_("币种"), max_length=3, default="CNY")
    currency_decimals = models.PositiveSmallIntegerField(_("金额小数位"), default=2)
    fiscal_year_start_month = models.PositiveSmallIntegerField(_("财年起始月"), default=1)
    default_progress_basis = models.CharField(
        _("默认时间进度口径"),
        max_length=10,
        choices=ProgressBasis.choices,
        default=ProgressBasis.WORKING,
    )
    # Outliers (core.outliers): an achievement above the bound, or a target below the floor
    # share of its peers' median, is flagged instead of ranked or celebrated. 0 = off.
    outlier_achievement_bound = models.PositiveIntegerField(
        _("完成率异常上限（%）"),
        default=300,
        help_text=_("完成率高于此值时在排行榜和喜报中标记为异常，不参与完成率排名。0 表示不检查。"),
    )
    outlier_target_floor = models.PositiveSmallIntegerField(
        _("目标过小下限（占同组中位数 %）"),
        default=10,
        help_text=_(
            "目标低于同组目标中位数的这一比例（或为零）时标记为异常，分解预览也会提醒。0 表示不检查。"
        ),
    )

    class Meta:
        verbose_name = _("公司设置")
        verbose_name_plural = _("公司设置")

    def __str__(self) -> str:
        return self.name or str(_("公司设置"))

    @classmethod
    def current(cls) -> CompanySettings:
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    @property
    def outlier_rule(self) -> OutlierRule:
        return OutlierRule(
            achievement_bound=Decimal(self.outlier_achievement_bound) / 100,
            target_floor=Decimal(self.outlier_target_floor) / 100,
        )


class OrgNode(models.Model):
    parent = models.ForeignKey(
        "self",
        verbose_name=pgettext_lazy("org unit", "上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("编码"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=255)
    kind = models.CharField(_("类型"), max_length=10, choices=NodeKind.choices)
    region = models.ForeignKey(
        "catalog.Region",
        verbose_name=_("负责区域"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="org_nodes",
        help_text=_("该组织负责的销售区域，用于市场占有率等指标"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    sort_order = models.IntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def subtree_q(self, field: str = "") -> Q:
        """A filter for this node and everything below it; ``field`` prefixes the lookup."""
        prefix = f"{field}__" if field else ""
        return Q(**{f"{prefix}path__startswith": self.path})

    def is_ancestor_of(self, other: OrgNode) -> bool:
        return other.path.startswith(self.path)

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p]


class Person(models.Model):
    """Somebody in the sales organisation; ``user`` is their login, when they have one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    employee_no = models.CharField(_("工号"), max_length=60, unique=True)
    name = models.CharField(_("姓名"), max_length=255)
    email = models.EmailField(_("邮箱"), blank=True)
    phone = models.CharField(pgettext_lazy("phone number", "电话"), max_length=40, blank=True)
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.REP)
    hired_on = models.DateField(_("入职日期"), null=True, blank=True)
    left_on = models.DateField(_("离职日期"), null=True, blank=True)
    is_active = models.BooleanField(_("在职"), default=True)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["employee_no"]

    def __str__(self) -> str:
        return self.name

    def membership_at(self, day: dt.date) -> Membership | None:
        return Membership.objects.active_at(day).filter(person=self).select_related("node").first()


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_at(self, day: dt.date) -> MembershipQuerySet:
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class Membership(models.Model):
    """A person belongs to a node from ``valid_from`` (inclusive) to ``valid_to`` (exclusive).

    A sale is credited to the node of the membership active on the sale date, so history is
    never rewritten when someone moves: the old row is closed and a new one opened.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="memberships"
    )
    node = models.ForeignKey(
        OrgNode, verbose_name=_("组织"), on_delete=models.PROTECT, related_name="memberships"
    )
    valid_from = models.DateField(pgettext_lazy("validity", "生效日期"))
    valid_to = models.DateField(pgettext_lazy("validity", "截止日期"), null=True, blank=True)
    is_manager = models.BooleanField(pgettext_lazy("org node", "负责人"), default=False)
    # False: nobody said when it starts (a people file with neither a start nor a hiring date):
    # the person's older facts move its start back to the earliest of them when imported, so
    # old history credits the node instead of being refused.
    start_stated = models.BooleanField(_("开始日期已确认"), default=True)

    objects = MembershipQuerySet.as_manager()
    # Not a column: what the org service that changed this row re-credited (the facts that
    # followed it to another node), for the page to tell.
    recredit: Any

    class Meta:
        verbose_name = _("任职记录")
        verbose_name_plural = _("任职记录")
        ordering = ["person", "valid_from"]
        indexes = [models.Index(fields=["node", "valid_from"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="membership_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.node} ({self.valid_from}–{self.valid_to or ''})"


class ApiToken(models.Model):
    """A bearer token for the REST API; only its SHA-256 is stored. It works until it expires
    or its owner revokes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("名称"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("到期时间"))
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
