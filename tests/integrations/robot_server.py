"""A stand-in for DingTalk's, WeCom's and anyone's webhook server, started by the test on a
free local port: it checks each request as the real server would (DingTalk's timestamp and
HMAC-SHA256 sign, WeCom's key, the generic webhook's signature header and JSON) and keeps
what it was sent, so a test reads exactly what the group would have read.

It also answers the work-notice APIs of a company's app: DingTalk's ``gettoken`` (AppKey and
AppSecret) and ``topapi/message/corpconversation/asyncsend_v2``, WeCom's ``cgi-bin/gettoken``
(CorpID and Secret) and ``cgi-bin/message/send``, each message only with the token given."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

DINGTALK_SECRET = "SECtest-secret-0123456789"
WECOM_KEY = "wecom-key-42"
WEBHOOK_SECRET = "webhook-secret"
# DingTalk refuses a timestamp more than an hour away from its clock.
DINGTALK_SKEW_MS = 3600 * 1000
# The company's apps (work notices): key, secret, agent id; the token each is given.
DING_APP = ("ding-app-key", "ding-app-secret", 2001)
WECOM_APP = ("ww-corp-id", "wecom-app-secret", 1000002)
TOKENS = {"/gettoken": "ding-access-1", "/cgi-bin/gettoken": "wecom-access-1"}


@dataclass
class Received:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class RobotServer:
    base: str
    received: list[Received] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    fail_next: int = 0  # answer this many requests with a 502 first
    tokens_given: int = 0

    def url(self, kind: str) -> str:
        return {
            "dingtalk": f"{self.base}/robot/send?access_token=ding-token",
            "wecom": f"{self.base}/cgi-bin/webhook/send",
            "webhook": f"{self.base}/hook",
        }[kind]


def _check(server: RobotServer, path: str, query: dict[str, str], headers: Any, raw: bytes):
    """(status, answer) as the real server would give."""
    try:
        body = json.loads(raw)
    except ValueError:
        return 400, {"errcode": 40001, "errmsg": "invalid json"}
    if path == "/robot/send":
        stamp, sign = query.get("timestamp", ""), query.get("sign", "")
        if query.get("access_token") != "ding-token":
            return 200, {"errcode": 300001, "errmsg": "token is not exist"}
        if not stamp.isdigit() or abs(int(stamp) - time.time() * 1000) > DINGTALK_SKEW_MS:
            return 200, {"errcode": 310000, "errmsg": "timestamp out of range"}
        digest = hmac.new(
            DINGTALK_SECRET.encode(), f"{stamp}\n{DINGTALK_SECRET}".encode(), hashlib.sha256
        ).digest()
        if sign != base64.b64encode(digest).decode():
            return 200, {"errcode": 310000, "errmsg": "sign not match"}
        md = body.get("markdown") or {}
        if body.get("msgtype") != "markdown" or not md.get("title") or not md.get("text"):
            return 200, {"errcode": 40035, "errmsg": "missing markdown title or text"}
    elif path == "/cgi-bin/webhook/send":
        if query.get("key") != WECOM_KEY:
            return 200, {"errcode": 93000, "errmsg": "invalid webhook url"}
        content = (body.get("markdown") or {}).get("content", "")
        if body.get("msgtype") != "markdown" or not content or len(content.encode()) > 4096:
            return 200, {"errcode": 40058, "errmsg": "markdown content invalid"}
    elif path == "/topapi/message/corpconversation/asyncsend_v2":
        if query.get("access_token") != TOKENS["/gettoken"]:
            return 200, {"errcode": 88, "errmsg": "invalid access_token"}
        md = (body.get("msg") or {}).get("markdown") or {}
        if body.get("agent_id") != DING_APP[2] or not body.get("userid_list"):
            return 200, {"errcode": 40056, "errmsg": "agent_id or userid_list invalid"}
        if (body.get("msg") or {}).get("msgtype") != "markdown" or not md.get("text"):
            return 200, {"errcode": 40035, "errmsg": "msg invalid"}
        return 200, {"errcode": 0, "errmsg": "ok", "task_id": 1}
    elif path == "/cgi-bin/message/send":
        if query.get("access_token") != TOKENS["/cgi-bin/gettoken"]:
            return 200, {"errcode": 40014, "errmsg": "invalid access_token"}
        if body.get("agentid") != WECOM_APP[2] or not body.get("touser"):
            return 200, {"errcode": 40056, "errmsg": "invalid agentid or touser"}
        if body.get("msgtype") != "markdown" or not (body.get("markdown") or {}).get("content"):
            return 200, {"errcode": 40058, "errmsg": "markdown content invalid"}
    elif path == "/hook":
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), raw, hashlib.sha256).hexdigest()
        if headers.get("X-SalesTarget-Signature") != expected:
            return 401, {"error": "bad signature"}
        if not {"event", "title", "text", "link"} <= set(body):
            return 400, {"error": "missing fields"}
    else:
        return 404, {"error": "no such hook"}
    return 200, {"errcode": 0, "errmsg": "ok"}


def _token(server: RobotServer, path: str, query: dict[str, str]) -> dict[str, Any]:
    """The access token for the app's key and secret, as DingTalk and WeCom give it."""
    if path == "/gettoken":
        given = (query.get("appkey"), query.get("appsecret"))
        app: tuple[str, str, int] = DING_APP
    elif path == "/cgi-bin/gettoken":
        given = (query.get("corpid"), query.get("corpsecret"))
        app = WECOM_APP
    else:
        return {"errcode": 404, "errmsg": "no such api"}
    if given != app[:2]:
        return {"errcode": 40001, "errmsg": "invalid credential"}
    server.tokens_given += 1
    return {"errcode": 0, "errmsg": "ok", "access_token": TOKENS[path], "expires_in": 7200}


def _handler(server: RobotServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            answer = _token(server, parts.path, dict(urllib.parse.parse_qsl(parts.query)))
            out = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            if server.fail_next > 0:
                server.fail_next -= 1
                status, answer = 502, {"error": "bad gateway"}
            else:
                status, answer = _check(server, parts.path, query, self.headers, raw)
            if status == 200 and answer.get("errcode", 0) == 0:
                server.received.append(
                    Received(
                        parts.path,
                        query,
                        {k.lower(): v for k, v in self.headers.items()},
                        json.loads(raw),
                    )
                )
            else:
                server.refused.append(str(answer))
            out = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *_args: Any) -> None:  # quiet
            return None

    return Handler


@pytest.fixture
def robot_server() -> Iterator[RobotServer]:
    server = RobotServer(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def worker_run(monkeypatch: pytest.MonkeyPatch):
    """``worker_run()`` runs the real ``db_worker`` over every task that is due, inside the
    test's transaction: the worker closes "old" connections between tasks, which inside a
    test's transaction (autocommit off) would close PostgreSQL's connection under the test."""
    from django.core.management import call_command

    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run
