"""The demo logins worth trying, and what each of them sees (for ``demo_logins``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.org.models import Membership, NodeKind, OrgNode, Role

# Username and the story it shows (beyond what its role implies).
DEMO_LOGINS = (
    ("admin", ""),
    ("director", ""),
    ("finance", ""),
    ("mgr_north", ""),
    ("mgr_east", ""),
    ("mgr_south", ""),
    ("mgr_west", ""),
    ("lead_bj", gettext_lazy("正在审核下属的 FY2027 目标草案")),
    ("lead_he", gettext_lazy("12 月目标逾期未上报")),
    ("rep_001", gettext_lazy("2026 年明显好于去年，超前于目标")),
    ("rep_029", gettext_lazy("2026 年落后于去年和目标，申请了调整")),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str
    sees: str


def demo_logins() -> list[DemoLogin]:
    """The demo logins present in the database, in a useful order."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[u for u, _note in DEMO_LOGINS]).select_related(
            "person"
        )
    }
    today = timezone.localdate()
    rows = []
    for username, note in DEMO_LOGINS:
        user = users.get(username)
        person = getattr(user, "person", None) if user else None
        if person is None:
            continue
        membership = (
            Membership.objects.active_at(today)
            .filter(person=person)
            .select_related("node")
            .order_by("-is_manager")
            .first()
        )
        node = membership.node if membership else None
        sees = _sees(person.role, node, str(note))
        rows.append(DemoLogin(username, person.name, str(Role(person.role).label), sees))
    return rows


def _sees(role: str, node: OrgNode | None, note: str) -> str:
    name = node.name if node is not None else ""
    if role == Role.ADMIN:
        return _("全部数据、用户、组织与系统设置（含 /admin/）")
    if role == Role.EXECUTIVE:
        return _("全公司：设定、分解与审批目标，查看全部跟踪")
    if role == Role.FINANCE:
        return _("全公司数据（含金额）：维护主数据、导入实际数据、查看报表")
    if role == Role.MANAGER:
        if node is not None and node.kind == NodeKind.TEAM:
            members = Membership.objects.active_at(timezone.localdate()).filter(node=node)
            sees = _("%(team)s：%(count)s 名组员的目标与进度") % {
                "team": name,
                "count": members.filter(is_manager=False).count(),
            }
            return f"{sees}；{note}" if note else sees
        teams = node.children.count() if node is not None else 0
        return _("%(region)s及其下 %(count)s 个团队") % {"region": name, "count": teams}
    where = f"{name}；{note}" if note else name
    return _("本人的目标、进度、排名和还差多少（%(where)s）") % {"where": where}


def demo_password() -> str:
    return settings.SALESTARGET_DEMO_PASSWORD
