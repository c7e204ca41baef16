"""Settings for SalesTarget.

Everything that differs between a laptop and production comes from the environment:
DATABASE_URL (SQLite file by default), SECRET_KEY, DEBUG, ALLOWED_HOSTS, the HTTPS settings
that ``check --deploy`` asks for, EMAIL_URL-ish settings and SALESTARGET_* product settings.
DEBUG is off unless set (``make run`` sets it); a server refuses to start with DEBUG off and
no SECRET_KEY (``salestarget.ops.serving``).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import ldap
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from django_auth_ldap.config import GroupOfNamesType, LDAPSearch, NestedActiveDirectoryGroupType

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SALESTARGET_VAR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


DEBUG = _flag("DEBUG")
# Commands and tests run with this key; a server with DEBUG off refuses it.
SALESTARGET_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or SALESTARGET_DEV_SECRET_KEY
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# Behind HTTPS (README "Running in production"): what `check --deploy` asks for, each from the
# environment. SECURE_PROXY_SSL_HEADER is "HEADER=value", e.g. HTTP_X_FORWARDED_PROTO=https.
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE")
CSRF_COOKIE_SECURE = _flag("CSRF_COOKIE_SECURE")
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").partition("=")
SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[2]) if _proxy_header[2] else None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # Before django_tasks_db: its ``db_worker`` command is the one that recovers killed tasks.
    "salestarget.worker",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "salestarget.ui",
    "salestarget.importing",
    "salestarget.org",
    "salestarget.integrations",
    "salestarget.catalog",
    "salestarget.actuals",
    "salestarget.targets",
    "salestarget.notifications",
    "salestarget.tracking",
    "salestarget.assessment",
    "salestarget.forecasting",
    "salestarget.incentives",
    "salestarget.activities",
    "salestarget.web",
    "salestarget.demo",
    "salestarget.ops",
    "auditlog",
    "salestarget.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "salestarget.audit.channel.AuditChannelMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Scripts only from our own files (no inline script or on…= handler: web/page.js and
# web/tree_table.js do those jobs); styles may be inline (style="" and htmx's indicator rule).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "salestarget.urls"
WSGI_APPLICATION = "salestarget.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "salestarget" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "salestarget.web.context.navigation",
                "salestarget.notifications.context.unread",
                "salestarget.integrations.sso.context.sign_in",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'salestarget.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import or the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Wrong passwords: a username from one address is locked out after 5 failures for 15
# minutes (salestarget.org.lockout). The address is the connection's own unless
# SALESTARGET_PROXY_COUNT says how many proxies in front of us add X-Forwarded-For.
# Single sign-on (README "Single sign-on"): the OIDC and LDAP backends do nothing until
# configured below; local passwords then sign in superusers only when switched off.
AUTHENTICATION_BACKENDS = [
    "salestarget.org.lockout.LoginLockoutBackend",
    "salestarget.integrations.sso.passwords.LocalPasswordBackend",
    "salestarget.integrations.sso.oidc.DirectoryOIDCBackend",
    "salestarget.integrations.sso.ldap.DirectoryLDAPBackend",
    "salestarget.integrations.sso.wecom.WeComBackend",
    "salestarget.integrations.sso.dingtalk.DingTalkBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SALESTARGET_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SALESTARGET_LOGIN_LOCK_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "salestarget.org.lockout.lockout_response"
AXES_WHITELIST_CALLABLE = "salestarget.org.lockout.not_a_password_sign_in"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("SALESTARGET_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# --- Single sign-on (salestarget.integrations.sso; README "Single sign-on") ----------------
SALESTARGET_LOCAL_PASSWORDS = os.environ.get(
    "SALESTARGET_LOCAL_PASSWORDS", "1"
).strip().lower() not in ("0", "false", "no", "off")
# Who is who: the claim (OIDC) holding the employee number, or "email" to match by e-mail.
SALESTARGET_SSO_MATCH = os.environ.get("SALESTARGET_SSO_MATCH", "employee_no")
SALESTARGET_SSO_EMPLOYEE_CLAIM = os.environ.get("SALESTARGET_SSO_EMPLOYEE_CLAIM", "employee_number")
SALESTARGET_SSO_GROUPS_CLAIM = os.environ.get("SALESTARGET_SSO_GROUPS_CLAIM", "groups")
# {"directory group": "role[@org node code]"}, first match wins (integrations.sso.identity).
SALESTARGET_SSO_GROUP_MAP = os.environ.get("SALESTARGET_SSO_GROUP_MAP", "")
SALESTARGET_SSO_CREATE_PEOPLE = _flag("SALESTARGET_SSO_CREATE_PEOPLE")
SALESTARGET_SSO_LABEL = os.environ.get("SALESTARGET_SSO_LABEL", "")
# OpenID Connect (mozilla-django-oidc's own setting names): on when the client id and the
# authorization endpoint are set.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_CREATE_USER = False  # people are matched by employee number (integrations.sso.sign_in)
# WeCom (企业微信) login: on when the CorpID and the app's Secret are set.
SALESTARGET_WECOM_CORP_ID = os.environ.get("SALESTARGET_WECOM_CORP_ID", "")
SALESTARGET_WECOM_AGENT_ID = os.environ.get("SALESTARGET_WECOM_AGENT_ID", "")
SALESTARGET_WECOM_SECRET = os.environ.get("SALESTARGET_WECOM_SECRET", "")
SALESTARGET_WECOM_API = os.environ.get("SALESTARGET_WECOM_API", "https://qyapi.weixin.qq.com")
SALESTARGET_WECOM_LOGIN_URL = os.environ.get(
    "SALESTARGET_WECOM_LOGIN_URL", "https://login.work.weixin.qq.com/wwlogin/sso/login"
)
# DingTalk (钉钉) login: on when the app's Client ID (AppKey) and Client Secret are set.
SALESTARGET_DINGTALK_CLIENT_ID = os.environ.get("SALESTARGET_DINGTALK_CLIENT_ID", "")
SALESTARGET_DINGTALK_SECRET = os.environ.get("SALESTARGET_DINGTALK_SECRET", "")
SALESTARGET_DINGTALK_EMPLOYEE_FIELD = os.environ.get(
    "SALESTARGET_DINGTALK_EMPLOYEE_FIELD", "job_number"
)
SALESTARGET_DINGTALK_API = os.environ.get("SALESTARGET_DINGTALK_API", "https://api.dingtalk.com")
SALESTARGET_DINGTALK_OAPI = os.environ.get("SALESTARGET_DINGTALK_OAPI", "https://oapi.dingtalk.com")
SALESTARGET_DINGTALK_LOGIN_URL = os.environ.get(
    "SALESTARGET_DINGTALK_LOGIN_URL", "https://login.dingtalk.com/oauth2/auth"
)
# LDAP / Active Directory (django-auth-ldap): on when SALESTARGET_LDAP_URI is set.
AUTH_LDAP_SERVER_URI = os.environ.get("SALESTARGET_LDAP_URI", "")
AUTH_LDAP_BIND_DN = os.environ.get("SALESTARGET_LDAP_BIND_DN", "")
AUTH_LDAP_BIND_PASSWORD = os.environ.get("SALESTARGET_LDAP_BIND_PASSWORD", "")
AUTH_LDAP_START_TLS = _flag("SALESTARGET_LDAP_START_TLS")
AUTH_LDAP_USER_SEARCH = LDAPSearch(
    os.environ.get("SALESTARGET_LDAP_USER_BASE", ""),
    ldap.SCOPE_SUBTREE,
    os.environ.get("SALESTARGET_LDAP_USER_FILTER", "(uid=%(user)s)"),
)
_ldap_ad = os.environ.get("SALESTARGET_LDAP_GROUP_TYPE", "groupOfNames") == "activeDirectory"
AUTH_LDAP_GROUP_SEARCH = (
    LDAPSearch(
        os.environ["SALESTARGET_LDAP_GROUP_BASE"],
        ldap.SCOPE_SUBTREE,
        "(objectClass=group)" if _ldap_ad else "(objectClass=groupOfNames)",
    )
    if os.environ.get("SALESTARGET_LDAP_GROUP_BASE")
    else None
)
AUTH_LDAP_GROUP_TYPE = NestedActiveDirectoryGroupType() if _ldap_ad else GroupOfNamesType()
SALESTARGET_LDAP_EMPLOYEE_ATTR = os.environ.get(
    "SALESTARGET_LDAP_EMPLOYEE_ATTR", "employeeID" if _ldap_ad else "employeeNumber"
)
AUTH_LDAP_USER_ATTR_MAP: dict[str, str] = {}
AUTH_LDAP_ALWAYS_UPDATE_USER = False  # the person, not the directory entry, is the record
# Active Directory answers with referrals the client must not chase; a dead server fails fast.
AUTH_LDAP_CONNECTION_OPTIONS = {ldap.OPT_REFERRALS: 0, ldap.OPT_NETWORK_TIMEOUT: 5}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "salestarget" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages come from npm at install time (package.json); never committed.
STATICFILES_DIRS = [
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
STATICFILES_DIRS = [(p, d) for p, d in STATICFILES_DIRS if d.exists()]
MEDIA_ROOT = VAR_DIR / "media"
# Uploads: one limit (salestarget.ui.uploads); above 2.5 MB a file streams to disk, not memory.
SALESTARGET_UPLOAD_MAX_MB = int(os.environ.get("SALESTARGET_UPLOAD_MAX_MB", "100"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A request body read whole (the API's JSON): the facts endpoints take batches of up to 100,000
# records, about 25 MB; Django's 2.5 MB default refused a 50,000-line batch. Larger bodies get
# a 413 naming the limit (salestarget.api).
SALESTARGET_API_BODY_MAX_MB = int(os.environ.get("SALESTARGET_API_BODY_MAX_MB", "64"))
DATA_UPLOAD_MAX_MEMORY_SIZE = SALESTARGET_API_BODY_MAX_MB * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "salestarget.ui.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "salestarget"),
    }
}

# The worker recovers tasks a killed worker left and does its upkeep this often
# (salestarget.worker.keeper); a task or import whose runner ran on another host is taken for
# interrupted once its heartbeat is this old (salestarget.worker.runners).
WORKER_UPKEEP_SECONDS = float(os.environ.get("WORKER_UPKEEP_SECONDS", "60"))  # float ok: seconds
# An upload nobody imported is expired and its file deleted after this (importing.expiry).
IMPORT_UPLOAD_EXPIRY_HOURS = int(os.environ.get("IMPORT_UPLOAD_EXPIRY_HOURS", "24"))
IMPORT_LEASE_SECONDS = int(os.environ.get("IMPORT_LEASE_SECONDS", str(15 * 60)))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "salestarget@localhost")
# Whether mail is "configured": alerts go by e-mail only then.
SALESTARGET_MAIL_ENABLED = bool(os.environ.get("EMAIL_HOST"))
# The product's public address, for links in mail sent outside a request (the reminders a
# customer gets for an assessment review); a page's own mail uses the request's address.
SALESTARGET_SITE_URL = os.environ.get("SALESTARGET_SITE_URL", "http://localhost:8000")

NINJA_PAGINATION_PER_PAGE = 100
# Every API list: limit 1…1000 (more is a 422 naming it), offset within a BIGINT.
NINJA_PAGINATION_CLASS = "salestarget.ui.params.Paging"

# Product settings that are not per-company data.
SALESTARGET_DEMO_PASSWORD = os.environ.get("SALESTARGET_DEMO_PASSWORD", "demo12345")
# Imports refuse a sale, payment … dated more than this many days after today (docs/importing.md).
IMPORT_FUTURE_DAYS = int(os.environ.get("IMPORT_FUTURE_DAYS", "31"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
