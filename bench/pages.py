"""`make bench`: how fast the pages people use most are served, each next to /ping.

1. Builds a throwaway database: the catalog and `bench/volume.py` (10,000 job seekers,
   100,000 submitted assessments, 200 counselors by default) — SQLite in a temporary folder,
   or a fresh database on the PostgreSQL server of BENCH_DATABASE_URL when that is set.
2. Counts the SQL queries of each page in-process, with Django's test client.
3. Starts gunicorn (production settings, 2 workers) on a free port of 127.0.0.1, prepares
   the visitors over HTTP (a browser that started an assessment, a logged-in job seeker, the
   owner of the generated plan with the most steps, a logged-in counselor), then sends each
   page's request over and over from a fixed number of connections for a fixed time, /ping
   first and last. /ping is a bare Django view, so "× /ping" says how much of a worker's
   capacity a page costs beyond Django's own floor. Right after the first /ping, two floors
   (bench/floor.py): the signed-in floor (the session and the user read, a tiny answer) shows
   what every signed-in page pays before its own work, and the questionnaire read floor (the
   session and the questionnaire page's one query, a tiny answer) the most a questionnaire
   page could reach while it reads its answers from the database; the server runs with
   bench/settings.py, production's settings with those views added to the project's URLs.

Not a test: it prints figures and stops by itself.
"""

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import (
    PASSWORD_VARIABLE,
    Browser,
    Response,
    cpu_seconds,
    database_prepare,
    gunicorn,
    machine,
    manage,
    percentile,
    replay,
    server_environment,
    server_processes,
    throwaway_database,
)

RATING_INPUT = re.compile(r'name="(rating-[a-z0-9-]+)"')
# Every page should serve at least this share of /ping's requests per second: a page half a
# bare view, a write (which changes rows and redirects) a quarter.
TARGET_RATIO = {"GET": 0.5, "POST": 0.25}
# Production's settings with the floor views' URLs added (bench/settings.py).
BENCH_SETTINGS = "bench.settings"


@dataclass(frozen=True)
class Page:
    name: str
    method: str
    path: str
    visitor: str  # "anonymous", "starter", "seeker", "planner" or "counselor"
    expected_status: int = 200
    form: dict[str, str] | None = None

    @property
    def target(self) -> float | None:
        """The page's target against /ping; none for /ping and the floors, no product pages."""
        if self.path == "/ping" or self.path.startswith("/bench/"):
            return None
        return TARGET_RATIO[self.method]


@dataclass
class Measurement:
    page: Page
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    client_cpu_seconds: float = 0.0  # what the load generator itself used, of the same cores
    server_cpu_seconds: float = 0.0  # gunicorn's and the database's, while measuring

    @property
    def server_ms(self) -> float:
        """Server CPU per request: gunicorn's processes and the database's backends."""
        return 1000 * self.server_cpu_seconds / max(self.requests, 1)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def latency_ms(self, fraction: float) -> float:
        return 1000 * percentile(sorted(self.latencies), fraction)


@dataclass(frozen=True)
class Subjects:
    """What the pages are about: picked from the generated volume."""

    role_slug: str
    skill_slug: str  # the skill most roles require: the longest list on its page
    occupation_code: str
    skills_profile_id: str | None  # the seeker's "Which careers fit me?" answers
    seeker: str
    result_id: str
    planner: str
    plan_id: str
    plan_steps: int
    counselor: str
    counselor_results: int
    volume: dict[str, int]


def main() -> None:
    options = _arguments()
    print(f"Machine: {machine()}")
    if not options.redis_url:
        _bench(options)
        return
    # Served as by several servers sharing one Redis (config/settings/prod.py). Every key the
    # run writes starts with a prefix of its own, so it finds none of an earlier run's (or
    # anyone else's) keys, and deletes only its own afterwards: the Redis may be shared.
    prefix = f"skillsgap-bench-{os.getpid()}-{time.time_ns()}"
    os.environ["REDIS_URL"] = options.redis_url
    os.environ["REDIS_KEY_PREFIX"] = prefix
    try:
        _bench(options)
    finally:
        redis_forget(options.redis_url, prefix)


def redis_forget(redis_url: str, prefix: str) -> int:
    """Deletes the keys under `prefix` (Django's keys are "<prefix>:<version>:<key>");
    returns how many there were."""
    import redis

    client = redis.Redis.from_url(redis_url)
    deleted = 0
    batch: list[bytes] = []
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        batch.append(key)
        if len(batch) == 1000:
            deleted += client.delete(*batch)
            batch.clear()
    if batch:
        deleted += client.delete(*batch)
    return deleted


def _bench(options: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="skillsgap-bench-") as folder:
        database_url = options.reuse_database
        if database_url:
            env = _bench_environment(database_url, Path(folder))
            # A database kept by an earlier run is brought to this checkout's schema first.
            manage("migrate", "--noinput", "-v0", env=env)
            manage("collectstatic", "--noinput", "-v0", env=env)
            _run(options, env, build_seconds=None)
            return
        with throwaway_database(
            options.database_url, Path(folder), keep=options.keep
        ) as database_url:
            env = _bench_environment(database_url, Path(folder))
            volume = [
                f"--users={options.users}",
                f"--assessments={options.assessments}",
                f"--counselors={options.counselors}",
            ]
            print(f"Building the database ({' '.join(volume)}) …", flush=True)
            build_seconds = database_prepare(env, volume=volume, occupations=True)
            _run(options, env, build_seconds=build_seconds)
            if options.keep:
                print(f"Its accounts' password: {PASSWORD_VARIABLE}={env[PASSWORD_VARIABLE]}")
            if options.keep and database_url.startswith("sqlite"):
                kept = Path(tempfile.gettempdir()) / f"skillsgap-bench-{os.getpid()}.sqlite3"
                Path(database_url.removeprefix("sqlite:///")).rename(kept)
                print(f"Kept the database: --reuse-database sqlite:///{kept}")


def _bench_environment(database_url: str, folder: Path) -> dict[str, str]:
    return {
        **server_environment(database_url, folder / "static"),
        "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS,
    }


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--counselors", type=int, default=200)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or None,
        help="a PostgreSQL server to create the database on (default: SQLite)",
    )
    parser.add_argument(
        "--reuse-database",
        help="measure an already built database instead of building one (with "
        f"{PASSWORD_VARIABLE} set to the password its build printed)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL") or None,
        help="serve with this Redis as the cache and sessions' copy (keys under a prefix of "
        "this run's own, deleted afterwards; nothing else in it is touched)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the built database")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured time per page")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured time per page")
    parser.add_argument("--concurrency", type=int, default=4, help="connections at a time")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--profile", action="store_true", help="profile each page in-process")
    return parser.parse_args()


def _run(options: argparse.Namespace, env: dict[str, str], *, build_seconds: float | None):
    os.environ.update(env)  # the in-process part reads the same database with the same settings
    import django

    django.setup()
    subjects = _subjects()
    database = env["DATABASE_URL"].split(":", 1)[0]
    print(
        f"Database: {database}{' and Redis' if env.get('REDIS_URL') else ''}, "
        + ", ".join(f"{count:,} {name}" for name, count in subjects.volume.items())
        + (f"; built in {build_seconds:.0f} s" if build_seconds is not None else "")
    )
    pages = [*_floor_pages(), *_pages(subjects)]
    queries = _count_queries(pages, subjects)
    if options.profile:
        _profile(pages, subjects)
    from django.db import connections

    connections.close_all()

    with gunicorn(env, workers=options.workers) as port:
        visitors, step = _visitors(port, subjects)
        measurements = []
        ping = Page("/ping (before)", "GET", "/ping", "anonymous")
        for page in [ping, *pages, Page("/ping (after)", "GET", "/ping", "anonymous")]:
            page = _bound(page, step)
            request = visitors[page.visitor].raw_request(page.method, page.path, page.form)
            measurements.append(_measure(port, page, request, options, env["DATABASE_URL"]))
            print(f"  {page.name}: {measurements[-1].per_second:,.0f} req/s", flush=True)
    print(
        f"\ngunicorn: {options.workers} sync workers; {options.concurrency} connections at a "
        f"time, {options.warmup:g} s warm-up and {options.seconds:g} s measured per page; "
        f"counselor {subjects.counselor} sees {subjects.counselor_results} shared results; "
        f"{subjects.planner}'s plan has {subjects.plan_steps} steps\n"
    )
    if _print_table(measurements, queries):
        sys.exit("Some requests failed (see the errors column).")


def _subjects() -> Subjects:
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q

    from assessments.models import Assessment, Result, ScenarioAnswer, SkillRating
    from bench.volume import SEEKER_PREFIX
    from careers.models import Occupation, Role, Skill
    from counselors.access import shared_with
    from counselors.models import CounselorProfile, Share
    from plans.models import Plan, PlanStep

    role = (
        Role.objects.jobs()
        .filter(onet_soc_code="")  # the largest of the catalog's own ladders
        .annotate(skills=Count("requirements", filter=Q(requirements__required_level__gt=0)))
        .order_by("-skills", "rank")
        .first()
    )
    if role is None:
        sys.exit("The database has no catalog.")
    # The first generated job seeker's latest retake: a result compared with an earlier one.
    seeker = (
        get_user_model().objects.filter(username__startswith=SEEKER_PREFIX).order_by("username")
    )
    attempts = (
        Assessment.objects.submitted()
        # Not the skills profile an earlier run of --reuse-database made (it has no result).
        .filter(owner__in=seeker[:1], role__is_skills_profile=False)
        .select_related("owner")
        .order_by("-submitted_at")
    )
    retake = next(
        (
            a
            for a in attempts.prefetch_related("results")
            if a.results.all()[0].document["previous"]
        ),
        attempts.first(),
    )
    skill = Skill.objects.annotate(roles=Count("requirements")).order_by("-roles", "slug").first()
    # The occupation with the most tasks of the shipped O*NET catalog, when it is loaded.
    occupation = (
        Occupation.objects.annotate(task_count=Count("tasks"))
        .order_by("-task_count", "code")
        .first()
    )
    profile = CounselorProfile.objects.select_related("user").order_by("user__username").first()
    # The plan with the most steps: its page lists every one of them.
    plan = Plan.objects.with_progress().select_related("owner").order_by("-steps_total").first()
    if retake is None or profile is None or plan is None:
        sys.exit("The database has no generated volume: run python -m bench.volume first.")
    return Subjects(
        role_slug=role.slug,
        skill_slug=skill.slug if skill else "",
        occupation_code=occupation.code if occupation else "",
        skills_profile_id=_skills_profile(retake.owner, profile.user),
        seeker=retake.owner.username,
        result_id=str(retake.pk),
        planner=plan.owner.username,
        plan_id=str(plan.pk),
        plan_steps=plan.steps_total,
        counselor=profile.user.username,
        counselor_results=shared_with(profile.user).count(),
        volume={
            "users": get_user_model().objects.count(),
            "assessments": Assessment.objects.count(),
            "results": Result.objects.count(),
            "ratings": SkillRating.objects.count(),
            "scenario answers": ScenarioAnswer.objects.count(),
            "shares": Share.objects.count(),
            "plans": Plan.objects.count(),
            "plan steps": PlanStep.objects.count(),
        },
    )


def _skills_profile(owner, counselor) -> str | None:
    """The id of a submitted "Which careers fit me?" profile of `owner`, every O*NET skill
    rated (levels 1–5 in turn), made the first time and shared with `counselor` (for the
    counselor's view of the ranking); None without the O*NET occupations."""
    from django.utils import timezone

    from assessments.models import Assessment, SkillRating
    from careers.skills_profile import skills_profile
    from counselors.models import Share

    role = skills_profile()
    if role is None:
        return None
    profile = Assessment.objects.submitted().filter(role=role, owner=owner).first()
    if profile is None:
        profile = Assessment.objects.create(
            role=role, owner=owner, status="submitted", submitted_at=timezone.now()
        )
        SkillRating.objects.bulk_create(
            SkillRating(assessment=profile, skill_id=requirement.skill_id, level=1 + n % 5)
            for n, requirement in enumerate(role.requirements.order_by("skill_id"))
        )
    Share.objects.get_or_create(
        owner=owner, counselor=counselor, assessment=profile, withdrawn_at=None
    )
    return str(profile.pk)


def _pages(subjects: Subjects) -> list[Page]:
    """The step pages get their path once a browser has started an assessment."""
    result = f"/assessments/{subjects.result_id}"
    occupations = []
    if subjects.occupation_code:
        occupations = [
            Page("occupation search", "GET", "/occupations/?q=customer", "anonymous"),
            Page(
                "occupation page", "GET", f"/occupations/{subjects.occupation_code}/", "anonymous"
            ),
        ]
    # The whole ranking with the desirable marks against a current occupation, as its owner
    # and as the counselor it is shared with see it.
    ranking = f"/careers-fit/{subjects.skills_profile_id}/?current=Cashiers"
    counselor_ranking = f"/counselor/rankings/{subjects.skills_profile_id}/?current=Cashiers"
    return [
        Page("ladder /", "GET", "/", "anonymous"),
        Page("role page", "GET", f"/roles/{subjects.role_slug}/", "anonymous"),
        Page("skill page", "GET", f"/skills/{subjects.skill_slug}/", "anonymous"),
        *occupations,
        Page("questionnaire page", "GET", "{step}", "starter"),
        Page("questionnaire save", "POST", "{step}", "starter", 302, {"direction": "stay"}),
        Page("result page", "GET", f"{result}/result", "seeker"),
        Page("result JSON", "GET", f"{result}/result.json", "seeker"),
        Page("plan page", "GET", f"/plans/{subjects.plan_id}/", "planner"),
        Page("plan JSON", "GET", f"/plans/{subjects.plan_id}.json", "planner"),
        Page("counselor dashboard", "GET", "/counselor/", "counselor"),
        *([Page("ranking page", "GET", ranking, "seeker")] if subjects.skills_profile_id else []),
        *(
            [Page("counselor ranking", "GET", counselor_ranking, "counselor")]
            if subjects.skills_profile_id
            else []
        ),
    ]


def _floor_pages() -> list[Page]:
    """What a request costs before a page's own work (bench/floor.py), served by the bench's
    URLconf only."""
    return [
        Page("signed-in floor", "GET", "/bench/signed-in", "seeker"),
        Page("questionnaire read floor", "GET", "/bench/read{step}", "starter"),
    ]


def _bound(page: Page, step: dict) -> Page:
    """The page with the started assessment's step path and, for a save, a valid CSRF token
    and a rating of that page."""
    if "{step}" not in page.path:
        return page
    form = None if page.form is None else {**page.form, **step["form"]}
    path = page.path.format(step=step["path"])
    return Page(page.name, page.method, path, page.visitor, page.expected_status, form)


def _count_queries(pages: list[Page], subjects: Subjects) -> dict[str, int]:
    """Each page's queries on its second request (the first fills per-process caches)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients, step = _test_clients(subjects)
    counts = {"/ping": 0}
    for page in [Page("/ping", "GET", "/ping", "anonymous"), *pages]:
        page = _bound(page, step)
        client = clients[page.visitor]
        send = client.post if page.method == "POST" else client.get
        for _attempt in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = send(page.path, page.form or {})
        if response.status_code != page.expected_status:
            sys.exit(f"{page.name}: status {response.status_code} in-process")
        counts[page.name] = len(captured.captured_queries)
    return counts


def _test_clients(subjects: Subjects) -> tuple[dict, dict]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    logged_in = _logged_in(subjects)
    users = get_user_model().objects.in_bulk(
        [username for _name, username in logged_in], field_name="username"
    )
    clients = {name: Client() for name in ("anonymous", "starter", *dict(logged_in))}
    for name, username in logged_in:
        clients[name].force_login(users[username], backend="common.auth_backend.CachedUserBackend")
    started = clients["starter"].post(f"/roles/{subjects.role_slug}/assess/")
    step_page = clients["starter"].get(started["Location"]).content.decode()
    rating = _rating_field(step_page)
    return clients, {"path": started["Location"], "form": {rating: "3"}}


def _profile(pages: list[Page], subjects: Subjects, requests: int = 30) -> None:
    """Where each page's time goes in-process: the functions with the most time of their own."""
    clients, step = _test_clients(subjects)
    for page in pages:
        page = _bound(page, step)
        client = clients[page.visitor]
        send = client.post if page.method == "POST" else client.get
        send(page.path, page.form or {})
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _request in range(requests):
            send(page.path, page.form or {})
        profiler.disable()
        per_request = 1000 * (time.perf_counter() - started) / requests
        print(f"\n--- {page.name}: {per_request:.1f} ms per request in-process (profiled)")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def _visitors(port: int, subjects: Subjects) -> tuple[dict[str, Browser], dict]:
    """Browsers in the states the pages need, prepared over HTTP like real visitors: one that
    started an assessment (with its step path and a valid save form), a logged-in job seeker
    and a logged-in counselor."""
    starter = Browser(port)
    role_page = _expect(starter.get(f"/roles/{subjects.role_slug}/"), 200)
    started = _expect(
        starter.post(
            f"/roles/{subjects.role_slug}/assess/", {"csrfmiddlewaretoken": role_page.csrf_token}
        ),
        302,
    )
    step_page = _expect(starter.get(started.location), 200)
    rating = _rating_field(step_page.body)
    step = {
        "path": started.location,
        "form": {rating: "3", "csrfmiddlewaretoken": step_page.csrf_token},
    }
    visitors = {"anonymous": Browser(port), "starter": starter}
    for name, username in _logged_in(subjects):
        visitors[name] = Browser(port)
        login_page = _expect(visitors[name].get("/account/login/"), 200)
        form = {"username": username, "password": os.environ[PASSWORD_VARIABLE]}
        _expect(
            visitors[name].post(
                "/account/login/", {**form, "csrfmiddlewaretoken": login_page.csrf_token}
            ),
            302,
        )
    return visitors, step


def _logged_in(subjects: Subjects) -> list[tuple[str, str]]:
    """The visitors who log in, by name, with their usernames."""
    return [
        ("seeker", subjects.seeker),
        ("planner", subjects.planner),
        ("counselor", subjects.counselor),
    ]


def _rating_field(step_page: str) -> str:
    """The name of the first rating on a questionnaire page, to save one answer."""
    match = RATING_INPUT.search(step_page)
    if match is None:
        sys.exit("The first questionnaire page asks for no rating.")
    return match.group(1)


def _expect(response: Response, status: int) -> Response:
    if response.status != status:
        sys.exit(f"Preparing the visitors: expected {status}, got {response.status}")
    return response


def _measure(
    port: int, page: Page, request: bytes, options: argparse.Namespace, database_url: str
) -> Measurement:
    """Warms up, then sends `request` from `options.concurrency` connections at a time until
    `options.seconds` have passed."""
    _hammer(port, request, page.expected_status, options.warmup, options.concurrency)
    server = server_processes(port, database_url)
    server_started = cpu_seconds(server)
    started, cpu_started = time.perf_counter(), time.process_time()
    latencies, errors = _hammer(
        port, request, page.expected_status, options.seconds, options.concurrency
    )
    return Measurement(
        page,
        time.perf_counter() - started,
        latencies,
        errors,
        client_cpu_seconds=time.process_time() - cpu_started,
        server_cpu_seconds=cpu_seconds(server) - server_started,
    )


def _hammer(
    port: int, request: bytes, expected_status: int, seconds: float, concurrency: int
) -> tuple[list[float], int]:
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()

    def one_connection_at_a_time() -> None:
        mine, wrong = [], 0
        while (started := time.perf_counter()) < deadline:
            try:
                status = replay(port, request)
            except OSError:
                status = 0
            mine.append(time.perf_counter() - started)
            wrong += status != expected_status
        with lock:
            latencies.extend(mine)
            errors.append(wrong)

    threads = [threading.Thread(target=one_connection_at_a_time) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, sum(errors)


def _verdict(ratio: float, target: float) -> str:
    return f"ok (≥ {target:g})" if ratio >= target else f"BELOW {target:g}"


def _print_table(measurements: list[Measurement], queries: dict[str, int]) -> int:
    """Prints the figures; returns the number of failed requests."""
    pings = [m for m in measurements if m.page.path == "/ping"]
    baseline = sum(m.per_second for m in pings) / len(pings)
    ping_ms = sum(m.server_ms for m in pings) / len(pings)
    header = (
        "page",
        "requests",
        "req/s",
        "× /ping",
        "p50 ms",
        "p95 ms",
        "errors",
        "queries",
        "client CPU",
        "server ms",
        "× /ping CPU",
        "target",
    )
    rows = [
        (
            m.page.name,
            f"{m.requests:,}",
            f"{m.per_second:,.0f}",
            f"{m.per_second / baseline:.2f}",
            f"{m.latency_ms(0.50):.1f}",
            f"{m.latency_ms(0.95):.1f}",
            str(m.errors),
            str(queries["/ping" if m.page.path == "/ping" else m.page.name]),
            f"{100 * m.client_cpu_seconds / m.seconds:.0f} %",
            f"{m.server_ms:.2f}",
            f"{ping_ms / m.server_ms:.2f}" if m.server_ms else "",
            "" if m.page.target is None else _verdict(m.per_second / baseline, m.page.target),
        )
        for m in measurements
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            )
        )
    slow = [
        m.page.name
        for m in measurements
        if m.page.target is not None and m.per_second < m.page.target * baseline
    ]
    floor = next((m for m in measurements if m.page.path == "/bench/signed-in"), None)
    print(
        "\nclient CPU: the load generator's own CPU time, in % of one of the cores it shares "
        "with the server. server ms: CPU per request of gunicorn's processes and the "
        "database's backends; × /ping CPU: /ping's server ms ÷ the page's, the share of /ping's "
        "rate the page would reach with the cores to itself. "
        "Target: GET ≥ 0.5 × /ping, POST ≥ 0.25 × (requests/s)."
        f"\nBaseline /ping: {baseline:,.0f} req/s (mean of the two runs). "
        + (f"Below target: {', '.join(slow)}." if slow else "Every page is at or above target.")
        + (
            f"\nSigned-in floor: {floor.server_ms:.2f} ms of server CPU per request, "
            f"{floor.server_ms - ping_ms:.2f} ms above /ping's (the session and the user read)."
            if floor and floor.server_ms
            else ""
        )
    )
    return sum(m.errors for m in measurements)


if __name__ == "__main__":
    main()
