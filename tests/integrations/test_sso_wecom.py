"""Signing in with WeCom (企业微信) against a local stand-in of its API: the button goes to
WeCom's login page with the company's ids and a state; the way back turns the one-time code
into the member's userid (the employee number) and signs them in, or says on the login page
why not."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.test import Client

from tests.integrations.wecom_server import AGENT_ID, CORP_ID

pytestmark = pytest.mark.django_db


def _state(client: Client) -> str:
    to_wecom = client.get("/sso/wecom/")
    assert to_wecom.status_code == 302
    url = urlparse(to_wecom["Location"])
    assert url.netloc == "login.work.weixin.qq.com"
    query = parse_qs(url.query)
    assert query["appid"] == [CORP_ID]
    assert query["agentid"] == [AGENT_ID]
    assert query["redirect_uri"] == ["http://testserver/sso/wecom/callback/"]
    return query["state"][0]


def _back(client: Client, code: str, state: str):
    return client.get(f"/sso/wecom/callback/?code={code}&state={state}", follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_rep_signs_in_with_wecom(client: Client, company, wecom_server) -> None:
    assert 'data-testid="sso-wecom"' in client.get("/login/").content.decode()
    response = _back(client, "code-rep", _state(client))
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"] == company.rep.user
    signed_in = LogEntry.objects.filter(additional_data__event="login").latest("timestamp")
    assert signed_in.additional_data["method"] == "wecom"


def test_strangers_outsiders_stale_states_and_a_wrong_secret_are_told(
    client: Client, company, wecom_server, settings
) -> None:
    stranger = _back(client, "code-stranger", _state(client))
    assert stranger.redirect_chain[-1][0] == "/login/"
    assert _messages(stranger) == ["E-404 不在本系统的人员名单中，请联系管理员先添加你。"]
    assert _messages(_back(client, "code-outsider", _state(client))) == [
        "企业微信没有认出你是本企业的成员。"
    ]
    _state(client)
    assert _messages(_back(client, "code-rep", "forged")) == [
        "企业微信登录未完成：登录请求已过期或无效，请重新点击企业微信登录。"
    ]
    settings.SALESTARGET_WECOM_SECRET = "not-the-secret"
    assert _messages(_back(client, "code-rep", _state(client))) == [
        "企业微信登录未完成：企业微信没有应答，请稍后再试或联系管理员。"
    ]
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_refusals_never_lock_out_the_office_they_come_from(
    client: Client, company, wecom_server, settings
) -> None:
    # Six strangers behind one address: six refusals, no lock-out for the seventh person.
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert "E-404" in _messages(_back(client, "code-stranger", _state(client)))[0]
    assert not AccessAttempt.objects.exists()
    assert _back(client, "code-rep", _state(client)).context["user"] == company.rep.user
