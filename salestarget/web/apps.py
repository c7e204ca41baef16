from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "salestarget.web"
    label = "web"
    verbose_name = _("界面")

    def ready(self) -> None:
        from salestarget.web.menu import menu_register

        menu_register()
