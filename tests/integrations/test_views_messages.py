"""The message preferences page and API (each person their own) and the admin's page for the
company's DingTalk/WeCom apps, whose secrets are never shown back."""

from __future__ import annotations

from salestarget.integrations.models import MessageChoice, MessageSettings, WorkApp
from salestarget.notifications.kinds import NotificationKind


def form_data(**changes: str) -> dict[str, str]:
    data = {f"channel_{k}": "in_app" for k in NotificationKind.values}
    return {**data, "quiet_start": "22:00", "quiet_end": "07:30", **changes}


def test_a_rep_chooses_the_channels_and_quiet_hours_on_the_page(company, login):
    client = login(company.rep)
    page = client.get("/integrations/messages/").content.decode()
    assert "进度落后预警" in page
    assert 'value="dingtalk"' not in page  # no DingTalk app set up: not offered

    answer = client.post(
        "/integrations/messages/",
        form_data(channel_tracking_alert="in_app", digest_tracking_alert="on"),
    )
    assert answer.status_code == 302
    hours = MessageSettings.objects.get(user=company.rep.user)
    assert (str(hours.quiet_start), str(hours.quiet_end)) == ("22:00:00", "07:30:00")
    alert = MessageChoice.objects.get(user=company.rep.user, kind="tracking_alert")
    assert (alert.channel, alert.digest) == ("in_app", True)
    assert MessageChoice.objects.filter(user=company.rep.user).count() == len(NotificationKind)


def test_a_channel_not_offered_is_refused_naming_it_in_english(company, login):
    client = login(company.rep)
    client.cookies["django_language"] = "en"
    page = client.post(
        "/integrations/messages/",
        form_data(channel_plan_approved="wecom", quiet_end=""),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "Message settings" in page
    assert "Select a valid choice. wecom is not one of the available choices." in page
    assert not MessageChoice.objects.exists()


def test_the_admin_sets_up_the_dingtalk_app_and_never_reads_its_secret_again(company, login):
    client = login(company.admin)
    data = {
        "kind": "dingtalk",
        "dingtalk-app_key": "ding-key",
        "dingtalk-app_secret": "very-secret-value",
        "dingtalk-agent_id": "2001",
        "dingtalk-is_active": "on",
    }
    assert client.post("/integrations/work-apps/", data).status_code == 302
    data["dingtalk-app_secret"] = ""  # blank keeps it
    client.post("/integrations/work-apps/", {**data, "dingtalk-agent_id": "2002"})
    app = WorkApp.objects.get()
    assert (app.app_secret, app.agent_id) == ("very-secret-value", 2002)
    page = client.get("/integrations/work-apps/").content.decode()
    assert "very-secret-value" not in page
    assert "已设置密钥" in page
    assert login(company.manager_north).get("/integrations/work-apps/").status_code == 403

    rep_page = login(company.rep).get("/integrations/messages/").content.decode()
    assert 'value="dingtalk"' in rep_page  # now offered to everyone


def test_the_api_reads_and_writes_only_ones_own_preferences(company, login):
    WorkApp.objects.create(kind="wecom", app_key="ww", app_secret="s", agent_id=1)
    client = login(company.rep)
    answer = client.put(
        "/api/integrations/messages/preferences",
        {
            "quiet_start": "12:00",
            "quiet_end": "13:30",
            "choices": [{"kind": "plan_approved", "channel": "wecom", "digest": False}],
        },
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["choices"] == [{"kind": "plan_approved", "channel": "wecom", "digest": False}]
    assert body["channels"] == ["in_app", "wecom"]
    other = login(company.rep_other).get("/api/integrations/messages/preferences").json()
    assert (other["choices"], other["quiet_start"]) == ([], None)

    refused = login(company.rep).put(
        "/api/integrations/messages/preferences",
        {"choices": [{"kind": "plan_approved", "channel": "dingtalk"}]},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "dingtalk" in refused.content.decode()
    assert MessageChoice.objects.get(user=company.rep.user).channel == "wecom"  # kept
    assert client.get("/api/integrations/messages/log").json() == []
