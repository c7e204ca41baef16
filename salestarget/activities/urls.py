from django.urls import path

from salestarget.activities import leading_views, plan_views, reports_views, views

app_name = "activities"

urlpatterns = [
    path("", views.activity_log_page, name="log"),
    path("report/", reports_views.report_page, name="report"),
    path("reports/", reports_views.team_reports_page, name="team_reports"),
    path("reports/<int:pk>/comment/", reports_views.report_comment_view, name="report_comment"),
    path("plans/", plan_views.plans_page, name="plans"),
    path("plans/meeting/", plan_views.meeting_page, name="plan_meeting"),
    path("plans/t/<int:pk>/", plan_views.plan_page, name="plan"),
    path("plans/t/<int:pk>/start/", plan_views.plan_start_view, name="plan_start"),
    path("plans/steps/<int:pk>/", plan_views.step_update_view, name="step_update"),
    path("leading/", leading_views.leading_page, name="leading"),
    path("leading/panel/", leading_views.leading_panel, name="leading_panel"),
]
