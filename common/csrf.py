"""The CSRF token for a form on a page served from the cache (common/page_cache.py), masked
as Django masks it, for less.

Each response gets the visitor's CSRF secret under a fresh random mask (Django's defence
against BREACH): 32 mask characters, then the secret shifted by them. Django draws the mask
with `get_random_string`, one `SystemRandom.choice` per character, each its own read of the
system's random source: ~60 µs a token, measured, which on a page served whole from the cache
was a tenth of the page's own work. Here the mask comes from one `os.urandom` read (the same
source), a byte kept only below the largest multiple of 62 so that every character stays
equally likely; ~5 µs. The token is what Django's `get_token` returns in every other respect
(tests/common/test_csrf.py unmasks it with Django's own code and posts it), and a request
whose secret is not there yet (no CSRF cookie) is left to `get_token` itself, which makes one.

`HeldCsrfCookieMiddleware` keeps Django's `CsrfViewMiddleware` from sending the CSRF cookie
again with a page read (GET, HEAD) whose browser already holds exactly that cookie. Django
sends it with every page that shows a form, to push its expiry (`CSRF_COOKIE_AGE`, a year)
on each time; that cost ~25 µs a page (the cookie built, formatted and sent), a twentieth of
a page served from the cache. The cookie is still sent whenever it is new, changed
(`rotate_token`, at each sign-in) or held in an old form (a masked token, replaced by its
secret), and with any response to a post that shows a form. So it lasts a year from then
rather than from the last page shown: once it expires, the next page with a form sets a new
one, and a post from a page left open across the expiry meets the page that keeps what it
carried (config/csrf.py). Django's middleware itself stays in place, as `check --deploy`
asks.
"""

import operator
import os
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware import csrf
from django.utils.cache import patch_vary_headers

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class HeldCsrfCookieMiddleware:
    """Put right after Django's `CsrfViewMiddleware`, whose `process_response` then runs after
    this: a page read whose browser sent exactly the cookie Django would send is answered
    without it (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        meta = request.META
        if (
            meta.get("CSRF_COOKIE_NEEDS_UPDATE")
            and request.method in SAFE_METHODS
            and not settings.CSRF_USE_SESSIONS
            and request.COOKIES.get(settings.CSRF_COOKIE_NAME) == meta.get("CSRF_COOKIE")
        ):
            meta["CSRF_COOKIE_NEEDS_UPDATE"] = False
            # The page holds a token of the cookie's secret all the same.
            if response.has_header("Vary"):
                patch_vary_headers(response, ("Cookie",))
            else:
                response.headers["Vary"] = "Cookie"
        return response


_CHARS = csrf.CSRF_ALLOWED_CHARS.encode("ascii")
_COUNT = len(_CHARS)
# Byte tables for `bytes.translate`, so that no step loops in Python:
# an allowed character to its index (the others to 255, which no index is);
_TO_INDEX = bytes(_CHARS.find(bytes([byte])) % 256 for byte in range(256))
# an index, or the sum of two (up to 122), to its character;
_TO_CHAR = bytes(_CHARS[byte % _COUNT] if byte < 2 * _COUNT else 0 for byte in range(256))
# a random byte to an index; those at or above 248 are dropped instead, as they would make the
# first eight characters likelier than the rest.
_RANDOM_TO_INDEX = bytes(byte % _COUNT for byte in range(256))
_BIASED = bytes(range(256 - 256 % _COUNT, 256))


def get_token(request: HttpRequest) -> str:
    """`django.middleware.csrf.get_token`: the masked token, and the cookie marked to go with
    the response (which `HeldCsrfCookieMiddleware` spares a browser that holds it)."""
    secret = request.META.get("CSRF_COOKIE")
    if not isinstance(secret, str) or len(secret) != csrf.CSRF_SECRET_LENGTH:
        return csrf.get_token(request)
    secret_indexes = secret.encode("ascii", "replace").translate(_TO_INDEX)
    if max(secret_indexes) >= _COUNT:
        return csrf.get_token(request)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_indexes(len(secret_indexes))
    cipher = bytes(map(operator.add, secret_indexes, mask))
    return (mask + cipher).translate(_TO_CHAR).decode("ascii")


def random_indexes(count: int) -> bytes:
    """`count` random indexes into the 62 allowed characters, each equally likely."""
    indexes = b""
    while len(indexes) < count:
        indexes += os.urandom(count + 8).translate(_RANDOM_TO_INDEX, _BIASED)
    return indexes[:count]
