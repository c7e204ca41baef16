from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportingConfig(AppConfig):
    name = "salestarget.importing"
    label = "importing"
    verbose_name = _("导入")
