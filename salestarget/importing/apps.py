from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportingConfig(AppConfig):
    name = "salestarget.importing"
    label = "importing"
    verbose_name = _("导入")

    def ready(self) -> None:
        from django_tasks.signals import task_started

        from salestarget.importing.lease import recover_on_task_start

        # A worker started after one was killed fails the imports that died with it.
        task_started.connect(recover_on_task_start, dispatch_uid="importing-recover")
