from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "salestarget.tracking"
    label = "tracking"
    verbose_name = _("目标跟踪")

    def ready(self) -> None:
        from salestarget.actuals.rollups import rollups_changed
        from salestarget.tracking.cache import facts_version_bump
        from salestarget.tracking.menu import menu_register
        from salestarget.tracking.panels import panels_register
        from salestarget.tracking.tasks import news_detect_after_commit

        rollups_changed.connect(facts_version_bump, dispatch_uid="tracking-facts-version")
        rollups_changed.connect(news_detect_after_commit, dispatch_uid="tracking-good-news")
        panels_register()
        menu_register()
