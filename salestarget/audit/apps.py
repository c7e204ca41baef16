from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "salestarget.audit"
    label = "audit"
    verbose_name = _("审计日志")

    def ready(self) -> None:
        from salestarget.audit.channel import channel_connect
        from salestarget.audit.logins import logins_connect
        from salestarget.audit.menu import menu_register
        from salestarget.audit.registration import audited_register

        audited_register()
        channel_connect()
        logins_connect()
        menu_register()
