"""Activity counts are metrics like revenue: a visits target is split to people, tracked
against time progress in the tree, alerted when behind and ranked on the leaderboard; a
week's target per person works the same."""

from __future__ import annotations

import datetime as dt
from itertools import count

from salestarget.actuals.models import Activity
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.core.metrics import BUILTIN_METRICS
from salestarget.core.tracking import Status
from salestarget.notifications.models import Notification
from salestarget.org.models import Person
from salestarget.org.scoping import scope_for
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.leaderboard import leaderboard
from salestarget.tracking.queries.tree import tracking_tree
from salestarget.tracking.services.alerts import tracking_alerts
from tests.personas import Company
from tests.tracking.conftest import AT, D

_ids = count(1)


def visits(company: Company, person: Person, days: list[int], *, kind: str = "visit") -> None:
    node = company.team_sh if person == company.rep_other else company.team_bj
    for day in days:
        Activity.objects.create(
            external_id=f"a{next(_ids)}",
            occurred_on=dt.date(2026, 6, day),
            kind=kind,
            person=person,
            node=node,
            lead="新华公司",
        )


def test_a_visits_target_is_tracked_alerted_and_ranked_like_revenue(company, holiday, june_plan):
    # 王小明 6 visits by the 15th, 陈小红 12; a planned visit and calls count no visit.
    visits(company, company.rep, [2, 3, 5, 9, 10, 12])
    visits(company, company.rep_other, [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 15])
    visits(company, company.rep, [3, 4], kind="call")
    Activity.objects.create(
        external_id="planned",
        occurred_on=dt.date(2026, 6, 15),
        kind="visit",
        status="planned",
        person=company.rep,
        node=company.team_bj,
        lead="明天的线索",
    )
    rollups_rebuild()
    plan = june_plan("40", metric="visits")  # 20 visits each
    tree = tracking_tree(plan, scope_for(company.director.user), at=AT, version=facts_version())
    rows = {r.target.label: r.result for r in tree.rows}
    rep = rows["王小明 · 2026-06"]
    assert (rep.target, rep.actual, rep.expected_to_date) == (D(20), D(6), D(10))
    assert rep.status is Status.BEHIND
    assert rows["陈小红 · 2026-06"].status is Status.AHEAD
    assert rows["北方科技 · 2026-06"].actual == D(18)

    tracking_alerts(at=AT)
    alert = Notification.objects.get(kind="tracking_alert", recipient=company.rep.user)
    assert "拜访次数" in alert.body

    board = leaderboard(
        metric=BUILTIN_METRICS["visits"],
        start=dt.date(2026, 6, 1),
        end=AT,
        version=facts_version(),
    )
    assert [(e.label, e.value) for e in board.entries] == [("陈小红", D(12)), ("王小明", D(6))]


def test_a_weeks_visits_target_per_person(company, holiday, june_plan):
    visits(company, company.rep, [8, 9, 10])  # Monday 8 June to Wednesday: 2026-W24
    visits(company, company.rep, [15])  # the next week
    rollups_rebuild()
    plan = june_plan("10", metric="visits", period="2026-W24")  # 5 each
    tree = tracking_tree(
        plan, scope_for(company.director.user), at=dt.date(2026, 6, 10), version=facts_version()
    )
    rows = {r.target.label: r.result for r in tree.rows}
    rep = rows["王小明 · 2026-W24"]
    assert (rep.target, rep.actual) == (D(5), D(3))
