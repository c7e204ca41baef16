"""Import batches over the API: what is answered for a batch, whatever the kind (the counts,
the message and every error with the record's ``index`` and the ``field``), and
``POST /api/<app>/<kind>/batch`` for master data from other systems (CRM, ERP, HR).

``{"mode": "all"|"good", "records": [{"code": "C-1", "name": "…", "region": "华北", …}]}``
(customers also take ``"create_missing": true``). Records name their fields as the import's
columns do; references are codes or exact names. The same checks as a file: with mode
``all`` (the default) a batch with any error writes nothing and answers 422, listing every
error with the record's ``index`` and the ``field``.

(No ``from __future__ import annotations``: django-ninja reads the schemas' annotations and
the endpoints' built classes.)
"""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field, create_model

from salestarget.importing.context import import_context
from salestarget.importing.kinds import KindSpec
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import records_import

Value = bool | int | float | str | None
Mode = Literal["all", "good"]


class RecordError(Schema):
    index: int | None
    field: str
    value: str | None
    message: str


class BatchResult(Schema):
    batch_id: int
    status: str
    received: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    message: str
    errors: list[RecordError]


def batch_result(batch: ImportBatch) -> dict[str, object]:
    """The batch as a :class:`BatchResult`."""
    return {
        "batch_id": batch.pk,
        "status": batch.status,
        "received": batch.rows_total,
        "inserted": batch.rows_inserted,
        "updated": batch.rows_updated,
        "unchanged": batch.rows_unchanged,
        "rejected": batch.rows_rejected,
        "message": batch.message,
        "errors": [
            {"index": e["row"], "field": e["column"], "value": e["value"], "message": e["reason"]}
            for e in batch.errors_preview
        ],
    }


def batch_status(batch: ImportBatch) -> int:
    """422 for a batch refused (nothing written), else 200."""
    return 422 if batch.status == ImportBatch.Status.REJECTED else 200


def master_batch_endpoint(router: Router, path: str, spec: KindSpec) -> None:
    """Add ``POST <path>`` importing records of the master-data kind ``spec``."""
    fields: dict[str, Any] = {
        f.name: (Value, Field(... if f.required else None, description=str(f.label)))
        for f in spec.fields
    }
    record = create_model(f"{spec.model_name}Record", __base__=Schema, **fields)
    extra: dict[str, Any] = {}
    if spec.importer.create_missing:
        extra["create_missing"] = (
            bool,
            Field(False, description=str(spec.importer.create_missing)),
        )
    body = create_model(
        f"{spec.model_name}Batch",
        __base__=Schema,
        mode=(
            Mode,
            Field(
                "all", description="all: any error rejects the batch; good: write the good records"
            ),
        ),
        records=(list[record], Field(..., max_length=100_000)),  # type: ignore[valid-type]
        **extra,
    )

    def batch(request: HttpRequest, payload: body) -> Status[Any]:  # type: ignore[valid-type]
        data = payload.dict()  # type: ignore[attr-defined]
        result = records_import(
            kind=spec.key,
            source="api",
            records=data["records"],
            user=request.user,
            mode=data["mode"],
            scope=import_context().request_scope(request),
            options={"create_missing": bool(data.get("create_missing"))},
        )
        return Status(batch_status(result), batch_result(result))

    batch.__name__ = f"batch_{spec.key.replace('-', '_')}"
    router.post(
        path,
        response={200: BatchResult, 422: BatchResult},
        summary=f"Import {spec.label} in a batch (upsert by code)",
        operation_id=f"masterdata_batch_{spec.key.replace('-', '_')}",
    )(batch)
