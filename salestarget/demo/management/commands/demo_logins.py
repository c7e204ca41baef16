"""``salestarget demo_logins --url URL``: where SalesTarget runs and whom to sign in as."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from salestarget.demo.logins import demo_logins, demo_password


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = _("打印访问地址和演示账号表")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"]
        self.stdout.write(self.style.SUCCESS(_("SalesTarget 已启动：%(url)s") % {"url": url}))
        logins = demo_logins()
        if not logins:
            self.stdout.write(_("数据库中没有演示账号（不是演示公司的数据）。"))
            return
        self.stdout.write(
            _("演示账号（密码都是 %(password)s），登录页 %(url)slogin/：")
            % {"password": demo_password(), "url": url}
        )
        header = (_("用户名"), _("姓名"), _("角色"), _("能看到"))
        rows = [header] + [(x.username, x.name, str(x.role), x.sees) for x in logins]
        widths = [max(_width(r[i]) for r in rows) for i in range(3)]
        for row in rows:
            cells = [_pad(cell, w) for cell, w in zip(row[:3], widths, strict=True)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
