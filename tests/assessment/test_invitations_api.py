"""Customer invitations over the API: the rep (or their manager) invites one of the rep's
customers and gets the link once; the list shows each invitation's state — whether the
customer answered only to the manager, never the answer; an invitation is revoked (its link
dies) or sent again with a fresh link (the old one dies), and the east manager reaches
none of it."""

from __future__ import annotations

import re

from salestarget.assessment.models import Review, Scorecard

LINK = re.compile(r"/assessment/r/([\w-]+)/$")


def invite(client, card, customer, **body):
    return client.post(
        f"/api/assessment/scorecards/{card.pk}/invitations",
        {"customer": customer.pk, **body},
        content_type="application/json",
    )


def answer(client, team, link) -> int:
    path = "/assessment/r/" + LINK.search(link).group(1) + "/"
    return client.post(
        path,
        {f"item_{team.item('沟通能力').pk}": "5", f"item_{team.item('团队协作').pk}": "4"},
    ).status_code


def test_the_rep_invites_a_customer_and_only_the_manager_learns_that_they_answered(
    team, open_cycle, login, client, mailoutbox
):
    card = Scorecard.objects.get(cycle=open_cycle(), person=team.rep)
    rep = login(team.rep)
    made = invite(rep, card, team.company.customer_bj, contact="刘采购", email="liu@buyer.example")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["state"] == "open"
    assert body["mailed"] is True
    assert body["link"] in mailoutbox[0].body
    assert body["customer"] == team.company.customer_bj.name
    rep.logout()
    assert answer(client, team, body["link"]) == 200
    # The rep is not told that this customer answered; the manager is.
    listed = login(team.rep).get(f"/api/assessment/scorecards/{card.pk}/invitations").json()
    assert [(i["id"], i["state"]) for i in listed] == [(body["id"], "open")]
    assert "rating" not in str(listed)
    assert "comment" not in str(listed)
    led = login(team.lead).get(f"/api/assessment/scorecards/{card.pk}/invitations").json()
    assert [i["state"] for i in led] == ["answered"]


def test_a_revoked_link_stops_working_and_cannot_be_revoked_or_resent_again(
    team, open_cycle, login, client
):
    card = Scorecard.objects.get(cycle=open_cycle(), person=team.rep)
    manager = login(team.lead)
    body = invite(manager, card, team.company.customer_bj).json()
    assert body["mailed"] is False
    revoked = manager.post(f"/api/assessment/invitations/{body['id']}/revoke")
    assert revoked.status_code == 200
    assert revoked.json()["state"] == "revoked"
    assert Review.objects.get(pk=body["id"]).token_digest == ""
    again = manager.post(f"/api/assessment/invitations/{body['id']}/revoke")
    assert again.status_code == 422
    assert "已撤回" in str(again.json())
    resent = manager.post(
        f"/api/assessment/invitations/{body['id']}/resend", {}, content_type="application/json"
    )
    assert resent.status_code == 422
    manager.logout()
    assert client.get(LINK.search(body["link"]).group(0)).status_code == 404


def test_resending_makes_a_fresh_link_and_the_old_one_dies(team, open_cycle, login, mailoutbox):
    card = Scorecard.objects.get(cycle=open_cycle(), person=team.rep)
    rep = login(team.rep)
    first = invite(rep, card, team.company.customer_bj, email="liu@buyer.example").json()
    resent = rep.post(
        f"/api/assessment/invitations/{first['id']}/resend",
        {"days": 30},
        content_type="application/json",
    )
    assert resent.status_code == 200, resent.content
    second = resent.json()
    assert second["link"] != first["link"]
    assert second["expires_at"] > first["expires_at"]
    assert len(mailoutbox) == 2
    assert second["link"] in mailoutbox[1].body
    rep.logout()
    assert rep.get(LINK.search(first["link"]).group(0)).status_code == 404
    assert rep.get(LINK.search(second["link"]).group(0)).status_code == 200


def test_bad_input_is_named_and_writes_nothing(team, open_cycle, login):
    card = Scorecard.objects.get(cycle=open_cycle(), person=team.rep)
    rep = login(team.rep)
    # 上海客户 is 陈小红's customer, not 王小明's.
    other = invite(rep, card, team.company.customer_sh)
    assert other.status_code == 422
    assert str(team.company.customer_sh.pk) in other.content.decode()
    assert invite(rep, card, team.company.customer_bj, days=400).status_code == 422
    bad_mail = invite(rep, card, team.company.customer_bj, email="not-an-address")
    assert bad_mail.status_code == 422
    assert "not-an-address" in str(bad_mail.json())
    assert not Review.objects.filter(group="customer").exists()


def test_the_east_manager_reaches_none_of_it(team, open_cycle, login):
    card = Scorecard.objects.get(cycle=open_cycle(), person=team.rep)
    made = invite(login(team.rep), card, team.company.customer_bj).json()
    east = login(team.company.manager_east)
    assert east.get(f"/api/assessment/scorecards/{card.pk}/invitations").status_code == 404
    assert invite(east, card, team.company.customer_bj).status_code == 404
    assert east.post(f"/api/assessment/invitations/{made['id']}/revoke").status_code == 404
    assert Review.objects.get(pk=made["id"]).status == "requested"
