"""`make loadtest`: many job seekers at once (50 by default), each taking an assessment end to
end over HTTP — the role page, start, every questionnaire page with all its ratings and
scenario answers, review, submit, the result page — against gunicorn on a fresh PostgreSQL
database. Then it checks, in the database, that nothing was lost: every answer posted is
stored with the value posted, and every assessment is submitted with a result.

The PostgreSQL server is LOADTEST_DATABASE_URL's, or else the local one that
scripts/postgres-test-server installs and starts; the database is created for the run and
dropped afterwards. Not a test: it prints figures, and exits non-zero if anything failed.
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from bench.harness import (
    ROOT,
    Browser,
    Response,
    database_prepare,
    gunicorn,
    machine,
    percentile,
    server_environment,
    throwaway_database,
)

STEP_PATH = re.compile(r"^/assessments/([0-9a-f-]{36})/step/\d+/$")
ANSWER_PREFIXES = ("rating-", "scenario-")


class JourneyFailed(Exception):
    pass


class QuestionnaireFormParser(HTMLParser):
    """The radio groups of a questionnaire page (field name → the values offered) and whether
    it asks for years of experience. Field names are the documented form contract."""

    def __init__(self) -> None:
        super().__init__()
        self.choices: dict[str, list[str]] = {}
        self.asks_years = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "input":
            return
        attributes = dict(attrs)
        name = attributes.get("name") or ""
        if attributes.get("type") == "radio" and name.startswith(ANSWER_PREFIXES):
            self.choices.setdefault(name, []).append(attributes.get("value") or "")
        elif name == "years_experience":
            self.asks_years = True


@dataclass
class Journey:
    """One job seeker's way through an assessment, and what they answered."""

    role_slug: str
    assessment_id: str = ""
    ratings: dict[str, int] = field(default_factory=dict)  # skill slug → level
    scenarios: dict[str, str] = field(default_factory=dict)  # item slug → option slug
    requests: list[tuple[str, float]] = field(default_factory=list)  # (kind, seconds)
    error: str = ""


def main() -> None:
    options = _arguments()
    server_url = options.database_url or _local_postgres()
    print(f"Machine: {machine()}")
    with (
        tempfile.TemporaryDirectory(prefix="skillsgap-loadtest-") as folder,
        throwaway_database(server_url, Path(folder), keep=options.keep) as database_url,
    ):
        env = server_environment(database_url, Path(folder) / "static")
        volume = None
        if options.users:
            volume = [f"--users={options.users}", f"--assessments={options.assessments}"]
        database_prepare(env, volume=volume)
        os.environ.update(env)  # checking the database afterwards uses the same settings
        import django

        django.setup()
        roles = _role_slugs()
        with gunicorn(env, workers=options.workers) as port:
            journeys, seconds, client_cpu = _run_journeys(port, roles, options)
        failures = _report(journeys, seconds, client_cpu, options)
        from django.db import connections

        connections.close_all()
    if failures:
        sys.exit(f"Load test failed: {failures} problem(s).")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seekers", type=int, default=50, help="job seekers at once")
    parser.add_argument("--journeys", type=int, default=1, help="assessments per job seeker")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOADTEST_DATABASE_URL") or None,
        help="the PostgreSQL server to create the database on",
    )
    parser.add_argument("--users", type=int, default=0, help="bench/volume.py first (users)")
    parser.add_argument("--assessments", type=int, default=0, help="… and assessments")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def _local_postgres() -> str:
    completed = subprocess.run(
        [str(ROOT / "scripts" / "postgres-test-server")],
        check=True,
        capture_output=True,
        text=True,
    )
    return completed.stdout.strip().splitlines()[-1]


def _role_slugs() -> list[str]:
    from careers.models import Role

    return list(
        Role.objects.filter(requirements__required_level__gt=0)
        .distinct()
        .order_by("track__name", "rank")
        .values_list("slug", flat=True)
    )


def _run_journeys(
    port: int, roles: list[str], options: argparse.Namespace
) -> tuple[list[Journey], float, float]:
    """All job seekers start together; each takes `options.journeys` assessments in turn.
    Returns the journeys, the seconds they took and the CPU seconds the load generator used
    (it shares the machine's cores with the server)."""
    journeys: list[Journey] = []
    lock = threading.Lock()
    ready = threading.Barrier(options.seekers + 1)

    def seeker(number: int) -> None:
        rng = random.Random(options.seed * 1_000 + number)
        ready.wait()
        for turn in range(options.journeys):
            journey = Journey(role_slug=roles[(number + turn) % len(roles)])
            try:
                take_assessment(Browser(port), journey, rng)
            except (JourneyFailed, OSError, ValueError) as error:
                journey.error = str(error) or type(error).__name__
            with lock:
                journeys.append(journey)

    threads = [threading.Thread(target=seeker, args=(n,)) for n in range(options.seekers)]
    for thread in threads:
        thread.start()
    ready.wait()
    started, cpu_started = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return journeys, seconds, time.process_time() - cpu_started


def take_assessment(browser: Browser, journey: Journey, rng: random.Random) -> None:
    def send(kind: str, path: str, expected: int, form: dict[str, str] | None = None):
        started = time.perf_counter()
        response = browser.get(path) if form is None else browser.post(path, form)
        journey.requests.append((kind, time.perf_counter() - started))
        if response.status != expected:
            raise JourneyFailed(f"{kind} {path}: {response.status}, expected {expected}")
        return response

    role_path = f"/roles/{journey.role_slug}/"
    role_page = send("role page", role_path, 200)
    started = send("start", f"{role_path}assess/", 302, _csrf(role_page))
    match = STEP_PATH.match(started.location)
    if match is None:
        raise JourneyFailed(f"start led to {started.location!r}")
    journey.assessment_id = match.group(1)
    path = started.location
    while STEP_PATH.match(path):
        page = send("questionnaire page", path, 200)
        parser = QuestionnaireFormParser()
        parser.feed(page.body)
        answers = {name: rng.choice(values) for name, values in parser.choices.items()}
        if parser.asks_years:
            years = rng.randint(0, 20)
            answers.update(years_experience=str(years), years_leading=str(rng.randint(0, years)))
        saved = send(
            "questionnaire save", path, 302, {**answers, **_csrf(page), "direction": "next"}
        )
        for name, value in answers.items():
            if name.startswith("rating-"):
                journey.ratings[name.removeprefix("rating-")] = int(value)
            elif name.startswith("scenario-"):
                journey.scenarios[name.removeprefix("scenario-")] = value
        path = saved.location
    review = send("review", path, 200)
    submitted = send("submit", path, 302, _csrf(review))
    send("result page", submitted.location, 200)


def _csrf(page: Response) -> dict[str, str]:
    return {"csrfmiddlewaretoken": page.csrf_token}


def _report(
    journeys: list[Journey], seconds: float, client_cpu: float, options: argparse.Namespace
) -> int:
    """Prints the figures and what the database holds; returns the number of problems."""
    from assessments.models import Assessment, Result, ScenarioAnswer, SkillRating

    ids = [j.assessment_id for j in journeys if j.assessment_id]
    stored_ratings = {
        (str(assessment), skill): level
        for assessment, skill, level in SkillRating.objects.filter(
            assessment_id__in=ids
        ).values_list("assessment_id", "skill__slug", "level")
    }
    stored_scenarios = {
        (str(assessment), item): option
        for assessment, item, option in ScenarioAnswer.objects.filter(
            assessment_id__in=ids
        ).values_list("assessment_id", "item__slug", "option__slug")
    }
    expected_ratings = {(j.assessment_id, k): v for j in journeys for k, v in j.ratings.items()}
    expected_scenarios = {(j.assessment_id, k): v for j in journeys for k, v in j.scenarios.items()}
    ratings_found = sum(stored_ratings.get(k) == v for k, v in expected_ratings.items())
    scenarios_found = sum(stored_scenarios.get(k) == v for k, v in expected_scenarios.items())
    submitted = Assessment.objects.submitted().filter(pk__in=ids).count()
    with_result = Result.objects.filter(assessment_id__in=ids).values("assessment").distinct()
    results = with_result.count()
    requests = [r for j in journeys for r in j.requests]
    errors = [j.error for j in journeys if j.error]

    print(
        f"\n{options.seekers} job seekers at once, {options.journeys} assessment(s) each; "
        f"gunicorn with {options.workers} sync workers; PostgreSQL\n"
    )
    print(f"duration            {seconds:.1f} s")
    print(f"requests            {len(requests):,} ({len(requests) / seconds:,.0f} per second)")
    print(f"errors              {len(errors)}")
    print(f"load generator CPU  {100 * client_cpu / seconds:.0f} % of one core")
    print(
        f"assessments         {len(journeys)} started, {submitted} submitted, "
        f"{results} with a result"
    )
    print(
        f"ratings             {len(expected_ratings):,} posted, {ratings_found:,} stored as posted"
    )
    print(
        f"scenario answers    {len(expected_scenarios):,} posted, "
        f"{scenarios_found:,} stored as posted\n"
    )
    print(f"{'request':<20} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in dict.fromkeys(kind for kind, _seconds in requests):
        latencies = sorted(s for k, s in requests if k == kind)
        print(
            f"{kind:<20} {len(latencies):>6} {1000 * percentile(latencies, 0.5):>8.0f} "
            f"{1000 * percentile(latencies, 0.95):>8.0f} {1000 * latencies[-1]:>8.0f}"
        )
    for error in errors[:10]:
        print(f"error: {error}")
    return (
        len(errors)
        + (len(journeys) - submitted)
        + (len(journeys) - results)
        + (len(expected_ratings) - ratings_found)
        + (len(expected_scenarios) - scenarios_found)
    )


if __name__ == "__main__":
    main()
