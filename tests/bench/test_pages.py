"""`make bench`'s own housekeeping."""

import os
import uuid

import pytest
import redis

from bench.pages import redis_forget

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


@pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL (make test-postgres)")
def test_a_bench_run_deletes_its_own_redis_keys_and_no_others():
    client = redis.Redis.from_url(REDIS_URL)
    prefix = f"bench-test-{uuid.uuid4().hex}"
    others = f"not-the-bench-{uuid.uuid4().hex}"
    client.set(f"{prefix}:1:page", "x")
    client.set(f"{prefix}:1:session", "y")
    client.set(others, "kept")
    try:
        assert redis_forget(REDIS_URL, prefix) == 2
        assert client.keys(f"{prefix}:*") == []
        assert client.get(others) == b"kept"
    finally:
        client.delete(others)
