"""Whole pages rendered once and served from the cache.

Rendering a page's templates costs many times what serving a bare view does, and most pages
show the same HTML to everyone who sees them until what they show changes. `render_cached`
keeps that HTML in the default cache and puts back, per request, the little that differs:

- **The CSRF token.** A page is rendered with a placeholder in place of the token, and each
  request gets its own token (`common.csrf.get_token`: Django's, masked for less; it also
  sets the CSRF cookie) by a string replace. So a form on a cached page posts with the token
  of the browser that sent it.
- **The header's navigation** differs by language and by who is looking (anonymous, signed in,
  a counselor: `common.navigation.navigation_state`): each gets its own copy of the page.
- **Flash messages and the banners that some requests show** (`render_fresh_when`: the offer
  to add this browser's assessments to the account that just signed in) belong to one
  request: a request with one to show is rendered afresh, as `render` would, and not stored.

Everything else the page shows is the caller's to put in the key: the catalog revision, the
result's id, the kind of viewer, the page number, the search... Two requests with the same
key, language and navigation state get the same HTML, so a page that shows anything else
about the request or the visitor (their name, their attempts, a query parameter) must either
name it in the key or not use this.
"""

import hashlib
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from common.csrf import get_token
from common.navigation import navigation_state

# Rendered where `{% csrf_token %}` puts the token (it escapes nothing in it), replaced by the
# request's own token before the page leaves; the header's cached links use it too
# (common/templatetags/site_navigation.py). No page says it otherwise.
CSRF_PLACEHOLDER = "csrf_token_of_this_request_goes_here"
_CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()

_fresh_render_checks: list[Callable[[HttpRequest], bool]] = []

# Pages whose key names a version of everything they show (`keep_in_process`): the HTML under
# such a key never changes, so each process keeps its own copy of the most recent ones and
# skips the shared cache's round trip. Emptied whole when full: the versions move on, and the
# pages under old versions are never asked for again. A copy is kept encoded and cut at the
# CSRF placeholder, so serving it neither encodes nor searches the page again: a catalog page
# of several hundred KB (a skill that 800 roles require) paid more for those two than for
# everything else of its request.
PROCESS_COPIES = 64
_process_copies: dict[str, tuple[bytes, ...]] = {}


def render_fresh_when(check: Callable[[HttpRequest], bool]) -> Callable[[HttpRequest], bool]:
    """Register a question about a request whose yes means the page shows something for that
    request alone (an app's banner in the base template): such a page is rendered afresh and
    not stored. Apps register theirs in `AppConfig.ready`; asked on every cached page, so it
    must be cheap (read the session, not the database)."""
    _fresh_render_checks.append(check)
    return check


def query_digest(request: HttpRequest) -> str:
    """The request's query (filters, page...) as sent, hashed for a cache key. Not parsed:
    the same text always means the same query, and the links that lead to a page write a
    query the same way each time (a query written in another order is another key, no more)."""
    query = request.META.get("QUERY_STRING", "")
    # Any text, lone surrogates too, encodes to bytes of its own.
    return hashlib.blake2b(query.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def named_once(name: Callable[[int | None], str]) -> Callable[[int | None], str]:
    """`name` (a visitor's slot, by their id), remembered for the request: a view's read asks
    for its slot when it builds the keys for the user the session names, and again once the
    visitor is known. `functools.cache` would do as much, but builds its wrapper (and copies
    the function's attributes onto it) on every request."""
    names: dict[int | None, str] = {}

    def named(visitor_id: int | None) -> str:
        found = names.get(visitor_id)
        if found is None:
            found = names[visitor_id] = name(visitor_id)
        return found

    return named


def page_key(request: HttpRequest, key: str) -> str:
    """The cache key of the caller's `key` as this visitor sees it."""
    return f"page:{key}:{get_language()}:{navigation_state(request)}"


def render_cached(
    request: HttpRequest,
    template_name: str,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
    *,
    key: str,
    timeout: float | None = None,
    keep_in_process: bool = False,
    pieces: Mapping[str, str] | None = None,
) -> HttpResponse:
    """`render(request, template_name, context)`, kept in the default cache under `key` (plus
    the language and the navigation state) for `timeout` seconds, or the cache's default
    timeout when None. `key` must name everything the page shows that varies (see the
    module's docstring).

    `context` may be a function that returns it, called only when the page is rendered: a page
    served from the cache then runs no query at all, not even for its object (the function
    may raise Http404; a key that names the object's slug or id finds no page for a missing
    one, so that is asked again each time).

    With `keep_in_process`, the caller promises more: `key` holds a version that every change
    of what the page shows moves (the catalog revision), so the HTML under it is never wrong
    and this process keeps a copy as well (`timeout` then bounds only the shared copy).

    `pieces` (marker → HTML, already escaped) are parts of the page that are this request's
    own: the context draws each marker where its part goes (no other text of the page may
    contain it), the page is kept cut there as at the CSRF placeholder, and each request's
    parts are joined in.
    """
    pieces = pieces or {}
    if _must_render_fresh(request):
        response = render(request, template_name, context() if callable(context) else context)
        if pieces:
            response.content = _joined(_cut(response.content, pieces), pieces, request)
        return response
    cache_key = page_key(request, key)
    parts = _process_copies.get(cache_key) if keep_in_process else None
    if parts is None:
        html = cache.get(cache_key)
        if html is None:
            html = _rendered_to_keep(request, template_name, context)
            cache.set(cache_key, html, DEFAULT_TIMEOUT if timeout is None else timeout)
        parts = _cut(html.encode(settings.DEFAULT_CHARSET), pieces)
        if keep_in_process:
            if len(_process_copies) >= PROCESS_COPIES:
                _process_copies.clear()
            _process_copies[cache_key] = parts
    return HttpResponse(_joined(parts, pieces, request))


def _cut(page: bytes, pieces: Mapping[str, str]) -> tuple[bytes, ...]:
    """The page cut at the CSRF placeholder and at each of `pieces`' markers: its text and
    the markers found, in turn (text, marker, text, ..., text)."""
    markers = [_CSRF_PLACEHOLDER_BYTES, *(marker.encode() for marker in pieces)]
    return tuple(re.split(b"(" + b"|".join(map(re.escape, markers)) + b")", page))


def _joined(parts: tuple[bytes, ...], pieces: Mapping[str, str], request: HttpRequest) -> bytes:
    if len(parts) == 1:  # no form on the page: no token, and no CSRF cookie set
        return parts[0]
    charset = settings.DEFAULT_CHARSET
    fills = {marker.encode(): html.encode(charset) for marker, html in pieces.items()}
    if _CSRF_PLACEHOLDER_BYTES in parts[1::2]:
        fills[_CSRF_PLACEHOLDER_BYTES] = get_token(request).encode()
    return b"".join(fills[part] if index % 2 else part for index, part in enumerate(parts))


def cached_html(
    request: HttpRequest,
    template_name: str,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
    *,
    key: str,
    timeout: float | None = None,
) -> str:
    """The HTML `render_cached` keeps under `key`, with the CSRF placeholder for the token,
    from the cache or rendered and kept: for a caller that puts more into the page before
    serving it (`page_chunks`, `response_from_chunks`). The caller asks `renders_fresh`
    first."""
    cache_key = page_key(request, key)
    html: str | None = cache.get(cache_key)
    if html is None:
        html = _rendered_to_keep(request, template_name, context)
        cache.set(cache_key, html, DEFAULT_TIMEOUT if timeout is None else timeout)
    return html


# A line's indentation (ASCII white space: a no-break space is text), and the blank lines after
# it, outside the elements whose text is shown as written.
_INDENTATION = re.compile(
    r"(<(pre|textarea)\b.*?</\2\s*>)|\n\s+", re.ASCII | re.DOTALL | re.IGNORECASE
)


def _rendered_to_keep(
    request: HttpRequest,
    template_name: str,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
) -> str:
    """The page rendered with the CSRF placeholder for the token, without the templates'
    indentation: a tenth to a sixth of a large page (a result of 35 skills: 67 KB, 9 KB of
    them indentation), sent, read from the cache and copied on every view. A line break stays
    where each one was, so the page looks the same, text and all."""
    values = context() if callable(context) else context
    html = str(render_to_string(template_name, {**values, "csrf_token": CSRF_PLACEHOLDER}, request))
    return _INDENTATION.sub(lambda match: match[1] or "\n", html)


def forget_process_copies() -> None:
    """Drop this process's copies (tests, which start each database at the same revision)."""
    _process_copies.clear()


def renders_fresh(request: HttpRequest) -> bool:
    """Whether `render_cached` would render this request's page afresh (it has a message or
    a banner of its own): for callers that keep pages in their own way."""
    return _must_render_fresh(request)


def _must_render_fresh(request: HttpRequest) -> bool:
    # Counting the messages loads them without marking them read: the page rendered afresh
    # shows and consumes them, as any page would.
    messages = get_messages(request)
    if len(messages):
        return True
    return any(check(request) for check in _fresh_render_checks)


def render_kept(
    request: HttpRequest,
    template_name: str,
    context: Callable[[], Mapping[str, Any]],
    *,
    slot: str,
    key: str,
    found: Mapping[str, Any],
    timeout: float | None = None,
) -> HttpResponse:
    """`render_cached` for a page of one visitor whose latest copy is kept in one cache entry,
    `slot`, named by nothing that must be read first (the page, the visitor, the language), so
    the caller reads it with its own stamps in one round trip: `found` is what that read gave
    back, and must have asked for `slot`. The copy is served when it was drawn under the same
    full key (`key` as `render_cached` takes it, with the language and the navigation state),
    else the page is drawn and kept in the slot. Kept encoded and cut at the CSRF placeholder,
    as the process's copies are, so serving it is one join with the request's token. Without
    a shared cache (`settings.CACHE_IS_SHARED`) there is no slot, and this is `render_cached`.

    A slot holds one copy: it serves a visitor's reload, or their return to the page while
    nothing on it changed, not the first view after a change (nor another visitor's)."""
    if not settings.CACHE_IS_SHARED:  # the caller read no slot: each process keeps its own
        return render_cached(request, template_name, context, key=key, timeout=timeout)
    if _must_render_fresh(request):
        return render(request, template_name, context())
    full_key = page_key(request, key)
    kept: tuple[str, tuple[bytes, ...]] | None = found.get(slot)
    if kept is None or kept[0] != full_key:
        html = render_to_string(
            template_name, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request
        )
        kept = (full_key, page_chunks(html))
        cache.set(slot, kept, DEFAULT_TIMEOUT if timeout is None else timeout)
    return response_from_chunks(request, kept[1])


def page_chunks(html: str) -> tuple[bytes, ...]:
    """The page encoded and cut at the CSRF placeholder, ready for `response_from_chunks`."""
    return tuple(html.encode(settings.DEFAULT_CHARSET).split(_CSRF_PLACEHOLDER_BYTES))


def response_from_chunks(request: HttpRequest, chunks: tuple[bytes, ...]) -> HttpResponse:
    """The page of `page_chunks`, with this request's CSRF token joined in (one token for
    every form on the page)."""
    if len(chunks) == 1:  # no form on the page: no token, and no CSRF cookie set
        return HttpResponse(chunks[0])
    return HttpResponse(get_token(request).encode().join(chunks))
