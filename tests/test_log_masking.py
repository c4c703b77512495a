"""gunicorn's access log masks the tokens in URLs (config/gunicorn.py with common/url_tokens.py;
the masking itself: tests/common/test_url_tokens.py)."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.urls import reverse

from common.url_tokens import MASK

ROOT = Path(__file__).resolve().parent.parent
SECRET = "s3cr3t-T0ken_value-that-must-not-be-logged"


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
