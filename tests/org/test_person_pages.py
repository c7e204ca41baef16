"""The people pages: a rep sees only themself, a manager their subtree; admin and finance
add people, move them between teams on a date and keep their history."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import User
from django.urls import reverse

from salestarget.org.models import Membership, Person, Role
from tests.browser import compile_messages
from tests.personas import Company, account
from tests.web.querycount import queries_of


def listed(resp) -> list[str]:
    return [p.name for p in resp.context["page_obj"]]


def test_a_rep_sees_only_themself(login, company: Company) -> None:
    client = login(company.rep)
    assert listed(client.get(reverse("org:person_list"))) == ["王小明"]
    assert client.get(reverse("org:person_detail", args=[company.rep.pk])).status_code == 200
    for other in (company.rep_other, company.team_lead, company.manager_north):
        assert client.get(reverse("org:person_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("org:person_edit", args=[company.rep.pk])).status_code == 403


def test_a_manager_sees_the_people_of_their_subtree_only(login, company: Company) -> None:
    client = login(company.manager_north)
    assert sorted(listed(client.get(reverse("org:person_list")))) == sorted(
        ["李经理", "吴组长", "王小明"]
    )
    assert client.get(reverse("org:person_detail", args=[company.rep_other.pk])).status_code == 404
    assert client.get(reverse("org:person_edit", args=[company.rep_other.pk])).status_code == 404
    assert client.get(reverse("org:person_move", args=[company.rep_other.pk])).status_code == 404


def test_the_list_filters_by_subtree_and_searches_as_you_type(login, company: Company) -> None:
    client = login(company.director)
    team = client.get(reverse("org:person_list"), {"node": company.team_bj.pk})
    assert sorted(listed(team)) == ["吴组长", "王小明"]
    # htmx asks for the table only.
    resp = client.get(reverse("org:person_list"), {"q": "小"}, headers={"HX-Request": "true"})
    assert next(t.name for t in resp.templates) == "org/_person_table.html"
    assert sorted(listed(resp)) == ["王小明", "陈小红"]
    assert "<html" not in resp.content.decode()


def test_a_node_outside_the_scope_is_not_a_filter(login, company: Company) -> None:
    client = login(company.manager_north)
    resp = client.get(reverse("org:person_list"), {"node": company.team_sh.pk})
    assert "陈小红" not in listed(resp)


def test_the_person_list_costs_the_same_queries_for_more_people(login, company: Company) -> None:
    client = login(company.director)
    before = queries_of(client, reverse("org:person_list"))
    for i in range(30):
        p = Person.objects.create(employee_no=f"E{i:03}", name=f"员工{i}")
        Membership.objects.create(person=p, node=company.team_sh, valid_from=dt.date(2024, 1, 1))
    assert queries_of(client, reverse("org:person_list")) == before
    assert len(listed(client.get(reverse("org:person_list")))) == 38


def test_finance_adds_a_person_to_a_team(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("org:person_create"),
        {
            "employee_no": "E100",
            "name": "新同事",
            "email": "",
            "phone": "",
            "hired_on": "2025-03-01",
            "node": company.team_bj.pk,
            "valid_from": "2025-03-01",
        },
    )
    person = Person.objects.get(employee_no="E100")
    assert resp.status_code == 302
    assert person.role == Role.REP
    assert [(m.node, m.valid_from) for m in person.memberships.all()] == [
        (company.team_bj, dt.date(2025, 3, 1))
    ]
    # Finance does not choose roles: that is an admin's.
    form = client.get(reverse("org:person_create")).context["form"]
    assert "role" not in form.fields


def test_a_duplicate_employee_number_is_refused(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("org:person_create"),
        {
            "employee_no": "REP",
            "name": "重名",
            "node": company.team_bj.pk,
            "valid_from": "2025-01-01",
        },
    )
    assert resp.context["form"].errors["employee_no"] == ["工号“REP”已被使用。"]
    assert not Person.objects.filter(name="重名").exists()


def test_moving_a_rep_to_another_team_keeps_their_history(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("org:person_move", args=[company.rep.pk]),
        {"to_node": company.team_sh.pk, "on": "2025-07-01"},
    )
    assert resp.status_code == 302
    history = list(company.rep.memberships.order_by("valid_from"))
    assert [(m.node.name, m.valid_from, m.valid_to) for m in history] == [
        ("北京一组", dt.date(2023, 1, 1), dt.date(2025, 7, 1)),
        ("上海一组", dt.date(2025, 7, 1), None),
    ]
    page = client.get(reverse("org:person_detail", args=[company.rep.pk]))
    html = page.content.decode()
    assert "2025-07-01" in html
    assert "北京一组" in html
    assert "上海一组" in html
    assert page.context["person"].node_name == "上海一组"


def test_a_move_dated_before_the_current_membership_is_refused(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("org:person_move", args=[company.rep.pk]),
        {"to_node": company.team_sh.pk, "on": "2022-12-01"},
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors["on"] == [
        "该人员在 2022-12-01 或之后已有任职记录，请先处理。"
    ]
    assert company.rep.memberships.count() == 1


def test_a_manager_cannot_move_people(login, company: Company) -> None:
    client = login(company.manager_north)
    resp = client.post(
        reverse("org:person_move", args=[company.rep.pk]),
        {"to_node": company.north.pk, "on": "2025-07-01"},
    )
    assert resp.status_code == 403
    assert company.rep.memberships.count() == 1


def test_overlapping_history_rows_are_refused(login, company: Company) -> None:
    client = login(company.admin)
    url = reverse("org:membership_create", args=[company.rep.pk])
    resp = client.post(
        url, {"node": company.team_sh.pk, "valid_from": "2022-06-01", "valid_to": "2023-02-01"}
    )
    assert resp.context["form"].errors["valid_from"] == [
        "与已有任职记录重叠：北京一组，2023-01-01 起至今。"
    ]
    resp = client.post(
        url, {"node": company.team_sh.pk, "valid_from": "2022-06-01", "valid_to": "2022-05-01"}
    )
    assert resp.context["form"].errors["valid_to"] == ["截止日期必须晚于生效日期。"]
    # An earlier, non-overlapping row is fine.
    resp = client.post(
        url, {"node": company.team_sh.pk, "valid_from": "2022-06-01", "valid_to": "2023-01-01"}
    )
    assert resp.status_code == 302
    assert company.rep.memberships.count() == 2


def test_an_admin_gives_a_person_a_login_and_the_admin_role(login, company: Company) -> None:
    newcomer = Person.objects.create(employee_no="E200", name="新管理员")
    Membership.objects.create(person=newcomer, node=company.root, valid_from=dt.date(2024, 1, 1))
    client = login(company.admin)
    url = reverse("org:person_account", args=[newcomer.pk])
    resp = client.post(url, {"role": "admin", "username": "newadmin", "password": ""})
    assert resp.context["form"].errors["password"] == ["新建登录账号时必须设置密码。"]
    resp = client.post(url, {"role": "admin", "username": "newadmin", "password": "s3cret-pass!"})
    assert resp.status_code == 302
    user = User.objects.get(username="newadmin")
    assert user.check_password("s3cret-pass!")
    assert user.is_staff
    assert user.is_superuser
    # Back to rep: no more Django admin.
    client.post(url, {"role": "rep", "username": "newadmin", "password": ""})
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.is_superuser
    assert Person.objects.get(pk=newcomer.pk).role == Role.REP


def test_usernames_are_unique_and_only_admins_set_accounts(login, company: Company) -> None:
    client = login(company.admin)
    resp = client.post(
        reverse("org:person_account", args=[company.rep_other.pk]),
        {"role": "rep", "username": "REP", "password": ""},
    )
    assert resp.context["form"].errors["username"] == ["用户名“REP”已被使用。"]
    finance = login(company.finance)
    assert finance.get(reverse("org:person_account", args=[company.rep.pk])).status_code == 403


def test_an_admin_cannot_take_away_their_own_admin_role(login, company: Company) -> None:
    client = login(company.admin)
    resp = client.post(
        reverse("org:person_account", args=[company.admin.pk]),
        {"role": "rep", "username": "admin", "password": ""},
    )
    assert resp.context["form"].errors["role"] == ["不能取消你自己的系统管理员角色。"]


def test_someone_who_still_owns_customers_cannot_leave(login, company: Company) -> None:
    client = login(company.finance)
    url = reverse("org:person_deactivate", args=[company.rep.pk])
    resp = client.post(url, {"on": "2025-09-01"})
    assert resp.context["form"].non_field_errors() == [
        "该人员还负责 1 个启用的客户，请先把客户转给其他人。"
    ]
    company.customer_bj.owner = company.team_lead
    company.customer_bj.save()
    assert client.post(url, {"on": "2025-09-01"}).status_code == 302
    rep = Person.objects.get(pk=company.rep.pk)
    assert not rep.is_active
    assert rep.left_on == dt.date(2025, 9, 1)
    assert not account(rep).is_active  # the login stops working
    assert rep.memberships.get().valid_to == dt.date(2025, 9, 1)


def test_finance_edits_details_but_not_the_role(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("org:person_edit", args=[company.rep.pk]),
        {
            "employee_no": "REP",
            "name": "王小明",
            "email": "wang@example.com",
            "phone": "",
            "role": "admin",
        },
    )
    assert resp.status_code == 302
    rep = Person.objects.get(pk=company.rep.pk)
    assert rep.email == "wang@example.com"
    assert rep.role == Role.REP


def test_the_person_page_in_english_names_the_history_columns(login, company: Company) -> None:
    """生效日期 / 截止日期 are where a membership starts and ends (From, Until), not a due
    date; 电话 a phone number, not calls made; 负责人 the node's manager, not a record's owner;
    修改 corrects a history row."""
    compile_messages()
    client = login(company.finance)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("org:person_detail", args=[company.team_lead.pk])).content.decode()
    head = re.search(r'data-testid="membership-history">\s*<thead>(.*?)</thead>', html, re.S)
    assert head is not None
    assert re.findall(r"<th>([^<]+)</th>", head.group(1)) == [
        "Org node",
        "From",
        "Until",
        "Manager",
    ]
    assert '<dt class="col-5">Phone</dt>' in html
    assert 'title="Manager"' in html  # the team lead manages their team
    assert ">Correct</a>" in html
