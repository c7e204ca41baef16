from django.urls import path

from salestarget.actuals import views

app_name = "actuals"

urlpatterns = [
    path("", views.fact_list, name="fact_list"),
    path("import/", views.import_upload_view, name="import_upload"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/mapping/", views.import_mapping, name="import_mapping"),
    path("import/<int:pk>/run/", views.import_run, name="import_run"),
    path("import/<int:pk>/errors.csv", views.import_errors, name="import_errors"),
    path("sales/new/", views.sales_line_edit, name="sales_create"),
    path("sales/<int:pk>/edit/", views.sales_line_edit, name="sales_edit"),
    path("sales/<int:pk>/delete/", views.sales_line_delete, name="sales_delete"),
]
