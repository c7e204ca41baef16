"""Each kind of robot is spoken to as its server expects, checked by a local stand-in that
verifies signatures and payloads as DingTalk and WeCom do."""

from __future__ import annotations

import time

import pytest

from salestarget.integrations import webhooks
from tests.integrations.robot_server import (
    DINGTALK_SECRET,
    WEBHOOK_SECRET,
    WECOM_KEY,
    RobotServer,
)


def post(server: RobotServer, kind: str, secret: str, **kw) -> str:
    request = webhooks.outgoing(
        kind=kind,
        url=server.url(kind),
        secret=secret,
        event="alert",
        title=kw.get("title", "进度落后：北京一组"),
        text=kw.get("text", "### 进度落后：北京一组\n\n完成率 40.0%"),
        link="http://salestarget.example/tracking/",
        now_ms=kw.get("now_ms"),
    )
    return webhooks.deliver(request, kind=kind)


def test_a_signed_dingtalk_message_is_taken_with_its_markdown(robot_server):
    post(robot_server, "dingtalk", DINGTALK_SECRET)

    (got,) = robot_server.received
    assert got.query["timestamp"]
    assert got.query["sign"]
    assert got.body == {
        "msgtype": "markdown",
        "markdown": {
            "title": "进度落后：北京一组",
            "text": "### 进度落后：北京一组\n\n完成率 40.0%",
        },
    }


def test_dingtalk_refuses_a_wrong_secret_and_an_old_timestamp(robot_server):
    with pytest.raises(webhooks.DeliveryError, match="310000: sign not match"):
        post(robot_server, "dingtalk", "SECwrong")
    two_hours_ago = int(time.time() * 1000) - 2 * 3600 * 1000
    with pytest.raises(webhooks.DeliveryError, match="timestamp out of range"):
        post(robot_server, "dingtalk", DINGTALK_SECRET, now_ms=two_hours_ago)
    assert robot_server.received == []


def test_wecom_is_addressed_by_its_key(robot_server):
    post(robot_server, "wecom", WECOM_KEY)
    (got,) = robot_server.received
    assert got.query == {"key": WECOM_KEY}
    assert got.body["markdown"]["content"].startswith("### 进度落后")

    with pytest.raises(webhooks.DeliveryError, match="93000"):
        post(robot_server, "wecom", "another-key")


def test_a_long_message_is_cut_to_what_wecom_takes(robot_server):
    post(robot_server, "wecom", WECOM_KEY, text="业绩" * 3000)
    content = robot_server.received[0].body["markdown"]["content"]
    assert len(content.encode()) <= 4096
    assert content.endswith("…")


def test_a_generic_webhook_gets_json_signed_over_its_body(robot_server):
    post(robot_server, "webhook", WEBHOOK_SECRET)
    (got,) = robot_server.received
    assert got.body["event"] == "alert"
    assert got.body["link"] == "http://salestarget.example/tracking/"
    assert got.headers["x-salestarget-signature"].startswith("sha256=")

    with pytest.raises(webhooks.DeliveryError, match="HTTP 401"):
        post(robot_server, "webhook", "not-the-secret")


def test_a_server_that_is_not_there_is_a_delivery_error():
    request = webhooks.outgoing(
        kind="webhook",
        url="http://127.0.0.1:9/hook",
        secret="",
        event="test",
        title="t",
        text="t",
        link="",
    )
    with pytest.raises(webhooks.DeliveryError):
        webhooks.deliver(request, kind="webhook")
