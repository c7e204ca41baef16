"""Writes to the organisation: nodes keep their materialised paths, people their history.

``org_node_save`` and ``person_move`` are the trusted primitives (demo data, imports).
Everything a user asks for through a page or the API goes through the services below them,
which take the caller's ``by`` scope, check permission and validate before writing.

A change to someone's membership history re-credits their facts of the changed dates to the
node that is now right (``org.recrediting.recredit``, in the same transaction); a
change that would leave facts without any node is refused. The returned membership carries
what moved as ``.recredit`` (``membership_delete`` returns it).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.org.masterdata import (
    Errors,
    master_data_errors,
    require_admin,
    require_master_data_editor,
)
from salestarget.org.models import CompanySettings, Membership, OrgNode, Person, Role
from salestarget.org.recrediting import Recredit, recredit, stints_of
from salestarget.org.scoping import Scope
from salestarget.trees import tree_node_save
from salestarget.ui.choices import choice_message


def org_node_save(*, node: OrgNode) -> OrgNode:
    """Create or update a node; moving it under another parent re-paths its whole subtree."""
    return tree_node_save(node)


@transaction.atomic
def person_move(
    *, person: Person, to_node: OrgNode, on: dt.date, is_manager: bool = False
) -> Membership:
    """Move ``person`` to ``to_node`` from ``on``: the current membership ends the day before.

    Facts dated before ``on`` stay credited to the old node; from ``on`` to the new one, also
    those already written when ``on`` lies in the past (``.recredit`` says how many moved).
    """
    if not to_node.is_active:
        raise ValidationError({"to_node": _("目标组织已停用。")})
    later = Membership.objects.filter(person=person, valid_from__gte=on)
    if later.exists():
        raise ValidationError(
            {"on": _("该人员在 %(day)s 或之后已有任职记录，请先处理。") % {"day": on}}
        )
    before = stints_of(person.pk)
    Membership.objects.active_at(on).filter(person=person).update(valid_to=on)
    membership = Membership.objects.create(
        person=person, node=to_node, valid_from=on, is_manager=is_manager
    )
    membership.recredit = recredit(  # type: ignore[attr-defined]
        person_id=person.pk, start=on, end=None, before=before
    )
    return membership


# --- org nodes -------------------------------------------------------------------------------


def _org_node_errors(*, by: Scope, node: OrgNode) -> Errors:
    errors = master_data_errors(node)
    if errors.has("parent"):
        return errors
    parent = node.parent
    if parent is None:
        if not by.everything:
            errors.add("parent", _("请选择上级组织。"))
        elif OrgNode.objects.filter(parent__isnull=True).exclude(pk=node.pk).exists():
            errors.add("parent", _("公司只能有一个最上级组织，请选择上级组织。"))
        return errors
    if not by.can_view_node(parent):
        errors.add("parent", _("上级组织不在你的权限范围内。"))
    elif node.pk and (parent.pk == node.pk or parent.path.startswith(node.path)):
        errors.add("parent", _("不能把组织移动到它自己或它的下级之下。"))
    elif not parent.is_active:
        errors.add("parent", _("上级组织“%(name)s”已停用。") % {"name": parent.name})
    return errors


@transaction.atomic
def org_node_create(*, by: Scope, node: OrgNode) -> OrgNode:
    require_master_data_editor(by)
    node.pk = None
    node.path = ""
    node.is_active = True
    _org_node_errors(by=by, node=node).raise_if_any()
    return org_node_save(node=node)


@transaction.atomic
def org_node_update(*, by: Scope, node: OrgNode) -> OrgNode:
    """Change a node; a new parent moves it with its whole subtree."""
    require_master_data_editor(by)
    _require_node(by, node)
    _org_node_errors(by=by, node=node).raise_if_any()
    return org_node_save(node=node)


@transaction.atomic
def org_node_deactivate(*, by: Scope, node: OrgNode, on: dt.date | None = None) -> OrgNode:
    """Deactivate an empty node: no active children, nobody belonging to it on ``on``."""
    require_master_data_editor(by)
    _require_node(by, node)
    day = on or timezone.localdate()
    errors = Errors()
    if node.children.filter(is_active=True).exists():
        errors.add(None, _("该组织下还有启用的下级组织，请先停用或移走它们。"))
    members = Membership.objects.active_at(day).filter(node=node).count()
    if members:
        errors.add(
            None, _("该组织还有 %(count)d 名成员，请先把他们调到其他组织。") % {"count": members}
        )
    errors.raise_if_any()
    node.is_active = False
    node.save(update_fields=["is_active"])
    return node


@transaction.atomic
def org_node_activate(*, by: Scope, node: OrgNode) -> OrgNode:
    require_master_data_editor(by)
    _require_node(by, node)
    if node.parent is not None and not node.parent.is_active:
        raise ValidationError(_("上级组织“%(name)s”已停用，请先启用它。") % {"name": node.parent})
    node.is_active = True
    node.save(update_fields=["is_active"])
    return node


def _require_node(by: Scope, node: OrgNode) -> None:
    if not by.can_view_node(node):
        raise PermissionDenied(_("该组织不在你的权限范围内。"))


# --- people ----------------------------------------------------------------------------------


def _require_person(by: Scope, person: Person) -> None:
    if not by.can_view_person(person):
        raise PermissionDenied(_("该人员不在你的权限范围内。"))


@transaction.atomic
def person_create(
    *,
    by: Scope,
    person: Person,
    node: OrgNode | None,
    valid_from: dt.date,
    is_manager: bool = False,
) -> Person:
    """Add somebody to the organisation, belonging to ``node`` from ``valid_from``.

    Only an admin sets a role other than rep; the login comes with :func:`person_account_set`.
    """
    require_master_data_editor(by)
    person.pk = None
    person.user = None
    person.is_active = True
    person.left_on = None
    errors = master_data_errors(person, unique=("employee_no",), exclude=("user",))
    _role_errors(by=by, person=person, role=person.role, was=Role.REP, errors=errors)
    if node is None:
        errors.add("node", _("请选择所属组织。"))
    elif not by.can_view_node(node):
        errors.add("node", _("所选组织不在你的权限范围内。"))
    elif not node.is_active:
        errors.add("node", _("组织“%(name)s”已停用。") % {"name": node.name})
    errors.raise_if_any()
    assert node is not None
    person.save()
    Membership.objects.create(
        person=person, node=node, valid_from=valid_from, is_manager=is_manager
    )
    return person


@transaction.atomic
def person_update(*, by: Scope, person: Person) -> Person:
    """Change a person's details (a role change needs an admin)."""
    require_master_data_editor(by)
    _require_person(by, person)
    stored = Person.objects.get(pk=person.pk)
    errors = master_data_errors(person, unique=("employee_no",), exclude=("user",))
    _role_errors(by=by, person=person, role=person.role, was=stored.role, errors=errors)
    if person.left_on and person.hired_on and person.left_on < person.hired_on:
        errors.add("left_on", _("离职日期不能早于入职日期。"))
    errors.raise_if_any()
    person.is_active = stored.is_active  # (de)activation has its own services
    person.user_id = stored.user_id
    person.save()
    if person.user is not None and person.role != stored.role:
        user_access_sync(user=person.user, role=person.role, active=person.is_active)
    return person


def _role_errors(*, by: Scope, person: Person, role: str, was: str, errors: Errors) -> None:
    if role == was:
        return
    if not by.is_admin:
        errors.add("role", _("只有系统管理员可以设置角色。"))
    elif role not in Role.values:
        errors.add("role", choice_message(role, Role.values))
    elif by.person_id is not None and by.person_id == person.pk and role != Role.ADMIN:
        errors.add("role", _("不能取消你自己的系统管理员角色。"))


def user_access_sync(*, user: User, role: str, active: bool) -> None:
    """The person's role decides Django admin access: role admin is staff and superuser,
    every other role neither (so ``scope_for`` and the admin site always agree)."""
    admin = role == Role.ADMIN
    user.is_staff = admin
    user.is_superuser = admin
    user.is_active = active
    user.save(update_fields=["is_staff", "is_superuser", "is_active"])


@transaction.atomic
def person_account_set(
    *, by: Scope, person: Person, role: str, username: str = "", password: str = ""
) -> Person:
    """Set a person's role and login (admin only).

    A person without a login gets one when ``username`` is given (``password`` required);
    an existing login can be renamed and get a new password (left empty: unchanged).
    """
    require_admin(by)
    _require_person(by, person)
    errors = Errors()
    _role_errors(by=by, person=person, role=role, was=person.role, errors=errors)
    user = person.user
    username = username.strip()
    if user is not None and not username:
        errors.add("username", _("已有登录账号，用户名不能为空。"))
    if username:
        taken = User.objects.filter(username__iexact=username)
        if user is not None:
            taken = taken.exclude(pk=user.pk)
        if taken.exists():
            errors.add("username", _("用户名“%(value)s”已被使用。") % {"value": username})
        if user is None and not password:
            errors.add("password", _("新建登录账号时必须设置密码。"))
    if password and username:
        candidate = user or User(username=username)
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            for message in exc.messages:
                errors.add("password", message)
    errors.raise_if_any()

    person.role = role
    person.save(update_fields=["role"])
    if username:
        if user is None:
            user = User.objects.create_user(username=username, password=password)
            person.user = user
            person.save(update_fields=["user"])
        else:
            user.username = username
            if password:
                user.set_password(password)
            user.save()
        user_access_sync(user=user, role=role, active=person.is_active)
    return person


@transaction.atomic
def person_deactivate(*, by: Scope, person: Person, on: dt.date | None = None) -> Person:
    """Somebody leaves: from ``on`` they belong to no node, and their login stops working."""
    require_master_data_editor(by)
    _require_person(by, person)
    day = on or timezone.localdate()
    errors = Errors()
    if by.person_id == person.pk:
        errors.add(None, _("不能停用你自己。"))
    if Membership.objects.filter(person=person, valid_from__gte=day).exists():
        errors.add("on", _("该人员在 %(day)s 或之后还有任职记录，请先处理。") % {"day": day})
    owned = person.customers.filter(is_active=True).count()
    if owned:
        errors.add(
            None,
            _("该人员还负责 %(count)d 个启用的客户，请先把客户转给其他人。") % {"count": owned},
        )
    errors.raise_if_any()
    before = stints_of(person.pk)
    Membership.objects.active_at(day).filter(person=person).update(valid_to=day)
    # Facts after a leaving date in the past would belong to nobody: refused.
    recredit(person_id=person.pk, start=day, end=None, before=before)
    person.is_active = False
    person.left_on = day
    person.save(update_fields=["is_active", "left_on"])
    if person.user is not None:
        person.user.is_active = False
        person.user.save(update_fields=["is_active"])
    return person


@transaction.atomic
def person_activate(*, by: Scope, person: Person) -> Person:
    """Somebody comes back; place them in a node with :func:`person_transfer`."""
    require_master_data_editor(by)
    _require_person(by, person)
    person.is_active = True
    person.left_on = None
    person.save(update_fields=["is_active", "left_on"])
    if person.user is not None:
        person.user.is_active = True
        person.user.save(update_fields=["is_active"])
    return person


@transaction.atomic
def person_transfer(
    *, by: Scope, person: Person, to_node: OrgNode, on: dt.date, is_manager: bool = False
) -> Membership:
    """A user moves ``person`` to ``to_node`` from ``on`` (checked, then :func:`person_move`)."""
    require_master_data_editor(by)
    _require_person(by, person)
    errors = Errors()
    if not person.is_active:
        errors.add(None, _("该人员已停用，请先启用。"))
    if not by.can_view_node(to_node):
        errors.add("to_node", _("目标组织不在你的权限范围内。"))
    elif not to_node.is_active:
        errors.add("to_node", _("目标组织已停用。"))
    current = Membership.objects.active_at(on).filter(person=person).first()
    if current is not None and current.node_id == to_node.pk and current.is_manager == is_manager:
        errors.add("to_node", _("该人员在这一天已经属于“%(name)s”。") % {"name": to_node.name})
    if Membership.objects.filter(person=person, valid_from__gte=on).exists():
        errors.add("on", _("该人员在 %(day)s 或之后已有任职记录，请先处理。") % {"day": on})
    errors.raise_if_any()
    return person_move(person=person, to_node=to_node, on=on, is_manager=is_manager)


@transaction.atomic
def membership_save(*, by: Scope, membership: Membership) -> Membership:
    """Add or correct a row of someone's history; rows of one person never overlap.

    Rows that touched the corrected one keep touching it: moving the start of the row after a
    move also moves the end of the row before (correcting a move date), and likewise at the
    end. The facts of every date whose node changes follow (``.recredit``)."""
    require_master_data_editor(by)
    _require_person(by, membership.person)
    errors = master_data_errors(membership, unique=(), constraints=False)
    node = membership.node if membership.node_id else None
    if node is not None and not by.can_view_node(node):
        errors.add("node", _("所选组织不在你的权限范围内。"))
    stored = Membership.objects.filter(pk=membership.pk).first() if membership.pk else None
    start, end = membership.valid_from, membership.valid_to
    touching = _touching(membership, stored) if start and (not end or end > start) else []
    if start and end and end <= start:
        errors.add("valid_to", _("截止日期必须晚于生效日期。"))
    elif start:
        overlap = (
            Membership.objects.filter(person_id=membership.person_id)
            .exclude(pk__in=[membership.pk, *(t.pk for t in touching)])
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
            .select_related("node")
            .order_by("valid_from")
        )
        if end is not None:
            overlap = overlap.filter(valid_from__lt=end)
        clash = overlap.first()
        if clash is not None:
            if clash.valid_to is None:
                period = _("%(start)s 起至今") % {"start": clash.valid_from}
            else:
                period = _("%(start)s 至 %(end)s") % {
                    "start": clash.valid_from,
                    "end": clash.valid_to,
                }
            errors.add(
                "valid_from",
                _("与已有任职记录重叠：%(node)s，%(period)s。")
                % {"node": clash.node.name, "period": period},
            )
    errors.raise_if_any()
    before = stints_of(membership.person_id)
    for row in touching:
        row.save(update_fields=["valid_from", "valid_to"])
    if stored is None or start != stored.valid_from:
        membership.start_stated = True  # someone said when it starts
    membership.save()
    start, end = _span(membership, stored)
    membership.recredit = recredit(  # type: ignore[attr-defined]
        person_id=membership.person_id, start=start, end=end, before=before
    )
    return membership


@transaction.atomic
def membership_delete(*, by: Scope, membership: Membership) -> Recredit:
    """Remove a row of someone's history entered by mistake (a move that never happened): the
    row right before it, if any, covers its dates again. Refused when facts of its dates would
    then belong to no node."""
    require_master_data_editor(by)
    _require_person(by, membership.person)
    before = stints_of(membership.person_id)
    start, end = membership.valid_from, membership.valid_to
    previous = Membership.objects.filter(person_id=membership.person_id, valid_to=start).first()
    membership.delete()
    if previous is not None:
        previous.valid_to = end
        previous.save(update_fields=["valid_to"])
    return recredit(person_id=membership.person_id, start=start, end=end, before=before)


def _touching(membership: Membership, stored: Membership | None) -> list[Membership]:
    """The rows right before and after ``stored`` (ending where it started, starting where it
    ended), moved to follow its new dates when they still keep a day of their own."""
    if stored is None:
        return []
    rows = Membership.objects.filter(person_id=stored.person_id).exclude(pk=stored.pk)
    moved = []
    start, end = membership.valid_from, membership.valid_to
    if start != stored.valid_from:
        before = rows.filter(valid_to=stored.valid_from).first()
        if before is not None and start > before.valid_from:
            before.valid_to = start
            moved.append(before)
    if end != stored.valid_to and stored.valid_to is not None and end is not None:
        after = rows.filter(valid_from=stored.valid_to).first()
        if after is not None and (after.valid_to is None or end < after.valid_to):
            after.valid_from = end
            moved.append(after)
    return moved


def _span(membership: Membership, stored: Membership | None) -> tuple[dt.date, dt.date | None]:
    """The dates a membership row covers now or covered before its change."""
    start, end = membership.valid_from, membership.valid_to
    if stored is not None:
        start = min(start, stored.valid_from)
        end = None if end is None or stored.valid_to is None else max(end, stored.valid_to)
    return start, end


# --- company settings ------------------------------------------------------------------------


@transaction.atomic
def company_settings_update(*, by: Scope, company: CompanySettings) -> CompanySettings:
    require_admin(by)
    errors = master_data_errors(company, unique=())
    company.currency = (company.currency or "").strip().upper()
    if not (len(company.currency) == 3 and company.currency.isalpha()):
        errors.add("currency", _("币种请填写 3 位字母代码，例如 CNY。"))
    if not 0 <= company.currency_decimals <= 4:
        errors.add("currency_decimals", _("金额小数位必须在 0 到 4 之间。"))
    if not 1 <= company.fiscal_year_start_month <= 12:
        errors.add("fiscal_year_start_month", _("财年起始月必须在 1 到 12 之间。"))
    if not 0 <= company.outlier_target_floor <= 100:
        errors.add("outlier_target_floor", _("目标过小下限必须在 0 到 100 之间。"))
    errors.raise_if_any()
    company.pk = 1
    company.save()
    return company


def admin_login_ensure() -> tuple[str, str] | None:
    """The first administrator of a company that starts empty (``salestarget start --empty``):
    ``admin`` (or ``admin2`` … when that name is taken) with a random password, returned as
    (username, password) to be shown once; None when the site already has an administrator.

    The administrator is a person of the company (role admin, in no unit yet), as the one who
    sets it up is: a plan needs a person to own it, and before anybody is imported the
    administrator is the only one there is."""
    if User.objects.filter(is_superuser=True, is_active=True).exists():
        return None
    username, n = "admin", 1
    while (
        User.objects.filter(username=username).exists()
        or Person.objects.filter(employee_no=username).exists()
    ):
        n += 1
        username = f"admin{n}"
    password = secrets.token_urlsafe(12)
    user = User.objects.create_superuser(username=username, password=password)
    Person.objects.create(user=user, employee_no=username, name=username, role=Role.ADMIN)
    return username, password
