"""Templates, the mapping page and the validator read one declaration of each kind's columns
(``FieldSpec.required`` and ``FieldSpec.default``): what the template marks required is what
the import refuses when blank, and nothing else is; what it says a blank cell becomes is what
the import makes of it."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from salestarget.catalog.importing.workbook import template_header, template_workbook
from salestarget.catalog.models import Channel, Customer, CustomerType, Region
from salestarget.importing.forms import MappingForm
from salestarget.importing.kinds import kind_spec, kinds_registered
from tests.catalog.masterfiles import _media, errors_of, master_import, xlsx_bytes  # noqa: F401
from tests.personas import Company


def _rule_column(kind_key: str) -> dict[str, str]:
    kind = kind_spec(kind_key)
    notes = load_workbook(io.BytesIO(template_workbook(kind))).worksheets[1]
    rows = {r[0]: r[1] or "" for r in notes.iter_rows(min_row=2, values_only=True) if r[0]}
    return {f.name: rows[template_header(kind, f)] for f in kind.fields}


def test_the_template_states_each_columns_rule_from_the_declaration() -> None:
    for key, kind in kinds_registered(facts=False).items():
        rules = _rule_column(key)
        for spec in kind.fields:
            assert rules[spec.name] == spec.rule, (key, spec.name)
            assert template_header(kind, spec).startswith(f"{spec.label}*") == spec.required
    assert _rule_column("customers")["channel"] == "空白时为“未指定”"


def test_the_mapping_page_marks_the_same_columns() -> None:
    kind = kind_spec("customers")
    form = MappingForm(kind=kind, headers=["渠道"])
    labels = dict(form.fields["col_0"].choices)  # type: ignore[attr-defined]
    assert labels["code"] == "客户编码 *"
    assert labels["channel"] == "渠道（空白时为“未指定”）"
    assert labels["owner"] == "负责人"


def test_every_blank_the_template_allows_is_accepted_and_every_required_one_refused(
    company: Company,
) -> None:
    for key, kind in kinds_registered(facts=False).items():
        example = [str(kind.importer.example.get(f.name, "")) for f in kind.fields]  # type: ignore[attr-defined]
        required_blank = [
            "" if f.required else v for f, v in zip(kind.fields, example, strict=True)
        ]
        optional_blank = [
            v if f.required else "" for f, v in zip(kind.fields, example, strict=True)
        ]
        optional_blank = [
            f"{v}-2" if f.name in ("code", "employee_no") else v
            for f, v in zip(kind.fields, optional_blank, strict=True)
        ]
        header = [template_header(kind, f) for f in kind.fields]
        data = xlsx_bytes([header, required_blank, optional_blank])
        batch = master_import(data, kind=key, name=f"{key}.xlsx")
        refused = {
            (row, column) for row, column, _v, reason in errors_of(batch) if "必填" in reason
        }
        required = {(2, template_header(kind, f)) for f in kind.fields if f.required}
        if not any(required_blank):  # every column required: a blank row is no row
            required = set()
        assert refused == required, key


def test_a_customer_file_without_type_region_or_channel_imports_as_unspecified(
    company: Company,
) -> None:
    data = xlsx_bytes([["客户编码", "客户名称"], ["C-NEW", "新客户有限公司"]])
    batch = master_import(data, kind="customers", name="customers.xlsx")
    assert batch.status == "done", errors_of(batch)
    customer = Customer.objects.select_related("channel", "region", "customer_type").get(
        code="C-NEW"
    )
    assert (customer.channel.name, customer.region.name, customer.customer_type.name) == (
        "未指定",
        "未指定",
        "未指定",
    )
    # A second file reuses them instead of making more.
    master_import(
        xlsx_bytes([["客户编码", "客户名称"], ["C-NEW2", "另一家"]]),
        kind="customers",
        name="more.xlsx",
    )
    assert Channel.objects.filter(name="未指定").count() == 1
    assert Region.objects.filter(name="未指定").count() == 1
    assert CustomerType.objects.filter(name="未指定").count() == 1


def test_a_channel_the_system_lacks_is_still_refused_unless_asked_to_create(
    company: Company,
) -> None:
    data = xlsx_bytes([["客户编码", "客户名称", "渠道"], ["C-NEW", "新客户", "电视购物"]])
    batch = master_import(data, kind="customers", name="customers.xlsx")
    assert batch.status == "rejected"
    [(row, column, value, reason)] = errors_of(batch)
    assert (row, column, value) == (2, "渠道", "电视购物")
    assert "找不到渠道“电视购物”" in reason
