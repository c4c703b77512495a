"""Signing up, logging in and out, resetting a password, locking out, deleting everything."""

import importlib
import re
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from axes.models import AccessAttempt
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from assessments.models import Assessment, PublicLink, Result, ScenarioAnswer, SkillRating
from counselors.models import Note, Share
from tests.assessments.test_result import submit

PASSWORD = "a-long-passphrase-42"


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_signing_up_logs_in_and_offers_this_browsers_attempts(client, role, start):
    anonymous_attempt = start(role)
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "newbie",
            "email": "newbie@example.org",
            "first_name": "Nia",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.url == reverse("accounts:home")
    user = get_user_model().objects.get(username="newbie")
    html = client.get(reverse("accounts:home")).content.decode()
    assert "Hello, Nia" in html and "Associate" in html and "Continue" in html
    assert "We found 1 assessment from this browser" in html
    client.post(reverse("assessments:claim"), {"answer": "yes"})
    anonymous_attempt.refresh_from_db()
    assert anonymous_attempt.owner == user


def test_an_account_sees_its_attempts_from_any_device(client, seeker, role, make_submitted):
    result = make_submitted(role, owner=seeker)
    log_in(client, "samira-k")
    assert client.get(result.get_absolute_url()).status_code == 200
    assert "See result" in client.get(reverse("assessments:list")).content.decode()


def test_logging_out_needs_a_post(client, seeker):
    log_in(client, "samira-k")
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("careers:home")
    assert client.get(reverse("accounts:home")).status_code == 302


def test_a_wrong_password_is_refused(client, seeker):
    response = log_in(client, "samira-k", "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_ten_wrong_passwords_lock_the_account_for_a_while(client, seeker):
    for _ in range(10):
        log_in(client, "samira-k", "wrong")
    response = log_in(client, "samira-k")  # even the right password now
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    assert "30 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, seeker):
    client.post(reverse("accounts:password_reset"), {"email": "samira-k@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/password-reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-phrase-7", "new_password2": "another-long-phrase-7"},
    )
    assert response.url == reverse("accounts:password_reset_complete")
    assert log_in(client, "samira-k", "another-long-phrase-7").status_code == 302


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client, db):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_deleting_the_account_needs_the_password(client, seeker):
    client.force_login(seeker)
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert "That is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=seeker.pk).exists()


def test_deleting_the_account_leaves_nothing_behind(
    client, seeker, counselor, role, make_submitted
):
    result = make_submitted(role, owner=seeker)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    Note.objects.create(counselor=counselor, client=seeker, text="About Samira")
    PublicLink.objects.create(assessment=result, expires_at="2099-01-01T00:00:00Z")
    log_in(client, "samira-k", "wrong")
    assert AccessAttempt.objects.filter(username="samira-k").exists()
    client.force_login(seeker)
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD}, follow=True)
    assert "Your account and all your data have been deleted." in response.content.decode()
    assert not get_user_model().objects.filter(username="samira-k").exists()
    for model in (Assessment, SkillRating, ScenarioAnswer, Result, Share, Note, PublicLink):
        assert not model.objects.exists(), model.__name__
    assert not AccessAttempt.objects.filter(username="samira-k").exists()
    assert get_user_model().objects.filter(pk=counselor.pk).exists()


def test_the_account_page_needs_a_login(client, db):
    response = client.get(reverse("accounts:home"))
    assert response.url.startswith(reverse("accounts:login"))


def test_a_name_with_control_characters_is_refused(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "newbie",
            "email": "newbie@example.org",
            "first_name": "Nia\nBcc: everyone@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert "A name cannot contain line breaks or control characters." in response.content.decode()
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_an_email_already_in_use_is_refused_whatever_its_case(client, seeker):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "second-samira",
            "email": "Samira-K@Example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert "An account with this email already exists." in response.content.decode()
    assert not get_user_model().objects.filter(username="second-samira").exists()


def test_the_database_refuses_a_second_account_with_the_same_email(seeker):
    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create_user("copy", email="SAMIRA-K@example.org")
    get_user_model().objects.create_user("no-email-1")
    get_user_model().objects.create_user("no-email-2")  # accounts without an email are fine


def test_the_migration_stops_with_a_message_where_accounts_already_share_an_email(seeker):
    migration = importlib.import_module("accounts.migrations.0001_email_unique_case_insensitive")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {migration.INDEX}")  # as before the migration
    get_user_model().objects.create_user("copy", email="SAMIRA-K@example.org")
    with pytest.raises(RuntimeError, match="1 email address"):
        migration.refuse_existing_duplicates(django_apps, SimpleNamespace(connection=connection))


def test_signing_up_from_a_results_share_prompt_returns_to_that_result(client, role, start):
    """The anonymous result's "Create a free account … share this result" prompt leads to
    sign-up and back to the result; the offer to add the attempt comes back there too, and
    then the owner finds the sharing panel."""
    attempt = submit(client, start(role), crm="2", typing="3", empathy="2")
    result_url = attempt.get_absolute_url()
    page = client.get(result_url).content.decode()
    prompt = re.search(r'href="([^"]*/account/signup/\?next=[^"]*)"', page)
    assert prompt, "the result offers sign-up with a way back"
    signup_url = prompt.group(1).replace("&amp;", "&")
    signup_page = client.get(signup_url).content.decode()
    # The form posts back to the address it was opened at, next included; "Log in" keeps it.
    assert re.search(r"<form[^>]*method=\"post\"(?![^>]*action=)", signup_page)
    assert f'href="{reverse("accounts:login")}?next={quote(result_url)}"' in signup_page
    response = client.post(
        signup_url,
        {
            "username": "newbie",
            "email": "newbie@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302 and response["Location"] == result_url
    assert reverse("assessments:claim") in client.get(result_url).content.decode()
    response = client.post(reverse("assessments:claim"), {"answer": "yes", "next": result_url})
    assert response["Location"] == result_url
    assert 'id="sharing"' in client.get(result_url).content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/result", "//elsewhere.example/", "javascript:alert(1)"]
)
def test_signing_up_never_returns_to_another_site(client, db, next_url):
    response = client.post(
        f"{reverse('accounts:signup')}?{urlencode({'next': next_url})}",
        {
            "username": "newbie",
            "email": "newbie@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response["Location"] == reverse("accounts:home")
    page = client.get(f"{reverse('accounts:signup')}?{urlencode({'next': next_url})}")
    assert "elsewhere.example" not in page.content.decode()


def test_the_account_page_loads_the_script_behind_its_copy_buttons(
    client, seeker, role, make_submitted
):
    result = make_submitted(role, owner=seeker)
    client.force_login(seeker)
    client.post(reverse("assessments:public_link_create", args=[result.pk]), {"days": 7})
    page = client.get(reverse("accounts:home")).content.decode()
    assert 'data-copy="public-link-' in page
    assert re.search(r'<script src="[^"]*js/copy(\.[0-9a-f]+)?\.js" defer>', page)
