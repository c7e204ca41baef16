from django.urls import path

from salestarget.integrations.sso.oidc import DirectoryOIDCCallbackView, DirectoryOIDCRequestView

# The names are mozilla-django-oidc's own: its views reverse them.
urlpatterns = [
    path(
        "authenticate/",
        DirectoryOIDCRequestView.as_view(),
        name="oidc_authentication_init",
    ),
    path("callback/", DirectoryOIDCCallbackView.as_view(), name="oidc_authentication_callback"),
]
