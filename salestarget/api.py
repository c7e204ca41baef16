"""The REST API: one NinjaAPI at /api/, one router per app (``<app>/api.py``).

Every endpoint authenticates by session (browser) or bearer token, and reads and writes
through the same scoping and services as the pages.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as RequestInvalid
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.security import django_auth

from salestarget.api_answers import error_answers_document
from salestarget.api_parser import TextSafeParser
from salestarget.org.auth import BearerToken
from salestarget.ui.params import DB_MAX, out_of_range_fields


class SalesTargetAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        """The schema with the error answers every operation can give (``api_answers``)."""
        schema = super().get_openapi_schema(**kwargs)
        error_answers_document(schema)
        return schema

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """``<app>_api_<endpoint>``, the same whether the app's api is one module or a package
        of area modules (``targets.api.plans``): clients generated from the schema keep
        their method names when an api module is split."""
        module = operation.view_func.__module__.split(".")
        if "api" in module:
            module = module[: module.index("api") + 1]
        return "_".join([*module, operation.view_func.__name__])


api = SalesTargetAPI(
    title="SalesTarget API",
    version="1",
    description="销售目标管理系统 REST API. Authenticate with a session or `Authorization: Bearer <token>`.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
    parser=TextSafeParser(),
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "invalid", "errors": errors}, status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja answers any body its parser refuses with a bare 400; a body our parser refused
    for a reason it names (``api_parser``) is a 422 naming the place instead."""
    if isinstance(exc.__cause__, RequestInvalid):
        return api.create_response(request, {"detail": exc.__cause__.errors}, status=422)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over the limit: a 413 that says the limit, so the sender splits the batch."""
    limit = settings.SALESTARGET_API_BODY_MAX_MB
    detail = f"the request body is over {limit} MB: send the records in smaller batches"
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def number_out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A body field holding a number no column can store (parameters are bounded by their
    types, ``salestarget.ui.params``): a 422 naming the field, not a 500."""
    fields = out_of_range_fields(request)
    if not fields and isinstance(exc, DataError):
        raise exc
    detail = [{"loc": ["body", name], "msg": f"must be at most {DB_MAX}"} for name in fields]
    return api.create_response(request, {"detail": detail or str(exc)}, status=422)


def _mount_routers() -> None:
    from salestarget.activities.api import router as activities_router
    from salestarget.actuals.api import router as actuals_router
    from salestarget.assessment.api import router as assessment_router
    from salestarget.catalog.api import router as catalog_router
    from salestarget.forecasting.api import router as forecasting_router
    from salestarget.incentives.api import router as incentives_router
    from salestarget.integrations.api import router as integrations_router
    from salestarget.org.api import router as org_router
    from salestarget.targets.api import router as targets_router
    from salestarget.tracking.api import router as tracking_router

    api.add_router("/org/", org_router)
    api.add_router("/catalog/", catalog_router)
    api.add_router("/targets/", targets_router)
    api.add_router("/actuals/", actuals_router)
    api.add_router("/tracking/", tracking_router)
    api.add_router("/assessment/", assessment_router)
    api.add_router("/forecasting/", forecasting_router)
    api.add_router("/incentives/", incentives_router)
    api.add_router("/activities/", activities_router)
    api.add_router("/integrations/", integrations_router)


_mount_routers()
