from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportingConfig(AppConfig):
    name = "salestarget.importing"
    label = "importing"
    verbose_name = _("导入")

    def ready(self) -> None:
        from salestarget.importing.expiry import uploads_expire
        from salestarget.importing.lease import batches_of_tasks_fail, batches_recover
        from salestarget.worker.keeper import upkeep_register
        from salestarget.worker.recovery import recoverer_register, task_interrupted

        # Whoever recovers what a killed worker or command left fails its imports too.
        recoverer_register(batches_recover)
        task_interrupted.connect(batches_of_tasks_fail, dispatch_uid="importing-task-batches")
        upkeep_register(uploads_expire)  # uploads nobody imported
