"""The login page with single sign-on: local passwords switched off (superusers keep the
break-glass way in), and every way an OpenID sign-in can fail ends on the login page with a
message, never an error page."""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import authenticate
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from salestarget.integrations.sso.oidc import DirectoryOIDCBackend
from tests.integrations.oidc_server import free_port
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def oidc_nowhere(settings) -> None:
    """OIDC configured against a port nothing listens on."""
    base = f"http://127.0.0.1:{free_port()}"
    settings.OIDC_RP_CLIENT_ID = "salestarget"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks"


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_with_passwords_off_the_login_page_offers_only_single_sign_on(
    client: Client, settings, oidc_nowhere
) -> None:
    settings.SALESTARGET_LOCAL_PASSWORDS = False
    settings.SALESTARGET_SSO_LABEL = "Microsoft"
    page = client.get("/login/").content.decode()
    assert 'data-testid="sso-oidc"' in page
    assert "用 Microsoft 登录" in page
    assert 'name="password"' not in page
    assert 'name="password"' in client.get("/login/?break-glass=1").content.decode()


def test_with_passwords_off_only_a_superuser_signs_in_with_one(
    client: Client, company, settings
) -> None:
    settings.SALESTARGET_LOCAL_PASSWORDS = False
    refused = client.post("/login/", {"username": "rep", "password": PASSWORD})
    assert refused.status_code == 200
    assert "用户名或密码不正确" in refused.content.decode()
    signed_in = client.post(
        "/login/?break-glass=1", {"username": "admin", "password": PASSWORD}, follow=True
    )
    assert signed_in.redirect_chain[-1][0] == "/"
    assert signed_in.context["user"] == company.admin.user


def test_the_button_without_a_provider_configured_says_so(client: Client) -> None:
    response = client.get("/oidc/authenticate/", follow=True)
    assert response.redirect_chain[-1][0] == "/login/"
    assert _messages(response) == ["本系统没有配置单点登录，请用用户名和密码登录。"]


def _state(client: Client) -> str:
    to_provider = client.get("/oidc/authenticate/")
    assert to_provider.status_code == 302
    query = parse_qs(urlparse(to_provider["Location"]).query)
    assert query["client_id"] == ["salestarget"]
    assert query["code_challenge_method"] == ["S256"]
    return query["state"][0]


def test_a_provider_that_does_not_answer_is_told_on_the_login_page(
    client: Client, oidc_nowhere
) -> None:
    state = _state(client)
    response = client.get(f"/oidc/callback/?code=abc&state={state}", follow=True)
    assert response.redirect_chain[-1][0] == "/login/"
    assert _messages(response) == ["单点登录未完成：无法连接身份提供方，请稍后再试或联系管理员。"]


def test_a_stale_or_forged_state_and_a_providers_refusal_are_told(
    client: Client, oidc_nowhere
) -> None:
    state = _state(client)
    forged = client.get("/oidc/callback/?code=abc&state=forged", follow=True)
    assert _messages(forged) == ["单点登录未完成：登录请求已过期或无效，请重新点击单点登录。"]
    client.cookies.load({"django_language": "en"})
    denied = client.get(
        f"/oidc/callback/?error=access_denied&state={state}", HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert _messages(denied) == ["The identity provider did not let you sign in (access_denied)."]


class ProviderAnswers(DirectoryOIDCBackend):
    """The OIDC backend with the provider's answers as the token, key and user-info calls
    would bring them (the browser test runs the real calls against a local provider)."""

    id_token: ClassVar[dict[str, Any]] = {}

    def get_token(self, payload):
        return {"id_token": "id", "access_token": "access"}

    def retrieve_matching_jwk(self, token):
        return "key"

    def get_payload_data(self, token, key):
        return {"nonce": "n", "aud": "salestarget", **self.id_token}

    def get_userinfo(self, access_token, id_token, payload):
        return {"email": "nobody@example.com"}


def _callback(rf):
    request = rf.get("/oidc/callback/?code=abc&state=s")
    request.session = SessionStore()
    return request


def test_a_refused_sign_in_is_in_the_audit_trail_under_the_employee_number(
    rf, company, settings, oidc_nowhere
) -> None:
    settings.AUTHENTICATION_BACKENDS = [f"{__name__}.ProviderAnswers"]
    ProviderAnswers.id_token = {"sub": "s-1", "employee_number": "E-404"}
    request = _callback(rf)
    assert authenticate(request=request, nonce="n", code_verifier=None) is None
    assert "E-404 不在本系统的人员名单中" in request.sso_refusal
    failed = LogEntry.objects.filter(additional_data__event="login_failed").get()
    assert failed.object_repr == "E-404"


def test_an_id_token_made_for_another_application_is_refused(rf, company, oidc_nowhere) -> None:
    ProviderAnswers.id_token = {"sub": "s-1", "employee_number": "REP", "aud": "other-app"}
    with pytest.raises(SuspiciousOperation):
        ProviderAnswers().authenticate(_callback(rf), nonce="n", code_verifier=None)
    ProviderAnswers.id_token = {"sub": "s-1", "employee_number": "REP", "aud": ["x", "salestarget"]}
    assert ProviderAnswers().authenticate(_callback(rf), nonce="n") == company.rep.user
