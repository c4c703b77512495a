"""Tokens in URLs never reach a log: one masking for gunicorn's access log and Django's
log records (common/url_tokens.py)."""

import pytest
from django.urls import reverse

from common.url_tokens import MASK, mask_tokens

SECRET = "s3cr3t-T0ken_value-that-must-not-be-logged"


def urls_with_a_token() -> list[str]:
    return [
        reverse("assessments:resume", args=[SECRET]),
        reverse("assessments:public_result", args=[SECRET]),
        reverse("accounts:password_reset_confirm", args=["MQ", SECRET]),
    ]


def test_every_url_that_carries_a_token_is_masked():
    for url in urls_with_a_token():
        for text in (url, f"GET {url}?x=1 HTTP/1.1", f"https://skills.example.org{url}"):
            masked = mask_tokens(text)
            assert SECRET not in masked and MASK in masked, text


def test_other_urls_are_left_alone():
    for url in (
        "/",
        "/roles/associate/",
        "/account/password-reset/",
        "/account/password-reset/sent/",
        "/account/password-reset/done/",
        "/assessments/",
    ):
        assert mask_tokens(f"GET {url} HTTP/1.1") == f"GET {url} HTTP/1.1"


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/r/abc123", f"/r/{MASK}"),
        ("/assessments/resume/abc123/", f"/assessments/resume/{MASK}/"),
        ("/account/password-reset/MQ/abc-123/", f"/account/password-reset/{MASK}/"),
        ("/account/password-reset/MQ/set-password/", f"/account/password-reset/{MASK}/"),
        ("/account/password-reset/sentinel/", f"/account/password-reset/{MASK}/"),
        ("/account/password-reset/", "/account/password-reset/"),
        ("/account/password-reset/sent/", "/account/password-reset/sent/"),
        ("/roles/associate/", "/roles/associate/"),
    ],
)
def test_secrets_in_paths_are_masked(path, logged):
    assert mask_tokens(path) == logged


def test_a_token_in_a_quoted_header_is_masked_up_to_the_quote():
    line = f'"GET / HTTP/1.1" 302 "https://skills.example.org/r/{SECRET}" "Mozilla"'
    assert mask_tokens(line) == (
        f'"GET / HTTP/1.1" 302 "https://skills.example.org/r/{MASK}" "Mozilla"'
    )
