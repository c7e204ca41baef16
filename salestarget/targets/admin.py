"""Admin views of targets: reading and fixing by the admin; the product's own pages do the
planning (the services keep the history, the admin does not)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from salestarget.targets.models import (
    AdjustmentRequest,
    CustomMetric,
    DraftRound,
    PlanningCycle,
    PlanningStep,
    Target,
    TargetChange,
    TargetDraft,
    TargetPlan,
)

if TYPE_CHECKING:  # the stubs' ModelAdmin is generic in its model, Django's class is not
    ModelAdmin = admin.ModelAdmin[Any]
else:
    ModelAdmin = admin.ModelAdmin


@admin.register(CustomMetric)
class CustomMetricAdmin(ModelAdmin):
    list_display = ("code", "name", "formula", "unit", "direction", "aggregation", "is_active")


@admin.register(TargetPlan)
class TargetPlanAdmin(ModelAdmin):
    list_display = ("name", "metric", "period", "scope_node", "owner", "status")
    list_filter = ("status", "metric", "period")
    raw_id_fields = (
        "scope_node",
        "owner",
        "created_by",
        "submitted_by",
        "approved_by",
        "locked_by",
    )


@admin.register(Target)
class TargetAdmin(ModelAdmin):
    list_display = ("pk", "plan", "period", "node", "person", "value", "status", "version")
    list_filter = ("status",)
    raw_id_fields = ("plan", "parent", "node", "person", "product", "region", "split_by")
    readonly_fields = ("version",)


@admin.register(TargetChange)
class TargetChangeAdmin(ModelAdmin):
    list_display = ("at", "target_label", "kind", "field", "old_value", "new_value", "by")
    list_filter = ("kind",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # history is never rewritten


admin.site.register([DraftRound, TargetDraft, PlanningCycle, PlanningStep, AdjustmentRequest])
