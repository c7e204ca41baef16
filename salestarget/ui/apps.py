from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """Installed for its template tags; no models."""

    name = "salestarget.ui"
    label = "ui"
    verbose_name = _("界面组件")
