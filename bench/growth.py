"""`make bench-growth`: how each page's SQL queries and server time grow with the data.

Two dimensions, each printed as a table:

1. **Stored results.** A throwaway database (SQLite in a temporary folder, or a new database
   on the PostgreSQL server of BENCH_DATABASE_URL) gets the catalog and the O*NET occupations,
   then `bench/volume.py`'s volume in steps: the base (100 submitted assessments by default,
   with two counselors and their clients), then more job seekers and their attempts until the
   database holds 10×, 100× and 1,000× the base. At every step each page that `make bench`
   measures (`bench.pages`, the same pages about the same people: the base step's job seeker,
   plan and counselor) is requested in-process with Django's test client: its queries
   (on the second request, as `make bench` counts them), the median server time of warm
   requests, and the time of the first request after the cache is emptied. The pages' own
   content stays the same from step to step, so a page whose queries or time grow is doing
   work in proportion to other people's data.
2. **Role size.** Roles of 10, 35 and 100 skills are added to the catalog (a generated track
   each, with anchors, a scenario item per skill and a resource per level step, eight skills
   to a category as in the shipped catalog), and for each: its role page, questionnaire page
   1 and a save of it, the result page and JSON of a submitted attempt, and the plan page and
   JSON of a plan made from that result. These pages' content does grow with the role (the
   questionnaire page's does not: a page is one category of eight), so their HTML size is
   printed beside the time.

Server ms here is the wall time of the request inside the process (middleware, view,
templates, the database's answers), with `/ping` — a bare Django view — measured the same
way for scale. Not a test: it prints figures and stops by itself
(`tests/bench/test_growth.py` runs its smallest configuration so it keeps working).
"""

import argparse
import math
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import database_prepare, machine, server_environment, throwaway_database
from bench.pages import Page, _bound, _pages, _rating_field, _subjects, _test_clients

# The base step and its multiples, as the issue asks: 10×, 100× and 1,000× more results.
DEFAULT_BASE = 100
DEFAULT_FACTORS = (10, 100, 1_000)
DEFAULT_SKILLS = (10, 35, 100)
# A job seeker has ten attempts, as in `make bench`'s volume (10,000 people, 100,000 results).
ATTEMPTS_PER_SEEKER = 10
SKILLS_PER_CATEGORY = 8
# A page is marked when its warm time grows by more than this factor times its size's growth
# between the first and last column: the margin of a shared machine's noise.
GROWTH_MARK = 1.5


@dataclass(frozen=True)
class Figures:
    """One page measured once: queries of a warm request, median ms of warm requests, the
    first request's ms and queries after the cache was emptied, the response's size."""

    queries: int
    warm_ms: float
    first_ms: float
    first_queries: int
    kilobytes: float


@dataclass
class Dimension:
    """A table: per page, its figures at each step of one dimension."""

    title: str
    steps: list[str]
    rows: dict[str, list[Figures]] = field(default_factory=dict)

    def add(self, page: str, figures: Figures) -> None:
        self.rows.setdefault(page, []).append(figures)


# --- Measuring one page ------------------------------------------------------------------------


def measure(
    send: Callable[[], object], expected_status: int, *, requests: int, name: str
) -> Figures:
    """The page's first request after the cache is emptied (its time and queries), its queries
    on the next request, then the median time of `requests` more."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the log keeps 9,000 queries: a full one would count none
    # A request first, unmeasured, so that this process's own caches (compiled templates, the
    # catalog rows kept per revision) are as warm at the first step as at the later ones;
    # then the shared cache is emptied, so "first" is the page built afresh.
    _check(send(), expected_status, name)
    cache.clear()
    # Counted at once: the captured list is read from the log, which the next request empties.
    with CaptureQueriesContext(connection) as captured:
        first_ms, response = _timed(send)
    first_queries = len(captured)
    _check(response, expected_status, name)
    with CaptureQueriesContext(connection) as captured:
        response = send()
    queries = len(captured)
    _check(response, expected_status, name)
    timings = []
    for _request in range(requests):
        milliseconds, response = _timed(send)
        timings.append(milliseconds)
    _check(response, expected_status, name)
    return Figures(
        queries=queries,
        warm_ms=statistics.median(timings),
        first_ms=first_ms,
        first_queries=first_queries,
        kilobytes=len(response.content) / 1024,  # type: ignore[attr-defined]
    )


def _timed(send: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    response = send()
    return 1000 * (time.perf_counter() - started), response


def _check(response, expected_status: int, name: str) -> None:
    if response.status_code != expected_status:
        raise RuntimeError(f"{name}: status {response.status_code}, expected {expected_status}")


def _sender(client, method: str, path: str, form: dict[str, str] | None) -> Callable[[], object]:
    if method == "POST":
        return lambda: client.post(path, form or {})
    return lambda: client.get(path)


# --- Dimension 1: stored results ---------------------------------------------------------------


def results_growth(
    sizes: Sequence[int],
    *,
    requests: int,
    plan_share: float = 0.1,
    analyze: Callable[[], None] = lambda: None,
    say: Callable[[str], None] = print,
) -> Dimension:
    """Grows the database to each of `sizes` submitted assessments in turn (the first with two
    counselors and their clients, the rest more job seekers only) and measures every page of
    `make bench` at each size."""
    # Imported here: bench.volume needs Django set up.
    from bench.volume import SEEKER_PREFIX, volume_generate

    password = secrets.token_urlsafe(12)

    def grow(number: int) -> None:
        """To sizes[number]: the base with two counselors and their clients, every later step
        new job seekers only, under a prefix of their own."""
        held = sizes[number - 1] if number else 0
        started = time.perf_counter()
        volume_generate(
            users=max(1, (sizes[number] - held) // ATTEMPTS_PER_SEEKER),
            assessments=sizes[number] - held,
            counselors=0 if number else 2,
            clients_per_counselor=5,
            plan_share=plan_share,
            seed=number + 1,
            password=password,
            prefix=f"grown{number}-" if number else SEEKER_PREFIX,
            progress=lambda done: _progress(say, held + done, sizes[number]),
        )
        analyze()
        seconds = time.perf_counter() - started
        say(f"{sizes[number]:,} stored results (built in {seconds:.0f} s); measuring")

    dimension = Dimension("Stored results", [f"{size:,}" for size in sizes])
    grow(0)
    # The people the pages are about come from the base step and stay the same.
    subjects = _subjects()
    clients, step = _test_clients(subjects)
    page_list = [Page("/ping", "GET", "/ping", "anonymous"), *_pages(subjects)]
    for number in range(len(sizes)):
        if number:
            grow(number)
        for page in page_list:
            page = _bound(page, step)
            send = _sender(clients[page.visitor], page.method, page.path, page.form)
            dimension.add(
                page.name, measure(send, page.expected_status, requests=requests, name=page.name)
            )
    return dimension


def _progress(say: Callable[[str], None], done: int, size: int) -> None:
    # About a line per tenth of the step (volume reports every 1,000): a full-size run builds
    # for half an hour.
    if done == size or done % max(1, size // 10) < 1_000:
        say(f"  … {done:,} of {size:,} assessments")


# --- Dimension 2: role size --------------------------------------------------------------------


def roles_growth(
    skill_counts: Sequence[int], *, requests: int, say: Callable[[str], None] = print
) -> Dimension:
    """Adds a role of each size to the catalog and measures the pages of one person's
    attempt at it: role page, questionnaire page and save, result, plan."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from plans.services import plan_create_from_result

    dimension = Dimension("Role size", [f"{count} skills" for count in skill_counts])
    owner = get_user_model().objects.create_user(username="growth-roles", password=None)
    clients = {"anonymous": Client(), "person": Client()}
    clients["person"].force_login(owner, backend="common.auth_backend.CachedUserBackend")
    for count in skill_counts:
        role = role_with_skills(count)
        say(f"A role of {count} skills; measuring")
        assessment = _submitted(role, owner)
        plan = plan_create_from_result(
            owner=owner,
            assessment=assessment,
            hours_per_week=5,
            start_date=timezone.localdate(),
        )
        started = clients["person"].post(reverse("assessments:start", args=[role.slug]))
        _check(started, 302, "start")
        step = started["Location"]
        rating = _rating_field(clients["person"].get(step).content.decode())
        for page in [
            Page("/ping", "GET", "/ping", "anonymous"),
            Page("role page", "GET", reverse("careers:role_detail", args=[role.slug]), "anonymous"),
            Page("questionnaire page", "GET", step, "person"),
            Page(
                "questionnaire save",
                "POST",
                step,
                "person",
                302,
                {rating: "3", "direction": "stay"},
            ),
            Page(
                "result page", "GET", reverse("assessments:result", args=[assessment.pk]), "person"
            ),
            Page(
                "result JSON",
                "GET",
                reverse("assessments:result_json", args=[assessment.pk]),
                "person",
            ),
            Page("plan page", "GET", reverse("plans:detail", args=[plan.pk]), "person"),
            Page("plan JSON", "GET", reverse("plans:json", args=[plan.pk]), "person"),
        ]:
            send = _sender(clients[page.visitor], page.method, page.path, page.form)
            dimension.add(
                page.name, measure(send, page.expected_status, requests=requests, name=page.name)
            )
    return dimension


def role_with_skills(count: int):
    """A new track with one role requiring `count` new skills, eight to a category: each skill
    with its five anchors, one scenario item of four options and a resource for every level
    step, in texts as long as the shipped catalog's. Written in bulk, then the catalog
    revision bumped, as a fixture load does."""
    from careers.levels import PROFICIENCY_LEVELS
    from careers.models import (
        ProficiencyAnchor,
        Requirement,
        Resource,
        Role,
        ScenarioItem,
        ScenarioOption,
        Skill,
        SkillCategory,
        Track,
    )
    from careers.revision import bump_revision

    name = f"growth-{count}-skills"
    track = Track.objects.create(
        name=f"Growth: {count} skills", slug=name, summary=_text("A generated ladder", 30)
    )
    role = Role.objects.create(
        track=track,
        rank=1,
        slug=name,
        title=f"Role of {count} skills",
        summary=_text("What the role does", 60),
        responsibilities="\n".join(_text(f"Responsibility {n}", 14) for n in range(1, 7)),
        focus_areas="\n".join(_text(f"Focus {n}", 12) for n in range(1, 5)),
        years_experience_min=0,
        years_experience_max=2,
    )
    categories = SkillCategory.objects.bulk_create(
        SkillCategory(
            name=f"{name} group {number}",
            slug=f"{name}-group-{number}",
            description=_text("A group of skills", 20),
            position=100 + number,
        )
        for number in range(1, math.ceil(count / SKILLS_PER_CATEGORY) + 1)
    )
    skills = Skill.objects.bulk_create(
        Skill(
            category=categories[index // SKILLS_PER_CATEGORY],
            name=f"Skill {index + 1} of {count}",
            slug=f"{name}-skill-{index + 1}",
            description=_text("What the skill is", 25),
            position=index % SKILLS_PER_CATEGORY + 1,
        )
        for index in range(count)
    )
    # bulk_create sets primary keys on PostgreSQL and SQLite 3.35+; read them back otherwise.
    skills = list(Skill.objects.filter(slug__startswith=f"{name}-skill-").order_by("pk"))
    ProficiencyAnchor.objects.bulk_create(
        ProficiencyAnchor(
            skill=skill,
            level=level,
            description=_text(f"{skill.name} at level {level}", 28),
            short_description=f"{skill.name} done at level {level} of five",
        )
        for skill in skills
        for level in PROFICIENCY_LEVELS
    )
    Requirement.objects.bulk_create(
        Requirement(role=role, skill=skill, required_level=3 + index % 2, importance=1 + index % 5)
        for index, skill in enumerate(skills)
    )
    ScenarioItem.objects.bulk_create(
        ScenarioItem(skill=skill, slug=f"{skill.slug}-situation", prompt=_text("A situation", 45))
        for skill in skills
    )
    items = ScenarioItem.objects.filter(slug__startswith=f"{name}-skill-")
    ScenarioOption.objects.bulk_create(
        ScenarioOption(
            item=item,
            slug=f"option-{position}",
            text=_text(f"Answer {position}", 18),
            level=level,
            position=position,
        )
        for item in items
        for position, level in enumerate((1, 2, 4, 5), start=1)
    )
    Resource.objects.bulk_create(
        Resource(
            skill=skill,
            slug=f"{skill.slug}-to-{level}",
            title=f"{skill.name}: from {level - 1} to {level}",
            provider="On the job",
            kind="practice",
            description=_text("What to do", 20),
            from_level=level - 1,
            to_level=level,
            effort_hours=4,
            url="https://example.org/practice",
        )
        for skill in skills
        for level in PROFICIENCY_LEVELS
    )
    bump_revision()
    return role


def _text(start: str, words: int) -> str:
    """`start` and filler to `words` words: generated rows as long as written ones."""
    filler = "with the customer in mind and the team kept informed about what happens next"
    pool = filler.split()
    extra = max(0, words - len(start.split()))
    return " ".join([start, *(pool[n % len(pool)] for n in range(extra))]) + "."


def _submitted(role, owner):
    """An attempt at `role` submitted through the app's own functions, every skill rated
    one level below what the role requires, so every skill has a step to take."""
    from assessments.models import Assessment
    from assessments.questionnaire import questionnaire_pages
    from assessments.services import assessment_submit
    from careers.revision import current_revision, questionnaire_rungs

    assessment = Assessment.objects.create(role=role, owner=owner)
    target, below = questionnaire_rungs(role.pk, current_revision())
    levels = {row.skill.pk: row.required_level - 1 for row in (*target, *below)}
    pages = questionnaire_pages(target, below=below, rank=role.rank, levels=levels)
    for skill in {skill.pk: skill for page in pages for skill in page.skills}.values():
        assessment.ratings.create(skill=skill, level=levels[skill.pk])
    for item in (item for page in pages for item in page.scenario_items):
        option = min(item.options.all(), key=lambda o: abs(o.level - levels[item.skill_id]))
        assessment.scenario_answers.create(item=item, option=option)
    assessment.years_experience = assessment.years_leading = 1
    assessment.save(update_fields=["years_experience", "years_leading"])
    return assessment_submit(assessment=assessment, pages=pages)


# --- Printing ----------------------------------------------------------------------------------


def print_dimension(dimension: Dimension, *, say: Callable[[str], None] = print) -> list[str]:
    """Prints the table; returns the pages marked (queries or time growing)."""
    steps = dimension.steps
    header = ["page", *(f"q {s}" for s in steps), *(f"ms {s}" for s in steps)]
    header += [*(f"first ms {s}" for s in steps), *(f"KB {s}" for s in steps), "growth"]
    rows, marked = [], []
    for page, figures in dimension.rows.items():
        mark = _mark(figures)
        if mark:
            marked.append(f"{page} ({mark})")
        rows.append(
            [
                page,
                *(str(f.queries) for f in figures),
                *(f"{f.warm_ms:.2f}" for f in figures),
                *(f"{f.first_ms:.1f}" for f in figures),
                *(f"{f.kilobytes:.1f}" for f in figures),
                mark or "constant",
            ]
        )
    say(f"\n{dimension.title}: {' → '.join(steps)}")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        say(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            )
        )
    return marked


def _mark(figures: list[Figures]) -> str:
    """What grows: the warm or first request's queries, or the warm time faster than the
    page's own size (by more than GROWTH_MARK), from the first column to the last."""
    marks = []
    if len({f.queries for f in figures}) > 1 or len({f.first_queries for f in figures}) > 1:
        counts = " → ".join(f"{f.queries}/{f.first_queries}" for f in figures)
        marks.append(f"QUERIES GROW {counts}")
    time_growth = figures[-1].warm_ms / max(figures[0].warm_ms, 1e-6)
    size_growth = figures[-1].kilobytes / max(figures[0].kilobytes, 1e-6)
    if time_growth > GROWTH_MARK * max(1.0, size_growth):
        marks.append(f"time ×{time_growth:.1f}, size ×{size_growth:.1f}")
    return "; ".join(marks)


def growth_measure(
    *,
    sizes: Sequence[int],
    skill_counts: Sequence[int],
    requests: int,
    plan_share: float = 0.1,
    analyze: Callable[[], None] = lambda: None,
    say: Callable[[str], None] = print,
) -> list[Dimension]:
    """Both dimensions, in a database with the catalog (and, for the occupation and ranking
    pages, the O*NET occupations) loaded and no volume yet; prints both tables."""
    dimensions = [
        results_growth(sizes, requests=requests, plan_share=plan_share, analyze=analyze, say=say),
        roles_growth(skill_counts, requests=requests, say=say),
    ]
    marked = [page for dimension in dimensions for page in print_dimension(dimension, say=say)]
    say(
        f"\nq: SQL queries of a warm request / ms: median of {requests} warm requests, "
        "in-process / first ms: the first request after the cache was emptied / KB: the "
        "response's size."
    )
    say("Growing: " + ("; ".join(marked) if marked else "nothing: every page is constant."))
    return dimensions


# --- Command -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    options = _arguments(argv)
    sizes = [options.base, *(options.base * factor for factor in options.factors)]
    print(f"Machine: {machine()}; load average {_load_average()}")
    with (
        tempfile.TemporaryDirectory(prefix="skillsgap-growth-") as folder,
        throwaway_database(options.database_url, Path(folder)) as database_url,
    ):
        env = server_environment(database_url, Path(folder) / "static")
        print("Preparing the database (catalog, occupations) …", flush=True)
        database_prepare(env, occupations=True)
        os.environ.update(env)  # measured in this process, with production's settings
        import django

        django.setup()
        from django.db import connection, connections

        def analyze() -> None:
            # What autovacuum would do in time: fresh planner statistics after a bulk load.
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")

        try:
            growth_measure(
                sizes=sizes,
                skill_counts=options.skills,
                requests=options.requests,
                analyze=analyze,
                say=lambda line: print(line, flush=True),
            )
        finally:
            connections.close_all()
    print(f"Database: {database_url.split(':', 1)[0]}; load average {_load_average()}")


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--base", type=int, default=DEFAULT_BASE, help="submitted assessments at the first step"
    )
    parser.add_argument(
        "--factors",
        type=_numbers,
        default=DEFAULT_FACTORS,
        help="the later steps, as multiples of the base (default 10,100,1000)",
    )
    parser.add_argument(
        "--skills", type=_numbers, default=DEFAULT_SKILLS, help="role sizes (default 10,35,100)"
    )
    parser.add_argument("--requests", type=int, default=20, help="warm requests per page")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a check in a minute or two: 100 and 1,000 results, roles of 10 and 35 skills",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or None,
        help="a PostgreSQL server to create the database on (default: SQLite)",
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.factors, options.skills, options.requests = (10,), (10, 35), 10
    return options


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part)


def _load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
