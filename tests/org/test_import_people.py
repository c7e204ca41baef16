"""Staff lists: people created or updated by employee number and placed in their team (given
by name or code) from a date; moves keep history; roles and logins are the admin's; bad rows
are named and nothing is written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from salestarget.actuals.models import Expense, PersonDaily, SalesLine
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.org.models import Membership, Person, Role
from salestarget.org.scoping import scope_for
from tests.catalog.masterfiles import _media, csv_bytes, errors_of, master_import  # noqa: F401
from tests.personas import Company, account

HR_HEADER = "工号,姓名,部门,职位,入职日期,邮箱,手机,是否负责人"


def history(person: Person) -> list[tuple[str, dt.date, dt.date | None, bool]]:
    return [
        (m.node.code, m.valid_from, m.valid_to, m.is_manager)
        for m in person.memberships.select_related("node").order_by("valid_from")
    ]


def test_an_hr_export_places_people_in_teams_given_by_name(company: Company) -> None:
    data = csv_bytes(
        HR_HEADER,
        "E1001,张伟,北京一组,销售代表,2023-03-01,zhangwei@example.com,138 0000 0001,否",
        "E1002,李娜,华北,区域经理,2022/7/15,lina@example.com,,是",
        "E1003,刘洋,上海一组,,,,,",
    )
    admin = scope_for(account(company.admin))
    batch = master_import(data, kind="people", scope=admin)
    assert batch.status == "done", errors_of(batch)
    assert batch.mapping == {
        "employee_no": "工号",
        "name": "姓名",
        "node": "部门",
        "role": "职位",
        "hired_on": "入职日期",
        "email": "邮箱",
        "phone": "手机",
        "is_manager": "是否负责人",
    }
    zhang = Person.objects.get(employee_no="E1001")
    assert (zhang.role, zhang.email, zhang.phone, zhang.hired_on) == (
        Role.REP,
        "zhangwei@example.com",
        "138 0000 0001",
        dt.date(2023, 3, 1),
    )
    assert history(zhang) == [("BJ1", dt.date(2023, 3, 1), None, False)]
    li = Person.objects.get(employee_no="E1002")
    assert li.role == Role.MANAGER
    assert history(li) == [("NORTH", dt.date(2022, 7, 15), None, True)]
    # Neither a start nor a hiring date: a member since 1 January of last year.
    last_year = timezone.localdate().year - 1
    assert history(Person.objects.get(employee_no="E1003")) == [
        ("SH1", dt.date(last_year, 1, 1), None, False)
    ]
    # The new manager now sees the north's people.
    assert scope_for(account(company.manager_north)).people().filter(pk=zhang.pk).exists()


def test_a_list_without_a_manager_column_makes_each_manager_lead_their_unit(
    company: Company,
) -> None:
    """A new company's staff list says 销售经理 and nothing more: the manager leads the unit
    the list places them in, and sees its people."""
    data = csv_bytes(
        "工号,姓名,部门,岗位,入职日期",
        "E2001,王强,华北,销售经理,2022-01-10",
        "E2002,赵敏,北京一组,销售代表,2024-05-06",
    )
    admin = scope_for(account(company.admin))

    batch = master_import(data, kind="people", scope=admin)

    assert batch.status == "done", errors_of(batch)
    wang = Person.objects.get(employee_no="E2001")
    assert (wang.role, history(wang)) == (
        Role.MANAGER,
        [("NORTH", dt.date(2022, 1, 10), None, True)],
    )
    assert history(Person.objects.get(employee_no="E2002")) == [
        ("BJ1", dt.date(2024, 5, 6), None, False)
    ]
    wang.user = User.objects.create_user(username="wangqiang", password="x-9f3kd0a")
    wang.save(update_fields=["user"])
    assert scope_for(wang.user).people().filter(employee_no="E2002").exists()


def test_a_move_closes_the_old_membership_the_day_the_new_one_starts(company: Company) -> None:
    header = "工号,姓名,团队,生效日期"
    master_import(csv_bytes(header, "E1,张伟,BJ1,2024-01-01"), kind="people")
    again = master_import(csv_bytes(header, "E1,张伟,SH1,2025-04-01"), kind="people")
    assert (again.rows_updated, again.rows_inserted) == (1, 0)
    zhang = Person.objects.get(employee_no="E1")
    assert history(zhang) == [
        ("BJ1", dt.date(2024, 1, 1), dt.date(2025, 4, 1), False),
        ("SH1", dt.date(2025, 4, 1), None, False),
    ]
    same = master_import(csv_bytes(header, "E1,张伟,SH1,2025-04-01"), kind="people")
    assert (same.rows_unchanged, same.rows_updated) == (1, 0)
    # Back in BJ1 on 2025-01-01 is what the history already says; elsewhere, it would
    # rewrite the later move.
    assert (
        master_import(csv_bytes(header, "E1,张伟,BJ1,2025-01-01"), kind="people").rows_unchanged
        == 1
    )
    too_early = master_import(csv_bytes(header, "E1,张伟,NORTH,2025-01-01"), kind="people")
    assert errors_of(too_early) == [
        (2, "生效日期", "2025-01-01", "该人员在 2025-01-01 或之后已有任职记录，请先处理。")
    ]


def test_a_staff_list_with_bad_rows_writes_nothing_and_names_each_error(
    company: Company,
) -> None:
    data = csv_bytes(
        "工号,姓名,团队,角色,邮箱",
        "E1,张伟,北京一组,销售代表,zw@example.com",
        "E1,张伟二,北京一组,销售代表,",
        "E3,,北京一组,销售代表,",
        "E4,赵六,西北组,销售代表,",
        "E5,钱七,北京一组,销售代表,qian@@example",
        "E6,孙八,北京一组,首席忽悠官,",
    )
    batch = master_import(data, kind="people", scope=scope_for(account(company.admin)))
    assert batch.status == "rejected"
    assert errors_of(batch) == [
        (3, "工号", "E1", "工号“E1”在文件中重复（与第 2 行相同）"),
        (4, "姓名", None, "必填，不能为空"),
        (5, "团队", "西北组", "找不到组织“西北组”（按编码或完整名称查找）"),
        (6, "邮箱", "qian@@example", "邮箱格式不正确"),
        (
            7,
            "角色",
            "首席忽悠官",
            "不是有效的角色，可用：系统管理员、销售总监、经理、销售代表、财务/销售管理",
        ),
    ]
    assert not Person.objects.filter(employee_no__startswith="E").exists()


def test_finance_imports_reps_but_only_an_admin_sets_roles_and_logins(company: Company) -> None:
    data = csv_bytes("工号,姓名,团队,角色,登录名", "E1,张伟,BJ1,销售代表,", "E2,李娜,BJ1,经理,lina")
    finance = scope_for(account(company.finance))
    refused = master_import(data, kind="people", scope=finance)
    assert errors_of(refused) == [
        (3, "角色", "经理", "只有系统管理员可以设置角色。"),
        (3, "登录名", "lina", "只有系统管理员可以设置登录账号。"),
    ]
    reps_only = master_import(
        csv_bytes("工号,姓名,团队,角色", "E1,张伟,BJ1,销售代表"), kind="people", scope=finance
    )
    assert reps_only.status == "done"
    done = master_import(data, kind="people", scope=scope_for(account(company.admin)))
    assert done.status == "done", errors_of(done)
    lina = Person.objects.select_related("user").get(employee_no="E2")
    assert account(lina).username == "lina"
    assert not account(lina).has_usable_password()  # the admin sets it on the account page
    assert not account(lina).is_staff


def test_logins_are_unique_and_an_admin_role_gets_the_admin_site(company: Company) -> None:
    admin = scope_for(account(company.admin))
    taken = master_import(
        csv_bytes(
            "工号,姓名,团队,角色,用户名",
            "E1,张伟,BJ1,管理员,REP",
            "E2,李娜,BJ1,,x",
            "E3,王五,BJ1,,X",
        ),
        kind="people",
        scope=admin,
    )
    assert errors_of(taken) == [
        (2, "用户名", "REP", "用户名“REP”已被使用。"),
        (4, "用户名", "X", "用户名“X”在文件中重复（与第 3 行相同）"),
    ]
    ok = master_import(
        csv_bytes("工号,姓名,团队,角色,用户名", "E1,张伟,BJ1,系统管理员,zhangwei"),
        kind="people",
        scope=admin,
    )
    assert ok.status == "done", errors_of(ok)
    user = User.objects.get(username="zhangwei")
    assert (user.is_staff, user.is_superuser) == (True, True)


def test_an_admin_cannot_demote_themself_by_file(company: Company) -> None:
    batch = master_import(
        csv_bytes("工号,姓名,角色", "ADMIN,孙管理,销售代表"),
        kind="people",
        scope=scope_for(account(company.admin)),
    )
    assert errors_of(batch) == [(2, "角色", "销售代表", "不能取消你自己的系统管理员角色。")]


def test_updating_a_person_without_a_team_column_keeps_their_history(company: Company) -> None:
    batch = master_import(csv_bytes("工号,姓名,手机", "REP,王小明,13900000000"), kind="people")
    assert (batch.status, batch.rows_updated) == ("done", 1)
    company.rep.refresh_from_db()
    assert company.rep.phone == "13900000000"
    assert Membership.objects.filter(person=company.rep).count() == 1


def test_two_thousand_people_and_their_moves_cost_few_queries(
    company: Company, django_assert_max_num_queries
) -> None:
    lines = [f"E{i:05d},人员{i},{'北京一组' if i % 2 else 'SH1'},2023-01-01" for i in range(2000)]
    data = csv_bytes("工号,姓名,团队,生效日期", *lines)
    with django_assert_max_num_queries(60):
        batch = master_import(data, kind="people")
    assert (batch.status, batch.rows_inserted) == ("done", 2000)
    moved = data.replace(b",SH1,", b",BJ1,").replace(b",2023-01-01", b",2025-07-01")
    with django_assert_max_num_queries(60):
        again = master_import(moved, kind="people")
    assert (again.rows_updated, again.rows_unchanged) == (1000, 1000)
    assert Membership.objects.filter(node=company.team_sh, valid_to="2025-07-01").count() == 1000


def test_a_move_dated_in_the_past_re_credits_the_facts_already_recorded(company: Company) -> None:
    for ext, day in (("a", dt.date(2026, 3, 2)), ("b", dt.date(2026, 5, 4))):
        SalesLine.objects.create(
            external_id=ext, sold_on=day, customer=company.customer_bj, product=company.product_a,
            person=company.rep, node=company.team_bj, channel=company.channel,
            customer_type=company.customer_type, region=company.region_north,
            quantity=Decimal(1), amount=Decimal(100),
        )  # fmt: skip
    booked = Expense.objects.create(
        external_id="booked", spent_on=dt.date(2026, 5, 6), person=company.rep,
        node=company.north, category="差旅", amount=Decimal(50),
    )  # fmt: skip
    rollups_rebuild()

    batch = master_import(
        csv_bytes("工号,姓名,团队,生效日期", "REP,王小明,SH1,2026-04-01"), kind="people"
    )

    assert (batch.status, batch.rows_updated) == ("done", 1)
    nodes = dict(SalesLine.objects.values_list("external_id", "node__code"))
    assert nodes == {"a": "BJ1", "b": "SH1"}
    may = PersonDaily.objects.get(day=dt.date(2026, 5, 4), person=company.rep)
    assert may.node_id == company.team_sh.pk
    march = PersonDaily.objects.get(day=dt.date(2026, 3, 2), person=company.rep)
    assert march.node_id == company.team_bj.pk
    booked.refresh_from_db()
    assert booked.node_id == company.north.pk  # spend booked to a named node stays


def test_a_western_staff_list_with_first_and_last_names(company: Company) -> None:
    data = csv_bytes(
        "Employee Number,First Name,Last Name,Department,Job Title,Work Email,Hire Date",
        "A-100,Jane,Miller,北京一组,Account Executive,jane@acme.test,2024-02-01",
        "A-101,Wei,,北京一组,Account Executive,wei@acme.test,2024-02-01",
        "A-102,José,García,北京一组,Account Executive,jose@acme.test,2024-02-01",
        "A-103,小明,王,北京一组,销售代表,wxm@acme.test,2024-02-01",
    )
    batch = master_import(data, kind="people", scope=scope_for(account(company.admin)))
    assert batch.status == "done", errors_of(batch)
    assert (batch.mapping["name"], batch.mapping["family_name"]) == ("First Name", "Last Name")
    names = dict(
        Person.objects.filter(employee_no__startswith="A-").values_list("employee_no", "name")
    )
    assert names == {
        "A-100": "Jane Miller",
        "A-101": "Wei",
        "A-102": "José García",
        "A-103": "王小明",
    }
