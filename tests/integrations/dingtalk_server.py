"""A stand-in for DingTalk's (钉钉) two APIs, on a free local port: the user token for a
one-time code (checking the app's id and secret), the person's unionId with that token, the
app's own token, a unionId's userid in the company and a userid's record, as DingTalk answers
them."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

CLIENT_ID = "dingtestappkey"
SECRET = "dingtalk-app-secret"
APP_TOKEN = "dingtalk-app-token"
# A one-time code → the person's unionId (a code for somebody outside the company has one
# DingTalk knows no member for).
CODES = {"code-rep": "union-rep", "code-outsider": "union-nobody"}
MEMBERS = {"union-rep": "ding-user-7"}
RECORDS = {"ding-user-7": {"userid": "ding-user-7", "name": "王小明", "job_number": "REP"}}


class _DingTalk(BaseHTTPRequestHandler):
    def _answer(self, answer: dict[str, Any], status: int = 200) -> None:
        body = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/v1.0/contact/users/me":
            token = self.headers.get("x-acs-dingtalk-access-token", "")
            if not token.startswith("user-token-"):
                self._answer({"code": "InvalidAuthentication"}, status=401)
                return
            self._answer({"nick": "小明", "unionId": token.removeprefix("user-token-")})
        elif url.path == "/gettoken":
            if (query.get("appkey"), query.get("appsecret")) == (CLIENT_ID, SECRET):
                self._answer({"errcode": 0, "access_token": APP_TOKEN, "expires_in": 7200})
            else:
                self._answer({"errcode": 40089, "errmsg": "invalid appkey or appsecret"})
        else:
            self.send_error(404)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if url.path == "/v1.0/oauth2/userAccessToken":
            good = (body.get("clientId"), body.get("clientSecret")) == (CLIENT_ID, SECRET)
            if not good or body.get("code") not in CODES:
                self._answer({"code": "invalidCode", "message": "code is invalid"}, status=400)
                return
            self._answer({"accessToken": f"user-token-{CODES[body['code']]}", "expireIn": 7200})
        elif query.get("access_token") != APP_TOKEN:
            self._answer({"errcode": 88, "errmsg": "invalid access_token"})
        elif url.path == "/topapi/user/getbyunionid":
            userid = MEMBERS.get(body.get("unionid", ""))
            if userid is None:
                self._answer({"errcode": 60121, "errmsg": "找不到该用户"})
            else:
                self._answer({"errcode": 0, "result": {"contact_type": 0, "userid": userid}})
        elif url.path == "/topapi/v2/user/get":
            self._answer({"errcode": 0, "result": RECORDS[body["userid"]]})
        else:
            self.send_error(404)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class DingTalkServer:
    base: str


@pytest.fixture
def dingtalk_server(settings: Any) -> Iterator[DingTalkServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DingTalk)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.SALESTARGET_DINGTALK_CLIENT_ID = CLIENT_ID
    settings.SALESTARGET_DINGTALK_SECRET = SECRET
    settings.SALESTARGET_DINGTALK_API = base
    settings.SALESTARGET_DINGTALK_OAPI = base
    try:
        yield DingTalkServer(base=base)
    finally:
        server.shutdown()
        server.server_close()
