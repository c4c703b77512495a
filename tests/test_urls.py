"""The URL patterns are tried in order, the busiest first in an app (assessments/urls.py):
that is safe only while no pattern matches an address another one makes, which this checks
for every named address of the site, with sample values of each kind of part."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

SAMPLES = {
    "UUIDConverter": [uuid.UUID("12345678-1234-5678-1234-567812345678")],
    "IntConverter": [1, 42],
    "IdConverter": [1, 42],
    "SlugConverter": ["a-slug", "claim", "groups", "results", "resume", "links"],
    "StringConverter": ["x", "claim", "groups", "results", "resume", "links", "unsubscribe"],
    "TokenConverter": ["tok_en-1", "claim", "links"],
}


def named_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "admin":
            continue  # Django's admin orders its own patterns
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def addresses(name, pattern):
    converters = pattern.pattern.converters
    if not converters:
        yield reverse(name)
        return
    for index in range(max(len(SAMPLES[type(c).__name__]) for c in converters.values())):
        values = {}
        for part, converter in converters.items():
            samples = SAMPLES[type(converter).__name__]
            values[part] = samples[index % len(samples)]
        yield reverse(name, kwargs=values)


@pytest.mark.parametrize(("name", "pattern"), list(named_patterns()), ids=lambda v: str(v))
def test_each_address_resolves_to_its_own_pattern(name, pattern):
    for address in addresses(name, pattern):
        assert resolve(address).view_name == name, address
