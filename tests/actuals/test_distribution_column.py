"""Every fact and rollup table keeps the column Citus would distribute it by (docs/scaling.md):
a new fact table without it, a nullable one, or a rollup keyed without it fails here."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from salestarget.actuals.distribution import (
    BESIDE_FACTS,
    DISTRIBUTION_COLUMN,
    EXCEPTIONS,
    FACTS,
    NULL_UNTIL_DISTRIBUTED,
    ROLLUPS,
)
from salestarget.actuals.models import Fact

DISTRIBUTED = FACTS + ROLLUPS + BESIDE_FACTS


@pytest.mark.parametrize("label", DISTRIBUTED)
def test_the_table_has_the_column_and_it_is_never_null(label: str) -> None:
    model = apps.get_model(label)
    field = model._meta.get_field(DISTRIBUTION_COLUMN)
    assert isinstance(field, models.ForeignKey)
    assert field.related_model is apps.get_model("org.Person")
    if label not in NULL_UNTIL_DISTRIBUTED:
        assert not field.null, f"{label}.{DISTRIBUTION_COLUMN} may be null"


@pytest.mark.parametrize("label", ROLLUPS)
def test_a_rollups_unique_key_holds_the_column(label: str) -> None:
    model = apps.get_model(label)
    keys = [c for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    assert keys, f"{label} has no unique key"
    for key in keys:
        assert DISTRIBUTION_COLUMN in key.fields, f"{label}: {key.name} lacks the column"


def test_every_fact_table_is_listed() -> None:
    """A fact kind added later is either distributed by the column or named with a reason."""
    fact_tables = {
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, Fact) and not model._meta.abstract
    }
    assert fact_tables - set(EXCEPTIONS) == set(FACTS)


def test_every_rollup_table_is_listed() -> None:
    """A table named like a rollup of facts (a grain of days, weeks or months) is listed."""
    rollup_like = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in {"actuals", "forecasting", "activities", "incentives"}
        and model.__name__.endswith(("Daily", "Weekly", "Monthly"))
    }
    assert rollup_like <= set(ROLLUPS) | set(EXCEPTIONS), rollup_like - set(ROLLUPS)
