"""The parts of a result page that its owner alone sees and that change after the result is
stored: whom it is shared with and its read-only links.

The rest of the page is cached whole (`common.page_cache`); these parts hold a marker there and
are drawn for each request, from the database, so a withdrawn share or a revoked link is gone
from the page at once whichever server answers. The panel's forms do not change and stay in
the cached page. Apps above this one (counselors) add their parts in `AppConfig.ready` with
`owner_part`, so assessments never imports them.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from assessments.models import Assessment, PublicLink

# A part draws its HTML for this request: (request, assessment, new_link_id) -> HTML.
Part = Callable[[HttpRequest, Assessment, str], str]

_parts: dict[str, Part] = {}

PUBLIC_LINKS = "public-links"


def marker(name: str) -> SafeString:
    """What the cached page holds where the part `name` goes (an HTML comment: a page drawn
    without the part's app shows nothing there)."""
    return mark_safe(f"<!-- owner-part:{name} -->")  # a constant of ours


def owner_part(name: str, draw: Part) -> None:
    _parts[marker(name)] = draw


def with_owner_parts(html: bytes, request: HttpRequest, assessment: Assessment) -> bytes:
    """The page's HTML with each part drawn in place of its marker."""
    new_link_id = request.GET.get("new_link", "")
    for place, draw in _parts.items():
        if place.encode() in html:
            html = html.replace(place.encode(), draw(request, assessment, new_link_id).encode())
    return html


def public_links(request: HttpRequest, assessment: Assessment, new_link_id: str) -> str:
    """The result's read-only links, each with its state and, while it works, its address."""
    context = {
        "assessment": assessment,
        "links": PublicLink.objects.filter(assessment=assessment.pk).select_related(
            "assessment__role"
        ),
        "new_link_id": new_link_id,
    }
    return render_to_string("assessments/_public_links.html", context, request)


owner_part(PUBLIC_LINKS, public_links)
