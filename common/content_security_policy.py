"""The Content-Security-Policy header, built once per process.

django-csp's middleware builds the header from the settings again on every response (twice:
the policy and the report-only one), so that a view may change it or a template ask for a
nonce. This site does neither (pages have no inline script or style at all), so the header is
the same on every page: built here once, by django-csp's own builder from the same
`CONTENT_SECURITY_POLICY` setting, and set on each response. Measured in-process: django-csp's
middleware took ~90 µs of /ping's ~330 µs (docs/PERFORMANCE.md).
"""

from collections.abc import Callable

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = build_policy()
        self.excluded = tuple(settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Django's debug pages (404 and 500 with DEBUG) have inline styles of their own.
        debug_page = settings.DEBUG and response.status_code in {404, 500}
        if (
            self.policy
            and HEADER not in response
            and not debug_page
            and not request.path_info.startswith(self.excluded)
        ):
            response[HEADER] = self.policy
        return response
