"""The master data pages on the demo company (400 customers, a real org tree, three years
of holidays): every demo login opens its menu, and lists stay flat in queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from salestarget.ui.menu import menu_entries
from tests.web.querycount import queries_of

pytestmark = pytest.mark.slow

LOGINS = ["admin", "director", "finance", "mgr_north", "lead_bj", "rep_001"]


@pytest.mark.parametrize("username", LOGINS)
def test_every_demo_login_opens_its_menu(client, db, demo_small, username: str) -> None:
    assert client.login(username=username, password=demo_small.password)
    role = client.get(reverse("home")).context["scope"].role
    for item in menu_entries():
        if role in item.roles:
            resp = client.get(reverse(item.url_name))
            assert resp.status_code == 200, (username, item.url_name)


def test_a_regional_manager_sees_only_their_region(client, db, demo_small) -> None:
    assert client.login(username="mgr_north", password=demo_small.password)
    home = client.get(reverse("home")).context
    assert 0 < home["summary"]["customers"] < demo_small.counts["customers"]
    nodes = client.get(reverse("org:node_list")).context["nodes"]
    top = nodes[0]
    assert all(n.path.startswith(top.path) for n in nodes)


def test_demo_lists_cost_the_same_queries_on_any_page(client, db, demo_small) -> None:
    assert client.login(username="director", password=demo_small.password)
    for name in ("catalog:customer_list", "org:person_list"):
        url = reverse(name)
        assert queries_of(client, url, {"page": 2}) == queries_of(client, url), name
