"""`salestarget start`: everything `make run` needs, in one process, then the server.

Migrate, compile the translations that changed, collect static files, load the demo company
when the database is empty (with ``--empty``, make the first admin login instead), print the
URL and the logins, start a task worker beside the server, and serve. A second start skips
what is already done, so it is quick.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from salestarget.ops.catalogues import catalogues_compile
from salestarget.ops.serving import secret_key_require
from salestarget.org.services import admin_login_ensure


class Command(BaseCommand):
    help = "Prepare the database and the demo company, then serve SalesTarget with a worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port to serve on")
        parser.add_argument("--scale", default="medium", help="demo size when the DB is empty")
        parser.add_argument("--no-worker", action="store_true", help="no background worker")
        parser.add_argument(
            "--empty",
            action="store_true",
            help="a company of your own: no demo data, and an admin login if there is none",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            secret_key_require()
        except ImproperlyConfigured as refused:
            raise CommandError(str(refused)) from None
        call_command("migrate", interactive=False, verbosity=0)
        catalogues_compile()
        call_command("collectstatic", interactive=False, verbosity=0)
        login = None
        if options["empty"]:
            login = admin_login_ensure()
        else:
            # The history ends yesterday, so a newcomer sees a live month.
            call_command("demo", scale=options["scale"], if_empty=True, end="yesterday")
        worker = None
        if not options["no_worker"]:
            log = (settings.VAR_DIR / "worker.log").open("ab")
            worker = subprocess.Popen(
                [sys.executable, "-m", "salestarget.cli", "db_worker"], stdout=log, stderr=log
            )
        url = f"http://{options['addr']}/"
        if options["empty"]:
            self.stdout.write(self.style.SUCCESS(_("SalesTarget 已启动：%(url)s") % {"url": url}))
            if login:
                self.stdout.write(
                    _("管理员账号 %(username)s，密码 %(password)s（只显示这一次，请登录后修改）。")
                    % {"username": login[0], "password": login[1]}
                )
            self.stdout.write(
                _("登录后首页列出设置步骤：公司设置、工作日历、组织和人员、产品、客户、销售。")
            )
        else:
            call_command("demo_logins", url=url)
        # A plain SIGTERM would skip `finally` and leave the worker running.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", options["addr"], use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
