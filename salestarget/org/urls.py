from django.urls import path

from salestarget.org import views

app_name = "org"

urlpatterns = [
    path("nodes/", views.node_list, name="node_list"),
    path("nodes/new/", views.node_create, name="node_create"),
    path("nodes/<int:pk>/", views.node_detail, name="node_detail"),
    path("nodes/<int:pk>/edit/", views.node_edit, name="node_edit"),
    path(
        "nodes/<int:pk>/deactivate/",
        views.node_set_active,
        {"active": False},
        name="node_deactivate",
    ),
    path("nodes/<int:pk>/activate/", views.node_set_active, {"active": True}, name="node_activate"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/account/", views.person_account, name="person_account"),
    path("people/<int:pk>/move/", views.person_move, name="person_move"),
    path("people/<int:pk>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/activate/", views.person_activate, name="person_activate"),
    path("people/<int:pk>/memberships/new/", views.membership_edit, name="membership_create"),
    path(
        "people/<int:pk>/memberships/<int:membership_pk>/edit/",
        views.membership_edit,
        name="membership_edit",
    ),
    path(
        "people/<int:pk>/memberships/<int:membership_pk>/delete/",
        views.membership_delete,
        name="membership_delete",
    ),
    path("settings/", views.company_settings, name="company_settings"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
