from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Only for the ``demo`` and ``demo_logins`` management commands: no models."""

    name = "salestarget.demo"
    label = "demo"
    verbose_name = _("演示数据")
