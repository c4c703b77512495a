"""The client's address, as far as this server can know it.

`REMOTE_ADDR` is whoever opened the connection: the client itself, or the reverse proxy in
front of the app. Only a proxy listed in `TRUSTED_PROXIES` is believed about the address it
forwards in `X-Forwarded-For`: anyone else can write any address there, and a lockout keyed on
an address the client chooses is no lockout at all (and can be aimed at someone else).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _trusted_networks() -> list[Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def is_trusted_proxy(address: str | None) -> bool:
    parsed = _parse(address or "")
    return parsed is not None and any(parsed in network for network in _trusted_networks())


def client_ip(request: HttpRequest) -> str | None:
    """The connecting address, or — for a request that came through a trusted proxy — the
    address that proxy (and any trusted proxy before it) received the request from.

    Each proxy appends the address it saw to `X-Forwarded-For`, so the list is read from the
    right, past our own proxies, to the first address none of them vouches for; whatever the
    client wrote to the left of that is ignored."""
    remote = request.META.get("REMOTE_ADDR")
    if not is_trusted_proxy(remote):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            return remote
        if not is_trusted_proxy(str(address)):
            return str(address)
    return remote
