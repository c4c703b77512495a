"""How long a browser stays signed in or keeps its attempts, and ending it everywhere."""

from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.accounts.test_accounts import PASSWORD, log_in


def test_an_anonymous_session_is_short(client, role, start, settings):
    start(role)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE <= 14 * 24 * 60 * 60


def test_signing_in_makes_the_session_last_longer(client, seeker, settings):
    log_in(client, "samira-k")
    assert client.session.get_expiry_age() == settings.SIGNED_IN_SESSION_AGE
    assert settings.SIGNED_IN_SESSION_AGE > settings.SESSION_COOKIE_AGE


def test_deleting_the_account_signs_it_out_on_every_device(client, seeker, make_user):
    phone, bystander = Client(), Client()
    log_in(phone, "samira-k")
    make_user("other")
    log_in(bystander, "other")
    log_in(client, "samira-k")
    client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert not Session.objects.filter(session_key=phone.session.session_key).exists()
    assert Session.objects.filter(session_key=bystander.session.session_key).exists()
    assert phone.get(reverse("accounts:home")).status_code == 302


def test_deleting_the_account_leaves_no_copy_of_its_sessions_in_the_cache(client, seeker, settings):
    """Production with Redis keeps each session in the cache as well as in the database."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    phone = Client()
    log_in(phone, "samira-k")
    log_in(client, "samira-k")
    phone_key = phone.session.session_key
    assert cache.get(f"django.contrib.sessions.cached_db{phone_key}")

    client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert cache.get(f"django.contrib.sessions.cached_db{phone_key}") is None
    assert not Session.objects.filter(session_key=phone_key).exists()
