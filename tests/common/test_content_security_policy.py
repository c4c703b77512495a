"""Every page but Django's admin carries the strict Content-Security-Policy of the settings,
built once (common/content_security_policy.py)."""

from csp.utils import build_policy
from django.test import Client


def test_every_page_has_the_settings_policy(db):
    for path in ["/ping", "/", "/skills/", "/account/login/", "/no-such-page/"]:
        response = Client().get(path)
        assert response["Content-Security-Policy"] == build_policy(), path
    assert "script-src 'self'" in build_policy()
    assert "frame-ancestors 'none'" in build_policy()


def test_the_admin_is_left_without_it(db):
    assert "Content-Security-Policy" not in Client().get("/admin/login/")
