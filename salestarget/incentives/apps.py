from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncentivesConfig(AppConfig):
    name = "salestarget.incentives"
    label = "incentives"
    verbose_name = _("激励与提成")

    def ready(self) -> None:
        from salestarget.incentives.menu import menu_register
        from salestarget.incentives.panels import panels_register

        panels_register()
        menu_register()
