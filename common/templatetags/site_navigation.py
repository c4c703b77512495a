"""`{% site_navigation %}`: the header's links, rendered once per language and navigation
state and kept in the default cache.

Every page shows them and they differ only by who is looking (`navigation_state`: anonymous,
signed in, the user's groups) and the language, so rendering them on each page would repeat
a dozen URL reversals and translations for the same HTML. The logout form's CSRF token is the
one per-request part: rendered as `common.page_cache`'s placeholder and replaced with the
page's own token; on a page served by `render_cached` that is the same placeholder, left for
that function to replace.
"""

from django import template
from django.core.cache import cache
from django.template.context import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from common.navigation import ANONYMOUS, navigation_state
from common.page_cache import CSRF_PLACEHOLDER

register = template.Library()

TEMPLATE = "_navigation.html"


def navigation_key(state: str) -> str:
    # "2": the links as rendered with common.page_cache's placeholder, not an older one.
    return f"navigation:2:{get_language()}:{state}"


@register.simple_tag(takes_context=True)
def site_navigation(context: Context) -> SafeString:
    request = context.get("request")
    # Error pages rendered without a request (500) show the anonymous links.
    state = navigation_state(request) if request is not None else ANONYMOUS
    key = navigation_key(state)
    html: str | None = cache.get(key)
    if html is None:
        # Rendered from what the state says, not from the page's context (which may name
        # another `user`, as a counselor's page about a client might): the same HTML for
        # everyone in this state.
        html = str(
            get_template(TEMPLATE).render(
                {
                    "signed_in": state != ANONYMOUS,
                    "user_is_counselor": context.get("user_is_counselor", False),
                    "csrf_token": CSRF_PLACEHOLDER,
                }
            )
        )
        cache.set(key, html)
    if CSRF_PLACEHOLDER in html:  # asked first: reading the token sets the CSRF cookie
        token = str(context.get("csrf_token", ""))
        if token != CSRF_PLACEHOLDER:
            html = html.replace(CSRF_PLACEHOLDER, token)
    return mark_safe(html)
