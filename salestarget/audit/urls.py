from django.urls import path

from salestarget.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("entries.<str:fmt>", views.entry_export, name="entry_export"),
    path("company-export/", views.company_export, name="company_export"),
]
