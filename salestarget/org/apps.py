from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "salestarget.org"
    label = "org"
    verbose_name = _("组织与人员")

    def ready(self) -> None:
        from salestarget.org.importing import kinds_register
        from salestarget.org.menu import menu_register

        kinds_register()
        menu_register()
