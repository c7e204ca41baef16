from django.urls import path

from salestarget.incentives.views import bonuses, competitions, credits, exports, plans, statements

app_name = "incentives"

urlpatterns = [
    path("", statements.statement_list, name="statements"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement"),
    path("statements/<int:pk>/what-if/", statements.what_if, name="what_if"),
    path("statements/<int:pk>/<str:action>/", statements.statement_action, name="statement_action"),
    path("lines/<int:pk>/sales/", statements.line_sales, name="line_sales"),
    path("lines/<int:pk>/sales.csv", exports.line_sales_csv, name="line_sales_csv"),
    path("lines/<int:pk>/dispute/", statements.dispute_create, name="dispute_create"),
    path("disputes/", statements.dispute_list, name="disputes"),
    path("disputes/<int:pk>/resolve/", statements.dispute_decide, name="dispute_resolve"),
    path("periods/<str:action>/", statements.period_run, name="period_run"),
    path("payroll/<str:period>.csv", exports.payroll_csv, name="payroll_csv"),
    path("payroll/<str:period>.xlsx", exports.payroll_xlsx, name="payroll_xlsx"),
    path("home-panel/", statements.home_panel, name="home_panel"),
    path("plans/", plans.plan_list, name="plans"),
    path("plans/new/", plans.plan_new, name="plan_new"),
    path("plans/chart/", plans.plan_chart, name="plan_chart"),
    path("competitions/", competitions.competition_list, name="competitions"),
    path("competitions/new/", competitions.competition_new, name="competition_new"),
    path("competitions/<int:pk>/", competitions.competition_board, name="competition"),
    path(
        "competitions/<int:pk>/results/",
        competitions.competition_results,
        name="competition_results",
    ),
    path("credit/", credits.credit_list, name="credits"),
    path("credit/save/", credits.credit_save, name="credit_save"),
    path("credit/remove/", credits.credit_remove, name="credit_remove"),
    path("plans/<int:pk>/", bonuses.plan_detail, name="plan"),
    path("plans/<int:pk>/bonus-table/", bonuses.bonus_table_edit, name="bonus_table"),
    path("plans/<int:pk>/grades/", bonuses.typed_grades_edit, name="typed_grades"),
    path("plans/<int:pk>/rates.xlsx", bonuses.rates_xlsx, name="rates_xlsx"),
    path("plans/<int:pk>/rates/", bonuses.rates_upload, name="rates_upload"),
]
