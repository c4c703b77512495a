"""The PostgreSQL helper's stdout is captured by `make test-postgres` as DATABASE_URL.

A CI run once failed because `pg_ctlcluster` printed "Removed stale pid file." to stdout and
that line became part of the URL. These tests run the script against stand-in commands that
print such noise, so any stray output on stdout fails here instead of in CI.
"""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postgres-test-server"
URL = "postgres://skillsgap:skillsgap@127.0.0.1:5433/skillsgap\n"


def _fake(bin_dir, name, body):
    path = bin_dir / name
    path.write_text("#!/usr/bin/env bash\n" + body + "\n")
    path.chmod(0o755)


@pytest.fixture
def fake_postgres(tmp_path):
    """Stand-ins for Debian's cluster tools that chatter on stdout like the real ones."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lib = tmp_path / "lib" / "15" / "bin"
    lib.mkdir(parents=True)
    (lib / "postgres").touch()
    _fake(bin_dir, "pg_lsclusters", 'echo "15 main 5433 down postgres /data /log"')
    _fake(bin_dir, "pg_ctlcluster", 'echo "Removed stale pid file."')
    _fake(bin_dir, "pg_createcluster", 'echo "Creating new PostgreSQL cluster 15/main ..."')
    # The role and database already exist unless the test says otherwise.
    _fake(
        bin_dir,
        "runuser",
        'if [[ "$*" == *SELECT* ]]; then echo "${EXISTS:-1}"; else echo "CREATE"; fi',
    )
    _fake(bin_dir, "sudo", 'shift; exec "$@"')
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "POSTGRES_LIB": str(tmp_path / "lib"),
    }
    return env


def _run(env):
    return subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, check=True, timeout=30
    )


def test_starting_a_stopped_cluster_prints_only_the_url(fake_postgres):
    completed = _run(fake_postgres)

    assert completed.stdout == URL
    assert "Removed stale pid file." in completed.stderr


def test_creating_the_role_and_database_prints_only_the_url(fake_postgres):
    completed = _run({**fake_postgres, "EXISTS": ""})

    assert completed.stdout == URL
