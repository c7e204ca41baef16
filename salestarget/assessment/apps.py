from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "salestarget.assessment"
    label = "assessment"
    verbose_name = _("绩效考核")

    def ready(self) -> None:
        from salestarget.assessment.calendar import calendar_register

        calendar_register()
        from salestarget.assessment.menu import menu_register

        menu_register()
