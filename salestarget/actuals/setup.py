"""The getting-started step of the facts: the company's first sales lines (the checklist is
``catalog.setup``; this step is registered when the app is ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.models import SalesLine
from salestarget.catalog.setup import SetupStep
from salestarget.org.scoping import Scope


def sales_setup_step(scope: Scope) -> SetupStep:
    return SetupStep(
        "sales",
        _("销售数据"),
        _("导入销售明细，仪表板和排行榜随之更新"),
        reverse("actuals:import_upload"),
        SalesLine.objects.exists(),
    )
