"""Everyone manages their own API tokens: create one (its secret shown once), revoke it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from salestarget.org.auth import api_token_create
from salestarget.org.models import ApiToken
from tests.personas import Company, account


def test_a_rep_creates_a_token_and_uses_it(login, company: Company) -> None:
    client = login(company.rep)
    resp = client.post(reverse("org:token_list"), {"name": "CRM 同步"})
    secret = resp.context["secret"]
    assert secret.startswith("st_")
    assert secret in resp.content.decode()
    token = ApiToken.objects.get(user=company.rep.user)
    assert token.name == "CRM 同步"
    assert secret not in token.digest
    client.logout()
    api = client.get("/api/org/me", headers={"Authorization": f"Bearer {secret}"})
    assert api.json()["username"] == "rep"
    # The secret is shown once only.
    login(company.rep)
    assert secret not in client.get(reverse("org:token_list")).content.decode()


def test_a_token_needs_a_name(login, company: Company) -> None:
    client = login(company.rep)
    resp = client.post(reverse("org:token_list"), {"name": "  "})
    assert resp.context["secret"] is None
    assert "name" in resp.context["form"].errors
    assert not ApiToken.objects.exists()


def test_a_revoked_token_stops_working(login, company: Company) -> None:
    secret = api_token_create(user=account(company.rep), name="ERP")
    token = ApiToken.objects.get()
    client = login(company.rep)
    client.post(reverse("org:token_revoke", args=[token.pk]))
    client.logout()
    resp = client.get("/api/org/me", headers={"Authorization": f"Bearer {secret}"})
    assert resp.status_code == 401


def test_nobody_sees_or_revokes_someone_elses_token(login, company: Company) -> None:
    api_token_create(user=account(company.rep_other), name="别人的")
    token = ApiToken.objects.get()
    client = login(company.admin)
    assert "别人的" not in client.get(reverse("org:token_list")).content.decode()
    assert client.post(reverse("org:token_revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get().is_active


def test_a_token_works_until_it_expires(login, company: Company) -> None:
    import datetime as dt

    from django.utils import timezone

    client = login(company.rep)
    resp = client.post(reverse("org:token_list"), {"name": "季度报表", "days": "30"})
    secret = resp.context["secret"]
    token = ApiToken.objects.get()
    assert len(token.digest) == 64  # only the SHA-256 is kept
    assert token.digest != secret
    left = token.expires_at - timezone.now()
    assert dt.timedelta(days=29) < left <= dt.timedelta(days=30)
    client.logout()
    me = client.get("/api/org/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    me = client.get("/api/org/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 401
    page = login(company.rep).get(reverse("org:token_list")).content.decode()
    assert 'data-testid="expired"' in page


def test_a_token_cannot_be_made_for_longer_than_a_year(login, company: Company) -> None:
    client = login(company.rep)
    resp = client.post(reverse("org:token_list"), {"name": "永久", "days": "3650"})
    assert resp.context["secret"] is None
    assert "days" in resp.context["form"].errors
    assert not ApiToken.objects.exists()


def test_a_tokens_last_use_is_kept_to_the_minute_without_a_write_per_request(
    client, company: Company
) -> None:
    secret = api_token_create(user=account(company.rep), name="CRM")
    bearer = {"Authorization": f"Bearer {secret}"}
    assert ApiToken.objects.get().last_used_at is None
    assert client.get("/api/org/me", headers=bearer).status_code == 200
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    # Again within the minute: the page shows the same minute, so nothing is written.
    assert client.get("/api/org/me", headers=bearer).status_code == 200
    assert ApiToken.objects.get().last_used_at == first
    # A use a minute or more after the one recorded moves it on.
    ApiToken.objects.update(last_used_at=first - dt.timedelta(minutes=1))
    assert client.get("/api/org/me", headers=bearer).status_code == 200
    assert ApiToken.objects.get().last_used_at > first
