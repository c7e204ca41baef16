from django.urls import path

from salestarget.forecasting.views import (
    conversion,
    customer_value,
    customers,
    outlook,
    proposals,
    scenarios,
    submissions,
)

app_name = "forecasting"

urlpatterns = [
    path("", outlook.outlook_page, name="outlook"),
    path("chart/<int:target_id>.json", outlook.chart, name="chart"),
    path("panel/", outlook.home_panel, name="home_panel"),
    path("submit/", submissions.submit, name="submit"),
    path("submit/category/", submissions.categorise, name="categorise"),
    path("team/", submissions.team, name="team"),
    path("proposals/", proposals.proposals_page, name="proposals"),
    path("scenarios/", scenarios.scenarios_page, name="scenarios"),
    path("scenarios/adopt/", scenarios.scenario_adopt_view, name="scenario_adopt"),
    path("customers/", customers.customers_page, name="customers"),
    path("customers/chart.json", customers.customers_chart, name="customers_chart"),
    path("customers/value/", customer_value.customer_value_page, name="customer_value"),
    path("conversion/", conversion.conversion_page, name="conversion"),
]
