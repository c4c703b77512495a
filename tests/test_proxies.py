"""Which address a request comes from: the proxy header counts only from a trusted proxy —
the same proxies gunicorn believes about the scheme."""

import pytest
from django.test import RequestFactory, override_settings

from config.gunicorn import forwarded_allow_ips_from
from config.proxies import client_ip


def request_from(remote: str, forwarded_for: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_client_that_is_not_the_proxy_cannot_choose_its_address():
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_through_the_proxy_the_address_it_saw_counts():
    assert client_ip(request_from("10.0.0.5", "198.51.100.1")) == "198.51.100.1"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_what_the_client_wrote_before_the_proxys_entry_is_ignored():
    forged = "192.0.2.77, 198.51.100.1"
    assert client_ip(request_from("10.0.0.5", forged)) == "198.51.100.1"


@override_settings(TRUSTED_PROXIES=["10.0.0.5", "10.0.0.6"])
def test_a_chain_of_trusted_proxies_is_read_past():
    assert client_ip(request_from("10.0.0.6", "198.51.100.1, 10.0.0.5")) == "198.51.100.1"


@override_settings(TRUSTED_PROXIES=["10.0.0.5"])
def test_garbage_in_the_header_falls_back_to_the_connecting_address():
    assert client_ip(request_from("10.0.0.5", "not-an-address")) == "10.0.0.5"
    assert client_ip(request_from("10.0.0.5", "")) == "10.0.0.5"


def test_gunicorn_believes_the_scheme_from_the_same_proxies():
    assert forwarded_allow_ips_from(["10.0.0.5", "10.0.0.7/24", "::1"], None) == (
        "10.0.0.5/32,10.0.0.0/24,::1/128"
    )
    assert forwarded_allow_ips_from([], None) == ""


def test_any_address_is_not_a_proxy():
    with pytest.raises(SystemExit, match="'\\*' is not an address or a network"):
        forwarded_allow_ips_from(["*"], None)


def test_the_old_gunicorn_setting_is_refused_unless_it_names_the_same_proxies():
    assert forwarded_allow_ips_from(["10.0.0.5"], "10.0.0.5") == "10.0.0.5/32"
    assert forwarded_allow_ips_from([], "") == ""
    for legacy in ("127.0.0.1", "*", "10.0.0.5,10.0.0.6", "nonsense"):
        with pytest.raises(SystemExit, match="Set DJANGO_TRUSTED_PROXIES="):
            forwarded_allow_ips_from(["10.0.0.5"], legacy)
