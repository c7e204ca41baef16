"""Notifications are kept as message keys with arguments and read in the reader's language:
every message any app sends has its English, figures are formatted, and a notification from
before (stored as text) still reads as it was written."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from salestarget.notifications.messages import Amount, Names, Ratio, message, render, stored
from salestarget.notifications.models import Notification
from salestarget.notifications.services import notification_send

ROOT = Path(settings.BASE_DIR) / "salestarget"
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")


def sent_messages() -> list[tuple[str, str]]:
    """Every ``gettext_noop`` msgid of every module that sends notifications (file, msgid)."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "notification_send(" not in text or path.parent.name == "notifications":
            continue
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "gettext_noop"
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append((str(path.relative_to(ROOT)), node.args[0].value))
    return found


MESSAGES = sent_messages()


def test_every_sending_app_uses_message_keys():
    senders = {f for f, _key in MESSAGES}
    assert {
        "incentives/services/disputes.py",
        "assessment/services/deadlines.py",
        "targets/services/cycles.py",
        "targets/services/adjustments.py",
        "targets/services/workflow.py",
        "targets/services/drafts.py",
        "tracking/services/alerts.py",
    } <= senders
    assert len(MESSAGES) >= 25


@pytest.mark.parametrize(("module", "key"), MESSAGES, ids=[k[:24] for _f, k in MESSAGES])
def test_every_message_of_every_kind_reads_in_english_and_chinese(module, key):
    names = re.findall(r"%\((\w+)\)[sd]", key)
    args = {n: 7 if f"%({n})d" in key else "甲" for n in names}
    with translation.override("zh-hans"):
        chinese = render(stored(message(key, **args)))
    with translation.override("en"):
        english = render(stored(message(key, **args)))
    assert chinese == key % args
    assert english != chinese, f"{module}: no English for {key!r}"
    assert not IDEOGRAPH.search(english.replace("甲", "")), english
    for n in names:
        assert str(args[n]) in english  # no placeholder lost in translation


def test_figures_are_formatted_and_labels_translated_when_read():
    parts = stored(
        [
            message(
                gettext_noop("%(old)s → %(new)s：%(reason)s"),
                old=Amount(Decimal("11519000")),
                new=Amount(Decimal("12000000.5")),
                reason="市场扩大",
            ),
            message(
                gettext_noop("%(status)s：%(target)s"),
                status=gettext_lazy("进度落后"),
                target=Names("销售额", "Revenue"),
            ),
            message(
                gettext_noop("%(status)s：%(target)s"), status=Ratio(Decimal("0.305")), target=None
            ),
        ]
    )
    with translation.override("zh-hans"):
        assert render(parts).splitlines() == [
            "1,151.90万 → 1,200.00万：市场扩大",
            "进度落后：销售额",
            "30.5%：—",
        ]
    with translation.override("en"):
        assert render(parts).splitlines()[0] == "11.52M → 12.00M: 市场扩大"
        assert render(parts).splitlines()[1] == "Behind: Revenue"
        assert gettext("进度落后") == "Behind"


def test_one_notification_reads_in_each_readers_language(company, login):
    notification_send(
        recipients=[company.rep.user],
        kind="plan_submitted",
        title=message(gettext_noop("待审批：%(plan)s"), plan="2026 销售额"),
        body=[message(gettext_noop("请尽快完成。")), "请看附件"],
    )
    stored_row = Notification.objects.get()
    assert (stored_row.title, stored_row.body) == ("待审批：2026 销售额", "请尽快完成。\n请看附件")
    client = login(company.rep)
    assert "待审批：2026 销售额" in client.get("/notifications/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/notifications/").content.decode()
    assert "To approve: 2026 销售额" in page
    assert "待审批" not in page


def test_a_notification_from_before_keys_reads_as_it_was_stored(company):
    old = Notification.objects.create(
        recipient=company.rep.user,
        kind="tracking_alert",
        title="进度落后：王小明 · 2026-06",
        body="完成率 30.0%",
    )
    with translation.override("en"):
        assert (old.text_title, old.text_body) == ("进度落后：王小明 · 2026-06", "完成率 30.0%")


def test_mail_carries_the_sites_language_with_english_below(
    company, settings, django_capture_on_commit_callbacks
):
    settings.SALESTARGET_MAIL_ENABLED = True
    company.rep.email = "rep@example.com"
    company.rep.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipients=[company.rep.user],
            kind="draft_overdue",
            title=message(gettext_noop("目标草案已逾期：%(target)s"), target="王小明 · 2026-06"),
            body=message(gettext_noop("请尽快提交您的保底目标和挑战目标。")),
        )
    sent = mail.outbox[0]
    assert sent.subject == "目标草案已逾期：王小明 · 2026-06"
    chinese, english = sent.body.split("\n\n")[:2]
    assert chinese == "请尽快提交您的保底目标和挑战目标。"
    assert english.startswith("Target draft overdue")


def test_notifications_stored_in_chinese_before_keys_are_migrated_to_keys(company):
    """The migration reads the old text back into message keys: English readers read them in
    English, amounts in 万 or K/M; text it does not recognise stays as written."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "salestarget.notifications.migrations.0003_keys_for_old_notifications"
    )
    alert = Notification.objects.create(
        recipient=company.rep.user,
        kind="tracking_alert",
        title="进度落后：王小明 · 2026-06",
        body="销售额 完成率 30.0%，时间进度 50.0%，应完成 75,000.00，实际 45,000.00，"
        "差距 30,000.00。剩余每个工作日需完成 10,500.00。",
    )
    adjustment = Notification.objects.create(
        recipient=company.rep.user,
        kind="adjustment_requested",
        title="目标调整待审批：王小明 · 2026-06",
        body="11519000 → 12000000：市场扩大",
    )
    free = Notification.objects.create(recipient=company.rep.user, kind="x", title="随便写的")
    migration.forwards(apps, None)
    for n in (alert, adjustment, free):
        n.refresh_from_db()
    with translation.override("en"):
        assert alert.text_title == "Behind: 王小明 · 2026-06"
        assert alert.text_body.splitlines()[0].startswith("销售额 achievement 30.0%")
        assert "per remaining working day" in alert.text_body.splitlines()[1]
        assert adjustment.text_body == "11.52M → 12.00M: 市场扩大"
        assert free.text_title == "随便写的"
    with translation.override("zh-hans"):
        assert adjustment.text_body == "1,151.90万 → 1,200.00万：市场扩大"


def test_no_sender_freezes_its_text_in_one_language():
    """A title or body built with gettext (or ``%`` on it) would be stored in the sender's
    language; every sender passes messages (``message(...)`` or a function returning one)."""
    frozen = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.parent.name == "notifications":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call) and getattr(node.func, "id", "") == "notification_send"
            ):
                continue
            for kw in node.keywords:
                if kw.arg not in ("title", "body"):
                    continue
                value = kw.value
                called = getattr(getattr(value, "func", None), "id", "")
                if isinstance(value, ast.BinOp) or called in ("_", "gettext", "pgettext"):
                    frozen.append(f"{path.relative_to(ROOT)}:{node.lineno} {kw.arg}")
    assert frozen == []
