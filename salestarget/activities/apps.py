import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "salestarget.activities"
    label = "activities"
    verbose_name = _("销售活动与行动计划")

    def ready(self) -> None:
        from salestarget.activities.menu import menu_register
        from salestarget.org.models import Role
        from salestarget.targets.overdue_checks import overdue_check_register
        from salestarget.ui.home import HomePanel, home_panel_register

        menu_register()
        # The leading indicators on the role home pages, after tracking's and the outlook.
        home_panel_register(
            HomePanel(
                slot="tracking",
                template="activities/home_leading.html",
                roles=frozenset({Role.EXECUTIVE, Role.MANAGER, Role.REP}),
                order=300,
            )
        )
        # Overdue action steps are reminded by the planning deadlines' one run.
        overdue_check_register("action_steps_reminded", _action_steps_remind)


def _action_steps_remind(now: dt.datetime) -> int:
    # Imported when the check runs: the plans' services load the targets' queries and numpy,
    # which starting Django must not (tests/ops/test_cli_quick.py).
    from salestarget.activities.services.plans import action_steps_remind

    return action_steps_remind(now)
