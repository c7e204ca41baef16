"""Scorecard templates over the API (/api/assessment/templates): read, create, replace and
copy, for those who run cycles — the editor page's services and rules (weights adding up to
100%, a valid rule per quantitative item, levels and reviewer weights per qualitative item;
a template in use keeps its items).

Units are the core's: a linear rule's ``floor`` and ``cap`` are points (100 = on target),
its ``threshold`` and a tier's achievement are ratios (0.8 = 80%); weights are percents."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from salestarget.assessment.models import Scorecard, ScorecardTemplate, TemplateItem
from salestarget.assessment.models.templates import default_group_weights, levels_typed
from salestarget.assessment.permissions import RUNNERS
from salestarget.assessment.services.templates import (
    template_copy,
    template_in_use,
    template_save,
)
from salestarget.org.scoping import request_scope
from salestarget.ui.params import Id, path_id

router = Router()
TemplateId = Annotated[int, path_id("the scorecard template")]

Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
Points = Annotated[Decimal, Field(ge=0, le=10_000, max_digits=7, decimal_places=2)]
Ratio = Annotated[Decimal, Field(ge=0, le=100, max_digits=8, decimal_places=4)]
Group = Literal["self", "manager", "peer", "customer"]


class LevelSchema(Schema):
    level: int = Field(ge=0, le=100)
    description: str = Field(max_length=200)


class RuleParamsSchema(Schema):
    floor: Points | None = None
    cap: Points | None = None
    threshold: Ratio | None = None
    tiers: list[tuple[Ratio, Points]] | None = Field(None, max_length=20)


class TemplateItemIn(Schema):
    id: Id | None = None
    kind: Literal["quantitative", "qualitative"]
    name: str = Field(max_length=100)
    name_en: str = Field("", max_length=100)
    weight: Percent
    metric: str = Field("", max_length=40)
    rule: Literal["linear", "tiers"] = "linear"
    rule_params: RuleParamsSchema | None = None
    levels: list[LevelSchema] = Field(
        [], max_length=20, description="none: the 1–5 scale, in the request's language"
    )
    group_weights: dict[Group, Percent] = Field(
        {}, description="none: self 10, manager 60, peer 20, customer 10"
    )
    description: str = Field("", max_length=2000)


class TemplateIn(Schema):
    name: str = Field(max_length=200)
    role: str = Field(max_length=10)
    is_active: bool = True
    items: list[TemplateItemIn] = Field(max_length=50)


class TemplateItemOut(Schema):
    id: int
    kind: str
    name: str
    name_en: str
    weight: Decimal
    metric: str
    rule: str
    rule_params: dict[str, Any]
    levels: list[dict[str, Any]]
    group_weights: dict[str, Decimal]
    description: str


class TemplateOut(Schema):
    id: int
    name: str
    role: str
    is_active: bool
    in_use: bool
    items: list[TemplateItemOut]


def _runner(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or request_scope(request).role not in RUNNERS:
        raise PermissionDenied("only those who run assessments read and edit templates")
    return user


def _out(template: ScorecardTemplate, in_use: bool) -> dict[str, object]:
    return {
        "id": template.pk,
        "name": template.name,
        "role": template.role,
        "is_active": template.is_active,
        "in_use": in_use,
        "items": [
            {
                "id": i.pk,
                "kind": i.kind,
                "name": i.name,
                "name_en": i.name_en,
                "weight": i.weight,
                "metric": i.metric,
                "rule": i.rule,
                "rule_params": i.rule_params,
                "levels": i.levels,
                "group_weights": i.group_weight_values(),
                "description": i.description,
            }
            for i in template.items.order_by("sort_order", "pk")
        ],
    }


def _templates() -> Any:
    return ScorecardTemplate.objects.annotate(
        in_use=Exists(Scorecard.objects.filter(template=OuterRef("pk")))
    )


def _one(pk: int) -> ScorecardTemplate:
    template = ScorecardTemplate.objects.filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


def _text(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _item(data: TemplateItemIn, template: ScorecardTemplate) -> TemplateItem:
    params = data.rule_params or RuleParamsSchema(floor=None, cap=None, threshold=None, tiers=None)
    rule_params: dict[str, Any] = {}
    if data.kind == "quantitative":
        if data.rule == "tiers":
            rule_params = {"tiers": [[_text(a), _text(s)] for a, s in params.tiers or []]}
        else:
            rule_params = {
                name: _text(value)
                for name, value in (
                    ("floor", params.floor),
                    ("cap", params.cap),
                    ("threshold", params.threshold),
                )
                if value is not None
            }
    return TemplateItem(
        pk=data.id,
        template=template,
        kind=data.kind,
        name=data.name.strip(),
        name_en=data.name_en.strip(),
        weight=data.weight,
        metric=data.metric if data.kind == "quantitative" else "",
        rule=data.rule,
        rule_params=rule_params,
        levels=[{"level": lv.level, "description": lv.description} for lv in data.levels]
        or levels_typed(),
        group_weights={g: _text(w) for g, w in data.group_weights.items()}
        or default_group_weights(),
        description=data.description,
    )


def _save(template: ScorecardTemplate, payload: TemplateIn, by: User) -> ScorecardTemplate:
    template.name = payload.name.strip()
    template.role = payload.role
    template.is_active = payload.is_active
    items = [_item(i, template) for i in payload.items]
    return template_save(template=template, items=items, by=by)


@router.get("", response=list[TemplateOut])
def templates(request: HttpRequest) -> list[dict[str, object]]:
    _runner(request)
    return [_out(t, bool(t.in_use)) for t in _templates().order_by("role", "-is_active", "name")]


@router.get("/{pk}", response=TemplateOut)
def template(request: HttpRequest, pk: TemplateId) -> dict[str, object]:
    _runner(request)
    found = _one(pk)
    return _out(found, template_in_use(found))


@router.post("", response={201: TemplateOut})
def template_create(request: HttpRequest, payload: TemplateIn) -> Status[dict[str, object]]:
    saved = _save(ScorecardTemplate(), payload, _runner(request))
    return Status(201, _out(saved, False))


@router.put("/{pk}", response=TemplateOut)
def template_replace(
    request: HttpRequest, pk: TemplateId, payload: TemplateIn
) -> dict[str, object]:
    by = _runner(request)
    found = _one(pk)
    saved = _save(found, payload, by)
    return _out(saved, template_in_use(saved))


@router.post("/{pk}/copy", response={201: TemplateOut})
def template_copy_api(request: HttpRequest, pk: TemplateId) -> Status[dict[str, object]]:
    by = _runner(request)
    copy = template_copy(template=_one(pk), by=by)
    return Status(201, _out(copy, False))
