from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "salestarget.assessment"
    label = "assessment"
    verbose_name = _("绩效考核")

    def ready(self) -> None:
        from salestarget.actuals.rollups import rollups_changed
        from salestarget.assessment.calendar import calendar_register
        from salestarget.assessment.tasks import compute_after_commit

        # A cycle taking reviews shows the measured items so far: recomputed after imports.
        rollups_changed.connect(compute_after_commit, dispatch_uid="assessment-open-cycles")

        calendar_register()
        from salestarget.assessment.menu import menu_register

        menu_register()
