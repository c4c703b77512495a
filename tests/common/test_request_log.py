"""Production logs every server error with its traceback, request id and path — with the
secret in a link's path masked, and never a form value."""

import logging
import textwrap

import pytest

from common.request_log import AdminMailHandler, RequestContextFilter
from common.url_tokens import MASK
from tests.test_production import production_process

# Runs under config.settings.prod against an empty database: every page that reads the
# database fails there, which is the 500 we want to see logged.
FAILING_REQUESTS = textwrap.dedent(
    """
    import django
    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    plain = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
             "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=plain):  # no collectstatic for a test
        client = Client(raise_request_exception=False)
        shared = client.get(
            "/r/SeCrEtToKeN-1234567890abcdef", secure=True,
            headers={"X-Request-ID": "proxy-0123456789"},
        )
        started = client.post(
            "/roles/associate/assess/",
            {"note-crm": "MY-PRIVATE-NOTE", "password": "hunter2-passphrase"},
            secure=True,
        )
    print(shared.status_code, started.status_code, started["X-Request-ID"])
    """
)


def test_a_server_error_is_logged_with_request_id_and_path_but_no_secrets(tmp_path):
    completed = production_process(
        FAILING_REQUESTS,
        timeout=120,
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    shared_status, started_status, generated_id = completed.stdout.split()
    log = completed.stderr
    assert (shared_status, started_status) == ("500", "500"), log
    assert "Traceback (most recent call last)" in log
    assert "no such table" in log
    assert f"request_id=proxy-0123456789 path=/r/{MASK} " in log
    assert f"Internal Server Error: /r/{MASK}" in log
    assert f"request_id={generated_id} path=/roles/associate/assess/ " in log
    for secret in ("SeCrEtToKeN", "MY-PRIVATE-NOTE", "hunter2"):
        assert secret not in log


@pytest.mark.parametrize("incoming", ["", "short", "has space in it", "x" * 200, "a\nforged"])
def test_an_insane_request_id_is_replaced(client, db, incoming):
    response = client.get("/ping", headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_a_sane_request_id_is_kept(client, db):
    assert client.get("/ping", headers={"X-Request-ID": "abc-123-def"})["X-Request-ID"] == (
        "abc-123-def"
    )


def test_admins_get_the_log_text_without_the_request_data(settings, mailoutbox, rf):
    settings.ADMINS = [("Ops", "ops@example.org")]
    request = rf.post("/r/SeCrEtToKeN", {"note-crm": "MY-PRIVATE-NOTE"})
    request.request_id = "req-12345678"
    handler = AdminMailHandler()
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(logging.Formatter("%(request_id)s %(path)s %(message)s"))
    logger = logging.getLogger("tests.admin-mail")
    logger.addHandler(handler)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logger.error(
                "Internal Server Error: %s", request.path, exc_info=True, extra={"request": request}
            )
    finally:
        logger.removeHandler(handler)
    (email,) = mailoutbox
    assert f"req-12345678 /r/{MASK} Internal Server Error: /r/{MASK}" in email.body
    assert "RuntimeError: boom" in email.body
    for secret in ("SeCrEtToKeN", "MY-PRIVATE-NOTE"):
        assert secret not in email.subject + email.body
