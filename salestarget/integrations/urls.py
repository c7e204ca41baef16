from django.urls import path

from salestarget.integrations import views

app_name = "integrations"

urlpatterns = [
    path("robots/", views.robot_list, name="robot_list"),
    path("robots/new/", views.robot_create, name="robot_create"),
    path("robots/<int:pk>/", views.robot_detail, name="robot_detail"),
    path("robots/<int:pk>/test/", views.robot_test_send, name="robot_test"),
    path("robots/<int:pk>/delete/", views.robot_remove, name="robot_delete"),
]
