"""The e-mail that takes a customer to their review (Django's mail; the backend is the
site's: SMTP in production, the console in development, ``locmem`` in tests).

Only a link's digest is stored, so the link itself exists only while it is being sent:
the invitation carries the first one, and a reminder carries a fresh one (the earlier link
then stops working). The mail is in Chinese with the English below it: a customer's
language is not known.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from salestarget.assessment.models import Review


def customer_link(token: str, site: str = "") -> str:
    """The absolute link of a customer review; ``site`` is the request's own address (e.g.
    ``https://st.example.com``), else ``SALESTARGET_SITE_URL``."""
    base = (site or settings.SALESTARGET_SITE_URL).rstrip("/")
    return base + reverse("assessment:customer_review", args=[token])


def _text(review: Review, link: str, *, reminder: bool) -> tuple[str, str]:
    card = review.scorecard
    values = {
        "person": card.person.name,
        "cycle": card.cycle.name,
        "contact": review.contact or (review.customer.name if review.customer else ""),
        "until": timezone.localtime(review.expires_at).strftime("%Y-%m-%d")
        if review.expires_at
        else "",
        "link": link,
    }
    subject = (
        _("提醒：请为 %(person)s 填写评价") if reminder else _("请为 %(person)s 填写评价")
    ) % values
    body = (
        _(
            "%(contact)s 您好：\n\n%(person)s 正在进行绩效考核（%(cycle)s），"
            "诚邀您对其服务作出评价。评价无需登录，约需两分钟，链接有效期至 %(until)s：\n\n"
            "%(link)s\n\n您的评分只以至少 3 份的平均值出现，不会单独显示给任何人。"
        )
        % values
    )
    return subject, body


def customer_mail_send(
    *, review: Review, token: str, site: str = "", reminder: bool = False
) -> None:
    """Send the review's link to the customer's address; raises ``OSError`` when the mail
    server refuses (callers decide what that means)."""
    link = customer_link(token, site)
    with translation.override("zh-hans"):
        subject, body = _text(review, link, reminder=reminder)
    with translation.override("en"):
        subject_en, body_en = _text(review, link, reminder=reminder)
    send_mail(
        f"{subject} / {subject_en}",
        f"{body}\n\n————\n\n{body_en}",
        None,
        [review.email],
    )
