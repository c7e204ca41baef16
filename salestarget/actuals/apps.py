from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActualsConfig(AppConfig):
    name = "salestarget.actuals"
    label = "actuals"
    verbose_name = _("销售实绩")

    def ready(self) -> None:
        from salestarget.actuals.menu import menu_register

        menu_register()
        from salestarget.actuals.import_kinds import kinds_register
        from salestarget.actuals.recredit import facts_recredit_many
        from salestarget.actuals.setup import sales_setup_step
        from salestarget.catalog.setup import setup_step_register
        from salestarget.org.recrediting import recrediter_register

        kinds_register()
        recrediter_register(facts_recredit_many)
        setup_step_register(sales_setup_step)
