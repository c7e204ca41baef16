from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    name = "salestarget.worker"
    label = "worker"
    verbose_name = _("后台任务")

    def ready(self) -> None:
        from django_tasks.signals import task_finished, task_started

        from salestarget.worker.leases import task_lease_drop, task_lease_take

        # Every task a worker starts first recovers what a killed worker left, then takes
        # its lease; the lease goes when the task ends, however it ends.
        task_started.connect(task_lease_take, dispatch_uid="worker-lease-take")
        task_finished.connect(task_lease_drop, dispatch_uid="worker-lease-drop")
