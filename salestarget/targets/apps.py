from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "salestarget.targets"
    label = "targets"
    verbose_name = _("销售目标")

    def ready(self) -> None:
        from salestarget.targets.calendar import calendar_register

        calendar_register()
        from salestarget.targets.menu import menu_register
        from salestarget.targets.panels import panels_register

        panels_register()
        menu_register()
