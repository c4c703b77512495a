"""Secrets that travel in URLs — resume links, read-only result links, password-reset links —
never reach a log. Whoever reads the logs must not be able to open someone's attempt.

`mask_tokens` is used by the gunicorn access log (config/gunicorn.py) and by `MaskTokens`, a
logging filter for Django's own loggers. tests/test_log_masking.py checks the pattern against
every URL that carries a token, so a new such URL without a pattern here fails a test.
"""

import logging
import re

MASK = "[token]"

# The path segment after each prefix is the secret; for a password reset, the segment after
# the account's id (and the "set-password" segment that replaces it, which is harmless).
_TOKEN_IN_URL = re.compile(
    r"(/assessments/resume/|/r/|/account/password-reset/[^/\s?#\"']+/)[^/\s?#\"']+"
)


def mask_tokens(text: str) -> str:
    return _TOKEN_IN_URL.sub(rf"\1{MASK}", text)


class MaskTokens(logging.Filter):
    """Masks tokens in a record's message (after its arguments are filled in)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
