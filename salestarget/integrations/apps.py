from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "salestarget.integrations"
    label = "integrations"
    verbose_name = _("集成")

    def ready(self) -> None:
        from salestarget.integrations.menu import menu_register
        from salestarget.integrations.services.personal_messages import messages_route
        from salestarget.integrations.sso import checks  # noqa: F401  (registers the check)
        from salestarget.integrations.sso.ldap import ldap_errors_connect
        from salestarget.integrations.tasks import digest_enqueue
        from salestarget.notifications.handover import handover_register
        from salestarget.worker.keeper import upkeep_register

        menu_register()
        ldap_errors_connect()
        handover_register(messages_route)  # each person's chosen channels
        upkeep_register(digest_enqueue)  # the Monday digest
