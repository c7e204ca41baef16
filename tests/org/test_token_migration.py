"""Tokens made before tokens expired keep working after the migration, for 90 days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.migrating import migrate_to

BEFORE = [("org", "0001_initial")]
AFTER = [("org", "0002_apitoken_expires_at")]


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_get_an_expiry_ninety_days_out() -> None:
    migrate_to(BEFORE)
    executor = MigrationExecutor(connection)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="crm")
    old.get_model("org", "ApiToken").objects.create(
        user_id=user.pk, name="CRM", digest="d" * 64, prefix="st_abcde"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    token = new.get_model("org", "ApiToken").objects.get()
    assert token.is_active
    left = token.expires_at - timezone.now()
    assert dt.timedelta(days=89) < left <= dt.timedelta(days=90)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
