"""gunicorn's settings for `make serve` (`gunicorn -c config/gunicorn.py config.wsgi`).

The access log goes to stdout as usual, with every token in a URL masked — in the request
line, the path, the query and the headers (a Referer carries the page a visitor came from,
e.g. a read-only result link).

The proxies gunicorn believes about the scheme (`X-Forwarded-Proto`) are the ones Django
believes about the client's address (`X-Forwarded-For`, config/proxies.py): one list, set once
as DJANGO_TRUSTED_PROXIES. gunicorn's own FORWARDED_ALLOW_IPS and `--forwarded-allow-ips` are
refused when they say something else, so the two can never drift apart."""

import ipaddress
import os

from gunicorn.glogging import Logger

from common.url_tokens import mask_tokens
from config.settings.base import TRUSTED_PROXIES

NOT_A_PROXY = (
    "DJANGO_TRUSTED_PROXIES: {entry!r} is not an address or a network. Name the reverse "
    "proxies (e.g. 127.0.0.1 or 10.0.0.0/24); '*' would let any client claim https and any "
    "address."
)
LEGACY_SETTING = (
    "FORWARDED_ALLOW_IPS is no longer read: gunicorn believes X-Forwarded-Proto from the "
    "proxies in DJANGO_TRUSTED_PROXIES (now {current!r}), the same ones Django believes about "
    "the client's address. Set DJANGO_TRUSTED_PROXIES={legacy!r} and unset FORWARDED_ALLOW_IPS."
)
OVERRIDDEN = (
    "--forwarded-allow-ips (or GUNICORN_CMD_ARGS) says {given!r}, DJANGO_TRUSTED_PROXIES says "
    "{current!r}: set the proxies in DJANGO_TRUSTED_PROXIES only, and drop the option."
)
NO_PROXIES = (
    "DJANGO_TRUSTED_PROXIES is empty: X-Forwarded-Proto and X-Forwarded-For are believed from "
    "no one. Behind a reverse proxy, list its address there (e.g. 127.0.0.1), or every request "
    "is redirected to https and every client shares the proxy's address."
)


def _network(entry: str) -> str | None:
    """An entry as gunicorn's strict parser takes it ("10.0.0.5/24" -> "10.0.0.0/24"), read
    the way config/proxies.py reads it; None for anything else, "*" included."""
    try:
        return str(ipaddress.ip_network(entry.strip(), strict=False))
    except ValueError:
        return None


def forwarded_allow_ips_from(trusted_proxies: list[str], legacy: str | None) -> str:
    """gunicorn's `forwarded_allow_ips` for DJANGO_TRUSTED_PROXIES. Refused (SystemExit, which
    gunicorn prints): an entry that is not an address or network, and the old
    FORWARDED_ALLOW_IPS unless it names the same proxies."""
    current = []
    for entry in trusted_proxies:
        network = _network(entry)
        if network is None:
            raise SystemExit(NOT_A_PROXY.format(entry=entry))
        current.append(network)
    if legacy is not None:
        old = {_network(entry) for entry in legacy.split(",") if entry.strip()}
        if old != set(current):
            raise SystemExit(LEGACY_SETTING.format(current=",".join(current), legacy=legacy))
    return ",".join(current)


class TokenMaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: mask_tokens(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }


def on_starting(server) -> None:
    """The command line is read after this file: refuse an option that would undo it."""
    given = server.cfg.forwarded_allow_ips
    if given != (forwarded_allow_ips.split(",") if forwarded_allow_ips else []):
        raise RuntimeError(OVERRIDDEN.format(given=",".join(given), current=forwarded_allow_ips))
    if not given:
        server.log.warning(NO_PROXIES)


accesslog = "-"
logger_class = TokenMaskingLogger
forwarded_allow_ips = forwarded_allow_ips_from(
    TRUSTED_PROXIES, os.environ.get("FORWARDED_ALLOW_IPS")
)
