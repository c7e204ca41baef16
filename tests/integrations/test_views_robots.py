"""The group robots' pages: a team lead adds the team's DingTalk robot, sends a test message
that the (local) DingTalk server checks and takes, and reads the log; nobody else reaches it."""

from __future__ import annotations

from salestarget.integrations.models import GroupRobot, RobotSend
from tests.integrations.robot_server import DINGTALK_SECRET


def add_robot(client, company, robot_server, **extra):
    data = {
        "node": company.team_bj.pk,
        "name": "北京一组群",
        "kind": "dingtalk",
        "url": robot_server.url("dingtalk"),
        "secret": DINGTALK_SECRET,
        "language": "zh-hans",
        "events": ["battle_report", "alert"],
        "is_active": "on",
        **extra,
    }
    return client.post("/integrations/robots/new/", data)


def test_a_team_lead_adds_a_robot_and_sends_a_test_message(company, login, robot_server):
    client = login(company.team_lead)
    answer = add_robot(client, company, robot_server)
    robot = GroupRobot.objects.get()
    assert answer.status_code == 302
    assert (robot.node, robot.battle_report, robot.good_news) == (company.team_bj, True, False)

    page = client.get(f"/integrations/robots/{robot.pk}/")
    assert DINGTALK_SECRET not in page.content.decode()  # a secret is never shown again

    answer = client.post(f"/integrations/robots/{robot.pk}/test/", follow=True)
    assert "测试消息已发送" in answer.content.decode()
    (got,) = robot_server.received
    assert "北京一组 的群机器人已连接" in got.body["markdown"]["text"]
    send = RobotSend.objects.get()
    assert (send.status, send.attempts) == ("sent", 1)
    assert "已发送" in answer.content.decode()


def test_a_test_message_that_is_refused_says_why(company, login, robot_server):
    client = login(company.team_lead)
    add_robot(client, company, robot_server, secret="SECwrong")
    robot = GroupRobot.objects.get()
    answer = client.post(f"/integrations/robots/{robot.pk}/test/", follow=True)
    assert "sign not match" in answer.content.decode()
    assert RobotSend.objects.get().status == "failed"


def test_saving_keeps_the_secret_when_left_blank(company, login, robot_server):
    client = login(company.team_lead)
    add_robot(client, company, robot_server)
    robot = GroupRobot.objects.get()
    client.post(
        f"/integrations/robots/{robot.pk}/",
        {
            "node": company.team_bj.pk,
            "name": "改名",
            "kind": "dingtalk",
            "url": robot.url,
            "secret": "",
            "language": "en",
            "events": ["good_news"],
        },
    )
    robot.refresh_from_db()
    assert (robot.name, robot.secret, robot.is_active, robot.language) == (
        "改名",
        DINGTALK_SECRET,
        False,
        "en",
    )


def test_a_bad_address_is_named(company, login, robot_server):
    answer = add_robot(login(company.team_lead), company, robot_server, url="not a url")
    assert answer.status_code == 200
    assert "Webhook 地址" in answer.content.decode()
    assert not GroupRobot.objects.exists()


def test_others_never_reach_the_robot(company, login, robot_server, client):
    add_robot(login(company.team_lead), company, robot_server)
    robot = GroupRobot.objects.get()
    client.logout()
    east = login(company.manager_east)
    assert east.get(f"/integrations/robots/{robot.pk}/").status_code == 404
    assert east.post(f"/integrations/robots/{robot.pk}/test/").status_code == 404
    assert "北京一组群" not in east.get("/integrations/robots/").content.decode()
    east.logout()
    rep = login(company.rep)
    assert rep.get("/integrations/robots/").status_code == 403
    rep.logout()
    lead = login(company.team_lead)
    # the form offers only the nodes the lead leads
    form = lead.get("/integrations/robots/new/").content.decode()
    assert "华东" not in form
    answer = add_robot(lead, company, robot_server, node=company.east.pk)
    assert answer.status_code == 200
    assert GroupRobot.objects.count() == 1


def test_the_pages_in_english(company, login, robot_server):
    client = login(company.team_lead)
    add_robot(client, company, robot_server)
    robot = GroupRobot.objects.get()
    client.post(f"/integrations/robots/{robot.pk}/test/")
    client.cookies["django_language"] = "en"
    listing = client.get("/integrations/robots/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Group robots" in listing
    detail = client.get(f"/integrations/robots/{robot.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    text = detail.content.decode()
    assert "Send a test message" in text
    assert "Sent" in text
