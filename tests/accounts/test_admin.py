"""Admins manage accounts in Django admin: an email another account has (in any case) is a
field error there, not a server error from the database's unique index."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.forms import EMAIL_TAKEN

PASSWORD = "a-long-passphrase-42"


@pytest.fixture
def pat(make_user):
    return make_user("pat")  # pat@example.org


def change_data(user, **fields) -> dict[str, str]:
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        **fields,
    }


def test_editing_a_user_to_anothers_email_in_any_case_shows_a_field_error(
    admin_client, make_user, pat
):
    sam = make_user("sam")
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[sam.pk]),
        change_data(sam, email="PAT@Example.org"),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": [EMAIL_TAKEN]}
    sam.refresh_from_db()
    assert sam.email == "sam@example.org"


def test_a_user_keeps_their_own_email_in_another_case(admin_client, pat):
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[pat.pk]),
        change_data(pat, email="Pat@Example.org", first_name="Pat"),
    )
    assert response.status_code == 302
    pat.refresh_from_db()
    assert (pat.email, pat.first_name) == ("Pat@example.org", "Pat")  # the domain lowercased


def test_users_without_an_email_do_not_clash(admin_client, db):
    get_user_model().objects.create_user("no-mail-1")
    other = get_user_model().objects.create_user("no-mail-2")
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[other.pk]), change_data(other, first_name="Al")
    )
    assert response.status_code == 302


def add_data(username: str, email: str) -> dict[str, str]:
    return {
        "username": username,
        "email": email,
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }


def test_creating_a_user_with_anothers_email_in_any_case_shows_a_field_error(admin_client, pat):
    response = admin_client.post(reverse("admin:auth_user_add"), add_data("sam", "PAT@example.ORG"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": [EMAIL_TAKEN]}
    assert not get_user_model().objects.filter(username="sam").exists()


def test_creating_a_user_with_a_new_email_keeps_it(admin_client, pat):
    response = admin_client.post(reverse("admin:auth_user_add"), add_data("sam", "sam@example.org"))
    assert response.status_code == 302
    assert get_user_model().objects.get(username="sam").email == "sam@example.org"
