"""The demo company's shape: org tree, people, their memberships over time, and their logins.

瀚海智能科技有限公司 (company)                director, finance, admin
├── 华北大区 / 华东大区 / 华南大区 / 西南大区     one regional manager each (mgr_north …)
│   └── 12 teams, one per province             one team lead each (lead_bj …)
│       └── 120 sales reps (rep_001 …)

The shape does not depend on the seed (logins and names stay put); the seed drives skills,
customers and facts. A few reps move team mid-history and a few leave and are replaced, so
crediting by the membership on the sale date matters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from salestarget.demo.masterdata import Catalog
from salestarget.demo.names import person_names
from salestarget.demo.scales import DEMO_START, day_index, random_stream
from salestarget.org.models import (
    CompanySettings,
    Membership,
    NodeKind,
    OrgNode,
    Person,
    ProgressBasis,
    Role,
)
from salestarget.org.services import org_node_save

COMPANY_NAME = "瀚海智能科技有限公司"
COMPANY_CODE = "HANHAI"
NAMES_SEED = 20240101  # names and hire dates: the same for every data seed
NEVER = 10**6  # a day index after every demo date

# Area code (as in masterdata.AREAS), node name, manager login.
AREA_NODES = (
    ("HB", "华北大区", "mgr_north"),
    ("HD", "华东大区", "mgr_east"),
    ("HN", "华南大区", "mgr_south"),
    ("XN", "西南大区", "mgr_west"),
)
# Team code (= its province code), name, area, headcount of reps.
TEAMS = (
    ("BJ", "北京组", "HB", 12),
    ("TJ", "天津组", "HB", 8),
    ("HE", "河北组", "HB", 8),
    ("SH", "上海组", "HD", 12),
    ("JS", "江苏组", "HD", 11),
    ("ZJ", "浙江组", "HD", 10),
    ("GD", "广东组", "HN", 14),
    ("FJ", "福建组", "HN", 9),
    ("GX", "广西组", "HN", 7),
    ("SC", "四川组", "XN", 10),
    ("CQ", "重庆组", "XN", 10),
    ("YN", "云南组", "XN", 9),
)
# (team, n-th rep of that team, new team, first day there): they keep their customers.
MOVES = (
    ("ZJ", 5, "SH", dt.date(2024, 10, 8)),
    ("TJ", 3, "BJ", dt.date(2025, 4, 1)),
    ("CQ", 4, "SC", dt.date(2025, 7, 1)),
    ("HE", 2, "TJ", dt.date(2025, 9, 1)),
    ("GX", 1, "GD", dt.date(2026, 3, 2)),
)
# (team, n-th rep, first day no longer employed): a replacement joins five weeks later and a
# teammate takes over the leaver's customers.
LEAVES = (
    ("BJ", 7, dt.date(2024, 8, 1)),
    ("YN", 5, dt.date(2024, 12, 2)),
    ("GD", 3, dt.date(2025, 2, 17)),
    ("JS", 9, dt.date(2025, 6, 3)),
    ("SC", 6, dt.date(2025, 11, 3)),
    ("FJ", 2, dt.date(2026, 4, 1)),
)
REPLACEMENT_DELAY = dt.timedelta(days=35)
# Two demo logins with a clear FY2026 story (see logins.py), by rep index: rep_001 (北京组)
# is well ahead of last year; rep_029 (上海组) wins no new customers and falls behind.
REP_AHEAD = 0
REP_BEHIND = 28


@dataclass(frozen=True)
class Company:
    """The org as the generator sees it; rep arrays are indexed by rep index."""

    root_id: int
    team_codes: list[str]
    team_node_ids: np.ndarray  # by team index
    team_province: list[str]
    rep_person_ids: np.ndarray
    rep_team: np.ndarray  # team index at hire
    hire_day: np.ndarray  # day index (negative: before the window)
    leave_day: np.ndarray  # first day no longer employed, NEVER if still there
    move_day: np.ndarray  # first day in the new team, NEVER if never moved
    team_after: np.ndarray  # team index from move_day on

    def team_at(self, reps: np.ndarray, days: np.ndarray) -> np.ndarray:
        """The team index of each rep on each day (vectorised over equal-length arrays)."""
        return np.where(days < self.move_day[reps], self.rep_team[reps], self.team_after[reps])

    def node_at(self, reps: np.ndarray, days: np.ndarray) -> np.ndarray:
        """The org node id each rep is credited to on each day."""
        return self.team_node_ids[self.team_at(reps, days)]

    def active(self, days: np.ndarray) -> np.ndarray:
        """A days × reps mask of who is employed when."""
        d = days[:, None]
        return (d >= self.hire_day[None, :]) & (d < self.leave_day[None, :])

    @property
    def reps(self) -> int:
        return len(self.rep_person_ids)


def company_create(*, catalog: Catalog) -> Company:
    """Write the org tree, people, memberships and logins of the demo company."""
    settings_row = CompanySettings.current()
    settings_row.name = COMPANY_NAME
    settings_row.currency = "CNY"
    settings_row.fiscal_year_start_month = 1
    settings_row.default_progress_basis = ProgressBasis.WORKING
    settings_row.save()

    root = org_node_save(node=OrgNode(code=COMPANY_CODE, name=COMPANY_NAME, kind=NodeKind.COMPANY))
    areas: dict[str, OrgNode] = {}
    for order, (code, name, _login) in enumerate(AREA_NODES):
        areas[code] = org_node_save(
            node=OrgNode(
                code=code,
                name=name,
                kind=NodeKind.REGION,
                parent=root,
                region_id=catalog.area_ids[code],
                sort_order=order,
            )
        )
    teams: list[OrgNode] = []
    for order, (code, name, area, _size) in enumerate(TEAMS):
        teams.append(
            org_node_save(
                node=OrgNode(
                    code=f"{area}-{code}",
                    name=name,
                    kind=NodeKind.TEAM,
                    parent=areas[area],
                    region_id=catalog.province_ids[code],
                    sort_order=order,
                )
            )
        )
    return _people_create(root=root, areas=areas, teams=teams)


@dataclass
class _Hire:
    username: str
    role: str
    node: OrgNode
    hired_on: dt.date
    is_manager: bool = False
    left_on: dt.date | None = None  # first day no longer employed
    moves_to: OrgNode | None = None
    moves_on: dt.date | None = None


def _people_create(*, root: OrgNode, areas: dict[str, OrgNode], teams: list[OrgNode]) -> Company:
    rng = random_stream(NAMES_SEED, "people")

    def hired_before_window() -> dt.date:
        return DEMO_START - dt.timedelta(days=int(rng.integers(60, 8 * 365)))

    staff = [
        _Hire("director", Role.EXECUTIVE, root, hired_before_window(), is_manager=True),
        _Hire("finance", Role.FINANCE, root, hired_before_window()),
        _Hire("admin", Role.ADMIN, root, hired_before_window()),
    ]
    staff += [
        _Hire(login, Role.MANAGER, areas[code], hired_before_window(), is_manager=True)
        for code, _name, login in AREA_NODES
    ]
    staff += [
        _Hire(f"lead_{code.lower()}", Role.MANAGER, team, hired_before_window(), is_manager=True)
        for (code, *_rest), team in zip(TEAMS, teams, strict=True)
    ]
    team_index = {code: i for i, (code, *_rest) in enumerate(TEAMS)}
    reps: list[_Hire] = []
    rep_team: list[int] = []
    by_team_ordinal: dict[tuple[str, int], _Hire] = {}
    for (code, _name, _area, size), team in zip(TEAMS, teams, strict=True):
        for ordinal in range(1, size + 1):
            hire = _Hire(f"rep_{len(reps) + 1:03d}", Role.REP, team, hired_before_window())
            reps.append(hire)
            rep_team.append(team_index[code])
            by_team_ordinal[(code, ordinal)] = hire
    for code, ordinal, to_code, on in MOVES:
        mover = by_team_ordinal[(code, ordinal)]
        mover.moves_to, mover.moves_on = teams[team_index[to_code]], on
    for code, ordinal, on in LEAVES:
        by_team_ordinal[(code, ordinal)].left_on = on
        reps.append(
            _Hire(
                f"rep_{len(reps) + 1:03d}",
                Role.REP,
                teams[team_index[code]],
                on + REPLACEMENT_DELAY,
            )
        )
        rep_team.append(team_index[code])

    everyone = staff + reps
    names = person_names(rng, len(everyone))
    # One hash for every demo login: real hashers are slow on purpose, the password is shared.
    password = make_password(settings.SALESTARGET_DEMO_PASSWORD)
    users = User.objects.bulk_create(
        User(
            username=h.username,
            password=password,
            first_name=name,
            email=f"{h.username}@demo.example.com",
            is_staff=h.role == Role.ADMIN,
            is_superuser=h.role == Role.ADMIN,
            is_active=h.left_on is None,
        )
        for h, name in zip(everyone, names, strict=True)
    )
    people = Person.objects.bulk_create(
        Person(
            user=user,
            employee_no=f"E{1001 + i}",
            name=name,
            email=user.email,
            role=h.role,
            hired_on=h.hired_on,
            left_on=h.left_on - dt.timedelta(days=1) if h.left_on else None,
            is_active=h.left_on is None,
        )
        for i, (h, user, name) in enumerate(zip(everyone, users, names, strict=True))
    )
    memberships: list[Membership] = []
    for h, person in zip(everyone, people, strict=True):
        first_end = h.moves_on or h.left_on
        memberships.append(
            Membership(
                person=person,
                node=h.node,
                valid_from=h.hired_on,
                valid_to=first_end,
                is_manager=h.is_manager,
            )
        )
        if h.moves_to is not None and h.moves_on is not None:  # set together
            memberships.append(
                Membership(
                    person=person, node=h.moves_to, valid_from=h.moves_on, valid_to=h.left_on
                )
            )
    Membership.objects.bulk_create(memberships)

    rep_people = people[len(staff) :]
    node_team = {team.pk: i for i, team in enumerate(teams)}
    return Company(
        root_id=root.pk,
        team_codes=[t[0] for t in TEAMS],
        team_node_ids=np.array([t.pk for t in teams], dtype=np.int64),
        team_province=[t[0] for t in TEAMS],
        rep_person_ids=np.array([p.pk for p in rep_people], dtype=np.int64),
        rep_team=np.array(rep_team, dtype=np.int64),
        hire_day=np.array([day_index(h.hired_on) for h in reps], dtype=np.int64),
        leave_day=np.array([day_index(h.left_on) if h.left_on else NEVER for h in reps]),
        move_day=np.array([day_index(h.moves_on) if h.moves_on else NEVER for h in reps]),
        team_after=np.array([node_team[(h.moves_to or h.node).pk] for h in reps], dtype=np.int64),
    )
