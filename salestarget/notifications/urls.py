from django.urls import path

from salestarget.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.notification_read, name="read"),
    path("badge/", views.notification_badge, name="badge"),
]
