from django.urls import path

from salestarget.tracking.views import dashboard, pages, tree

app_name = "tracking"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("data/<str:chart>.json", dashboard.chart_data, name="data"),
    path("panel/", dashboard.home_panel, name="home_panel"),
    path("tree/", tree.tree, name="tree"),
    path("leaderboard/", pages.leaderboard_view, name="leaderboard"),
    path("battle/", pages.battle, name="battle"),
    path("battle.<str:fmt>", pages.battle, name="battle_export"),
    path("report/", pages.report, name="report"),
    path("report.<str:fmt>", pages.report, name="report_export"),
    path("news/", pages.news, name="news"),
    path("gap/", pages.gap, name="gap"),
    path("gap.<str:fmt>", pages.gap, name="gap_export"),
]
