"""Signing in with DingTalk (钉钉) against a local stand-in of its APIs: the button goes to
DingTalk's login page with the app's id and a state; the way back follows the one-time code to
the person's 工号 (job_number) and signs them in, or says on the login page why not."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from auditlog.models import LogEntry
from django.test import Client

from tests.integrations.dingtalk_server import CLIENT_ID

pytestmark = pytest.mark.django_db


def _state(client: Client) -> str:
    to_dingtalk = client.get("/sso/dingtalk/")
    assert to_dingtalk.status_code == 302
    url = urlparse(to_dingtalk["Location"])
    assert url.netloc == "login.dingtalk.com"
    query = parse_qs(url.query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == ["http://testserver/sso/dingtalk/callback/"]
    return query["state"][0]


def _back(client: Client, code: str, state: str):
    return client.get(f"/sso/dingtalk/callback/?authCode={code}&state={state}", follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_rep_signs_in_with_dingtalk_by_his_job_number(
    client: Client, company, dingtalk_server
) -> None:
    assert 'data-testid="sso-dingtalk"' in client.get("/login/").content.decode()
    response = _back(client, "code-rep", _state(client))
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"] == company.rep.user
    signed_in = LogEntry.objects.filter(additional_data__event="login").latest("timestamp")
    assert signed_in.additional_data["method"] == "dingtalk"


def test_an_outsider_a_bad_code_and_a_wrong_secret_are_told_in_english_too(
    client: Client, company, dingtalk_server, settings
) -> None:
    assert _messages(_back(client, "code-outsider", _state(client))) == [
        "钉钉没有认出你是本企业的成员。"
    ]
    assert _messages(_back(client, "code-forged", _state(client))) == [
        "钉钉登录未完成：钉钉没有应答，请稍后再试或联系管理员。"
    ]
    client.cookies.load({"django_language": "en"})
    settings.SALESTARGET_DINGTALK_SECRET = "not-the-secret"
    assert _messages(_back(client, "code-rep", _state(client))) == [
        "DingTalk sign-in did not finish: DingTalk did not answer. Please try again later or "
        "contact the administrator."
    ]
    assert not client.get("/").wsgi_request.user.is_authenticated
