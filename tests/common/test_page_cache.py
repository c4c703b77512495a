"""Whole pages from the cache (common/page_cache.py): one copy per language and navigation
state, this request's CSRF token in every copy, and nothing stored from a page that shows
something for one request alone."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.utils import translation

from assessments.access import CLAIM_OFFER_KEY
from common.page_cache import CSRF_PLACEHOLDER, query_digest
from counselors.services import counselor_make

pytestmark = pytest.mark.urls("tests.common.page_cache_urls")

PAGE = "/cached/"


@pytest.fixture(autouse=True)
def test_templates(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]}
    ]


def label_of(response) -> str:
    return re.search(r'<p id="label">(.*?)</p>', response.content.decode()).group(1)


def csrf_token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_a_second_visitor_is_served_the_stored_page(db):
    assert label_of(Client().get(PAGE, {"label": "first"})) == "first"

    assert label_of(Client().get(PAGE, {"label": "second"})) == "first"


def test_a_cached_page_carries_this_requests_csrf_token_and_its_form_posts(db):
    Client().get(PAGE)  # stored by someone else
    client = Client(enforce_csrf_checks=True)

    page = client.get(PAGE)

    token = csrf_token_in(page)
    assert CSRF_PLACEHOLDER not in page.content.decode()
    assert "csrftoken" in page.cookies
    posted = client.post("/cached/post/", {"csrfmiddlewaretoken": token})
    assert posted.status_code == 200
    assert posted.content == b"posted"


def test_a_browser_with_its_cookie_posts_the_token_of_a_cached_page(db):
    client = Client(enforce_csrf_checks=True)
    client.get(PAGE)  # the CSRF cookie set by the first visit

    page = client.get(PAGE)

    token = csrf_token_in(page)
    assert _unmask_cipher_token(token) == client.cookies["csrftoken"].value
    assert "csrftoken" not in page.cookies  # held already: not sent again (common/csrf.py)
    assert client.post("/cached/post/", {"csrfmiddlewaretoken": token}).status_code == 200


def test_two_browsers_get_their_own_tokens_from_one_stored_page(db):
    first, second = Client(), Client()
    assert csrf_token_in(first.get(PAGE)) != csrf_token_in(second.get(PAGE))


def test_another_browsers_token_is_refused(db):
    other_token = csrf_token_in(Client().get(PAGE))
    client = Client(enforce_csrf_checks=True)
    client.get(PAGE)

    assert (
        client.post("/cached/post/", {"csrfmiddlewaretoken": "x" + other_token[1:]}).status_code
        == 403
    )


def test_the_logout_form_of_a_cached_page_logs_out(seeker):
    signed_in(seeker).get(PAGE)  # stored
    client = signed_in(seeker)

    page = client.get(PAGE)

    logged_out = client.post("/account/logout/", {"csrfmiddlewaretoken": csrf_token_in(page)})
    assert logged_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_anonymous_signed_in_and_counselor_visitors_each_get_their_own_copy(seeker, make_user):
    counselor = make_user("casey")
    counselor_make(user=counselor)
    assert label_of(Client().get(PAGE, {"label": "anonymous"})) == "anonymous"
    assert label_of(signed_in(seeker).get(PAGE, {"label": "signed in"})) == "signed in"
    assert label_of(signed_in(counselor).get(PAGE, {"label": "counselor"})) == "counselor"

    assert label_of(Client().get(PAGE, {"label": "x"})) == "anonymous"
    assert label_of(signed_in(make_user("other")).get(PAGE, {"label": "x"})) == "signed in"
    counselor_page = signed_in(counselor).get(PAGE, {"label": "x"})
    assert label_of(counselor_page) == "counselor"
    assert "Clients" in counselor_page.content.decode()


def test_another_language_gets_its_own_copy(db, settings):
    settings.LANGUAGES = [("en", "English"), ("de", "German")]
    Client().get(PAGE, {"label": "english"})

    german = Client().get(PAGE, {"label": "german"}, headers={"accept-language": "de"})

    assert label_of(german) == "german"
    assert '<html lang="de">' in german.content.decode()
    translation.activate("en")


def test_a_page_with_a_flash_message_is_rendered_afresh_and_not_stored(db):
    Client().get(PAGE, {"label": "stored"})
    client = Client()

    flashed = client.get(PAGE, {"label": "fresh", "flash": "Your answers are saved."})

    assert label_of(flashed) == "fresh"
    assert "Your answers are saved." in flashed.content.decode()
    after = client.get(PAGE, {"label": "later"})
    assert label_of(after) == "stored"
    assert "Your answers are saved." not in after.content.decode()


def test_a_page_with_a_flash_message_and_nothing_stored_stores_nothing(db):
    Client().get(PAGE, {"label": "fresh", "flash": "Saved."})

    assert label_of(Client().get(PAGE, {"label": "next"})) == "next"


def test_a_page_offering_this_browsers_attempts_is_rendered_afresh(seeker):
    signed_in(seeker).get(PAGE, {"label": "stored"})
    client = signed_in(seeker)
    session = client.session
    session[CLAIM_OFFER_KEY] = ["1"]
    session.save()

    offered = client.get(PAGE, {"label": "fresh"})

    assert label_of(offered) == "fresh"
    assert "Add it to your account?" in offered.content.decode()


def test_a_page_kept_in_process_is_served_without_the_shared_cache(db):
    Client().get(PAGE, {"label": "first", "keep": "1"})
    cache.clear()

    assert label_of(Client().get(PAGE, {"label": "second", "keep": "1"})) == "first"


def test_a_page_not_kept_in_process_is_rendered_again_when_the_cache_loses_it(db):
    Client().get(PAGE, {"label": "first"})
    cache.clear()

    assert label_of(Client().get(PAGE, {"label": "second"})) == "second"


def test_a_page_kept_in_process_still_gets_this_requests_token(db):
    Client().get(PAGE, {"keep": "1"})
    client = Client(enforce_csrf_checks=True)

    token = csrf_token_in(client.get(PAGE, {"keep": "1"}))

    assert client.post("/cached/post/", {"csrfmiddlewaretoken": token}).status_code == 200


def test_a_page_without_a_form_sets_no_csrf_cookie_from_either_copy(db):
    Client().get(PAGE, {"no-form": "1", "keep": "1"})

    for params in ({"no-form": "1", "keep": "1"}, {"no-form": "1"}):
        page = Client().get(PAGE, params)
        assert "csrftoken" not in page.cookies
        assert CSRF_PLACEHOLDER not in page.content.decode()


def test_a_page_kept_in_process_is_served_as_it_was_rendered(db):
    label = "Café · level 3 — “ready”"
    rendered = Client().get(PAGE, {"label": label, "keep": "1"})
    cache.clear()  # the next one comes from the process's own copy

    served = Client().get(PAGE, {"keep": "1"})

    assert label_of(served) == label
    assert served["Content-Type"] == "text/html; charset=utf-8"
    without_token = served.content.replace(csrf_token_in(served).encode(), b"")
    assert without_token == rendered.content.replace(csrf_token_in(rendered).encode(), b"")


def mine_of(response) -> str:
    return re.search(r'<p id="mine">(.*?)</p>', response.content.decode()).group(1)


@pytest.mark.parametrize("keep", [{}, {"keep": "1"}])
def test_each_visitor_gets_their_own_pieces_in_one_stored_page(db, keep):
    Client().get(PAGE, {"label": "first", "mine": "one", **keep})
    if keep:
        cache.clear()  # the next ones come from the process's own copy

    served = Client().get(PAGE, {"label": "second", "mine": "<b>two</b> & “more”", **keep})

    assert label_of(served) == "first"
    assert mine_of(served) == "&lt;b&gt;two&lt;/b&gt; &amp; “more”"
    assert "page-cache-test-mine-goes-here" not in served.content.decode()
    assert csrf_token_in(served) != CSRF_PLACEHOLDER


def test_a_page_rendered_afresh_for_a_message_gets_its_pieces_too(db):
    Client().get(PAGE, {"mine": "one", "keep": "1"})

    served = Client().get(PAGE, {"mine": "two", "keep": "1", "flash": "Saved."})

    assert mine_of(served) == "two"
    assert "Saved." in served.content.decode()
    assert "page-cache-test-mine-goes-here" not in served.content.decode()


def test_a_kept_page_loses_its_indentation_but_no_text_shown_as_written(db):
    page = Client().get(PAGE).content.decode()

    outside = re.sub(r"<(pre|textarea)\b.*?</\1>", "shown", page, flags=re.DOTALL)
    assert "\n" in outside
    assert not re.search(r"\n\s", outside, re.ASCII)  # no indentation, no blank line
    assert '<pre id="shown">\n  kept\n    as written</pre>' in page
    assert '<p id="spaced">\n\u00a0after a no-break space</p>' in page
    assert '<textarea id="typed" name="typed">\n   line one\n      line two</textarea>' in page


def test_the_query_digest_names_the_query_as_sent_without_parsing_it(rf):
    digest = query_digest
    first = rf.get("/p/?a=1&b=%C3%A9")

    assert digest(first) == digest(rf.get("/p/", {"a": "1", "b": "é"})) == digest(first)
    assert "GET" not in first.__dict__  # not parsed
    assert len({digest(rf.get(f"/p/{query}")) for query in ("", "?a=1", "?a=2", "?a=")}) == 4
    assert digest(rf.get("/p/")) == digest(rf.get("/other/?"))  # no query at all
