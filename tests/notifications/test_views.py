"""The notification centre page and the navbar badge."""

from __future__ import annotations

from salestarget.notifications.models import Notification
from salestarget.notifications.services import notification_send


def test_the_badge_counts_unread_and_the_centre_lists_only_mine(company, login) -> None:
    notification_send(
        recipients=[company.rep.user], kind="x", title="请提交目标草案", link="/targets/mine/"
    )
    notification_send(recipients=[company.rep_other.user], kind="x", title="别人的通知")
    client = login(company.rep)
    page = client.get("/notifications/").content.decode()
    badge = page[page.index('id="notification-badge"') :]
    assert badge[: badge.index("</a>")].count(">1<") == 1  # the navbar badge on every page
    assert "请提交目标草案" in page
    assert "别人的通知" not in page


def test_opening_a_notification_marks_it_read_and_follows_the_link(company, login) -> None:
    sent = notification_send(
        recipients=[company.rep.user], kind="x", title="t", link="/targets/mine/"
    )[0]
    client = login(company.rep)
    response = client.post("/notifications/read/", {"id": sent.pk, "next": "/targets/mine/"})
    assert response.url == "/targets/mine/"
    assert Notification.objects.get(pk=sent.pk).read_at is not None
    off_site = client.post("/notifications/read/", {"next": "https://evil.example/"})
    assert off_site.url == "/notifications/"


def test_a_mangled_form_marks_nothing_and_lands_on_the_centre(company, login) -> None:
    """A bare word for ``next`` is no page (it once failed as a view's name), and an id that
    names no notification marks none, not every one."""
    sent = notification_send(recipients=[company.rep.user], kind="x", title="t")[0]
    client = login(company.rep)
    for bad_id in ("abc", "-1", "99999999999999999999"):
        response = client.post("/notifications/read/", {"id": bad_id, "next": "abc"})
        assert response.status_code == 302
        assert response.url == "/notifications/"
    assert Notification.objects.get(pk=sent.pk).read_at is None


def test_someone_elses_notification_cannot_be_marked(company, login) -> None:
    other = notification_send(recipients=[company.rep_other.user], kind="x", title="t")[0]
    login(company.rep).post("/notifications/read/", {"id": other.pk})
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_the_badge_endpoint_for_htmx(company, login) -> None:
    notification_send(recipients=[company.rep.user], kind="x", title="t")
    html = login(company.rep).get("/notifications/badge/").content.decode()
    assert 'id="notification-badge"' in html
    assert ">1<" in html
