"""The test suite: fast hashing, plain static storage, no debug pages."""

from config.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
