from django.urls import path

from salestarget.incentives import views

app_name = "incentives"

urlpatterns = [
    path("", views.statement_list, name="statements"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
]
