"""Getting started: what a company that starts empty sets up, in order, and whether the data
says each step is done (the admin's home page shows it until everything is)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.models import SalesLine
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


def setup_steps(scope: Scope) -> list[SetupStep]:
    """Six cheap EXISTS queries; ``scope`` tells whose own person record does not count."""
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
        SetupStep(
            "sales",
            _("销售数据"),
            _("导入销售明细，仪表板和排行榜随之更新"),
            reverse("actuals:import_upload"),
            SalesLine.objects.exists(),
        ),
    ]
