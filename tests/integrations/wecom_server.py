"""A stand-in for WeCom's (企业微信) server API, on a free local port: ``gettoken`` checks the
CorpID and the app's Secret, ``auth/getuserinfo`` checks the token and answers the member a
one-time code belongs to, as WeCom does."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

CORP_ID = "ww-test-corp"
AGENT_ID = "1000002"
SECRET = "wecom-app-secret"
TOKEN = "wecom-access-token"
# A one-time code → what getuserinfo answers for it.
CODES: dict[str, dict[str, Any]] = {
    "code-rep": {"errcode": 0, "errmsg": "ok", "userid": "REP"},
    "code-stranger": {"errcode": 0, "errmsg": "ok", "userid": "E-404"},
    "code-outsider": {"errcode": 0, "errmsg": "ok", "openid": "o-outside-1"},
}


class _WeCom(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/cgi-bin/gettoken":
            if (query.get("corpid"), query.get("corpsecret")) == (CORP_ID, SECRET):
                answer: dict[str, Any] = {"errcode": 0, "access_token": TOKEN, "expires_in": 7200}
            else:
                answer = {"errcode": 40001, "errmsg": "invalid credential"}
        elif url.path == "/cgi-bin/auth/getuserinfo":
            if query.get("access_token") != TOKEN:
                answer = {"errcode": 40014, "errmsg": "invalid access_token"}
            else:
                answer = CODES.get(
                    query.get("code", ""), {"errcode": 40029, "errmsg": "invalid code"}
                )
        else:
            self.send_error(404)
            return
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class WeComServer:
    base: str

    def settings_apply(self, django_settings: Any) -> None:
        django_settings.SALESTARGET_WECOM_CORP_ID = CORP_ID
        django_settings.SALESTARGET_WECOM_AGENT_ID = AGENT_ID
        django_settings.SALESTARGET_WECOM_SECRET = SECRET
        django_settings.SALESTARGET_WECOM_API = self.base


@pytest.fixture
def wecom_server(settings: Any) -> Iterator[WeComServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _WeCom)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    wecom = WeComServer(base=f"http://127.0.0.1:{server.server_address[1]}")
    wecom.settings_apply(settings)
    try:
        yield wecom
    finally:
        server.shutdown()
        server.server_close()
