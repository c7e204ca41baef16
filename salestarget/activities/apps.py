from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "salestarget.activities"
    label = "activities"
    verbose_name = _("销售活动与行动计划")

    def ready(self) -> None:
        from salestarget.activities.menu import menu_register

        menu_register()
