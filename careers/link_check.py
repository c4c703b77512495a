"""Asking every resource's link for its HTTP status, for `check_resources --online`.

Standard library only (urllib), a few links at a time, with a short timeout: a learner who
follows a dead link loses trust in every other step we suggest, but a slow or bot-shy provider
must not hold the check up.
"""

import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException
from typing import Protocol
from urllib.error import HTTPError, URLError

DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 8
# A page that has answered for decades: if it cannot be reached, the machine is offline.
PROBE_URL = "https://example.com/"
# Some providers refuse urllib's default agent outright.
USER_AGENT = "Mozilla/5.0 (compatible; careers-check-resources/1.0)"


@dataclass(frozen=True)
class LinkStatus:
    url: str
    status: int | None  # the final HTTP status, None when no server answered
    error: str = ""

    @property
    def answered(self) -> bool:
        return self.status is not None

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


class Response(Protocol):
    status: int

    def close(self) -> None: ...


class Opener(Protocol):
    """What `fetch_status` needs of urllib's OpenerDirector; tests give a fake."""

    def open(self, request: urllib.request.Request, *, timeout: float) -> Response: ...


def build_opener() -> urllib.request.OpenerDirector:
    """Follows redirects, like a browser; a name of its own so tests can replace it."""
    return urllib.request.build_opener()


def _ask(opener: Opener, url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        response = opener.open(request, timeout=timeout)
    except HTTPError as error:
        error.close()
        return error.code
    try:
        return int(response.status)
    finally:
        response.close()


def fetch_status(url: str, *, opener: Opener, timeout: float = DEFAULT_TIMEOUT) -> LinkStatus:
    """HEAD first (no body to download); GET when HEAD fails, since many servers refuse or
    mishandle HEAD (405, 403, 404 or a dropped connection) while the page itself is fine."""
    try:
        status = _ask(opener, url, "HEAD", timeout)
        if status < 400:
            return LinkStatus(url, status)
    except (URLError, HTTPException, OSError, ValueError):
        pass
    try:
        return LinkStatus(url, _ask(opener, url, "GET", timeout))
    except URLError as error:
        return LinkStatus(url, None, str(error.reason))
    except (HTTPException, OSError, ValueError) as error:  # timeouts are OSErrors
        return LinkStatus(url, None, str(error) or type(error).__name__)


def check_links(
    urls: Sequence[str],
    *,
    opener_factory: Callable[[], Opener] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = DEFAULT_WORKERS,
) -> list[LinkStatus]:
    """The status of every url, in the order given, asking at most `workers` at a time."""
    opener = (opener_factory or build_opener)()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda url: fetch_status(url, opener=opener, timeout=timeout), urls))
