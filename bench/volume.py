"""`python -m bench.volume`: a realistic volume of data for benchmarks — thousands of job
seekers with finished assessments, plans made from a share of those results, and counselors
whose clients share results with them.

Built for speed rather than through the app's write functions (which would take hours for
100,000 assessments): rows go in with `bulk_create`, a batch per transaction. The numbers are
still the app's own: every `Result` is computed by `result_document`, from inputs shaped
exactly like `snapshot_inputs` builds them — its catalog part is read once per role (it is the
same for every attempt at that role) and only the answers and the experience vary.
`tests/bench/test_volume.py` checks that a generated result equals the one submitting
through the app would store. Plans are made the way `plans.services.plan_create_from_result`
makes them (its own `steps_from_document` and `target_dates`), dated the day of their result,
with a few steps since done; the test checks those too.

Every generated account has the password in $BENCH_PASSWORD, or else one made up for the run
and printed, so benchmarks can log in through the login form; no password lives in the code.
"""

import argparse
import os
import sys

import django

if __name__ == "__main__":
    # Run as a script: the models imported below need the app registry. The settings are
    # manage.py's unless the environment names others (the benchmarks pass production's).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()

import random
import secrets
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, reset_queries, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.document import (
    AnswerJSON,
    OwnInputs,
    ResultDocument,
    ScoringInputs,
    result_document,
    split_inputs,
)
from assessments.models import Assessment, Result, ScenarioAnswer, ScoringCatalog, SkillRating
from assessments.scoring import SCORING_VERSION
from assessments.snapshot import snapshot_inputs
from bench.harness import PASSWORD_VARIABLE
from careers.models import Requirement, Role
from counselors.models import Share
from counselors.services import counselor_make
from plans.models import Plan, PlanEvent, PlanStep
from plans.schedule import target_dates
from plans.services import steps_from_document

SEEKER_PREFIX = "seeker"
COUNSELOR_PREFIX = "counselor"

CATALOG_MISSING = "Load the catalog first: python manage.py loaddata catalog scenarios"
ALREADY_GENERATED = "This database already has a generated volume; use a fresh database."

# Space-separated. Enough names that a counselor's search and sorting have something to do.
FIRST_NAMES = (
    "Ada Amir Ana Ben Bo Chen Chloe Dana Dev Eli Emma Eva Farah Finn Gus Hana Ian Ines Jae Jon "
    "Kai Kim Lara Leo Lina Luca Maya Mei Nia Noah Omar Ola Pat Priya Quinn Rosa Ravi Sam Sara"
)
LAST_NAMES = (
    "Adams Ali Baker Berg Costa Cruz Diaz Dubois Evans Fischer Garcia Gray Haddad Hill Ito "
    "Jensen Khan Kim Lopez Moreau Murphy Nagy Novak Okafor Olsen Patel Petrov Reyes Rossi Sato"
)
ORGANISATIONS = (
    "Northside Job Centre",
    "City Careers Service",
    "Riverside Workforce Board",
    "Harbor Employment Hub",
)
EVIDENCE_NOTES = (
    "Ran the weekly queue review for three months.",
    "Handled escalations for our largest account.",
    "Wrote the team's refund macros.",
    "Trained two new starters on the ticketing tool.",
    "Kept first-contact resolution above target all year.",
)


class VolumeError(Exception):
    pass


@dataclass(frozen=True)
class VolumeReport:
    users: int
    counselors: int
    assessments: int
    ratings: int
    scenario_answers: int
    results: int
    shares: int
    plans: int
    plan_steps: int
    seconds: float

    @property
    def assessments_per_second(self) -> float:
        return self.assessments / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class _Item:
    pk: int
    options: tuple[tuple[int, int], ...]  # (option id, level it shows)


@dataclass(frozen=True)
class _RoleQuestions:
    """What the questionnaire of one role asks, and the catalog part of its scoring inputs."""

    role: Role
    skills: tuple[tuple[int, str], ...]  # (skill id, slug) in questionnaire order
    items: dict[int, tuple[_Item, ...]]  # skill id → its scenario items, by id
    page_count: int
    catalog_inputs: ScoringInputs  # with no answers yet
    catalog: ScoringCatalog  # the same, as stored


@dataclass
class _Seeker:
    """One generated person: how good they are, how they see themselves, what they aim for."""

    user_id: int
    ability: dict[int, float]  # skill id → true level, improving with each attempt
    overconfidence: float
    years_experience: int
    years_leading: int
    targets: list[_RoleQuestions]


@dataclass
class _Batch:
    assessments: list[Assessment]
    ratings: list[SkillRating]
    answers: list[ScenarioAnswer]
    results: list[Result]
    plans: list[Plan] = dataclass_field(default_factory=list)
    steps: list[PlanStep] = dataclass_field(default_factory=list)


def volume_generate(
    *,
    users: int = 10_000,
    assessments: int = 100_000,
    counselors: int = 200,
    clients_per_counselor: int = 50,
    plan_share: float = 0.1,
    batch_size: int = 1_000,
    seed: int = 1,
    password: str,
    prefix: str = SEEKER_PREFIX,
    progress: Callable[[int], None] | None = None,
) -> VolumeReport:
    """Creates `users` job seekers with `assessments` submitted attempts between them (spread
    over the past year, several per person, each with its ratings, scenario answers and
    stored Result), and `counselors` counselors with up to `clients_per_counselor` clients
    each, half sharing their latest result, half all their results for its role. About
    `plan_share` of the results have a plan made from them, some of its steps done. Every
    account has `password` (one hash for all: the hasher is slow on purpose, 10,000 hashes
    would take an hour).

    The job seekers are `<prefix>00001…`: a database that has a volume under one prefix grows
    by another under a new one (`bench/growth.py`; pass `counselors=0` so the first volume's
    counselors keep their clients)."""
    if users < 1 or assessments < users:
        raise VolumeError("Need at least one user and one assessment per user.")
    ladders = _ladders()
    if not ladders:
        raise VolumeError(CATALOG_MISSING)
    user_model = get_user_model()
    if user_model.objects.filter(username__startswith=prefix).exists():
        raise VolumeError(ALREADY_GENERATED)

    started = time.perf_counter()
    rng = random.Random(seed)
    # Its own generator, so the assessments are the same whatever the share of plans.
    plan_rng = random.Random(f"{seed}-plans")
    now = timezone.now()
    password_hash = make_password(password)
    seeker_ids = _users_create(prefix, users, password_hash, rng, now, batch_size)

    counts = {"assessments": 0, "ratings": 0, "answers": 0, "plans": 0, "steps": 0}
    latest: dict[int, Assessment] = {}  # user id → their latest attempt, for shares
    per_user, extra = divmod(assessments, users)
    users_per_batch = max(1, batch_size // max(per_user, 1))
    with _explicit_timestamps(
        Assessment, SkillRating, ScenarioAnswer, Result, Share, Plan, PlanStep, PlanEvent
    ):
        for start in range(0, users, users_per_batch):
            batch = _Batch([], [], [], [])
            for index in range(start, min(start + users_per_batch, users)):
                seeker = _seeker(seeker_ids[index], ladders, rng)
                attempts = per_user + (1 if index < extra else 0)
                latest[seeker.user_id] = _attempts_add(batch, seeker, attempts, rng, now)
            for result in batch.results:
                if plan_rng.random() < plan_share:
                    _plan_add(batch, result, plan_rng, now)
            _batch_save(batch)
            reset_queries()  # with DEBUG on, Django keeps every (huge) INSERT it ran
            counts["assessments"] += len(batch.assessments)
            counts["ratings"] += len(batch.ratings)
            counts["answers"] += len(batch.answers)
            counts["plans"] += len(batch.plans)
            counts["steps"] += len(batch.steps)
            if progress:
                progress(counts["assessments"])

        counselor_ids = _users_create(
            COUNSELOR_PREFIX, counselors, password_hash, rng, now, batch_size
        )
        for index, user in enumerate(user_model.objects.filter(pk__in=counselor_ids)):
            counselor_make(user=user, organisation=ORGANISATIONS[index % len(ORGANISATIONS)])
        shares = _shares_create(seeker_ids, counselor_ids, clients_per_counselor, latest, rng)

    return VolumeReport(
        users=users,
        counselors=counselors,
        assessments=counts["assessments"],
        ratings=counts["ratings"],
        scenario_answers=counts["answers"],
        results=counts["assessments"],
        shares=shares,
        plans=counts["plans"],
        plan_steps=counts["steps"],
        seconds=time.perf_counter() - started,
    )


def _ladders() -> list[list[_RoleQuestions]]:
    """Per track of the catalog's own ladders, the roles that have a questionnaire, lowest rung
    first: never the O*NET occupations' roles or the skills profile, whether or not they are
    loaded yet."""
    ladders: dict[int, list[_RoleQuestions]] = {}
    for role in Role.objects.jobs().filter(onet_soc_code="").order_by("track__name", "rank"):
        requirements = list(Requirement.objects.for_questionnaire(role))
        if not requirements:
            continue
        items = {
            requirement.skill.pk: tuple(
                _Item(item.pk, tuple((option.pk, option.level) for option in item.options.all()))
                for item in sorted(requirement.skill.scenario_items.all(), key=lambda i: i.pk)
            )
            for requirement in requirements
        }
        # The catalog part of the inputs: an unsaved assessment has no answers to copy.
        catalog_inputs = snapshot_inputs(Assessment(role=role))
        ladders.setdefault(role.track_id, []).append(
            _RoleQuestions(
                role=role,
                skills=tuple((r.skill.pk, r.skill.slug) for r in requirements),
                items=items,
                page_count=len({r.skill.category_id for r in requirements}),
                catalog_inputs=catalog_inputs,
                catalog=ScoringCatalog.objects.for_content(split_inputs(catalog_inputs)[0]),
            )
        )
    return list(ladders.values())


def _users_create(
    prefix: str, count: int, password_hash: str, rng: random.Random, now: datetime, batch_size: int
) -> list[int]:
    user_model = get_user_model()
    first_names, last_names = FIRST_NAMES.split(), LAST_NAMES.split()
    width = max(5, len(str(count)))
    people = [
        user_model(
            username=f"{prefix}{number:0{width}d}",
            email=f"{prefix}{number:0{width}d}@example.org",
            first_name=rng.choice(first_names),
            last_name=rng.choice(last_names),
            password=password_hash,
            date_joined=now - timedelta(days=400),
        )
        for number in range(1, count + 1)
    ]
    created = user_model.objects.bulk_create(people, batch_size=batch_size)
    return [person.pk for person in created]


def _seeker(user_id: int, ladders: list[list[_RoleQuestions]], rng: random.Random) -> _Seeker:
    general = rng.uniform(1.3, 4.2)
    roles = rng.choice(ladders)
    skill_ids = {skill_id for role in roles for skill_id, _slug in role.skills}
    years_experience = max(0, round(rng.gauss((general - 1) * 4, 2)))
    # Aim at the rung that matches where they are, and often the one or two above it.
    first = min(len(roles) - 1, int((general - 1.3) / 2.9 * len(roles)))
    return _Seeker(
        user_id=user_id,
        ability={skill_id: _clamp(rng.gauss(general, 0.7), 1, 5) for skill_id in skill_ids},
        overconfidence=rng.gauss(0.3, 0.5),
        years_experience=min(years_experience, 50),
        years_leading=min(max(0, years_experience - rng.randint(2, 8)), 50),
        targets=roles[first : first + rng.randint(1, 3)],
    )


def _attempts_add(
    batch: _Batch, seeker: _Seeker, count: int, rng: random.Random, now: datetime
) -> Assessment:
    """A person's attempts in time order: a block of retakes per target role, lowest first,
    each compared with the previous attempt at the same role, as the app compares them."""
    submitted_times = sorted(
        now - timedelta(days=rng.uniform(1, 365), minutes=rng.uniform(0, 600)) for _ in range(count)
    )
    previous_documents: dict[int, ResultDocument] = {}
    assessment = None
    for number, submitted_at in enumerate(submitted_times):
        questions = seeker.targets[number * len(seeker.targets) // count]
        assessment = Assessment(
            id=uuid.uuid4(),
            role=questions.role,
            owner_id=seeker.user_id,
            status=Assessment.Status.SUBMITTED,
            years_experience=seeker.years_experience,
            years_leading=seeker.years_leading,
            last_step=questions.page_count + 1,  # the review step, where submitting happens
            started_at=submitted_at - timedelta(minutes=rng.uniform(8, 40)),
            updated_at=submitted_at,
            submitted_at=submitted_at,
        )
        answers = _answers_add(batch, assessment, submitted_at, questions, seeker, rng)
        own_inputs: OwnInputs = {
            "answers": answers,
            "experience": {
                "years_experience": seeker.years_experience,
                "years_leading": seeker.years_leading,
            },
        }
        document = result_document(
            {**questions.catalog_inputs, **own_inputs},
            assessment={
                "id": str(assessment.pk),
                "started_at": assessment.started_at.isoformat(),
                "submitted_at": submitted_at.isoformat(),
            },
            previous=previous_documents.get(questions.role.pk),
        )
        previous_documents[questions.role.pk] = document
        batch.assessments.append(assessment)
        batch.results.append(
            Result.scored(
                assessment=assessment,
                scoring_version=SCORING_VERSION,
                catalog=questions.catalog,
                inputs=own_inputs,
                document=document,
                created_at=submitted_at,
            )
        )
        for skill_id in seeker.ability:  # practice between attempts
            seeker.ability[skill_id] = _clamp(seeker.ability[skill_id] + rng.uniform(0, 0.4), 1, 5)
    assert assessment is not None
    return assessment


def _answers_add(
    batch: _Batch,
    assessment: Assessment,
    saved_at: datetime,
    questions: _RoleQuestions,
    seeker: _Seeker,
    rng: random.Random,
) -> dict[str, AnswerJSON]:
    """Ratings and scenario answers for every question, and the `answers` part of the inputs
    in `snapshot_inputs`' shape (by skill slug, sorted)."""
    answers: dict[str, AnswerJSON] = {}
    for skill_id, slug in questions.skills:
        ability = seeker.ability[skill_id]
        level = round(_clamp(ability + seeker.overconfidence + rng.gauss(0, 0.5), 1, 5))
        note = rng.choice(EVIDENCE_NOTES) if rng.random() < 0.15 else ""
        url = "https://example.org/portfolio" if note and rng.random() < 0.3 else ""
        batch.ratings.append(
            SkillRating(
                assessment=assessment,
                skill_id=skill_id,
                level=level,
                evidence_note=note,
                evidence_url=url,
                updated_at=saved_at,
            )
        )
        scenario_levels = []
        for item in questions.items[skill_id]:
            target = ability + rng.gauss(0, 0.6)
            option_id, option_level = min(
                item.options, key=lambda option: (abs(option[1] - target), rng.random())
            )
            scenario_levels.append(option_level)
            batch.answers.append(
                ScenarioAnswer(
                    assessment=assessment, item_id=item.pk, option_id=option_id, updated_at=saved_at
                )
            )
        answers[slug] = {
            "self_rating": level,
            "scenario_levels": scenario_levels,
            "evidence_note": note,
            "evidence_url": url,
        }
    return dict(sorted(answers.items()))


def _plan_add(batch: _Batch, result: Result, rng: random.Random, now: datetime) -> None:
    """The plan `plan_create_from_result` makes from `result`, made shortly after it and
    started that day, with its first few steps done since (each a week apart, none later than
    `now`)."""
    assessment = result.assessment
    # Every generated attempt is submitted and belongs to an account.
    assert assessment.submitted_at is not None and assessment.owner_id is not None
    made_at = min(now, assessment.submitted_at + timedelta(minutes=rng.uniform(5, 120)))
    start = timezone.localdate(made_at)
    hours_per_week = rng.choice((2, 4, 5, 8, 10))
    plan = Plan(
        id=uuid.uuid4(),
        owner_id=assessment.owner_id,
        role_id=assessment.role_id,
        source=assessment,
        hours_per_week=hours_per_week,
        start_date=start,
        skills=[
            {
                "skill": row["skill"],
                "name": row["name"],
                "required_level": row["required_level"],
                "measured_level": row["measured_level"],
            }
            for row in result.document["skills"]
            if row["required_level"] > 0
        ],
        content_changed_at=made_at,
        created_at=made_at,
        updated_at=made_at,
    )
    fields = steps_from_document(result.document)
    dates = target_dates(
        efforts=[step.get("effort_hours", 0) for step in fields],
        hours_per_week=hours_per_week,
        start=start,
        today=start,
    )
    done = rng.randint(0, min(3, len(fields)))
    for order, (step_fields, target) in enumerate(zip(fields, dates, strict=True), start=1):
        step = PlanStep(
            plan=plan,
            order=order,
            target_date=target,
            created_at=made_at,
            updated_at=made_at,
            **step_fields,
        )
        if order <= done:
            step.status = PlanStep.Status.DONE
            step.done_at = step.updated_at = min(now, made_at + timedelta(days=7 * order))
            plan.content_changed_at = plan.updated_at = step.done_at
        batch.steps.append(step)
    batch.plans.append(plan)


def _submitted_on(plan: Plan) -> str:
    submitted_at = plan.source.submitted_at
    assert submitted_at is not None  # plans are made from submitted attempts only
    return submitted_at.date().isoformat()


@transaction.atomic
def _batch_save(batch: _Batch) -> None:
    Assessment.objects.bulk_create(batch.assessments)
    SkillRating.objects.bulk_create(batch.ratings, batch_size=5_000)
    ScenarioAnswer.objects.bulk_create(batch.answers, batch_size=5_000)
    Result.objects.bulk_insert(batch.results)
    Plan.objects.bulk_create(batch.plans)
    PlanStep.objects.bulk_create(batch.steps, batch_size=5_000)
    # The history the services would have written: the plan made, then each step done
    # (after the steps are saved, as a step's event names its id).
    events = [
        PlanEvent(
            plan=plan,
            actor_id=plan.owner_id,
            at=plan.created_at,
            kind="created",
            summary=_("Plan made from the result of %(date)s, with %(count)s steps.")
            % {"date": _submitted_on(plan), "count": count},
        )
        for plan, count in _step_counts(batch)
    ]
    events += [
        PlanEvent(
            plan=step.plan,
            actor_id=step.plan.owner_id,
            at=step.done_at or step.updated_at,
            kind="step_done",
            summary=_("Step done: %(title)s") % {"title": step.title},
            changes={
                "step": step.pk,
                "status": [PlanStep.Status.TODO, step.status],
                "evidence_note": "",
                "evidence_url": "",
            },
        )
        for step in batch.steps
        if step.is_finished
    ]
    PlanEvent.objects.bulk_create(events, batch_size=5_000)


def _step_counts(batch: _Batch) -> list[tuple[Plan, int]]:
    counts = {plan.pk: 0 for plan in batch.plans}
    for step in batch.steps:
        counts[step.plan_id] += 1
    return [(plan, counts[plan.pk]) for plan in batch.plans]


def _shares_create(
    seeker_ids: list[int],
    counselor_ids: list[int],
    clients_per_counselor: int,
    latest: dict[int, Assessment],
    rng: random.Random,
) -> int:
    """Clients are dealt to counselors in turn. Even clients share all their results for the
    role of their latest attempt, odd ones that one result; one in twenty later withdrew."""
    if not counselor_ids:
        return 0
    clients = seeker_ids[: len(counselor_ids) * clients_per_counselor]
    shares = []
    for index, owner_id in enumerate(clients):
        assessment = latest[owner_id]
        assert assessment.submitted_at is not None  # every generated attempt is submitted
        shared_at = assessment.submitted_at + timedelta(hours=rng.uniform(1, 72))
        scope = (
            {"role_id": assessment.role_id} if index % 2 == 0 else {"assessment_id": assessment.pk}
        )
        shares.append(
            Share(
                owner_id=owner_id,
                counselor_id=counselor_ids[index % len(counselor_ids)],
                created_at=shared_at,
                withdrawn_at=shared_at + timedelta(days=7) if rng.random() < 0.05 else None,
                **scope,
            )
        )
    Share.objects.bulk_create(shares, batch_size=5_000)
    return len(shares)


@contextmanager
def _explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Lets bulk_create keep the dates we give it: auto_now and auto_now_add would stamp
    every row with "now", and a volume spread over a year needs its own dates."""
    fields = [
        field
        for model in model_classes
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Fill a fresh database (with the catalog loaded) with job seekers, submitted "
        "assessments with their results, and counselors with shared clients, for benchmarks."
    )
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--counselors", type=int, default=200)
    parser.add_argument("--clients-per-counselor", type=int, default=50)
    parser.add_argument(
        "--plan-share", type=float, default=0.1, help="the share of results made into a plan"
    )
    parser.add_argument("--batch-size", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    password = os.environ.get(PASSWORD_VARIABLE)
    if not password:
        password = secrets.token_urlsafe(12)
        print(
            f"Every generated account's password (set {PASSWORD_VARIABLE} to choose it): {password}"
        )
    total = options.assessments
    try:
        report = volume_generate(
            users=options.users,
            assessments=total,
            counselors=options.counselors,
            clients_per_counselor=options.clients_per_counselor,
            plan_share=options.plan_share,
            batch_size=options.batch_size,
            seed=options.seed,
            password=password,
            progress=lambda done: print(f"… {done} of {total} assessments", flush=True),
        )
    except VolumeError as error:
        sys.exit(str(error))
    print(
        f"Generated {report.users} users, {report.assessments} assessments with "
        f"{report.ratings} ratings, {report.scenario_answers} scenario answers and "
        f"{report.results} results, {report.counselors} counselors, {report.shares} shares and "
        f"{report.plans} plans with {report.plan_steps} steps "
        f"in {report.seconds:.1f} s ({report.assessments_per_second:.0f} assessments per second)."
    )


if __name__ == "__main__":
    main()
