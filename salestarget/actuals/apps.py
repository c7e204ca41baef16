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

        kinds_register()
