"""Split credit (分成): the credited orders a reader may see, each share with what it
credits to the cent; finance sets an order's split or overlay credit and removes it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.incentives.forms import CreditSplitForm
from salestarget.incentives.models import CreditKind
from salestarget.incentives.permissions import is_finance
from salestarget.incentives.queries.credits import credited_orders
from salestarget.incentives.services.credits import credit_split_delete, credit_split_save
from salestarget.org.scoping import request_scope
from salestarget.ui.forms import form_errors_from


def _page(
    request: HttpRequest, form: CreditSplitForm | None = None, status: int = 200
) -> HttpResponse:
    scope = request_scope(request)
    finance = is_finance(scope)
    search = request.GET.get("order", "").strip()[:100]
    context = {
        "orders": credited_orders(scope, order_no=search) if search else credited_orders(scope),
        "search": search,
        "finance": finance,
        "form": (form or CreditSplitForm()) if finance else None,
    }
    return render(request, "incentives/credit_list.html", context, status=status)


@login_required
def credit_list(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def credit_save(request: HttpRequest) -> HttpResponse:
    if not is_finance(request_scope(request)):
        raise PermissionDenied
    assert isinstance(request.user, User)
    form = CreditSplitForm(request.POST)
    if form.is_valid():
        try:
            credit_split_save(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("订单 %(no)s 的分成已保存") % {"no": form.cleaned_data["order_no"]}
            )
            return redirect("incentives:credits")
    return _page(request, form, status=400)


@login_required
@require_POST
def credit_remove(request: HttpRequest) -> HttpResponse:
    if not is_finance(request_scope(request)):
        raise PermissionDenied
    assert isinstance(request.user, User)
    order_no = request.POST.get("order_no", "").strip()
    kind = request.POST.get("kind", CreditKind.SPLIT)
    if kind not in CreditKind.values:
        kind = CreditKind.SPLIT
    removed = credit_split_delete(order_no=order_no, kind=kind, by=request.user)
    if removed:
        messages.success(request, _("订单 %(no)s 的分成已删除") % {"no": order_no})
    return redirect("incentives:credits")
