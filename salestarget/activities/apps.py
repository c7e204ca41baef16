from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "salestarget.activities"
    label = "activities"
    verbose_name = _("销售活动与行动计划")

    def ready(self) -> None:
        from salestarget.activities.menu import menu_register
        from salestarget.activities.services.plans import action_steps_remind
        from salestarget.targets.services.cycles import overdue_check_register

        menu_register()
        # Overdue action steps are reminded by the planning deadlines' one run.
        overdue_check_register("action_steps_reminded", action_steps_remind)
