"""Production's sessions (common/sessions.py): a signed-in session's key names its user, so
the session and the user's kept row are read in one round trip; the session's own data still
decides who is signed in, and every change to the user shows on the next request
(tests/common/test_auth_backend.py runs its tests with these sessions too)."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils.http import int_to_base36

from common import sessions
from common.auth_backend import AuthenticationMiddleware
from tests.accounts.test_accounts import PASSWORD, log_in

# The bench's URLs add a view that reads the session and the user and nothing else: 200 with
# the user's id when signed in, 403 otherwise.
pytestmark = pytest.mark.urls("bench.urls")
SIGNED_IN = "/bench/signed-in"


@pytest.fixture(autouse=True)
def production_sessions(settings):
    settings.CACHE_IS_SHARED = True
    settings.SESSION_ENGINE = "common.sessions"


def request_with(rf, session_cookie: str):
    """A request holding this session cookie, through the session and auth middleware."""
    request = rf.get(SIGNED_IN)
    request.COOKIES["sessionid"] = session_cookie
    SessionMiddleware(lambda r: None).process_request(request)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    return request


def session_key(client: Client) -> str:
    return client.cookies["sessionid"].value


def names(key: str, user) -> bool:
    return key.endswith(f"-{int_to_base36(user.pk)}")


def test_signing_in_gives_a_key_that_names_the_user(client, seeker):
    client.get(reverse("accounts:login"))
    log_in(client, "samira-k")
    assert names(session_key(client), seeker)
    assert len(session_key(client)) <= 40  # django_session.session_key
    assert client.get(SIGNED_IN).status_code == 200


def test_a_visitors_key_names_no_one_and_neither_does_it_after_logging_out(
    client, seeker, start, role
):
    start(role)  # an anonymous attempt keeps its session
    assert sessions.named_user_id(session_key(client)) is None
    log_in(client, "samira-k")
    client.post(reverse("accounts:logout"))
    assert sessions.named_user_id(session_key(client)) is None


def test_the_session_and_the_user_are_read_in_one_cache_read(client, seeker, cache_reads):
    log_in(client, "samira-k")
    client.get(SIGNED_IN)  # the user's row is now kept
    cache_reads.clear()

    assert client.get(SIGNED_IN).content.decode() == f"{seeker.pk}\n"

    assert len(cache_reads) == 1


def test_a_key_naming_someone_else_signs_in_no_one_but_its_own_user(client, seeker, make_user):
    """The id in the key only says which entry to read beside the session: the session's own
    data says who is signed in."""
    other = make_user("someone-else")
    log_in(client, "samira-k")
    others_browser = Client()
    log_in(others_browser, "someone-else")
    assert others_browser.get(SIGNED_IN).status_code == 200  # the other's row is kept too
    store = sessions.SessionStore(session_key(client))
    data = store.load()
    assert data[SESSION_KEY] == str(seeker.pk)
    # The same session saved again under a key that names the other user.
    forged = sessions.SessionStore()
    forged._session_key = f"{'x' * 32}-{int_to_base36(other.pk)}"
    forged._session_cache = dict(data)
    forged.save(must_create=True)
    client.cookies["sessionid"] = forged.session_key
    assert client.get(SIGNED_IN).content.decode() == f"{seeker.pk}\n"


def test_a_row_read_with_the_session_is_not_used_after_the_user_is_saved(rf, seeker):
    """In the request that read it: a save there (a view deactivating the account, then
    reading request.user) must not be answered from the row read before it."""
    from django.contrib.auth import get_user

    client = Client()
    log_in(client, "samira-k")
    client.get(SIGNED_IN)  # the user's row is now kept
    request = request_with(rf, session_key(client))
    assert request.session[SESSION_KEY]  # read first, as by a middleware
    seeker.is_active = False
    seeker.save()
    assert not request.user.is_authenticated
    assert not get_user(request).is_authenticated


def test_changing_ones_password_keeps_a_key_that_names_the_user(client, make_user):
    admin = make_user("admin-ada", is_staff=True)
    log_in(client, "admin-ada")
    new_password = "another-long-passphrase-7"
    changed = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert changed.status_code == 302
    assert names(session_key(client), admin)
    assert client.get(SIGNED_IN).status_code == 200


def forged_session(data: dict, named) -> str:
    """A session holding `data` under a key that names `named`."""
    forged = sessions.SessionStore()
    forged._session_key = f"{'y' * 32}-{int_to_base36(named.pk)}"
    forged._session_cache = dict(data)
    forged.save(must_create=True)
    return forged.session_key


def test_a_pages_own_keys_are_read_with_the_session_and_the_user(
    client, seeker, role, make_submitted, cache_reads
):
    result = make_submitted(role, owner=seeker)
    url = reverse("assessments:result", args=[result.pk])
    log_in(client, "samira-k")
    client.get(url)  # the page is kept in the owner's slot
    cache_reads.clear()

    page = client.get(url)

    assert page.status_code == 200
    assert "Share this result" in page.content.decode()  # the owner's own panel
    [keys] = cache_reads
    assert any(key.startswith("result-page:result:") for key in keys)
    assert any(key.startswith("user-entry:") for key in keys)
    # The group names the header needs come in the user's entry, not a key of their own.
    assert not any("group" in key for key in keys)
    assert len(keys) == 6  # the session, the user, the facts, the revision, the page, sharing


def test_keys_read_for_the_user_a_key_names_are_not_used_for_someone_else(
    client, seeker, role, make_submitted, make_user, cache_reads
):
    """A key that names the owner over a stranger's session: what was read for the owner
    (their kept page, their sharing version) is dropped and read again for the stranger,
    who may not open the owner's result."""
    result = make_submitted(role, owner=seeker)
    url = reverse("assessments:result", args=[result.pk])
    log_in(client, "samira-k")
    assert client.get(url).status_code == 200  # the owner's copy is kept
    make_user("stranger")
    strangers = Client()
    log_in(strangers, "stranger")
    data = sessions.SessionStore(session_key(strangers)).load()
    strangers.cookies["sessionid"] = forged_session(data, named=seeker)
    cache_reads.clear()

    assert strangers.get(url).status_code == 404

    # The owner's keys with the session, then the stranger's own.
    slots = [[key for key in keys if key.startswith("result-page:")] for keys in cache_reads]
    assert f":u{seeker.pk}:" in slots[0][0]
    later = [slot for found in slots[1:] for slot in found]
    assert later and not any(f":u{seeker.pk}:" in slot for slot in later)


def test_a_key_that_names_a_user_over_a_session_of_no_one_reads_for_no_one(
    client, seeker, role, make_submitted
):
    result = make_submitted(role, owner=seeker)
    url = reverse("assessments:result", args=[result.pk])
    log_in(client, "samira-k")
    assert client.get(url).status_code == 200
    visitor = Client()
    visitor.get(reverse("accounts:login"))
    visitor.cookies["sessionid"] = forged_session({}, named=seeker)

    assert visitor.get(url).status_code == 404


def test_a_key_read_with_the_session_is_served_once_and_the_others_are_read_then(
    rf, client, seeker, cache_reads
):
    cache = caches["default"]
    cache.set_many({"along-a": "a", "later-c": "c"})
    log_in(client, "samira-k")
    request = request_with(rf, session_key(client))
    asked = sessions.read_with_session(request, lambda user_id: ["along-a", "along-missing"])
    assert asked == (seeker.pk, ["along-a", "along-missing"])
    cache_reads.clear()

    assert request.user.pk == seeker.pk
    assert sessions.get_many(request, ["along-a", "along-missing", "later-c"]) == {
        "along-a": "a",
        "later-c": "c",
    }
    cache.set("along-a", "changed")
    assert sessions.get_many(request, ["along-a"]) == {"along-a": "changed"}

    session_read, *others = cache_reads
    assert {"along-a", "along-missing"} <= set(session_read)
    assert others == [("later-c",), ("along-a",)]
    assert sessions.read_with_session(request, lambda user_id: ["late"]) is None  # read now


def test_a_pages_keys_are_built_once_for_the_user_the_session_key_names(
    rf, client, seeker, make_user, cache_reads
):
    """`get_many_with_session` builds the keys for the user the session's key names, reads
    them with the session, and builds them again only for someone else (a forged key)."""
    caches["default"].set(f"page-of:{seeker.pk}", "the owner's")

    def keys_of(user_id):
        built.append(user_id)
        return [f"page-of:{user_id}"]

    log_in(client, "samira-k")
    built = []
    cache_reads.clear()
    found = sessions.get_many_with_session(request_with(rf, session_key(client)), keys_of)
    assert found == {f"page-of:{seeker.pk}": "the owner's"}
    assert built == [seeker.pk]
    assert len(cache_reads) == 1

    make_user("stranger")
    strangers = Client()
    log_in(strangers, "stranger")
    data = sessions.SessionStore(session_key(strangers)).load()
    request = request_with(rf, forged_session(data, named=seeker))
    built = []
    assert sessions.get_many_with_session(request, keys_of) == {}
    assert built == [seeker.pk, request.user.pk] and request.user.pk != seeker.pk


def test_an_anonymous_visitors_page_keys_are_read_with_the_session(rf, db, cache_reads):
    """A session whose key names no one (a visitor who started an assessment signed in as
    nobody) is read with a page's own keys too: one round trip, not two."""
    caches["default"].set("page-of:None", "the visitor's")
    store = sessions.SessionStore()
    store["started"] = ["an attempt"]
    store.create()
    assert sessions.named_user_id(store.session_key) is None

    request = request_with(rf, store.session_key)
    cache_reads.clear()
    found = sessions.get_many_with_session(request, lambda user_id: [f"page-of:{user_id}"])
    assert found == {"page-of:None": "the visitor's"}
    assert not request.user.is_authenticated
    assert request.session["started"] == ["an attempt"]
    assert len(cache_reads) == 1

    # Its session gone from the cache, it is read from the database as `cached_db` does.
    caches["default"].delete(store.cache_key)
    request = request_with(rf, store.session_key)
    assert sessions.get_many_with_session(request, lambda user_id: [f"page-of:{user_id}"]) == {
        "page-of:None": "the visitor's"
    }
    assert request.session["started"] == ["an attempt"]
