"""An overdue planning step is posted to the group of the unit whose step it is (and the
groups above it), once, naming who is responsible — never to another region's group."""

from __future__ import annotations

from salestarget.integrations.models import RobotSend
from salestarget.integrations.services.robots import robot_save
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.cycles import cycle_open, deadlines_check
from salestarget.targets.services.decomposition import target_decompose
from tests.integrations.robot_server import WECOM_KEY
from tests.targets.test_cycles import at


def test_an_overdue_step_is_posted_to_its_units_group_once(company, revenue_plan, robot_server):
    def robot(by, node):
        return robot_save(
            by=by.user,
            node=node,
            name="群",
            kind="wecom",
            url=robot_server.url("wecom"),
            secret=WECOM_KEY,
            language="zh-hans",
            events=["deadline"],
        )

    north, east = (
        robot(company.manager_north, company.north),
        robot(company.manager_east, company.east),
    )
    cycle = cycle_open(
        plan=revenue_plan("1000.00"),
        period="2026-04",
        by=company.director.user,
        decompose_by=at(5),
        submit_by=at(9),
    )
    target_decompose(
        target=cycle.plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
    )
    deadlines_check(now=at(5, 18))
    deadlines_check(now=at(5, 19))

    posted = {s.title: s.text for s in RobotSend.objects.filter(robot=north)}
    assert all(t.startswith(("已逾期：华北：", "已逾期：北京一组：")) for t in posted)
    assert any("负责人：李经理" in text for text in posted.values())
    assert len(posted) == RobotSend.objects.filter(robot=north).count()  # once each
    east_titles = list(RobotSend.objects.filter(robot=east).values_list("title", flat=True))
    assert east_titles
    assert all(t.startswith(("已逾期：华东：", "已逾期：上海一组：")) for t in east_titles)
