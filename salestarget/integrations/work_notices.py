"""A person's message by DingTalk work notice (工作通知) or WeCom application message (应用消息),
through the company's app (``WorkApp``), and by e-mail — the ``post`` of a ``PersonalSend``
that ``delivery.attempt`` tries and retries as it does a robot's.

- DingTalk: ``GET {base}/gettoken?appkey=&appsecret=`` → ``access_token``; then
  ``POST {base}/topapi/message/corpconversation/asyncsend_v2?access_token=`` with
  ``{"agent_id", "userid_list", "msg": {"msgtype": "markdown", "markdown": {"title", "text"}}}``.
- WeCom: ``GET {base}/cgi-bin/gettoken?corpid=&corpsecret=`` → ``access_token``; then
  ``POST {base}/cgi-bin/message/send?access_token=`` with
  ``{"touser", "msgtype": "markdown", "agentid", "markdown": {"content"}}``.

A person's account in DingTalk/WeCom (userid) is their employee number (工号), as companies
set it when they create the accounts. The token is kept in the cache till shortly before it
expires (both APIs limit how often one may be asked for).
"""

from __future__ import annotations

import json
import urllib.parse

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail

from salestarget.integrations.models import Channel, PersonalSend, WorkApp
from salestarget.integrations.webhooks import DeliveryError, Outgoing, clipped, deliver
from salestarget.notifications.services import mail_address

DINGTALK_API = "https://oapi.dingtalk.com"
WECOM_API = "https://qyapi.weixin.qq.com"
HEADERS = {"Content-Type": "application/json; charset=utf-8"}
TOKEN_MARGIN_SECONDS = 300


def work_notice_post(send: PersonalSend) -> None:
    """Deliver ``send`` by its channel; raises ``DeliveryError`` when it was not taken."""
    if send.channel == Channel.EMAIL:
        _mail(send)
        return
    app = WorkApp.objects.filter(kind=send.channel, is_active=True).first()
    if app is None:
        raise DeliveryError(f"no active {send.channel} app is set up")
    userid = _userid(send)
    try:
        if send.channel == Channel.DINGTALK:
            _dingtalk(app, userid, send)
        else:
            _wecom(app, userid, send)
    except DeliveryError:
        cache.delete(_token_key(app))  # an expired token is asked for again on the next try
        raise


def _userid(send: PersonalSend) -> str:
    person = getattr(send.user, "person", None)
    if person is None or not person.employee_no:
        raise DeliveryError("the person has no employee number to address")
    return str(person.employee_no)


def _dingtalk(app: WorkApp, userid: str, send: PersonalSend) -> None:
    base = (app.api_base or DINGTALK_API).rstrip("/")
    token = _token(app, f"{base}/gettoken", appkey=app.app_key, appsecret=app.app_secret)
    body = {
        "agent_id": app.agent_id,
        "userid_list": userid,
        "msg": {"msgtype": "markdown", "markdown": {"title": send.title, "text": _text(send)}},
    }
    url = f"{base}/topapi/message/corpconversation/asyncsend_v2?" + _query(access_token=token)
    deliver(Outgoing(url, _json(body), HEADERS), kind="dingtalk")


def _wecom(app: WorkApp, userid: str, send: PersonalSend) -> None:
    base = (app.api_base or WECOM_API).rstrip("/")
    token = _token(app, f"{base}/cgi-bin/gettoken", corpid=app.app_key, corpsecret=app.app_secret)
    body = {
        "touser": userid,
        "msgtype": "markdown",
        "agentid": app.agent_id,
        "markdown": {"content": _text(send)},
    }
    url = f"{base}/cgi-bin/message/send?" + _query(access_token=token)
    deliver(Outgoing(url, _json(body), HEADERS), kind="wecom")


def _token(app: WorkApp, url: str, **params: str) -> str:
    key = _token_key(app)
    token = cache.get(key)
    if isinstance(token, str) and token:
        return token
    answer = json.loads(deliver(Outgoing(f"{url}?{_query(**params)}", b""), kind=app.kind))
    token = str(answer.get("access_token") or "")
    if not token:
        raise DeliveryError("the token answer has no access_token")
    life = int(answer.get("expires_in") or 7200) - TOKEN_MARGIN_SECONDS
    cache.set(key, token, max(life, 60))
    return token


def _token_key(app: WorkApp) -> str:
    # The saved time is in the key: a changed secret never reuses the old token.
    return f"integrations:work-app-token:{app.pk}:{app.updated_at.timestamp()}"


def _text(send: PersonalSend) -> str:
    return clipped(send.text + (f"\n\n[{send.link}]({send.link})" if send.link else ""))


def _mail(send: PersonalSend) -> None:
    address = mail_address(send.user)
    if not address:
        raise DeliveryError("the person has no e-mail address")
    try:
        send_mail(send.title, f"{send.text}\n\n{send.link}".strip(), None, [address])
    except OSError as exc:
        raise DeliveryError(f"mail: {exc}") from exc


def _query(**params: str) -> str:
    return urllib.parse.urlencode(params)


def _json(payload: dict[str, object]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


def mail_enabled() -> bool:
    return bool(getattr(settings, "SALESTARGET_MAIL_ENABLED", False))
