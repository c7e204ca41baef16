"""What the audit trail records: every change to master data, people, memberships, roles and
logins, company settings, calendars, tokens, mappings and imports, commission plans (with
their components and assignments) and credit splits (django-auditlog keeps one
entry per change: who, when, the fields' old → new values).

Models are named by label, so this module imports no app: each app's models stay where they
are (and may move) while the list of what is audited stays in one place. Bulk writes (the
imports' bulk_create and raw SQL) send no signals; an import is recorded by its batch instead:
who started it, from which file, and how many rows it read, wrote and rejected.
"""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.apps import apps

# label → auditlog.register options. Fields that change on their own (last use, progress)
# are left out so that an entry always means somebody changed something.
AUDITED: dict[str, dict[str, Any]] = {
    "auth.User": {
        "exclude_fields": ["last_login"],
        "mask_fields": ["password"],
    },
    "org.CompanySettings": {},
    "org.OrgNode": {"exclude_fields": ["path", "depth"]},
    "org.Person": {},
    "org.Membership": {},
    "org.ApiToken": {"exclude_fields": ["digest", "last_used_at"]},
    "catalog.ProductCategory": {},
    "catalog.ProductLine": {},
    "catalog.Product": {},
    "catalog.Region": {"exclude_fields": ["path", "depth"]},
    "catalog.CustomerType": {},
    "catalog.Channel": {},
    "catalog.Customer": {},
    "catalog.CalendarDay": {},
    "importing.ImportMapping": {},
    "incentives.CommissionPlan": {},
    "incentives.PlanComponent": {},
    "incentives.PlanAssignment": {},
    "incentives.CreditSplit": {},
    "integrations.GroupRobot": {"mask_fields": ["secret"]},
    "integrations.CalendarFeed": {"exclude_fields": ["digest", "last_used_at"]},
    "integrations.WorkApp": {"mask_fields": ["app_secret"], "exclude_fields": ["updated_at"]},
    "integrations.MessageSettings": {},
    "integrations.MessageChoice": {},
    "importing.ImportBatch": {
        "include_fields": [
            "kind",
            "source",
            "file_name",
            "created_by",
            "status",
            "mode",
            "mapping",
            "rows_total",
            "rows_written",
            "rows_rejected",
            "rows_inserted",
            "rows_updated",
            "rows_unchanged",
            "errors_total",
            "message",
        ],
    },
}


def audited_register() -> None:
    """Register every audited model that exists (a label whose app has gone is skipped)."""
    for label, options in AUDITED.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if not auditlog.contains(model):
            fields = {f.name for f in model._meta.get_fields()}
            kept = {
                key: [name for name in value if name in fields]
                if key.endswith("_fields")
                else value
                for key, value in options.items()
            }
            auditlog.register(model, **kept)
