"""What an organisation running this relies on: deploy checks, headers, limits, faults."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from assessments.models import SkillRating
from counselors.models import Share
from counselors.services import counselor_make
from tests.assessments.conftest import step_url

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings():
    # The browser tests allow sync ORM calls beside Playwright's loop; a deployment never does.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "k" * 20 + "-not-used-anywhere-but-this-test-" + "9" * 20,
        "DJANGO_ALLOWED_HOSTS": "skills.example.org",
    }
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues" in completed.stdout


SPOOFED_PROTO = """
import django
django.setup()
from django.test import Client
response = Client().get("/ping", headers={"X-Forwarded-Proto": "https"})
print(response.status_code, response.get("Location", ""))
"""


def test_x_forwarded_proto_from_a_client_does_not_make_a_request_secure():
    """Only gunicorn decides, from DJANGO_TRUSTED_PROXIES: a plain-http request claiming https
    is still redirected to https (and would not get secure-only cookies' protection wrong)."""
    completed = production_process(SPOOFED_PROTO, DJANGO_ALLOWED_HOSTS="testserver")
    assert completed.stdout.split() == ["301", "https://testserver/ping"], completed.stderr


def gunicorn_env(tmp_path, **extra: str) -> dict[str, str]:
    return {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "FORWARDED_ALLOW_IPS", "GUNICORN_CMD_ARGS"}
        },
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }


def gunicorn_command(port: int) -> list[str | Path]:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    return [gunicorn, "-c", "config/gunicorn.py", "config.wsgi", "--bind", f"127.0.0.1:{port}"]


@pytest.mark.parametrize(("trusted", "status"), [("127.0.0.1", 200), ("192.0.2.1", 301)])
def test_gunicorn_takes_the_scheme_only_from_the_trusted_proxies(tmp_path, trusted, status):
    """Behind the proxy (DJANGO_TRUSTED_PROXIES, the one list Django also reads) its
    X-Forwarded-Proto makes the request https, with no redirect loop; from anywhere else the
    header changes nothing."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*gunicorn_command(port), "--workers", "1"],
        cwd=ROOT,
        env=gunicorn_env(tmp_path, DJANGO_TRUSTED_PROXIES=trusted),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/ping", headers={"X-Forwarded-Proto": "https"})
                response = connection.getresponse()
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
        assert response.status == status
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(
    ("extra", "options", "message"),
    [
        ({"FORWARDED_ALLOW_IPS": "10.0.0.5"}, [], "FORWARDED_ALLOW_IPS is no longer read"),
        ({}, ["--forwarded-allow-ips", "*"], "set the proxies in DJANGO_TRUSTED_PROXIES only"),
        ({"DJANGO_TRUSTED_PROXIES": "*"}, [], "is not an address or a network"),
    ],
)
def test_gunicorn_refuses_a_second_list_of_proxies(tmp_path, extra, options, message):
    completed = subprocess.run(
        [*gunicorn_command(0), *options],
        cwd=ROOT,
        env=gunicorn_env(tmp_path, **{"DJANGO_TRUSTED_PROXIES": "127.0.0.1", **extra}),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode != 0
    assert message in completed.stderr, completed.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.prod", "DJANGO_SECRET_KEY": ""}
    completed = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in completed.stderr


@pytest.fixture
def every_page(client, role, start, make_submitted, django_user_model):
    """One URL of every kind of page a visitor, a job seeker or a counselor sees."""
    assessment = start(role)
    seeker = django_user_model.objects.create_user("pat", password="a-long-passphrase-42")
    result = make_submitted(role, owner=seeker)
    counselor = django_user_model.objects.create_user("cory", password="a-long-passphrase-42")
    counselor_make(user=counselor)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    skill = role.requirements.first().skill
    return {
        "visitor": [
            "/",
            role.track.get_absolute_url(),
            role.get_absolute_url(),
            "/skills/",
            skill.get_absolute_url(),
            step_url(assessment, 1),
            step_url(assessment, 2),
            reverse("assessments:review", args=[assessment.pk]),
            "/assessments/",
            "/account/login/",
            "/account/signup/",
            "/account/password-reset/",
            "/nowhere/",
        ],
        seeker: [result.get_absolute_url(), "/account/", "/account/delete/"],
        counselor: [
            "/counselor/",
            f"/counselor/clients/{seeker.pk}/",
            f"/counselor/results/{result.pk}/",
            "/counselor/group/",
        ],
    }


def test_every_page_sends_a_strict_csp_and_has_no_inline_script_or_style(client, every_page):
    for viewer, urls in every_page.items():
        if viewer != "visitor":
            client.force_login(viewer)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 404), url
            policy = response["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
            assert "frame-ancestors 'none'" in policy, url
            html = response.content.decode()
            assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
            assert not re.search(r"\sstyle=", html), url
            assert not re.search(r"\son[a-z]+=", html), url


def test_healthz_reports_the_database(client, db, monkeypatch):
    assert client.get("/healthz").content == b"ok\n"

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr("config.health.connection.cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503


def test_ping_is_a_bare_view(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/ping").content == b"pong\n"


def test_an_oversized_post_is_refused_with_400(client, role, start):
    assessment = start(role)
    response = client.post(step_url(assessment, 1), {"note-crm": "x" * 300_000})
    assert response.status_code == 400
    assert "We could not accept that request" in response.content.decode()
    assert not SkillRating.objects.exists()


class UnreadableBody:
    """A request body that must never be read."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_huge_multipart_body_is_refused_before_it_is_read(client, role, start):
    assessment = start(role)
    response = client.generic(
        "POST",
        step_url(assessment, 1),
        data=b"x",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 400
    assert "We could not accept that request" in response.content.decode()


def test_a_file_in_a_form_is_refused_with_400(client, role, start):
    assessment = start(role)
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4 " + b"x" * 1000)
    response = client.post(step_url(assessment, 1), {"rating-crm": "3", "cv": upload})
    assert response.status_code == 400
    assert not SkillRating.objects.exists()


def test_absurdly_many_fields_are_refused_with_400(client, role, start):
    assessment = start(role)
    fields = {f"field-{n}": "1" for n in range(1500)}
    response = client.post(step_url(assessment, 1), {"rating-crm": "3", **fields})
    assert response.status_code == 400
    assert not SkillRating.objects.exists()


def test_the_database_failing_mid_save_leaves_nothing_half_saved(role, start, client, monkeypatch):
    assessment = start(role)
    client.post(step_url(assessment, 2), {"rating-empathy": "2"})

    def fail(*args, **kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    # The connection drops after the rating is written, before the page's progress is.
    monkeypatch.setattr("assessments.services.timezone", SimpleNamespace(now=fail))
    client.raise_request_exception = False
    response = client.post(step_url(assessment, 2), {"rating-empathy": "5", "note-empathy": "x"})
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert dict(assessment.ratings.values_list("skill__slug", "level")) == {"empathy": 2}


def test_a_stranger_cannot_tell_ids_apart(role, start):
    assessment = start(role)
    missing = Client().get(step_url(assessment, 1))
    made_up = Client().get("/assessments/00000000-0000-0000-0000-000000000000/step/1/")
    assert missing.status_code == made_up.status_code == 404


def production_process(
    script: str, *, check: bool = False, timeout: float | None = None, **environ: str
) -> subprocess.CompletedProcess[str]:
    """`script` run by a fresh Python in this checkout with production's settings module and a
    throwaway secret key (and `environ` besides): settings are read once per process, so a
    test of what an environment variable changes needs a process of its own."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "k" * 50,
        **environ,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


def production_python(script: str, **environ: str) -> str:
    """What `script` prints (`production_process`), failing the test if it fails."""
    return production_process(script, check=True, **environ).stdout


SESSIONS_AND_CACHE = """
import django
django.setup()
from django.conf import settings
print(settings.SESSION_ENGINE, settings.CACHES["default"]["BACKEND"])
"""


@pytest.mark.parametrize(
    ("redis_url", "sessions", "cache"),
    [
        ("redis://127.0.0.1:6379/0", "common.sessions", "common.redis_cache.RedisCache"),
        ("", "backends.db", "locmem.LocMemCache"),
    ],
)
def test_production_shares_redis_between_servers_when_given_one(redis_url, sessions, cache):
    """With REDIS_URL the cache is shared and sessions are read from it, written to the
    database too; without, sessions are read from the database, never from a cache that
    another process cannot see."""
    engine, backend = production_python(SESSIONS_AND_CACHE, REDIS_URL=redis_url).split()
    assert engine.endswith(sessions) and backend.endswith(cache)


DATABASE_OPTIONS = """
import django
django.setup()
from django.conf import settings
options = settings.DATABASES["default"].get("OPTIONS", {})
print(options.get("server_side_binding"), options.get("prepare_threshold"))
"""


@pytest.mark.parametrize(
    ("database_url", "prepared", "options"),
    [
        ("postgres://u:p@db.internal:5432/skills", "", "True 5"),
        ("postgres://u:p@db.internal:5432/skills", "false", "None None"),
        ("sqlite:///skills.sqlite3", "", "None None"),
    ],
)
def test_postgresql_prepares_the_statements_a_connection_repeats(database_url, prepared, options):
    """Parameters bound by the server and statements prepared after 5 uses, unless a pooler
    that cannot keep them is declared (docs/DEPLOY.md)."""
    environ = {"DATABASE_URL": database_url}
    if prepared:
        environ["DJANGO_DB_PREPARED_STATEMENTS"] = prepared
    assert production_python(DATABASE_OPTIONS, **environ).strip() == options
