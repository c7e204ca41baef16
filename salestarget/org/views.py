"""Org pages: the tree, the people and their history, company settings, API tokens.

Reading goes through ``queries`` with the request's scope (out of scope: 404); writing goes
through ``services`` (not allowed: 403; invalid: the form shows the service's errors).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.http import AuthenticatedRequest
from salestarget.org import forms, queries, services
from salestarget.org.auth import DEFAULT_TOKEN_DAYS, api_token_create, api_token_revoke
from salestarget.org.masterdata import admin_scope, editor_scope
from salestarget.org.models import CompanySettings, Membership, OrgNode, Person
from salestarget.org.recrediting import Recredit, recredit_message
from salestarget.org.scoping import request_scope
from salestarget.ui.forms import form_errors_from
from salestarget.ui.pages import active_filter, is_partial, scoped_object
from salestarget.ui.paging import page_of
from salestarget.ui.params import int_param


def node_url(node: OrgNode) -> str:
    return reverse("org:node_detail", args=[node.pk])


def person_url(person: Person) -> str:
    return reverse("org:person_detail", args=[person.pk])


# --- nodes -----------------------------------------------------------------------------------


@login_required
def node_list(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    status = request.GET.get("status", "active")
    nodes = queries.node_tree(scope, active=active_filter(status))
    return render(request, "org/node_list.html", {"nodes": nodes, "status": status})


@login_required
def node_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    node = scoped_object(scope.nodes().select_related("parent", "region"), pk=pk)
    context = {
        "node": node,
        "parent_visible": node.parent is not None and scope.can_view_node(node.parent),
        "children": node.children.order_by("sort_order", "code"),
        "members": queries.node_members(node),
        "can_edit": scope.can_edit_master_data,
    }
    return render(request, "org/node_detail.html", context)


@login_required
def node_create(request: HttpRequest) -> HttpResponse:
    scope = editor_scope(request)
    initial = {}
    parent_id = int_param(request, "parent")
    if parent_id is not None:
        initial["parent"] = parent_id
    form = forms.OrgNodeForm(request.POST or None, scope=scope, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            node = services.org_node_create(by=scope, node=form.instance)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已创建组织“%(name)s”。") % {"name": node.name})
            return redirect("org:node_detail", pk=node.pk)
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": _("新建组织"), "cancel_url": reverse("org:node_list")},
    )


@login_required
def node_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    node = scoped_object(scope.nodes(), pk=pk)
    scope = editor_scope(request)
    form = forms.OrgNodeForm(request.POST or None, instance=node, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            services.org_node_update(by=scope, node=form.instance)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已保存组织“%(name)s”。") % {"name": node.name})
            return redirect("org:node_detail", pk=node.pk)
    title = _("编辑组织：%(name)s") % {"name": node.name}
    return render(
        request, "web/form_page.html", {"form": form, "title": title, "cancel_url": node_url(node)}
    )


@login_required
@require_POST
def node_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    scope = request_scope(request)
    node = scoped_object(scope.nodes().select_related("parent"), pk=pk)
    scope = editor_scope(request)
    try:
        if active:
            services.org_node_activate(by=scope, node=node)
            messages.success(request, _("已启用组织“%(name)s”。") % {"name": node.name})
        else:
            services.org_node_deactivate(by=scope, node=node)
            messages.success(request, _("已停用组织“%(name)s”。") % {"name": node.name})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("org:node_detail", pk=node.pk)


# --- people ----------------------------------------------------------------------------------


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    node_id_int = int_param(request, "node")
    if node_id_int is not None and not scope.nodes().filter(pk=node_id_int).exists():
        node_id_int = None
    status = request.GET.get("status", "active")
    search = request.GET.get("q", "")
    people = queries.people_visible(
        scope, node_id=node_id_int, active=active_filter(status), search=search
    )
    context = {
        "page_obj": page_of(request, people),
        "nodes": forms.node_options(scope),
        "node_id": node_id_int,
        "status": status,
        "q": search,
        "can_edit": scope.can_edit_master_data,
    }
    if is_partial(request):
        return render(request, "org/_person_table.html", context)
    return render(request, "org/person_list.html", context)


def _visible_person(request: HttpRequest, pk: int) -> Person:
    scope = request_scope(request)
    return scoped_object(queries.people_visible(scope), pk=pk)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    person = _visible_person(request, pk)
    context = {
        "person": person,
        "history": queries.person_history(person),
        "customer_count": person.customers.filter(is_active=True).count(),
        "can_edit": scope.can_edit_master_data,
        "is_admin": scope.is_admin,
        "move_form": forms.PersonMoveForm(scope=scope) if scope.can_edit_master_data else None,
        "deactivate_form": forms.PersonDeactivateForm() if scope.can_edit_master_data else None,
    }
    return render(request, "org/person_detail.html", context)


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    scope = editor_scope(request)
    initial = {}
    node_id = int_param(request, "node")
    if node_id is not None:
        initial["node"] = node_id
    form = forms.PersonForm(request.POST or None, scope=scope, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                by=scope,
                person=form.instance,
                node=form.cleaned_data["node"],
                valid_from=form.cleaned_data["valid_from"],
                is_manager=form.cleaned_data["is_manager"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已添加人员“%(name)s”。") % {"name": person.name})
            return redirect("org:person_detail", pk=person.pk)
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": _("添加人员"), "cancel_url": reverse("org:person_list")},
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    scope = editor_scope(request)
    form = forms.PersonForm(request.POST or None, instance=person, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(by=scope, person=form.instance)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已保存人员“%(name)s”。") % {"name": person.name})
            return redirect("org:person_detail", pk=person.pk)
    title = _("编辑人员：%(name)s") % {"name": person.name}
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "cancel_url": person_url(person)},
    )


@login_required
def person_account(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    scope = admin_scope(request)
    initial = {"role": person.role, "username": person.user.username if person.user else ""}
    form = forms.PersonAccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_account_set(by=scope, person=person, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已保存“%(name)s”的账号与角色。") % {"name": person.name})
            return redirect("org:person_detail", pk=person.pk)
    title = _("账号与角色：%(name)s") % {"name": person.name}
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "cancel_url": person_url(person)},
    )


@login_required
def person_move(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    scope = editor_scope(request)
    form = forms.PersonMoveForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.person_transfer(by=scope, person=person, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s 自 %(day)s 起调入“%(node)s”。")
                % {"person": person.name, "day": membership.valid_from, "node": membership.node},
            )
            _recredit_said(request, membership.recredit)
            return redirect("org:person_detail", pk=person.pk)
    title = _("调动：%(name)s") % {"name": person.name}
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "cancel_url": person_url(person)},
    )


@login_required
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    scope = editor_scope(request)
    form = forms.PersonDeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_deactivate(by=scope, person=person, on=form.cleaned_data["on"])
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已停用人员“%(name)s”。") % {"name": person.name})
            return redirect("org:person_detail", pk=person.pk)
    title = _("停用人员：%(name)s") % {"name": person.name}
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "cancel_url": person_url(person)},
    )


@login_required
@require_POST
def person_activate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    scope = editor_scope(request)
    services.person_activate(by=scope, person=person)
    messages.success(request, _("已启用人员“%(name)s”，请为其安排组织。") % {"name": person.name})
    return redirect("org:person_detail", pk=person.pk)


@login_required
def membership_edit(
    request: HttpRequest, pk: int, membership_pk: int | None = None
) -> HttpResponse:
    """Add a row to someone's history, or correct one (dates, node, manager flag)."""
    person = _visible_person(request, pk)
    scope = editor_scope(request)
    if membership_pk is None:
        membership = Membership(person=person)
        title = _("添加任职记录：%(name)s") % {"name": person.name}
    else:
        membership = scoped_object(person.memberships.select_related("node"), pk=membership_pk)
        title = _("修改任职记录：%(name)s") % {"name": person.name}
    initial = {
        "node": membership.node_id,
        "valid_from": membership.valid_from,
        "valid_to": membership.valid_to,
        "is_manager": membership.is_manager,
    }
    form = forms.MembershipForm(request.POST or None, scope=scope, initial=initial)
    if request.method == "POST" and form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(membership, name, value)
        try:
            services.membership_save(by=scope, membership=membership)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已保存任职记录。"))
            _recredit_said(request, membership.recredit)
            return redirect("org:person_detail", pk=person.pk)
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "cancel_url": person_url(person)},
    )


@login_required
@require_POST
def membership_delete(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Remove a history row entered by mistake (refused when facts would lose their node)."""
    person = _visible_person(request, pk)
    scope = editor_scope(request)
    membership = scoped_object(person.memberships.select_related("node"), pk=membership_pk)
    try:
        moved = services.membership_delete(by=scope, membership=membership)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("已删除任职记录：%(node)s，%(start)s 起。")
            % {"node": membership.node.name, "start": membership.valid_from},
        )
        _recredit_said(request, moved)
    return redirect("org:person_detail", pk=person.pk)


def _recredit_said(request: HttpRequest, moved: Recredit) -> None:
    """Tell how many facts followed the corrected history to another node."""
    text = recredit_message(moved)
    if text:
        messages.info(request, text)


# --- company settings and API tokens ---------------------------------------------------------


@login_required
def company_settings(request: HttpRequest) -> HttpResponse:
    scope = admin_scope(request)
    form = forms.CompanySettingsForm(request.POST or None, instance=CompanySettings.current())
    if request.method == "POST" and form.is_valid():
        try:
            services.company_settings_update(by=scope, company=form.instance)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("公司设置已保存。"))
            return redirect("org:company_settings")
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": _("公司设置"), "cancel_url": reverse("home")},
    )


@login_required
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    form = forms.ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            secret = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"] or DEFAULT_TOKEN_DAYS,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            form = forms.ApiTokenForm()
    context = {"form": form, "secret": secret, "tokens": queries.api_tokens_of(request.user)}
    return render(request, "org/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = scoped_object(queries.api_tokens_of(request.user), pk=pk)
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("已吊销令牌“%(name)s”。") % {"name": token.name})
    return redirect("org:token_list")
