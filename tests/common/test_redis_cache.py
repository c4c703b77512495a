"""The Redis cache keeps one client per connection pool, and sends reads on a connection it
holds (common/redis_cache.py)."""

import os
import secrets
import socket

import pytest

from common import redis_cache
from common.redis_cache import RedisCache

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL")


def test_every_call_uses_the_same_client():
    cache = RedisCache("redis://127.0.0.1:6379/0", {})
    assert cache._cache.get_client() is cache._cache.get_client()
    assert cache._cache.get_client(write=True) is cache._cache.get_client()


def test_keys_are_made_without_memcached_checks(recwarn):
    cache = RedisCache("redis://127.0.0.1:6379/0", {"KEY_PREFIX": "p", "VERSION": 3})
    long_key = "page:" + "x" * 300 + " with spaces"
    assert cache.make_and_validate_key(long_key) == f"p:3:{long_key}"
    assert cache.make_and_validate_key("k", version=5) == "p:5:k"
    assert not recwarn.list


@pytest.mark.parametrize(
    "value", [7, -3, 2**70, 0, True, None, 1.5, "text", b"\x80bytes", {"page": [1, 2]}]
)
def test_values_read_back_as_djangos_serializer_stored_them(value):
    client = RedisCache("redis://127.0.0.1:6379/0", {})._cache
    stored = client._serializer.dumps(value)
    # Django leaves integers to redis-py, which sends them as their digits.
    as_redis_holds_it = str(stored).encode() if isinstance(stored, int) else stored

    assert client._loads(as_redis_holds_it) == value
    assert type(client._loads(as_redis_holds_it)) is type(value)


@pytest.fixture
def cache():
    """A cache whose keys are this test's own, deleted afterwards (the Redis is shared)."""
    prefix = f"test-redis-cache-{secrets.token_hex(4)}"
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    yield cache
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def held_connection(cache):
    [(_pid, connection)] = cache._cache._readers.values()
    return connection


@needs_redis
def test_it_stores_and_reads_like_djangos(cache):
    cache.set("common-redis-cache-test", {"page": "<p>hi</p>"}, 10)
    assert cache.get("common-redis-cache-test") == {"page": "<p>hi</p>"}
    assert not cache.add("common-redis-cache-test", "other", 10)
    cache.delete("common-redis-cache-test")
    assert cache.get("common-redis-cache-test") is None
    assert cache.get("common-redis-cache-test", "default") == "default"


@needs_redis
def test_get_many_returns_the_keys_found_with_their_values(cache):
    cache.set_many({"a": {"page": 1}, "b": 2, "c": "three"}, 10)
    assert cache.get_many(["a", "b", "missing", "c"]) == {"a": {"page": 1}, "b": 2, "c": "three"}
    assert cache.get_many([]) == {}


@needs_redis
def test_reads_go_over_one_held_connection(cache):
    cache.set("a", 1, 10)
    cache.get("a")
    connection = held_connection(cache)
    cache.get_many(["a", "b"])
    cache.get("b")
    assert held_connection(cache) is connection
    # Never lent out by the pool, so nothing else ever writes on it.
    pool = cache._cache.get_client().connection_pool
    assert connection not in pool._available_connections
    assert connection not in pool._in_use_connections


@needs_redis
def test_a_read_survives_a_connection_broken_under_it(cache):
    cache.set("a", "kept", 10)
    assert cache.get("a") == "kept"
    held_connection(cache)._sock.shutdown(socket.SHUT_RDWR)
    assert cache.get("a") == "kept"
    assert cache.get("a") == "kept"


@needs_redis
def test_an_interrupted_read_never_hands_its_answer_to_the_next(cache, monkeypatch):
    """A command sent and its answer left unread (an exception between the two) would be
    read as the answer to the next command, on this connection: it is dropped instead."""
    cache.set_many({"a": "answer to a", "b": "answer to b"}, 10)
    cache.get("a")
    connection = held_connection(cache)

    def interrupted(*args, **kwargs):
        monkeypatch.undo()
        raise KeyboardInterrupt

    monkeypatch.setattr(connection, "read_response", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.get("a")
    assert cache.get("b") == "answer to b"


@needs_redis
def test_a_forked_process_opens_a_connection_of_its_own(cache, monkeypatch):
    cache.set("a", 1, 10)
    cache.get("a")
    parents = held_connection(cache)
    monkeypatch.setattr(redis_cache.os, "getpid", lambda: -1)
    assert cache.get("a") == 1
    assert held_connection(cache) is not parents
