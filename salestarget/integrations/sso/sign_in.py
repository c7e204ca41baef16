"""The one service both ways of single sign-on end in: who is this, may they come in, with
which role.

People are matched by employee number (the claim or attribute the settings name); a company
whose directory has no employee numbers may choose e-mail instead
(``SALESTARGET_SSO_MATCH=email``). Somebody the product does not know is refused, unless the
company lets sign-in add people (``SALESTARGET_SSO_CREATE_PEOPLE=1``), and then only into the
org node their directory group maps to. A known person's role follows their directory groups
on every sign-in when a group of theirs is in the map; their memberships are not touched (a
move carries history and re-credits sales: it stays with the org pages and the people import).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.integrations.sso.identity import (
    DirectoryIdentity,
    GroupMapError,
    GroupRule,
    SignInRefused,
    group_map,
)
from salestarget.org.models import OrgNode, Person, Role
from salestarget.org.scoping import SYSTEM_SCOPE
from salestarget.org.services import person_create, user_access_sync

MATCH_EMAIL = "email"


def match_by_email() -> bool:
    return str(settings.SALESTARGET_SSO_MATCH).strip().lower() == MATCH_EMAIL


@transaction.atomic
def directory_sign_in(*, identity: DirectoryIdentity) -> User:
    """The login of the person the directory vouched for, made on their first sign-in; raises
    :class:`SignInRefused` naming what is wrong."""
    try:
        rule = group_map().rule_for(identity.groups)
    except GroupMapError as exc:
        raise SignInRefused(
            _("单点登录的目录组映射设置有误（%(error)s），请联系管理员。") % {"error": exc}
        ) from exc
    person = _person_matching(identity)
    if person is None:
        person = _person_add(identity, rule)
    if not person.is_active:
        raise SignInRefused(
            _("%(name)s（工号 %(no)s）已停用，不能登录。如有疑问请联系管理员。")
            % {"name": person.name, "no": person.employee_no},
            who=person.employee_no,
        )
    if rule is not None and rule.role != person.role:
        person.role = rule.role
        person.save(update_fields=["role"])
    user = person.user or _account_add(person, identity)
    if identity.email and not user.email:
        user.email = identity.email
        user.save(update_fields=["email"])
    user_access_sync(user=user, role=person.role, active=True)
    return user


def _person_matching(identity: DirectoryIdentity) -> Person | None:
    if match_by_email():
        email = identity.email.strip()
        if not email:
            raise SignInRefused(_("目录没有提供你的邮箱，无法确定你是谁，请联系管理员。"))
        found = list(Person.objects.select_related("user").filter(email__iexact=email)[:2])
        if len(found) > 1:
            raise SignInRefused(
                _("邮箱 %(email)s 对应多位人员，无法确定你是谁，请联系管理员。") % {"email": email},
                who=email,
            )
        return found[0] if found else None
    employee_no = identity.employee_no.strip()
    if not employee_no:
        raise SignInRefused(
            _("目录没有提供你的工号（%(claim)s），无法确定你是谁，请联系管理员。")
            % {"claim": _employee_field(identity)},
            who=identity.email,
        )
    return Person.objects.select_related("user").filter(employee_no=employee_no).first()


def _employee_field(identity: DirectoryIdentity) -> str:
    if identity.via == "ldap":
        return str(settings.SALESTARGET_LDAP_EMPLOYEE_ATTR)
    if identity.via == "wecom":
        return "userid"
    if identity.via == "dingtalk":
        return str(settings.SALESTARGET_DINGTALK_EMPLOYEE_FIELD)
    return str(settings.SALESTARGET_SSO_EMPLOYEE_CLAIM)


def _person_add(identity: DirectoryIdentity, rule: GroupRule | None) -> Person:
    """A person the product does not know: refused, or added where their group says."""
    who = identity.employee_no or identity.email
    unknown = _("%(who)s 不在本系统的人员名单中，请联系管理员先添加你。") % {"who": who}
    if not settings.SALESTARGET_SSO_CREATE_PEOPLE or match_by_email():
        raise SignInRefused(unknown, who=who)
    node = OrgNode.objects.filter(code=rule.node_code).first() if rule else None
    if rule is None or node is None:
        raise SignInRefused(
            unknown + " " + _("（你所在的目录组没有对应的组织，无法自动添加。）"), who=who
        )
    person = Person(
        employee_no=identity.employee_no.strip(),
        name=identity.name.strip() or identity.employee_no.strip(),
        email=identity.email.strip(),
        role=rule.role,
    )
    try:
        return person_create(
            by=SYSTEM_SCOPE,
            person=person,
            node=node,
            valid_from=timezone.localdate(),
            is_manager=rule.role == Role.MANAGER,
        )
    except ValidationError as exc:
        raise SignInRefused(" ".join(exc.messages), who=who) from exc


def _account_add(person: Person, identity: DirectoryIdentity) -> User:
    """The person's login, named by their employee number; it has no password here."""
    base = person.employee_no[:140]
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    user = User.objects.create_user(username=username, email=identity.email.strip())
    person.user = user
    person.save(update_fields=["user"])
    return user
