"""Every kind of event a sender names is in the list people choose their channels from."""

from __future__ import annotations

import ast
from pathlib import Path

import salestarget
from salestarget.notifications.kinds import NotificationKind


def kinds_sent() -> set[str]:
    """The ``kind=`` of every ``notification_send(...)`` call in the source; one made with an
    f-string (``f"draft_{action}"``) as its constant start and "*"."""
    found: set[str] = set()
    for path in Path(salestarget.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "notification_send":
                for kw in node.keywords:
                    if kw.arg != "kind":
                        continue
                    if isinstance(kw.value, ast.JoinedStr):
                        start = kw.value.values[0]
                        assert isinstance(start, ast.Constant), f"{path}: kind has no start"
                        found.add(f"{start.value}*")
                    else:
                        assert isinstance(kw.value, ast.Constant), f"{path}: kind is not a literal"
                        found.add(kw.value.value)
    return found


def test_every_kind_sent_can_be_chosen() -> None:
    sent = kinds_sent()
    assert "tracking_alert" in sent
    listed = set(NotificationKind.values)
    assert {k for k in sent if not k.endswith("*")} <= listed
    for start in (k[:-1] for k in sent if k.endswith("*")):
        assert any(k.startswith(start) for k in listed), start
