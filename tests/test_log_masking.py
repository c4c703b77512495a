"""Tokens in URLs never reach a log: gunicorn's access log and Django's loggers mask them."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.urls import reverse

from common.request_log import mask_path
from config.log_masking import MASK, mask_tokens

ROOT = Path(__file__).resolve().parent.parent
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
    for url in ("/", "/roles/associate/", "/account/password-reset/sent/", "/assessments/"):
        assert mask_tokens(f"GET {url} HTTP/1.1") == f"GET {url} HTTP/1.1"


def test_djangos_log_records_mask_the_same_urls():
    for url in urls_with_a_token():
        assert SECRET not in mask_path(url), url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorns_access_log_masks_tokens_in_the_request_and_the_referer():
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [
            Path(sys.executable).parent / "gunicorn",
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        path = reverse("assessments:public_result", args=[SECRET])
        referer = f"http://127.0.0.1:{port}" + reverse("assessments:resume", args=[SECRET])
        deadline = time.monotonic() + 30
        while True:  # production settings answer plain http with a redirect: no database needed
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", path, headers={"Referer": referer})
                connection.getresponse().read()
                connection.close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.2)
    finally:
        server.terminate()
        output, errors = server.communicate(timeout=15)
    assert "GET /r/" in output, output + errors
    assert SECRET not in output + errors
    assert f"/r/{MASK}" in output and f"/assessments/resume/{MASK}/" in output
