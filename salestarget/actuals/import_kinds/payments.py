"""Payments received (回款), credited to the customer's owner when no person is named."""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.import_kinds.fields import (
    AMOUNT_SYNONYMS,
    CUSTOMER,
    EXTERNAL_ID,
    PERSON,
    currency_field,
)
from salestarget.actuals.importing.facts import FactImporter
from salestarget.actuals.importing.rules import payment_rules
from salestarget.importing.kinds import DATE, MONEY, TEXT, FieldSpec, KindSpec

IMPORTER = FactImporter(
    output=("external_id", "received_on", "customer_id", "person_id", "node_id", "amount"),
    rules=payment_rules,
    credit_day=lambda: pl.col("received_on"),
)

PAYMENTS = KindSpec(
    is_fact=True,
    importer=IMPORTER,
    key="payment",
    label=_("回款"),
    api_path="payments",
    model_name="Payment",
    date_field="received_on",
    identity=("received_on", "customer", "person", "amount"),
    id_rule=_("外部编号：有“外部编号”或回款单号列时用它；否则由日期、客户、人员、金额算出。"),
    notes=(_("人员为空时记到客户的负责人。"),),
    fields=(
        FieldSpec(
            "received_on",
            _("回款日期"),
            DATE,
            happened=True,
            required=True,
            synonyms=(
                "日期",
                "回款日期",
                "收款日期",
                "到账日期",
                "date",
                "payment date",
                "received date",
                "receipt date",
                "value date",
            ),
        ),
        FieldSpec(
            "external_id",
            EXTERNAL_ID.label,
            TEXT,
            synonyms=(
                *EXTERNAL_ID.synonyms,
                "回款单号",
                "收款单号",
                "单号",
                "payment id",
                "receipt no",
                "reference",
            ),
            max_length=255,
        ),
        CUSTOMER,
        FieldSpec("person", _("人员"), "person", synonyms=PERSON.synonyms),
        FieldSpec(
            "amount",
            _("金额"),
            MONEY,
            required=True,
            synonyms=(
                *AMOUNT_SYNONYMS,
                "回款金额",
                "收款金额",
                "到账金额",
                "payment amount",
                "payment",
                "received",
            ),
        ),
        currency_field(),
    ),
)
