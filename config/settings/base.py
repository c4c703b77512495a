"""Settings shared by every environment. The environment is read here and nowhere else."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "axes",
    "csp",
    "common",
    "careers",
    "assessments",
    "plans",
    "accounts",
    "counselors",
]

MIDDLEWARE = [
    # First: every log record of a request names its id (see LOGGING in prod.py).
    "common.request_log.RequestIdMiddleware",
    # Before anything reads the body: oversized multipart bodies are refused unread.
    "common.request_limits.MultipartLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Right after it: the CSRF cookie is not sent again to a browser that holds it.
    "common.csrf.HeldCsrfCookieMiddleware",
    # Django's, letting the auth backend take the user's row read with the session.
    "common.auth_backend.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The policy below, built once (django-csp's middleware builds it on every response).
    "common.content_security_policy.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading a signed-in user's row from the shared cache.
    "common.auth_backend.CachedUserBackend",
]

# Wrong passwords lock one account from one address after ten (never the account for
# everyone: anyone could aim that at anyone), and one address across all accounts after
# FAILED_LOGINS_PER_ADDRESS_LIMIT (password spraying; higher, since many job seekers share one
# address in a library or a job centre). Both for 30 minutes; accounts/lockout.py.
AXES_HANDLER = "accounts.lockout.LoginLockoutHandler"
AXES_FAILURE_LIMIT = 10
FAILED_LOGINS_PER_ADDRESS_LIMIT = 50
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Tries refused during a lockout are not counted: the right password typed during a lockout
# must not make it longer.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "config.proxies.client_ip"

# The reverse proxies (addresses or networks) whose X-Forwarded-For is believed; without
# any, the client's address is the connecting one (config/proxies.py, docs/DEPLOY.md).
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "careers:home"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Skills gap <no-reply@localhost>")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "assessments.context_processors.claim_offer_count",
                "counselors.context_processors.workspace",
            ],
        },
    },
]

# What is cached is either immutable (a finished result's report and JSON) or keyed by the
# catalog revision, which is read from the database on each request (careers.revision). So a
# cache per process is always right, even with many processes and servers; a shared cache
# (Redis, with REDIS_URL in production: config/settings/prod.py) saves each process building
# the same entries, and lets sessions be read from it instead of the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}

# Whether every app server reads and writes the same cache. Only then may the cache keep what
# another server's write can change, and be told of the change: a user's groups
# (common/navigation.py). Production sets it with REDIS_URL.
CACHE_IS_SHARED = False

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Requests run side by side (a background save of the questionnaire while the person
    # presses Next): each write transaction takes SQLite's lock when it begins and waits its
    # turn, instead of failing with "database is locked" when it tries to upgrade a read.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DJANGO_DB_PREPARED_STATEMENTS", default=True
):
    # PostgreSQL plans a statement sent 5 times on one connection once and reuses the plan
    # (psycopg's prepared statements, which need the parameters bound by the server; a
    # connection lives CONN_MAX_AGE): the same few statements run on every request, and
    # planning them cost as much as running them (the questionnaire's read: 0.36 -> 0.16 ms).
    # Django leaves both off so that a pooler in transaction mode keeps working: behind one
    # that cannot keep prepared statements (PgBouncer before 1.21, or without
    # max_prepared_statements) set DJANGO_DB_PREPARED_STATEMENTS=false (docs/DEPLOY.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Pages use no inline script or style at all, so the policy can be strict everywhere but in
# Django's own admin.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# The largest honest POST (a questionnaire page full of evidence notes) is a few dozen KB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# No view accepts files: a file in a form is a 400 (common/request_limits.py).
DATA_UPLOAD_MAX_NUMBER_FILES = 0

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# An anonymous session is short: on a shared computer the next person should find little of
# the last one's attempts. Coming back weeks later is what the resume link is for; it works
# for RESUME_LINK_MAX_AGE after the last save. Signing in lengthens the session
# (accounts/signals.py) until logging out.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SIGNED_IN_SESSION_AGE = 60 * 60 * 24 * 30
RESUME_LINK_MAX_AGE = timedelta(days=30)
# A styled page that explains a failed CSRF check and keeps what the form sent.
CSRF_FAILURE_VIEW = "config.csrf.csrf_failure"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# `make setup` loads the O*NET occupations and BLS wages shipped in data/ (`load_occupations`);
# an installation that wants only its own catalog turns this off.
SHIP_OCCUPATIONS = env_bool("SKILLS_GAP_SHIP_OCCUPATIONS", True)
