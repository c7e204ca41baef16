from django.urls import path

from salestarget.integrations import views, views_calendar, views_messages

app_name = "integrations"

urlpatterns = [
    path("robots/", views.robot_list, name="robot_list"),
    path("robots/new/", views.robot_create, name="robot_create"),
    path("robots/<int:pk>/", views.robot_detail, name="robot_detail"),
    path("robots/<int:pk>/test/", views.robot_test_send, name="robot_test"),
    path("robots/<int:pk>/delete/", views.robot_remove, name="robot_delete"),
    path("messages/", views_messages.message_preferences, name="messages"),
    path("work-apps/", views_messages.work_apps, name="work_apps"),
    path("calendar/", views_calendar.calendar_page, name="calendar"),
    path("calendar/new/", views_calendar.calendar_create, name="calendar_create"),
    path("calendar/revoke/", views_calendar.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:secret>.ics", views_calendar.calendar_feed, name="calendar_feed"),
]
