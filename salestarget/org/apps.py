from django.apps import AppConfig
from django.db.models.signals import post_save
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
        from salestarget.ui.amounts import currency_decimals_forget, currency_decimals_register

        context_register(
            ImportContext(
                scope_of=lambda user: SYSTEM_SCOPE if user is None else scope_for(user),
                request_scope=request_scope,
                currency=lambda: CompanySettings.current().currency,
            )
        )
        kinds_register()
        menu_register()
        # Pages show amounts to the company's decimals; forget them when the settings change.
        currency_decimals_register(lambda: CompanySettings.current().currency_decimals)
        post_save.connect(
            currency_decimals_forget, sender=CompanySettings, dispatch_uid="org.decimals"
        )
