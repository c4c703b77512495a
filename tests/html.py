"""Reading pages in tests."""

import re


def without_csrf(response) -> str:
    """The page with its CSRF token blanked out: the token is masked afresh on every request,
    so two renderings of the same page differ only there."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
