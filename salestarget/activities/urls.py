from django.urls import path

from salestarget.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_log_page, name="log"),
]
