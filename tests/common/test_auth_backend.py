"""A signed-in user's row read from the shared cache (common/auth_backend.py): one query less
on every signed-in request, and every change to the user effective on the next request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlsafe_base64_encode

from common.auth_backend import AuthenticationMiddleware, user_cache_key
from tests.accounts.test_accounts import PASSWORD, log_in

# The bench's URLs add a view that reads the session and the user and nothing else: 200 with
# the user's id when signed in, 403 otherwise.
pytestmark = pytest.mark.urls("bench.urls")
SIGNED_IN = "/bench/signed-in"


@pytest.fixture(params=["django.contrib.sessions.backends.db", "common.sessions"])
def shared_cache(request, settings) -> str:
    """One process's cache stands for the servers' shared Redis: a save anywhere deletes the
    entry every server reads. Each test runs with sessions in the database, and with
    production's sessions (common/sessions.py: in the cache, read together with the user's
    row); returns the session engine."""
    settings.CACHE_IS_SHARED = True
    settings.SESSION_ENGINE = request.param
    return request.param


@pytest.fixture
def signed_in(client, seeker, shared_cache):
    log_in(client, "samira-k")
    assert client.get(SIGNED_IN).status_code == 200  # the row is now kept
    return client


def test_a_signed_in_request_reads_the_user_from_the_shared_cache(
    signed_in, seeker, shared_cache, django_assert_num_queries
):
    # The session's row only; none with sessions in the cache too.
    with django_assert_num_queries(1 if shared_cache.endswith(".db") else 0):
        response = signed_in.get(SIGNED_IN)
    assert response.content.decode() == f"{seeker.pk}\n"


def test_without_a_shared_cache_the_user_is_read_from_the_database(
    client, seeker, django_assert_num_queries
):
    log_in(client, "samira-k")
    client.get(SIGNED_IN)
    with django_assert_num_queries(2):  # the session's row and the user's
        assert client.get(SIGNED_IN).status_code == 200


def test_the_cache_keeps_no_password_hash(signed_in, seeker):
    values, session_hash, _group_names = cache.get(user_cache_key(seeker.pk))
    seeker.refresh_from_db()
    assert "password" not in values
    assert seeker.password not in repr(values)
    assert session_hash == seeker.get_session_auth_hash()


def test_a_deactivated_user_is_signed_out_on_the_next_request(signed_in, seeker):
    seeker.is_active = False
    seeker.save()
    assert signed_in.get(SIGNED_IN).status_code == 403


def test_a_deleted_user_is_signed_out_on_the_next_request(signed_in, seeker):
    seeker.delete()
    assert signed_in.get(SIGNED_IN).status_code == 403


def test_a_password_changed_elsewhere_signs_out_every_session_on_the_next_request(
    signed_in, seeker
):
    user = get_user_model().objects.get(pk=seeker.pk)  # another server's copy of the row
    user.set_password("another-long-passphrase-7")
    user.save()
    assert signed_in.get(SIGNED_IN).status_code == 403


def test_a_password_reset_by_email_signs_out_the_sessions_already_open(signed_in, seeker):
    seeker.refresh_from_db()  # the token covers last_login, which signing in set
    uid = urlsafe_base64_encode(force_bytes(seeker.pk))
    token = default_token_generator.make_token(seeker)
    other_browser = Client()
    form_page = other_browser.get(
        reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True
    )
    new_password = "another-long-passphrase-7"
    reset = other_browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert reset.status_code == 302
    assert signed_in.get(SIGNED_IN).status_code == 403


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(
    client, make_user, shared_cache
):
    """The admin's own password change sets the password on `request.user`, the object read
    from the cache, and keeps the session with the new password's hash."""
    make_user("admin-ada", is_staff=True)
    laptop = Client()
    log_in(client, "admin-ada")
    log_in(laptop, "admin-ada")
    assert client.get(SIGNED_IN).status_code == 200
    assert laptop.get(SIGNED_IN).status_code == 200
    new_password = "another-long-passphrase-7"
    changed = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert changed.status_code == 302
    assert client.get(SIGNED_IN).status_code == 200
    assert client.get(SIGNED_IN).status_code == 200  # and again, from the refilled cache
    assert laptop.get(SIGNED_IN).status_code == 403


def test_signing_in_again_refreshes_the_kept_row(signed_in, seeker):
    """A login writes `last_login`, which deletes the kept row like any other save."""
    kept_before = cache.get(user_cache_key(seeker.pk))
    log_in(Client(), "samira-k")
    assert cache.get(user_cache_key(seeker.pk)) is None
    signed_in.get(SIGNED_IN)
    assert cache.get(user_cache_key(seeker.pk))[0]["last_login"] > kept_before[0]["last_login"]


def test_a_kept_row_is_not_read_under_another_secret_key(signed_in, seeker, settings):
    settings.SECRET_KEY = "another-test-only-key"
    assert cache.get(user_cache_key(seeker.pk)) is None


def request_of(client, rf):
    """A request carrying the client's session cookie, through the session and the
    authentication middleware, as a view would get it."""
    request = rf.get("/", HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}")
    SessionMiddleware(lambda request: HttpResponse()).process_request(request)
    AuthenticationMiddleware(lambda request: HttpResponse()).process_request(request)
    return request


def test_once_read_the_request_user_is_the_user_itself(signed_in, seeker, rf):
    request = request_of(signed_in, rf)
    lazy = request.user
    assert type(lazy) is SimpleLazyObject

    assert lazy.pk == seeker.pk
    assert type(request.user) is get_user_model()  # no proxy on the next reads
    assert request.user.pk == lazy.pk == seeker.pk  # and the proxy still works


def test_a_user_put_in_place_before_the_lazy_one_is_read_stays(signed_in, make_user, rf):
    request = request_of(signed_in, rf)
    lazy = request.user
    other = make_user("other")

    auth_login(request, other, backend="django.contrib.auth.backends.ModelBackend")
    lazy.is_authenticated  # noqa: B018  (the lazy object read late)

    assert request.user == other
