from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastingConfig(AppConfig):
    name = "salestarget.forecasting"
    label = "forecasting"
    verbose_name = _("预测")

    def ready(self) -> None:
        from salestarget.actuals.rollups import rollups_changed
        from salestarget.forecasting.lending import providers_register
        from salestarget.forecasting.menu import menu_register
        from salestarget.forecasting.panels import panels_register
        from salestarget.forecasting.recovery import forecast_runs_recover
        from salestarget.forecasting.tasks import compute_after_commit, nightly_enqueue
        from salestarget.worker.keeper import upkeep_register
        from salestarget.worker.recovery import recoverer_register

        rollups_changed.connect(compute_after_commit, dispatch_uid="forecasting-compute")
        recoverer_register(forecast_runs_recover)  # runs a killed worker left computing
        upkeep_register(nightly_enqueue)  # one run a day besides those after imports
        panels_register()
        providers_register()
        menu_register()
