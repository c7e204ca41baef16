from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "salestarget.integrations"
    label = "integrations"
    verbose_name = _("集成")

    def ready(self) -> None:
        from salestarget.integrations.menu import menu_register
        from salestarget.integrations.sso import checks  # noqa: F401  (registers the check)
        from salestarget.integrations.sso.ldap import ldap_errors_connect

        menu_register()
        ldap_errors_connect()
