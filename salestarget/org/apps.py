from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "salestarget.org"
    label = "org"
    verbose_name = _("组织与人员")

    def ready(self) -> None:
        from salestarget.importing.context import ImportContext, context_register
        from salestarget.org.importing import kinds_register
        from salestarget.org.menu import menu_register
        from salestarget.org.models import CompanySettings
        from salestarget.org.scoping import SYSTEM_SCOPE, request_scope, scope_for

        context_register(
            ImportContext(
                scope_of=lambda user: SYSTEM_SCOPE if user is None else scope_for(user),
                request_scope=request_scope,
                currency=lambda: CompanySettings.current().currency,
            )
        )
        kinds_register()
        menu_register()
