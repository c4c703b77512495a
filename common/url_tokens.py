"""Secrets that travel in URLs — resume links, read-only result links, password-reset links —
never reach a log. Whoever reads the logs must not be able to open someone's attempt.

`mask_tokens` masks them anywhere in a line of text: a path, a request line, a full URL in a
`Referer`. It is the one place that knows which URLs carry a token, and both logs use it:
gunicorn's access log (config/gunicorn.py) and Django's own log records
(common/request_log.py). tests/common/test_url_tokens.py checks it against every URL that
carries a token, so a new such URL that it does not mask fails a test.

No Django here: gunicorn's master process imports this before Django is set up.
"""

import re

MASK = "[token]"

# What may stand in a path segment: stops at the next slash, the query, the fragment, the end
# of a quoted header value or a request line's space.
_SEGMENT = r"[^/\s?#\"']+"

# The path segment after each prefix is the secret. A password reset carries the account's id
# and then the token (or "set-password", which replaces it once checked): both are masked,
# so a log does not tie a reset to an account either; its own pages ("sent", "done") are not.
_TOKEN_IN_URL = re.compile(
    rf"(/r/|/assessments/resume/)({_SEGMENT})"
    rf"|(/account/password-reset/)(?!(?:sent|done)(?![^/\s?#\"']))({_SEGMENT}(?:/{_SEGMENT})?)"
)


def _masked(match: re.Match[str]) -> str:
    prefix = match.group(1) or match.group(3)
    return f"{prefix}{MASK}"


def mask_tokens(text: str) -> str:
    return _TOKEN_IN_URL.sub(_masked, text)
