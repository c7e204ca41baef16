"""Catalog pages: products, regions, customer types, channels, customers, the calendar.

Every kind of item shares the create/edit/(de)activate views, configured in ``KINDS``;
customers are read through the request's scope (out of scope: 404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from salestarget.catalog import forms, queries, services
from salestarget.catalog.models import (
    CalendarDay,
    Channel,
    Customer,
    CustomerType,
    MasterData,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.org.masterdata import editor_scope
from salestarget.org.models import CompanySettings
from salestarget.org.queries import in_tree_order
from salestarget.org.scoping import Scope, request_scope
from salestarget.ui.forms import ServiceModelForm, form_error_messages, form_errors_from
from salestarget.ui.pages import active_filter, is_partial, scoped_object
from salestarget.ui.paging import page_of
from salestarget.ui.params import int_param


@dataclass(frozen=True)
class Kind:
    """One kind of catalog item and the pages that show it."""

    model: type[MasterData]
    form: type[ServiceModelForm]
    label: Promise
    list_url: str
    # On "new", ?<parent_param>=<id> preselects the parent (a line's category …).
    parent_param: str | None = None
    queryset: Callable[[Scope], QuerySet] | None = None
    # The heading of its list page (the menu's plural), where it has one of its own.
    list_title: Promise | None = None

    def items(self, scope: Scope) -> QuerySet:
        if self.queryset is not None:
            return self.queryset(scope)
        return self.model._default_manager.all()


KINDS: dict[str, Kind] = {
    "category": Kind(
        ProductCategory, forms.ProductCategoryForm, gettext_lazy("产品大类"), "catalog:product_list"
    ),
    "line": Kind(
        ProductLine,
        forms.ProductLineForm,
        gettext_lazy("产品线"),
        "catalog:product_list",
        parent_param="category",
    ),
    "product": Kind(
        Product,
        forms.ProductForm,
        gettext_lazy("产品"),
        "catalog:product_list",
        parent_param="line",
    ),
    "region": Kind(
        Region, forms.RegionForm, gettext_lazy("区域"), "catalog:region_list", parent_param="parent"
    ),
    "customertype": Kind(
        CustomerType,
        forms.CustomerTypeForm,
        gettext_lazy("客户类型"),
        "catalog:customertype_list",
        list_title=pgettext_lazy("menu", "客户类型"),
    ),
    "channel": Kind(
        Channel,
        forms.ChannelForm,
        gettext_lazy("渠道"),
        "catalog:channel_list",
        list_title=pgettext_lazy("menu", "渠道"),
    ),
    "customer": Kind(
        Customer,
        forms.CustomerForm,
        gettext_lazy("客户"),
        "catalog:customer_list",
        queryset=lambda scope: queries.customers_visible(scope),
    ),
}


def _form(kind: Kind, request: HttpRequest, scope: Scope, **kwargs: object) -> ServiceModelForm:
    return kind.form(request.POST or None, scope=scope, **kwargs)


def _after_save(kind_name: str, item: MasterData) -> HttpResponse:
    if kind_name == "customer":
        return redirect("catalog:customer_detail", pk=item.pk)
    return redirect(KINDS[kind_name].list_url)


@login_required
def item_create(request: HttpRequest, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    scope = editor_scope(request)
    initial = {}
    if spec.parent_param:
        parent = int_param(request, spec.parent_param)
        if parent is not None:
            initial[spec.parent_param] = parent
    form = _form(spec, request, scope, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.catalog_item_create(by=scope, item=form.instance)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("已创建%(kind)s“%(name)s”。") % {"kind": spec.label, "name": item.name}
            )
            return _after_save(kind, item)
    title = _("新建%(kind)s") % {"kind": spec.label}
    context = {"form": form, "title": title, "cancel_url": reverse(spec.list_url)}
    return render(request, "web/form_page.html", context)


@login_required
def item_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    spec = KINDS[kind]
    item = scoped_object(spec.items(request_scope(request)), pk=pk)
    scope = editor_scope(request)
    form = _form(spec, request, scope, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.catalog_item_update(by=scope, item=form.instance)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("已保存%(kind)s“%(name)s”。") % {"kind": spec.label, "name": item.name}
            )
            return _after_save(kind, item)
    title = _("编辑%(kind)s：%(name)s") % {"kind": spec.label, "name": item.name}
    cancel = (
        reverse("catalog:customer_detail", args=[item.pk])
        if kind == "customer"
        else reverse(spec.list_url)
    )
    return render(
        request, "web/form_page.html", {"form": form, "title": title, "cancel_url": cancel}
    )


@login_required
@require_POST
def item_set_active(request: HttpRequest, kind: str, pk: int, active: bool) -> HttpResponse:
    spec = KINDS[kind]
    item = scoped_object(spec.items(request_scope(request)), pk=pk)
    scope = editor_scope(request)
    try:
        if active:
            services.catalog_item_activate(by=scope, item=item)
            message = _("已启用%(kind)s“%(name)s”。")
        else:
            services.catalog_item_deactivate(by=scope, item=item)
            message = _("已停用%(kind)s“%(name)s”。")
        messages.success(request, message % {"kind": spec.label, "name": item.name})
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    return _after_save(kind, item)


# --- lists -----------------------------------------------------------------------------------


@login_required
def product_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "active")
    search = request.GET.get("q", "")
    batch = int_param(request, "batch")  # the products an import made
    categories = queries.product_tree(active=active_filter(status), search=search, batch_id=batch)
    context = {"categories": categories, "status": status, "q": search, "batch": batch}
    if is_partial(request):
        return render(request, "catalog/_product_tree.html", context)
    return render(request, "catalog/product_list.html", context)


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "active")
    regions = in_tree_order(list(queries.region_tree(active=active_filter(status))))
    return render(request, "catalog/region_list.html", {"regions": regions, "status": status})


def _simple_list(request: HttpRequest, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    status = request.GET.get("status", "active")
    items = queries.with_customer_counts(spec.model._default_manager.all())
    active = active_filter(status)
    if active is not None:
        items = items.filter(is_active=active)
    context = {"items": items, "status": status, "kind": kind, "spec": spec}
    return render(request, "catalog/simple_list.html", context)


@login_required
def customertype_list(request: HttpRequest) -> HttpResponse:
    return _simple_list(request, "customertype")


@login_required
def channel_list(request: HttpRequest) -> HttpResponse:
    return _simple_list(request, "channel")


@login_required
def customer_list(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    status = request.GET.get("status", "active")
    search = request.GET.get("q", "")
    chosen = {
        "customer_type_id": int_param(request, "type"),
        "region_id": int_param(request, "region"),
        "channel_id": int_param(request, "channel"),
        "owner_id": int_param(request, "owner"),
        "batch_id": int_param(request, "batch"),  # the customers an import made
    }
    customers = queries.customers_visible(
        scope, search=search, active=active_filter(status), **chosen
    )
    context = {
        "page_obj": page_of(request, customers),
        "status": status,
        "q": search,
        "chosen": chosen,
        "can_edit": scope.can_edit_master_data,
    }
    if is_partial(request):
        return render(request, "catalog/_customer_table.html", context)
    regions = forms.active_regions().only("pk", "name", "path")
    context |= {
        "customer_types": CustomerType.objects.filter(is_active=True),
        "channels": Channel.objects.filter(is_active=True),
        "regions": [(r.pk, "　" * forms.region_depth(r) + r.name) for r in regions],
        "owners": [] if scope.is_rep else scope.people().order_by("name").only("pk", "name"),
    }
    return render(request, "catalog/customer_list.html", context)


@login_required
def customer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    customer = scoped_object(queries.customers_visible(scope), pk=pk)
    context = {"customer": customer, "can_edit": scope.can_edit_master_data}
    return render(request, "catalog/customer_detail.html", context)


# --- calendar --------------------------------------------------------------------------------


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    year = int_param(request, "year", high=9999) or timezone.localdate().year
    year = min(max(year, 2000), 2100)
    context = {
        "cal": queries.calendar_year(year),
        "prev_year": year - 1,
        "next_year": year + 1,
        "can_edit": scope.can_edit_master_data,
        "day_form": forms.CalendarDayForm(initial={"date": dt.date(year, 1, 1)}),
        "load_form": forms.CalendarLoadForm(
            initial={
                "year": year,
                "country": forms.CURRENCY_COUNTRY.get(CompanySettings.current().currency, "CN"),
            }
        ),
    }
    return render(request, "catalog/calendar.html", context)


@login_required
@require_POST
def calendar_day_add(request: HttpRequest) -> HttpResponse:
    scope = editor_scope(request)
    form = forms.CalendarDayForm(request.POST)
    year = timezone.localdate().year
    if form.is_valid():
        year = form.cleaned_data["date"].year
        try:
            services.calendar_day_create(
                by=scope,
                day=form.cleaned_data["date"],
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已添加 %(day)s。") % {"day": form.cleaned_data["date"]})
    for error in form_error_messages(form):
        messages.error(request, error)
    return redirect(f"{reverse('catalog:calendar')}?year={year}")


@login_required
@require_POST
def calendar_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scope = editor_scope(request)
    entry = scoped_object(CalendarDay.objects.all(), pk=pk)
    services.calendar_day_delete(by=scope, entry=entry)
    messages.success(request, _("已删除 %(day)s。") % {"day": entry.date})
    return redirect(f"{reverse('catalog:calendar')}?year={entry.date.year}")


@login_required
@require_POST
def calendar_load(request: HttpRequest) -> HttpResponse:
    scope = editor_scope(request)
    form = forms.CalendarLoadForm(request.POST)
    year = timezone.localdate().year
    if form.is_valid():
        year, country = form.cleaned_data["year"], form.cleaned_data["country"] or "CN"
        try:
            added = services.calendar_holidays_load(by=scope, year=year, country=country)
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("已导入%(country)s %(year)d 年的法定节假日，新增 %(count)d 天。")
                % {
                    "country": services.HOLIDAY_COUNTRIES[country],
                    "year": year,
                    "count": added,
                },
            )
    else:
        for error in form_error_messages(form):
            messages.error(request, error)
    return redirect(f"{reverse('catalog:calendar')}?year={year}")
