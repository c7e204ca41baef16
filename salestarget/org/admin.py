"""The Django admin for admins (role admin = staff + superuser, see ``user_access_sync``).

Node and person edits made here bypass the page services' checks, so the node form keeps
the subtree's paths through ``org_node_save`` and moving people stays on the pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from salestarget.org.models import ApiToken, CompanySettings, Membership, OrgNode, Person
from salestarget.org.services import org_node_save


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["node"]
    fields = ["node", "valid_from", "valid_to", "is_manager"]


@admin.register(OrgNode)
class OrgNodeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "depth", "region", "is_active"]
    list_filter = ["kind", "is_active", "depth"]
    search_fields = ["name", "code"]
    list_select_related = ["parent", "region"]
    autocomplete_fields = ["parent", "region"]
    readonly_fields = ["path", "depth"]

    def save_model(self, request: HttpRequest, obj: OrgNode, form: Any, change: bool) -> None:
        org_node_save(node=obj)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["employee_no", "name", "role", "user", "email", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["employee_no", "name", "email", "user__username"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "node", "valid_from", "valid_to", "is_manager"]
    list_filter = ["is_manager", "node__kind"]
    search_fields = ["person__name", "person__employee_no", "node__name", "node__code"]
    list_select_related = ["person", "node"]
    autocomplete_fields = ["person", "node"]
    date_hierarchy = "valid_from"


@admin.register(CompanySettings)
class CompanySettingsAdmin(admin.ModelAdmin):
    list_display = ["name", "currency", "currency_decimals", "fiscal_year_start_month"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "is_active",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "user__username", "prefix"]
    list_select_related = ["user"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at", "expires_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the secret is shown once, on the API tokens page
