"""Rate tables replaced from an uploaded Excel sheet (``rate_sheets``): every component the
sheet names is checked through core with its new rows before anything is saved, so a bad
file changes nothing and says which component, row and column is wrong. A change to a plan
in force pays from the next calculation; closed months keep what they paid (a recalculation
posts deltas)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.core.commission.rates import TierMode
from salestarget.incentives.models import CommissionPlan, PlanComponent
from salestarget.incentives.permissions import require_finance
from salestarget.incentives.rate_sheets import rates_read
from salestarget.incentives.rules import component_rule
from salestarget.org.scoping import scope_for


@transaction.atomic
def rate_tables_import(
    *, plan: CommissionPlan, data: bytes, file_name: str, by: User
) -> list[PlanComponent]:
    """Replace the tiers (or curve points) of each component the sheet names."""
    require_finance(scope_for(by))
    tables = rates_read(data, file_name, plan)
    changed = []
    for component in plan.components.filter(code__in=list(tables)).order_by("sort_order"):
        table = tables[component.code]
        component.mode, component.basis = table.mode, table.basis
        if table.mode == TierMode.CURVE:
            component.points, component.tiers = table.rows, []
        else:
            component.tiers, component.points = table.rows, []
        try:
            component_rule(component)
        except ValidationError as exc:
            raise ValidationError(
                {
                    "file": _("提成项“%(code)s”：%(error)s")
                    % {"code": component.code, "error": "；".join(exc.messages)}
                }
            ) from exc
        changed.append(component)
    PlanComponent.objects.bulk_update(changed, ["mode", "basis", "tiers", "points"])
    return changed
