"""The parts of a result page that its owner alone sees and that change after the result is
stored: whom it is shared with and its read-only links.

The rest of the page is cached whole (`common.page_cache`) and holds a marker for each part.
The parts are cached apart from it, under the owner's sharing version (`SharingVersion`), which
every write of what they show moves in the writer's transaction (`sharing_changed`: a link made,
revoked or deleted, a share made, withdrawn or deleted, a counselor's new name), and under the
earliest time one of the result's links stops working: the visibility query reads both
(`access.reachable_result_or_404`), so a withdrawn share or a revoked or expired link is gone
from the page at once whichever server answers, and a page whose sharing did not change costs
a cache read. The panel's forms do not change and stay in the cached page. Apps above this one
(counselors) add their parts in `AppConfig.ready` with `owner_part`, so assessments never
imports them.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from assessments.access import ResultRef
from assessments.access_cache import sharing_versions_changed
from assessments.models import Assessment, PublicLink, SharingVersion
from common.csrf import get_token
from common.page_cache import CSRF_PLACEHOLDER

# A part is a template and what it needs: (request, assessment, new_link_id) -> its name and
# context. Drawn with the CSRF placeholder for a token, as `render_cached` draws pages.
Part = Callable[[HttpRequest, Assessment, str], tuple[str, Mapping[str, Any]]]

_parts: dict[str, Part] = {}

PUBLIC_LINKS = "public-links"

# The parts under an old version are never asked for again; a day bounds what they hold.
PARTS_CACHE_SECONDS = 24 * 60 * 60


def marker(name: str) -> SafeString:
    """What the cached page holds where the part `name` goes (an HTML comment: a page drawn
    without the part's app shows nothing there)."""
    return mark_safe(f"<!-- owner-part:{name} -->")  # a constant of ours


def owner_part(name: str, draw: Part) -> None:
    _parts[marker(name)] = draw


def sharing_changed(owner_ids: Iterable[Any]) -> None:
    """Moves the sharing version of each of these people (ids; None is nobody), in the
    caller's transaction: readers see the new version exactly when they can see the change.
    One upsert whatever the number of people."""
    moved = sorted(set(owner_ids) - {None})  # sorted: two writers lock alike
    if moved:
        SharingVersion.objects.bulk_create(
            [SharingVersion(owner_id=owner_id, version=uuid.uuid4()) for owner_id in moved],
            update_conflicts=True,
            unique_fields=["owner"],
            update_fields=["version"],
        )
        # With a shared cache, the versions kept there (`access_cache`) follow.
        sharing_versions_changed(moved)


def owner_parts_key(request: HttpRequest, ref: ResultRef) -> str:
    """The key the parts are cached under for this request. `ref` must have been read
    `with_sharing`, by its owner."""
    assessment = ref.assessment
    # The sharing stamp holds a time, with characters some caches refuse in keys. What else
    # the parts show: the links' role title (catalog revision), their full address
    # (scheme and host), the page's own address (where a withdrawal returns) and the language.
    detail = ":".join(
        map(
            str,
            [
                ref.sharing_stamp,
                ref.catalog_revision,
                _new_link_id(request),
                request.scheme,
                request.get_host(),
                request.path,
                get_language(),
            ],
        )
    )
    return ":".join(
        [
            "owner-parts",
            str(assessment.pk),
            str(assessment.owner_id),
            hashlib.blake2b(detail.encode(), digest_size=16).hexdigest(),
        ]
    )


def _new_link_id(request: HttpRequest) -> str:
    # Most views: no query, or one without it (a ranking's filters), not parsed. Both the key
    # and the drawing read it here, so a link's id written another way is simply not shown.
    if "new_link=" not in request.META.get("QUERY_STRING", ""):
        return ""
    new_link_id = request.GET.get("new_link", "")
    return new_link_id if new_link_id.isdigit() else ""


def with_owner_parts(html: bytes, request: HttpRequest, ref: ResultRef) -> bytes:
    """The page's HTML with each part drawn in place of its marker, from the cache while the
    owner's sharing is unchanged, with the request's CSRF token in its forms. `ref` must have
    been read `with_sharing`."""
    token = ""
    for place, part in _kept_parts(request, ref).items():
        if place.encode() in html:
            if CSRF_PLACEHOLDER in part:
                token = token or get_token(request)
                part = part.replace(CSRF_PLACEHOLDER, token)
            html = html.replace(place.encode(), part.encode())
    return html


def owner_parts_in(html: str, request: HttpRequest, ref: ResultRef) -> str:
    """As `with_owner_parts`, for a page still holding the CSRF placeholder (kept so by
    `common.page_cache`): the parts' forms keep it too."""
    for place, part in _kept_parts(request, ref).items():
        html = html.replace(place, part)
    return html


def _kept_parts(request: HttpRequest, ref: ResultRef) -> dict[str, str]:
    key = owner_parts_key(request, ref)
    parts: dict[str, str] | None = cache.get(key)
    if parts is None:
        parts = {}
        for place, draw in _parts.items():
            template_name, context = draw(request, ref.assessment, _new_link_id(request))
            parts[place] = render_to_string(
                template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}, request
            )
        cache.set(key, parts, PARTS_CACHE_SECONDS)
    return parts


def public_links(
    request: HttpRequest, assessment: Assessment, new_link_id: str
) -> tuple[str, Mapping[str, Any]]:
    """The result's read-only links, each with its state and, while it works, its address."""
    return "assessments/_public_links.html", {
        "assessment": assessment,
        "links": list(
            PublicLink.objects.filter(assessment=assessment.pk).select_related("assessment__role")
        ),
        "new_link_id": new_link_id,
    }


owner_part(PUBLIC_LINKS, public_links)
