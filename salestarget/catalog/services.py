"""Writes to master data: products, regions, customer types, channels, customers, calendar.

``region_save`` is the trusted primitive that keeps a region subtree's paths (demo data,
imports). What users ask for through pages and the API goes through ``catalog_item_create``,
``catalog_item_update``, ``catalog_item_deactivate`` and ``catalog_item_activate`` (the same
rules for every kind of item, plus each kind's own) and the ``calendar_day_*`` services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.catalog.models import (
    CalendarDay,
    CalendarDayKind,
    Customer,
    MasterData,
    Product,
    ProductCategory,
    ProductLine,
    Region,
    RegionLevel,
)
from salestarget.org.masterdata import Errors, master_data_errors, require_master_data_editor
from salestarget.org.scoping import Scope
from salestarget.trees import tree_node_save


def region_save(*, region: Region) -> Region:
    """Create or update a region, keeping the materialised paths of its subtree."""
    return tree_node_save(region)


# --- the rules of each kind ------------------------------------------------------------------


def _inactive(errors: Errors, field: str, owner: MasterData) -> None:
    """A chosen related item (``owner.<field>``) must be active."""
    if errors.has(field) or not getattr(owner, f"{field}_id"):
        return
    item = getattr(owner, field)
    if not item.is_active:
        errors.add(field, _("“%(name)s”已停用，不能选用。") % {"name": item.name})


def _product_line_rules(by: Scope, line: ProductLine, errors: Errors) -> None:
    _inactive(errors, "category", line)


def _product_rules(by: Scope, product: Product, errors: Errors) -> None:
    _inactive(errors, "line", product)
    for field in ("list_price", "standard_cost"):
        value = getattr(product, field)
        if value is not None and value < 0 and not errors.has(field):
            errors.add(field, _("不能为负数。"))


_LEVELS = list(RegionLevel.values)


def _region_rules(by: Scope, region: Region, errors: Errors) -> None:
    if errors.has("parent") or region.parent_id is None:
        return
    parent = region.parent
    assert parent is not None  # parent_id is set
    if region.pk and (parent.pk == region.pk or parent.path.startswith(region.path)):
        errors.add("parent", _("不能把区域移动到它自己或它的下级之下。"))
        return
    _inactive(errors, "parent", region)
    if region.level in _LEVELS and _LEVELS.index(region.level) <= _LEVELS.index(parent.level):
        errors.add(
            "level",
            _("%(level)s不能放在%(parent_level)s“%(parent)s”之下。")
            % {
                "level": region.get_level_display(),
                "parent_level": parent.get_level_display(),
                "parent": parent.name,
            },
        )


def _customer_rules(by: Scope, customer: Customer, errors: Errors) -> None:
    for field in ("customer_type", "region", "channel"):
        _inactive(errors, field, customer)
    if errors.has("owner") or customer.owner_id is None:
        return
    owner = customer.owner
    assert owner is not None  # owner_id is set
    if not by.can_view_person(owner):
        errors.add("owner", _("负责人不在你的权限范围内。"))
    elif not owner.is_active:
        errors.add("owner", _("负责人“%(name)s”已停用，请选择在职人员。") % {"name": owner.name})


_RULES: dict[type[MasterData], Callable[..., None]] = {
    ProductLine: _product_line_rules,
    Product: _product_rules,
    Region: _region_rules,
    Customer: _customer_rules,
}

# What must be deactivated first: a parent stays active while a child is active.
_CHILDREN: dict[type[MasterData], tuple[str, Promise]] = {
    ProductCategory: ("lines", gettext_lazy("该产品大类下还有启用的产品线，请先停用它们。")),
    ProductLine: ("products", gettext_lazy("该产品线下还有启用的产品，请先停用它们。")),
    Region: ("children", gettext_lazy("该区域下还有启用的下级区域，请先停用它们。")),
}
# ...and a child comes back only under an active parent.
_PARENT: dict[type[MasterData], str] = {
    ProductLine: "category",
    Product: "line",
    Region: "parent",
}


def _require_item(by: Scope, item: MasterData) -> None:
    if isinstance(item, Customer) and item.pk and not by.everything:
        owner_id = Customer.objects.filter(pk=item.pk).values_list("owner_id", flat=True).first()
        if owner_id is None or not by.people().filter(pk=owner_id).exists():
            raise PermissionDenied(_("该客户不在你的权限范围内。"))


def _validated(by: Scope, item: MasterData) -> None:
    errors = master_data_errors(item)
    rules = _RULES.get(type(item))
    if rules is not None:
        rules(by, item, errors)
    errors.raise_if_any()


def _write(item: MasterData) -> MasterData:
    if isinstance(item, Region):
        return region_save(region=item)
    item.save()
    return item


@transaction.atomic
def catalog_item_create(*, by: Scope, item: MasterData) -> MasterData:
    """Create a product category, line, product, region, customer type, channel or customer."""
    require_master_data_editor(by)
    item.pk = None
    item.is_active = True
    if isinstance(item, Region):
        item.path = ""
    _validated(by, item)
    return _write(item)


@transaction.atomic
def catalog_item_update(*, by: Scope, item: MasterData) -> MasterData:
    """Change an item (a region given a new parent moves with its subtree)."""
    require_master_data_editor(by)
    _require_item(by, item)
    item.is_active = type(item)._default_manager.values_list("is_active", flat=True).get(pk=item.pk)
    _validated(by, item)
    return _write(item)


@transaction.atomic
def catalog_item_deactivate(*, by: Scope, item: MasterData) -> MasterData:
    """Deactivate an item: it stays in history but cannot be chosen any more."""
    require_master_data_editor(by)
    _require_item(by, item)
    children = _CHILDREN.get(type(item))
    if children is not None:
        related, message = children
        if getattr(item, related).filter(is_active=True).exists():
            raise ValidationError(str(message))
    item.is_active = False
    item.save(update_fields=["is_active"])
    return item


@transaction.atomic
def catalog_item_activate(*, by: Scope, item: MasterData) -> MasterData:
    require_master_data_editor(by)
    _require_item(by, item)
    parent_field = _PARENT.get(type(item))
    parent = getattr(item, parent_field) if parent_field else None
    if parent is not None and not parent.is_active:
        raise ValidationError(_("上级“%(name)s”已停用，请先启用它。") % {"name": parent.name})
    if isinstance(item, Customer) and item.owner is not None and not item.owner.is_active:
        raise ValidationError(
            _("负责人“%(name)s”已停用，请先更换负责人。") % {"name": item.owner.name}
        )
    item.is_active = True
    item.save(update_fields=["is_active"])
    return item


# --- calendar --------------------------------------------------------------------------------

# chinesecalendar names holidays in English; the calendar shows them as the State Council does.
CHINA_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@transaction.atomic
def calendar_day_create(*, by: Scope, day: dt.date, kind: str, name: str = "") -> CalendarDay:
    """Mark ``day`` as a holiday or a make-up working day (调休上班)."""
    require_master_data_editor(by)
    entry = CalendarDay(date=day, kind=kind, name=name.strip())
    errors = master_data_errors(entry, unique=())
    existing = CalendarDay.objects.filter(date=day).first()
    if existing is not None:
        errors.add(
            "date",
            _("%(day)s 已经是“%(kind)s”。")
            % {"day": day.isoformat(), "kind": existing.get_kind_display()},
        )
    elif kind == CalendarDayKind.MAKEUP_WORKDAY and day.weekday() < 5:
        errors.add("kind", _("调休上班日应是周末；%(day)s 本来就是工作日。") % {"day": day})
    errors.raise_if_any()
    entry.save()
    return entry


@transaction.atomic
def calendar_day_delete(*, by: Scope, entry: CalendarDay) -> None:
    require_master_data_editor(by)
    entry.delete()


# The countries whose public holidays the calendar page offers (codes as python-holidays
# takes them); mainland China comes from chinesecalendar, with its make-up working days.
HOLIDAY_COUNTRIES = {
    "CN": gettext_lazy("中国大陆"),
    "HK": gettext_lazy("中国香港"),
    "MO": gettext_lazy("中国澳门"),
    "TW": gettext_lazy("中国台湾"),
    "SG": gettext_lazy("新加坡"),
    "MY": gettext_lazy("马来西亚"),
    "TH": gettext_lazy("泰国"),
    "VN": gettext_lazy("越南"),
    "ID": gettext_lazy("印度尼西亚"),
    "PH": gettext_lazy("菲律宾"),
    "IN": gettext_lazy("印度"),
    "JP": gettext_lazy("日本"),
    "KR": gettext_lazy("韩国"),
    "AE": gettext_lazy("阿联酋"),
    "AU": gettext_lazy("澳大利亚"),
    "GB": gettext_lazy("英国"),
    "DE": gettext_lazy("德国"),
    "FR": gettext_lazy("法国"),
    "US": gettext_lazy("美国"),
    "CA": gettext_lazy("加拿大"),
}


@transaction.atomic
def calendar_holidays_load(*, by: Scope | None, year: int, country: str = "CN") -> int:
    """Load the public holidays of ``year`` in ``country`` (mainland China: the State
    Council's holidays and make-up working days, from chinesecalendar; elsewhere from
    python-holidays); days already entered stay as they are. Returns how many were added.
    ``by=None`` is for trusted callers (demo data)."""
    if by is not None:
        require_master_data_editor(by)
    if country not in HOLIDAY_COUNTRIES:
        raise ValidationError({"country": _("不支持的国家或地区：%(code)s") % {"code": country}})
    days = _china_days(year) if country == "CN" else _country_days(country, year)
    have = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
    rows = [
        CalendarDay(date=day, kind=kind, name=name)
        for day, kind, name in days
        if day.year == year and day not in have
    ]
    CalendarDay.objects.bulk_create(rows)
    return len(rows)


def _china_days(year: int) -> list[tuple[dt.date, str, str]]:
    import chinese_calendar

    if year not in {d.year for d in chinese_calendar.holidays}:
        raise ValidationError(
            {"year": _("没有 %(year)d 年的法定节假日安排，请手工录入。") % {"year": year}}
        )
    return [
        (day, kind, CHINA_HOLIDAY_NAMES.get(name, name))
        for source, kind in (
            (chinese_calendar.holidays, CalendarDayKind.HOLIDAY),
            (chinese_calendar.workdays, CalendarDayKind.MAKEUP_WORKDAY),
        )
        for day, name in source.items()
        if day.year == year
    ]


def _country_days(country: str, year: int) -> list[tuple[dt.date, str, str]]:
    import holidays

    found = holidays.country_holidays(country, years=year)
    width = CalendarDay._meta.get_field("name").max_length or 60
    # Where a holiday falling on a weekend is made up on a weekday, that weekday is its own
    # entry ("… (observed)"); some names run long (two holidays on one day, Thai royal days).
    return [(day, CalendarDayKind.HOLIDAY, name[:width]) for day, name in sorted(found.items())]
