"""Master data that targets are split by: products, regions, customers, channels, calendar."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from salestarget.fields import ExactDecimalField


class MasterData(models.Model):
    """Coded, named, deactivatable: what every list of master data shares."""

    code = models.CharField(_("编码"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=255)
    sort_order = models.IntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class MadeByImport(models.Model):
    """A record a sales import made from a sales file naming it ("create the new customers and
    products", actuals.importing.new_records): that import's page lists what is left to
    complete."""

    created_batch = models.ForeignKey(
        "importing.ImportBatch",
        verbose_name=_("由导入批次新建"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class ProductCategory(MasterData):
    class Meta(MasterData.Meta):
        verbose_name = _("产品大类")
        verbose_name_plural = _("产品大类")


class ProductLine(MasterData):
    category = models.ForeignKey(
        ProductCategory, verbose_name=_("产品大类"), on_delete=models.PROTECT, related_name="lines"
    )

    class Meta(MasterData.Meta):
        verbose_name = _("产品线")
        verbose_name_plural = _("产品线")


class Product(MasterData, MadeByImport):
    line = models.ForeignKey(
        ProductLine, verbose_name=_("产品线"), on_delete=models.PROTECT, related_name="products"
    )
    unit = models.CharField(_("单位"), max_length=20, default="件")
    list_price = ExactDecimalField(_("标准单价"), default=0)
    standard_cost = ExactDecimalField(_("标准成本"), default=0)

    class Meta(MasterData.Meta):
        verbose_name = _("产品")
        verbose_name_plural = _("产品")


class RegionLevel(models.TextChoices):
    AREA = "area", _("大区")
    PROVINCE = "province", _("省")
    CITY = "city", _("城市")


class Region(MasterData):
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.CharField(_("层级"), max_length=10, choices=RegionLevel.choices)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta(MasterData.Meta):
        verbose_name = _("区域")
        verbose_name_plural = _("区域")
        ordering = ["path"]


class CustomerType(MasterData):
    class Meta(MasterData.Meta):
        verbose_name = _("客户类型")
        verbose_name_plural = _("客户类型")


class Channel(MasterData):
    class Meta(MasterData.Meta):
        verbose_name = _("渠道")
        verbose_name_plural = _("渠道")


class Customer(MasterData, MadeByImport):
    code = models.CharField(_("客户编码"), max_length=60, unique=True)
    name = models.CharField(_("客户名称"), max_length=255)
    customer_type = models.ForeignKey(
        CustomerType, verbose_name=_("客户类型"), on_delete=models.PROTECT, related_name="customers"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("区域"), on_delete=models.PROTECT, related_name="customers"
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("渠道"), on_delete=models.PROTECT, related_name="customers"
    )
    owner = models.ForeignKey(
        "org.Person",
        verbose_name=_("负责人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customers",
    )
    # Derived, never typed: the sales import sets it to the customer's first positive sales
    # line, and the rollups count the customer as new on that day (actuals.rollups). An edit
    # would leave the rollups disagreeing with it, so no form, API, import or admin writes it.
    first_purchase_on = models.DateField(_("首次购买日期"), null=True, blank=True, editable=False)

    class Meta(MasterData.Meta):
        verbose_name = _("客户")
        verbose_name_plural = _("客户")
        indexes = [models.Index(fields=["owner"]), models.Index(fields=["first_purchase_on"])]


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    MAKEUP_WORKDAY = "workday", _("调休上班")


class CalendarDay(models.Model):
    """A date that breaks the weekly pattern: a holiday, or a weekend day worked (调休)."""

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField(_("名称"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name or self.get_kind_display()}"
