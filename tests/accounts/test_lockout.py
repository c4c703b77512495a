"""Wrong passwords lock one account from one address, and one address across accounts; nobody
can aim a lockout at someone else, and a password reset lifts it."""

import re

from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tests.accounts.test_accounts import PASSWORD

LOCKED = 429


def log_in(client, username, password=PASSWORD, address="203.0.113.9", forwarded_for=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **headers
    )


def test_wrong_passwords_from_elsewhere_never_lock_the_owner_out(seeker):
    for n in range(20):
        log_in(Client(), "samira-k", "wrong", address=f"198.51.100.{n}")
    assert log_in(Client(), "samira-k", address="203.0.113.9").status_code == 302


def test_a_forged_forwarded_for_header_does_not_change_the_address(seeker):
    for n in range(10):
        log_in(Client(), "samira-k", "wrong", forwarded_for=f"198.51.100.{n}")
    assert log_in(Client(), "samira-k").status_code == LOCKED


@override_settings(TRUSTED_PROXIES=["10.0.0.5"])
def test_behind_the_trusted_proxy_each_client_address_counts_on_its_own(seeker):
    for n in range(10):
        log_in(Client(), "samira-k", "wrong", address="10.0.0.5", forwarded_for=f"198.51.100.{n}")
    assert log_in(Client(), "samira-k", address="10.0.0.5", forwarded_for="203.0.113.9").url


def test_ten_wrong_passwords_from_one_address_lock_that_account_there(seeker, make_user):
    make_user("other")
    for _ in range(10):
        log_in(Client(), "samira-k", "wrong")
    assert log_in(Client(), "samira-k").status_code == LOCKED
    assert log_in(Client(), "other").status_code == 302


def test_spraying_many_accounts_from_one_address_is_stopped(seeker, make_user, settings):
    for n in range(settings.FAILED_LOGINS_PER_ADDRESS_LIMIT):
        log_in(Client(), f"someone-{n % 20}", "wrong")
    assert log_in(Client(), "samira-k").status_code == LOCKED
    assert log_in(Client(), "samira-k", address="198.51.100.1").status_code == 302


def test_a_successful_login_does_not_forgive_the_address_its_failures_on_other_accounts(
    seeker, make_user, settings
):
    make_user("attacker")
    for n in range(settings.FAILED_LOGINS_PER_ADDRESS_LIMIT - 1):
        log_in(Client(), f"someone-{n % 20}", "wrong")
    assert log_in(Client(), "attacker").status_code == 302
    log_in(Client(), "someone-0", "wrong")
    assert log_in(Client(), "samira-k").status_code == LOCKED


def test_a_password_reset_lifts_the_lock(seeker):
    for _ in range(10):
        log_in(Client(), "samira-k", "wrong")
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "samira-k@example.org"})
    link = re.search(r"https?://[^/]+(/account/password-reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-phrase-7", "new_password2": "another-long-phrase-7"},
    )
    assert log_in(Client(), "samira-k", "another-long-phrase-7").status_code == 302


def test_wrong_passwords_on_the_delete_page_count_like_logins(client, seeker):
    client.force_login(seeker)
    for _ in range(10):
        client.post(reverse("accounts:delete"), {"password": "wrong"}, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        reverse("accounts:delete"), {"password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == LOCKED
    assert seeker.__class__.objects.filter(pk=seeker.pk).exists()
