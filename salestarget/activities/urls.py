from django.urls import path

from salestarget.activities import reports_views, views

app_name = "activities"

urlpatterns = [
    path("", views.activity_log_page, name="log"),
    path("report/", reports_views.report_page, name="report"),
    path("reports/", reports_views.team_reports_page, name="team_reports"),
    path("reports/<int:pk>/comment/", reports_views.report_comment_view, name="report_comment"),
]
