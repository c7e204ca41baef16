from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from salestarget.api import api
from salestarget.integrations.sso.forms import DirectoryLoginForm
from salestarget.web import views as web_views

handler400 = "salestarget.ui.params.bad_request"  # names the parameter that was wrong

urlpatterns = [
    path("", web_views.home, name="home"),
    path("health/", web_views.health, name="health"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=DirectoryLoginForm),
        name="login",
    ),
    path("", include("salestarget.integrations.sso.urls")),  # /oidc/…, /sso/wecom/…
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("org/", include("salestarget.org.urls")),
    path("catalog/", include("salestarget.catalog.urls")),
    path("targets/", include("salestarget.targets.urls")),
    path("actuals/", include("salestarget.actuals.urls")),
    path("notifications/", include("salestarget.notifications.urls")),
    path("tracking/", include("salestarget.tracking.urls")),
    path("assessment/", include("salestarget.assessment.urls")),
    path("forecasting/", include("salestarget.forecasting.urls")),
    path("audit/", include("salestarget.audit.urls")),
    path("incentives/", include("salestarget.incentives.urls")),
    path("integrations/", include("salestarget.integrations.urls")),
    path("activities/", include("salestarget.activities.urls")),
]
