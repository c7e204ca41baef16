"""How each kind of robot is spoken to: the request (address, headers, JSON body) for a
markdown message, and whether the answer says it was taken.

- DingTalk (钉钉): ``{"msgtype": "markdown", "markdown": {"title", "text"}}``; a robot with a
  signing secret gets ``&timestamp=<ms>&sign=<base64 HMAC-SHA256 of "timestamp\\nsecret">``
  on its address; the answer is ``{"errcode": 0}`` when taken.
- WeCom (企业微信): ``{"msgtype": "markdown", "markdown": {"content"}}`` posted to the
  address with ``?key=<key>``; answers ``{"errcode": 0}``.
- A generic webhook: a JSON object with the event, title, markdown text and link; with a
  secret, ``X-SalesTarget-Signature: sha256=<hex HMAC-SHA256 of the body>``; any 2xx is taken.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

WECOM_URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"
TIMEOUT_SECONDS = 10
# WeCom refuses markdown over 4,096 bytes; DingTalk's limit is larger. A message is cut with
# a mark rather than refused.
MAX_TEXT_BYTES = 4000
SIGNATURE_HEADER = "X-SalesTarget-Signature"


class DeliveryError(Exception):
    """The robot's server did not take the message (the reason is the message)."""


@dataclass(frozen=True)
class Outgoing:
    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's signature of a timestamp: base64 of HMAC-SHA256(secret, "ts\\nsecret")."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def body_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def with_query(url: str, **params: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in query if k not in params] + list(params.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def clipped(text: str) -> str:
    raw = text.encode()
    if len(raw) <= MAX_TEXT_BYTES:
        return text
    return raw[:MAX_TEXT_BYTES].decode(errors="ignore").rstrip() + "\n…"


def outgoing(
    *,
    kind: str,
    url: str,
    secret: str,
    event: str,
    title: str,
    text: str,
    link: str,
    now_ms: int | None = None,
) -> Outgoing:
    """The request that posts one markdown message to a robot of ``kind``."""
    text = clipped(text)
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if kind == "dingtalk":
        payload: dict[str, Any] = {
            "msgtype": "markdown",
            "markdown": {"title": title, "text": text},
        }
        if secret:
            stamp = now_ms if now_ms is not None else int(time.time() * 1000)
            url = with_query(url, timestamp=str(stamp), sign=dingtalk_sign(secret, stamp))
        return Outgoing(url, _json(payload), headers)
    if kind == "wecom":
        payload = {"msgtype": "markdown", "markdown": {"content": text}}
        if secret:
            url = with_query(url or WECOM_URL, key=secret)
        return Outgoing(url, _json(payload), headers)
    payload = {"event": event, "title": title, "text": text, "link": link}
    body = _json(payload)
    if secret:
        headers[SIGNATURE_HEADER] = body_signature(secret, body)
    return Outgoing(url, body, headers)


def _json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


def deliver(request: Outgoing, *, kind: str) -> str:
    """Post ``request``; returns the server's answer, raises :class:`DeliveryError` when the
    message was not taken (a network error, a non-2xx status, a DingTalk/WeCom errcode)."""
    # An empty body is a GET (an access token); a message is a POST.
    http = urllib.request.Request(request.url, data=request.body or None, headers=request.headers)
    try:
        with urllib.request.urlopen(http, timeout=TIMEOUT_SECONDS) as answer:
            raw = answer.read(20_000).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DeliveryError(str(getattr(exc, "reason", exc))) from exc
    if kind in ("dingtalk", "wecom"):
        try:
            answer_json = json.loads(raw)
        except ValueError as exc:
            raise DeliveryError(f"not JSON: {raw[:200]}") from exc
        code = answer_json.get("errcode") if isinstance(answer_json, dict) else None
        if code != 0:
            msg = answer_json.get("errmsg", "") if isinstance(answer_json, dict) else raw
            raise DeliveryError(f"errcode {code}: {msg}"[:400])
    return str(raw[:500])
