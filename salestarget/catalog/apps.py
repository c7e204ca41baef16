from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "salestarget.catalog"
    label = "catalog"
    verbose_name = _("主数据")

    def ready(self) -> None:
        from salestarget.catalog.importing import kinds_register
        from salestarget.catalog.menu import menu_register
        from salestarget.org.models import Role
        from salestarget.ui.home import HomePanel, home_panel_register

        kinds_register()
        home_panel_register(
            HomePanel(
                slot="setup", template="catalog/home_setup.html", roles=frozenset({Role.ADMIN})
            )
        )
        menu_register()
