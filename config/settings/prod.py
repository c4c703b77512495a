"""Production: every secret and host comes from the environment (see docs/DEPLOY.md)."""

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY for production.")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")  # noqa: F405
# Behind a TLS-terminating proxy in production. DJANGO_HTTPS=false only for trying `make serve`
# on plain http://127.0.0.1 (check --deploy then warns, as it should).
HTTPS = env_bool("DJANGO_HTTPS", default=True)
# No SECURE_PROXY_SSL_HEADER: Django would believe X-Forwarded-Proto from any client. gunicorn
# believes it only from TRUSTED_PROXIES (config/gunicorn.py) and sets the request's scheme,
# which is all Django reads (docs/DEPLOY.md).
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles")  # noqa: F405
# More than one app server: REDIS_URL names a Redis that all of them share, for the cache and
# the sessions' fast copy. The database stays the source of truth: sessions are written to it
# too (`cached_db`), and everything else cached is either immutable or keyed by the catalog
# revision read from the database on each request, so losing or flushing Redis loses nothing.
# Without it each process keeps its own cache, and sessions are read from the database (a
# per-process session cache would go stale between processes). REDIS_KEY_PREFIX, when set,
# starts every key this site writes, so that it can share a Redis database with others (`make
# bench` uses its own prefix and deletes only its own keys afterwards).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", ""),
        }
    }
    # cached_db, reading a signed-in session and its user's kept row in one round trip.
    SESSION_ENGINE = "common.sessions"
    CACHE_IS_SHARED = True

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Errors go to stderr (gunicorn's error log, the container's log) with the request id and the
# path, secrets in paths masked and never a form value; and, when DJANGO_ADMINS is set
# ("Ops <ops@example.org>, b@example.org"), to those addresses as the same text.
ADMINS = [
    (name, address)
    for name, address in getaddresses([os.environ.get("DJANGO_ADMINS", "")])
    if address
]
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "common.request_log.RequestContextFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s "
            "path=%(path)s %(message)s"
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request"],
            "formatter": "plain",
        },
        "admins": {
            "class": "common.request_log.AdminMailHandler",
            "level": "ERROR",
            "filters": ["request"],
            "formatter": "plain",
        },
    },
    "loggers": {
        # Errors only: a 404 is a WARNING here, and crawlers make plenty.
        "django.request": {"handlers": ["stderr", "admins"], "level": "ERROR", "propagate": False},
        "django.security": {
            "handlers": ["stderr", "admins"],
            "level": "WARNING",
            "propagate": False,
        },
        **{
            app: {"handlers": ["stderr", "admins"], "level": LOG_LEVEL, "propagate": False}
            for app in ("common", "careers", "assessments", "counselors", "accounts", "config")
        },
    },
}
