"""Secrets that travel in URLs — resume links, read-only result links, password-reset links —
never reach a log. Whoever reads the logs must not be able to open someone's attempt.

`mask_tokens` masks them anywhere in a line of text — a request line, a full URL in a
`Referer` — for gunicorn's access log (config/gunicorn.py); Django's own log records mask
their paths in common/request_log.py. tests/test_log_masking.py checks both against every URL
that carries a token, so a new such URL that neither masks fails a test.
"""

import re

MASK = "[token]"

# The path segment after each prefix is the secret; for a password reset, the segment after
# the account's id (and the "set-password" segment that replaces it, which is harmless).
_TOKEN_IN_URL = re.compile(
    r"(/assessments/resume/|/r/|/account/password-reset/[^/\s?#\"']+/)[^/\s?#\"']+"
)


def mask_tokens(text: str) -> str:
    return _TOKEN_IN_URL.sub(rf"\1{MASK}", text)
