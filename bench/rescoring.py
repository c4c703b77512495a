"""`make bench-rescore`: how fast `rescore_results` re-scores the bench's results, and that it
keeps the old ones.

1. Builds a throwaway database with the catalog and `bench/volume.py` (10,000 job seekers and
   100,000 submitted assessments by default) — SQLite in a temporary folder, or a fresh
   database on the PostgreSQL server of BENCH_DATABASE_URL when that is set.
2. The generator scores every result under the current rules (version N); they are marked
   version N-1 first, so the command then runs as it does after an upgrade: `rescore_results`
   with its defaults writes version N next to each of them. The inputs it reads are the same
   either way; only the label moves.
3. Times the command, then checks that every old result is still there, unchanged, and has
   its new version beside it.

Not a test: it prints figures and stops by itself.
"""

import argparse
import hashlib
import json
import os
import resource
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

from bench.harness import database_prepare, machine, server_environment, throwaway_database


def main() -> None:
    options = _arguments()
    print(f"Machine: {machine()}")
    with (
        tempfile.TemporaryDirectory(prefix="skillsgap-bench-") as folder,
        throwaway_database(options.database_url, Path(folder)) as database_url,
    ):
        env = server_environment(database_url, Path(folder) / "static")
        volume = [
            f"--users={options.users}",
            f"--assessments={options.assessments}",
            f"--counselors={options.counselors}",
        ]
        print(f"Building the database ({' '.join(volume)}) …", flush=True)
        build_seconds = database_prepare(env, volume=volume)
        print(f"Built in {build_seconds:.0f} s.", flush=True)
        _run(env, batch_size=options.batch_size)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--counselors", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=500, help="rescore_results's")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or None,
        help="a PostgreSQL server to create the database on (default: SQLite)",
    )
    return parser.parse_args()


def _run(env: dict[str, str], *, batch_size: int) -> None:
    os.environ.update(env)  # the in-process part reads the same database with the same settings
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from assessments.models import Result
    from assessments.scoring import SCORING_VERSION

    old_version, new_version = SCORING_VERSION - 1, SCORING_VERSION
    Result.objects.filter(scoring_version=new_version).update(scoring_version=old_version)
    before = _fingerprint(Result.objects.filter(scoring_version=old_version))
    database = env["DATABASE_URL"].split(":", 1)[0]
    print(f"Re-scoring {before[0]:,} results from version {old_version} to {new_version} …")

    output = StringIO()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    call_command("rescore_results", f"--batch-size={batch_size}", stdout=output)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    print(output.getvalue().strip().splitlines()[-1])

    kept = _fingerprint(Result.objects.filter(scoring_version=old_version)) == before
    new = Result.objects.filter(scoring_version=new_version)
    paired = new.filter(assessment__results__scoring_version=old_version).count()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{database}: {before[0]:,} results in {seconds:.0f} s, {before[0] / seconds:.0f} per "
        f"second; this process's CPU {cpu:.0f} s ({before[0] / cpu:.0f} per CPU second), "
        f"its peak memory {peak_mb:.0f} MB; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"Version {old_version} kept unchanged: {'yes' if kept else 'NO'}")
    print(f"Version {new_version} written beside each: {paired:,} of {before[0]:,}")
    connections.close_all()  # so the throwaway database can be dropped
    if not kept or paired != before[0]:
        sys.exit(1)


def _cpu_seconds() -> float:
    """This process's CPU time: on a shared machine, steadier than the clock."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _fingerprint(results) -> tuple[int, str]:
    """How many results, and a digest of every one's id and stored document, in id order."""
    digest = hashlib.sha256()
    count = 0
    for pk, document in results.order_by("pk").values_list("pk", "document").iterator(2_000):
        digest.update(f"{pk}:{json.dumps(document, sort_keys=True)}".encode())
        count += 1
    return count, digest.hexdigest()


if __name__ == "__main__":
    main()
