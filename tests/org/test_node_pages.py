"""The org tree pages: who sees which nodes, and how admin and finance change the tree."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from salestarget.org.models import Membership, OrgNode
from salestarget.org.services import org_node_save
from tests.personas import Company
from tests.web.querycount import queries_of


def node_names(resp) -> list[str]:
    return [n.name for n in resp.context["nodes"]]


def test_a_manager_sees_their_subtree_indented_under_their_region(login, company: Company) -> None:
    client = login(company.manager_north)
    resp = client.get(reverse("org:node_list"))
    assert node_names(resp) == ["华北", "北京一组"]
    assert [n.indent for n in resp.context["nodes"]] == [0, 1]
    html = resp.content.decode()
    assert "华东" not in html
    assert "上海一组" not in html
    assert "新建组织" not in html  # managers read the tree, they do not edit it


def test_a_manager_cannot_open_or_change_a_node_outside_their_subtree(
    login, company: Company
) -> None:
    client = login(company.manager_north)
    assert client.get(reverse("org:node_detail", args=[company.east.pk])).status_code == 404
    assert client.get(reverse("org:node_edit", args=[company.east.pk])).status_code == 404
    # Inside the subtree, reading is fine but changing is an action they may not take.
    assert client.get(reverse("org:node_detail", args=[company.north.pk])).status_code == 200
    assert client.get(reverse("org:node_edit", args=[company.north.pk])).status_code == 403
    resp = client.post(reverse("org:node_deactivate", args=[company.team_bj.pk]))
    assert resp.status_code == 403
    assert OrgNode.objects.get(pk=company.team_bj.pk).is_active


def test_the_tree_lists_members_and_managers(login, company: Company) -> None:
    client = login(company.director)
    nodes = {n.name: n for n in client.get(reverse("org:node_list")).context["nodes"]}
    assert nodes["北京一组"].member_count == 2
    assert nodes["北京一组"].managers == ["吴组长"]
    assert nodes["华北"].managers == ["李经理"]


def test_the_tree_page_costs_the_same_queries_for_a_bigger_tree(login, company: Company) -> None:
    client = login(company.admin)
    before = queries_of(client, reverse("org:node_list"))
    for i in range(10):
        team = org_node_save(
            node=OrgNode(code=f"T{i}", name=f"团队{i}", kind="team", parent=company.north)
        )
        Membership.objects.create(
            person=company.rep_other, node=team, valid_from=dt.date(2020, i + 1, 1), is_manager=True
        )
    assert queries_of(client, reverse("org:node_list")) == before


def test_finance_creates_a_team_under_a_region(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("org:node_create"),
        {
            "parent": company.north.pk,
            "code": "BJ2",
            "name": "北京二组",
            "kind": "team",
            "sort_order": 0,
        },
    )
    node = OrgNode.objects.get(code="BJ2")
    assert resp.status_code == 302
    assert resp["Location"] == reverse("org:node_detail", args=[node.pk])
    assert node.path == f"{company.north.path}{node.pk}/"
    assert node.depth == 2


def test_a_duplicate_code_is_refused_with_a_clear_message(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("org:node_create"),
        {
            "parent": company.north.pk,
            "code": "BJ1",
            "name": "重复",
            "kind": "team",
            "sort_order": 0,
        },
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors["code"] == ["编码“BJ1”已被使用。"]
    assert not OrgNode.objects.filter(name="重复").exists()


def test_a_node_cannot_move_under_its_own_descendant(login, company: Company) -> None:
    client = login(company.admin)
    resp = client.post(
        reverse("org:node_edit", args=[company.north.pk]),
        {
            "parent": company.team_bj.pk,
            "code": "NORTH",
            "name": "华北",
            "kind": "region",
            "sort_order": 0,
        },
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors["parent"] == ["不能把组织移动到它自己或它的下级之下。"]
    assert OrgNode.objects.get(pk=company.north.pk).parent_id == company.root.pk


def test_moving_a_node_re_paths_its_subtree(login, company: Company) -> None:
    client = login(company.admin)
    resp = client.post(
        reverse("org:node_edit", args=[company.east.pk]),
        {
            "parent": company.north.pk,
            "code": "EAST",
            "name": "华东",
            "kind": "region",
            "sort_order": 0,
        },
    )
    assert resp.status_code == 302
    team_sh = OrgNode.objects.get(pk=company.team_sh.pk)
    assert team_sh.path == f"{company.north.path}{company.east.pk}/{team_sh.pk}/"
    assert team_sh.depth == 3
    # The north manager now sees the moved region and its team.
    tree = login(company.manager_north).get(reverse("org:node_list"))
    assert node_names(tree) == ["华北", "北京一组", "华东", "上海一组"]


def test_a_node_with_people_cannot_be_deactivated(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(reverse("org:node_deactivate", args=[company.team_sh.pk]), follow=True)
    assert "该组织还有 1 名成员，请先把他们调到其他组织。" in resp.content.decode()
    assert OrgNode.objects.get(pk=company.team_sh.pk).is_active
    resp = client.post(reverse("org:node_deactivate", args=[company.east.pk]), follow=True)
    assert "该组织下还有启用的下级组织" in resp.content.decode()


def test_an_empty_node_is_deactivated_and_no_longer_offered(login, company: Company) -> None:
    Membership.objects.filter(node=company.team_sh).delete()
    client = login(company.finance)
    client.post(reverse("org:node_deactivate", args=[company.team_sh.pk]))
    assert not OrgNode.objects.get(pk=company.team_sh.pk).is_active
    active = client.get(reverse("org:node_list"))
    assert "上海一组" not in node_names(active)
    everything = client.get(reverse("org:node_list") + "?status=all")
    assert "上海一组" in node_names(everything)
    form = client.get(reverse("org:person_create")).context["form"]
    assert company.team_sh not in form.fields["node"].queryset
    # …and it comes back.
    client.post(reverse("org:node_activate", args=[company.team_sh.pk]))
    assert OrgNode.objects.get(pk=company.team_sh.pk).is_active
