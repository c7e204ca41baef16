from django.urls import path

from salestarget.integrations.sso.dingtalk import dingtalk_callback, dingtalk_start
from salestarget.integrations.sso.oidc import DirectoryOIDCCallbackView, DirectoryOIDCRequestView
from salestarget.integrations.sso.wecom import wecom_callback, wecom_start

# The OIDC names are mozilla-django-oidc's own: its views reverse them.
urlpatterns = [
    path(
        "oidc/authenticate/",
        DirectoryOIDCRequestView.as_view(),
        name="oidc_authentication_init",
    ),
    path(
        "oidc/callback/",
        DirectoryOIDCCallbackView.as_view(),
        name="oidc_authentication_callback",
    ),
    path("sso/wecom/", wecom_start, name="sso_wecom"),
    path("sso/wecom/callback/", wecom_callback, name="sso_wecom_callback"),
    path("sso/dingtalk/", dingtalk_start, name="sso_dingtalk"),
    path("sso/dingtalk/callback/", dingtalk_callback, name="sso_dingtalk_callback"),
]
