"""The Redis cache keeps one client per connection pool (common/redis_cache.py)."""

import os

import pytest

from common.redis_cache import RedisCache


def test_every_call_uses_the_same_client():
    cache = RedisCache("redis://127.0.0.1:6379/0", {})
    assert cache._cache.get_client() is cache._cache.get_client()
    assert cache._cache.get_client(write=True) is cache._cache.get_client()


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL")
def test_it_stores_and_reads_like_djangos():
    cache = RedisCache(os.environ["TEST_REDIS_URL"], {})
    cache.set("common-redis-cache-test", {"page": "<p>hi</p>"}, 10)
    assert cache.get("common-redis-cache-test") == {"page": "<p>hi</p>"}
    assert not cache.add("common-redis-cache-test", "other", 10)
    cache.delete("common-redis-cache-test")
    assert cache.get("common-redis-cache-test") is None
