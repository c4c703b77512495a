"""What the benchmarks share: a throwaway database, gunicorn on a free local port, a small
HTTP client and the arithmetic of latencies.

Standard library only (plus psycopg, which the app already needs), so benchmarking needs no
extra dependency. Every request goes to 127.0.0.1.
"""

import html
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
CATALOG = ("catalog", "scenarios")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The password of every account bench/volume.py generates; made up per run when unset.
PASSWORD_VARIABLE = "BENCH_PASSWORD"


# --- Database and server ----------------------------------------------------------------------


@contextmanager
def throwaway_database(
    server_url: str | None, folder: Path, *, keep: bool = False
) -> Iterator[str]:
    """SQLite in `folder`, or — with the URL of a PostgreSQL server — a new database on that
    server, dropped afterwards unless `keep`: a benchmark never writes into a database someone
    uses."""
    if not server_url:
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    name = f"skillsgap_bench_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    database_url = urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
    try:
        yield database_url
    finally:
        if keep:
            print(f"Kept the database: --reuse-database {database_url}")
        else:
            with psycopg.connect(server_url, autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def server_environment(database_url: str, static_root: Path) -> dict[str, str]:
    """Production settings over plain http on 127.0.0.1, with a throwaway secret key.
    `testserver` is allowed too, for Django's test client counting queries in-process. The
    generated accounts' password is $BENCH_PASSWORD's, else a new one (`python -m bench.volume`
    reads it from here, the benchmarks log in with it)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url,
        PASSWORD_VARIABLE: os.environ.get(PASSWORD_VARIABLE) or secrets.token_urlsafe(12),
    }


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def database_prepare(
    env: dict[str, str], *, volume: list[str] | None = None, occupations: bool = False
) -> float:
    """Migrates, loads the catalog (with `occupations`, the shipped O*NET occupations and the
    crosswalk too),
    collects static files (the production storage needs its manifest) and — with `volume`, the
    options of `python -m bench.volume` — fills the database. Returns the seconds the volume
    took."""
    manage("migrate", "--noinput", "-v0", env=env)
    manage("loaddata", *CATALOG, "-v0", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    seconds = 0.0
    if volume is not None:
        started = time.perf_counter()
        subprocess.run([PYTHON, "-m", "bench.volume", *volume], cwd=ROOT, env=env, check=True)
        seconds = time.perf_counter() - started
    if occupations:
        # After the volume, which generates attempts for the ladders' roles only, as before.
        manage("load_occupations", "-v0", env=env)
        manage("load_crosswalk", "-v0", env=env)  # as `make setup`: results reach occupations
    return seconds


# The gunicorn master of each port that `gunicorn()` serves, to find its workers.
SERVERS: dict[int, int] = {}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2) -> Iterator[int]:
    """gunicorn serving config.wsgi on a free port of 127.0.0.1; yields the port once /ping
    answers, and stops the server whatever happens."""
    port = free_port()
    command = [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env)
    SERVERS[port] = server.pid
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with code {server.returncode}")
            try:
                if Browser(port).get("/ping").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /ping within 30 s")
            time.sleep(0.2)
        yield port
    finally:
        SERVERS.pop(port, None)
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- Server CPU -------------------------------------------------------------------------------


def server_processes(port: int, database_url: str) -> list[int]:
    """The processes that serve `port`: gunicorn's master and workers, on PostgreSQL the
    database's backends serving them, and Redis when REDIS_URL names one. The load generator
    runs on the same cores, so their CPU time says what a request costs better than the wall
    clock does."""
    master = SERVERS[port]
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    if database_url.startswith("postgres"):
        import psycopg

        name = urlsplit(database_url).path.lstrip("/")
        with psycopg.connect(database_url, autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ).fetchall()
        pids += [pid for (pid,) in rows]
    if redis_url := os.environ.get("REDIS_URL"):
        import redis

        pids.append(int(redis.Redis.from_url(redis_url).info()["process_id"]))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far (those still running)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


# --- HTTP -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    status: int
    location: str
    body: str

    @property
    def csrf_token(self) -> str:
        match = CSRF_INPUT.search(self.body)
        if match is None:
            raise ValueError("No CSRF token on this page.")
        return html.unescape(match.group(1))


class Browser:
    """One visitor: keeps its cookies, sends one request at a time to 127.0.0.1 and never
    follows redirects (the benchmarks check each status themselves)."""

    def __init__(self, port: int, timeout: float = 60.0):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Response:
        return self.request("POST", path, urlencode(form).encode())

    def request(self, method: str, path: str, body: bytes | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=self.headers(body is not None))
            reply = connection.getresponse()
            content = reply.read().decode("utf-8", errors="replace")
            for header in reply.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return Response(reply.status, reply.getheader("Location", ""), content)
        finally:
            connection.close()

    def headers(self, form: bool = False) -> dict[str, str]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers

    def raw_request(self, method: str, path: str, form: dict[str, str] | None = None) -> bytes:
        """The bytes of one request with this visitor's cookies, to replay many times."""
        body = urlencode(form).encode() if form is not None else b""
        headers = {**self.headers(form is not None), "Connection": "close"}
        if form is not None:
            headers["Content-Length"] = str(len(body))
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        return f"{method} {path} HTTP/1.1\r\n{head}\r\n".encode() + body


def replay(port: int, request: bytes, timeout: float = 60.0) -> int:
    """Sends prepared request bytes on a new connection, reads to the end, returns the status.
    Cheaper than http.client, so the load generator takes less of the CPU it shares with the
    server."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        head = b""
        while chunk := connection.recv(65536):
            if len(head) < 12:
                head += chunk
    return int(head[9:12])


# --- Figures ----------------------------------------------------------------------------------


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values)) - 1))
    return sorted_values[rank]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory_gb:.0f} GB, Python {sys.version.split()[0]}"
