"""Django's Redis cache, with one Redis client per connection pool instead of one per call,
and reads sent on a connection the cache holds.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and
redis-py's constructor fills a table of ~170 response callbacks each time: measured, that is
most of the client's CPU for a small `get` (~0.14 ms of ~0.16 ms). A client is a thin,
thread-safe handle on its pool (connections are taken from the pool per command), so keeping
one per pool changes nothing but the cost.

Reads (`get`, `get_many`) go further: redis-py's command path takes a connection from the
pool and gives it back on every command, and each time asks the socket whether stray data is
waiting (a `poll` system call), records pool and timing metrics, runs the retry wrapper and
the deprecated-argument checks; measured, ~30 µs of CPU per `GET`, of which sending the
command and reading the answer on a connection at hand is ~13. A signed-in request makes at
least two (the session, the user), a page several more. So each cache (Django keeps one per
thread) holds one connection per server for its reads, used by nothing else, and opened again
in a forked process. Any exception while a command is out drops that connection, so an
answer left unread can never be taken for the next command's; a connection error falls back
to redis-py's own path, with its retries. Writes take redis-py's path as before.

Keys are not checked for memcached: Django's `validate_key` walks every key for what memcached
refuses (over 250 characters, spaces, control characters), which Redis takes; ~3 µs a key,
and a signed-in page reads seven. The local-memory cache of development and tests still warns.
"""

import os
import pickle
from typing import Any

from django.core.cache.backends import redis as django_redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

_PICKLE_START = pickle.PROTO  # the first byte of a pickle of protocol 2 and up


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, servers: list[str], **options: Any) -> None:
        super().__init__(servers, **options)
        self._clients: dict[int, Any] = {}
        # Per server index: the connection reads are sent on, and the process that opened it.
        self._readers: dict[int, tuple[int, Any]] = {}

    def get_client(self, key: object = None, *, write: bool = False) -> Any:
        return self._client_at(self._pool_index(write))

    def _pool_index(self, write: bool) -> int:
        # Django's attribute, which its type stubs do not declare.
        django_client: Any = self
        index: int = django_client._get_connection_pool_index(write)
        return index

    def _client_at(self, index: int) -> Any:
        client = self._clients.get(index)
        if client is None:
            django_client: Any = self
            pools = django_client._pools
            if index not in pools:
                pools[index] = django_client._pool_class.from_url(
                    django_client._servers[index], **django_client._pool_options
                )
            client = self._clients[index] = django_client._client(connection_pool=pools[index])
        return client

    def _loads(self, value: bytes) -> Any:
        # Django's serializer tries `int(value)` first (it stores integers as their digits)
        # and unpickles on the ValueError: ~1 µs a value of raising and catching, for the
        # seven values a signed-in page reads. A pickle (protocol 2 and up) starts with 0x80,
        # which no integer's digits do.
        if value[:1] == _PICKLE_START:
            return pickle.loads(value)
        django_client: Any = self
        return django_client._serializer.loads(value)

    def _read(self, *command: Any) -> Any:
        """The raw answer to a read-only command, sent on the held connection."""
        index = self._pool_index(write=False)
        pid = os.getpid()
        held = self._readers.get(index)
        if held is None or held[0] != pid:
            pool = self._client_at(index).connection_pool
            # Outside the pool's accounting: never lent to anyone else, never returned.
            held = self._readers[index] = (pid, pool.connection_class(**pool.connection_kwargs))
        connection = held[1]
        try:
            connection.send_command(*command)
            return connection.read_response()
        except (RedisConnectionError, RedisTimeoutError, OSError):
            connection.disconnect()
            # redis-py's path, with its retries; the held connection reconnects when next used.
            return self._client_at(index).execute_command(*command)
        except BaseException:
            connection.disconnect()
            raise

    def get(self, key: Any, default: Any) -> Any:
        value = self._read("GET", key)
        return default if value is None else self._loads(value)

    def get_many(self, keys: Any) -> Any:
        keys = list(keys)
        if not keys:
            return {}
        values = self._read("MGET", *keys)
        loads = self._loads
        return {
            key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None
        }


class RedisCache(django_redis.RedisCache):
    """`django.core.cache.backends.redis.RedisCache` with `RedisCacheClient` above."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient

    def make_and_validate_key(self, key: Any, version: int | None = None) -> str:
        return self.make_key(key, version=version)
