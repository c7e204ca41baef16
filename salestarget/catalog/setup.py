"""Getting started: what a company that starts empty sets up, in order, and whether the data
says each step is done (the admin's home page shows it until everything is)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salestarget.catalog.models import CalendarDay, Customer, Product
from salestarget.org.models import CompanySettings, Membership, OrgNode, Person
from salestarget.org.scoping import Scope


@dataclass(frozen=True)
class SetupStep:
    key: str
    title: Promise
    hint: Promise
    url: str
    done: bool
    more: tuple[tuple[Promise, str], ...] = ()  # further links: (label, url)


# The steps of the apps above the catalog (actuals: the sales data), which they register when
# ready, after the catalog's own.
LaterStep = Callable[[Scope], SetupStep]
_LATER: list[LaterStep] = []


def setup_step_register(step: LaterStep) -> None:
    if step not in _LATER:
        _LATER.append(step)


def setup_steps(scope: Scope) -> list[SetupStep]:
    """Cheap EXISTS queries, one per step; ``scope`` tells whose own person record does not
    count."""
    imports = reverse("catalog:import")
    year = timezone.localdate().year
    others = Person.objects.exclude(pk=scope.person_id) if scope.person_id else Person.objects
    return [
        SetupStep(
            "company",
            _("公司设置"),
            _("公司名称、币种、金额小数位、财年起始月"),
            reverse("org:company_settings"),
            bool(CompanySettings.current().name),
        ),
        SetupStep(
            "calendar",
            _("工作日历"),
            _("导入国家法定节假日与调休，或自行录入"),
            f"{reverse('catalog:calendar')}?year={year}",
            CalendarDay.objects.filter(date__year=year).exists(),
        ),
        SetupStep(
            "org",
            _("组织与人员"),
            _("先导入组织架构，再导入人员（工号、姓名、所属团队、角色）"),
            f"{imports}?kind=org-nodes",
            OrgNode.objects.exists()
            and Membership.objects.filter(person__in=others.values("pk")).exists(),
            more=((_("导入人员"), f"{imports}?kind=people"),),
        ),
        SetupStep(
            "products",
            _("产品"),
            _("产品大类、产品线和产品，带标准单价和成本"),
            f"{imports}?kind=products",
            Product.objects.exists(),
        ),
        SetupStep(
            "customers",
            _("客户"),
            _("客户类型、区域、渠道和负责人；缺少的类型、区域、渠道可在导入时新建"),
            f"{imports}?kind=customers",
            Customer.objects.exists(),
        ),
        *(step(scope) for step in _LATER),
    ]
