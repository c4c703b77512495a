"""Every write to an assessment goes through one of these functions."""

import functools
from collections.abc import Collection, Mapping
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.access import quoted_tables
from assessments.document import ResultDocument, assessment_meta, result_document
from assessments.models import (
    Assessment,
    PublicLink,
    Result,
    ScenarioAnswer,
    SkillRating,
)
from assessments.questionnaire import (
    PageAnswers,
    QuestionnairePage,
    Unanswered,
    find_unanswered,
)
from assessments.scoring import SCORING_VERSION
from assessments.signals import assessment_started
from assessments.snapshot import inputs_store, snapshot_inputs
from careers.models import CatalogRevision, Requirement, Role
from careers.revision import REVISION_ID


class AssessmentIncomplete(Exception):
    def __init__(self, unanswered: list[Unanswered]):
        super().__init__(f"{len(unanswered)} unanswered item(s)")
        self.unanswered = unanswered


@transaction.atomic
def assessment_start(*, role: Role, owner=None) -> Assessment:
    assessment = Assessment.objects.create(
        role=role, owner=owner if owner and owner.is_authenticated else None
    )
    assessment_started.send(sender=Assessment, assessment=assessment)
    return assessment


@transaction.atomic
def assessment_extend(
    *, source: Assessment, role: Role, owner=None, skill_ids: Collection[int]
) -> Assessment:
    """A new attempt at `role` (another rung of the same ladder) that starts with every answer
    of the finished `source` for the skills it asks (`skill_ids`): ratings, evidence, the
    situations of those skills and the years, copied as its own answers, so the person
    answers only what the rung adds. `source` keeps its answers and result."""
    if not source.is_submitted:
        raise ValueError("Only a finished assessment can be extended.")
    if role.track_id != source.role.track_id:
        raise ValueError("An assessment extends to a rung of its own ladder.")
    assessment = assessment_start(role=role, owner=owner)
    assessment.years_experience = source.years_experience
    assessment.years_leading = source.years_leading
    assessment.full_clean()
    assessment.save(update_fields=["years_experience", "years_leading", "updated_at"])
    ratings = [
        SkillRating(
            assessment=assessment,
            skill_id=rating.skill_id,
            level=rating.level,
            evidence_note=rating.evidence_note,
            evidence_url=rating.evidence_url,
        )
        for rating in source.ratings.filter(skill_id__in=skill_ids)
    ]
    SkillRating.objects.bulk_create(
        ratings,
        update_conflicts=True,  # evidence another app filled in when the attempt started
        unique_fields=["assessment", "skill"],
        update_fields=["level", "evidence_note", "evidence_url", "updated_at"],
    )
    ScenarioAnswer.objects.bulk_create(
        ScenarioAnswer(assessment=assessment, item_id=answer.item_id, option_id=answer.option_id)
        for answer in source.scenario_answers.filter(item__skill_id__in=skill_ids)
    )
    return assessment


def answers_save(
    *,
    assessment: Assessment,
    page: QuestionnairePage,
    answers: PageAnswers,
    last_step: int,
    unchanged: Mapping[str, Any] | None = None,
    revision: int | None = None,
) -> bool:
    """Upserts the answers given on one page while the assessment is in progress; answers not
    given are left as they are. Returns False, having written nothing, when the assessment
    was submitted first (by another tab, or a submit running at the same moment), or when
    what the caller decided on no longer holds: the attempt's columns `unchanged` (name →
    value read) or the catalog `revision` the page was checked against.

    An emptied evidence note or link clears a saved rating's and makes no row for a skill
    never rated; `last_step` is where a resume reopens. Upserts, not delete-and-insert:
    another tab saving another page at the same time never loses anything.

    The attempt's row is updated first, only while its status is "in progress", and the
    answers are written only if it was: the update locks the row, so a save and a submit
    (which locks it too) take turns. A save that waited for a submit finds the status moved
    on and writes nothing; a submit that waited for a save scores its answers.

    Written as one statement on PostgreSQL (`_write_together`): atomic by itself, so it needs
    no transaction around it, and one round trip to the database instead of five.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    assessment_id = Assessment._meta.pk.get_db_prep_value(assessment.pk, connection)
    progress: dict[str, Any] = {"last_step": last_step, "updated_at": now, **answers.years}
    quote = connection.ops.quote_name
    tables = quoted_tables(assessment=Assessment, revision=CatalogRevision)
    conditions = ["id = %s", "status = %s"]
    guard: list[Any] = [assessment_id, str(Assessment.Status.IN_PROGRESS)]
    for name, value in (unchanged or {}).items():
        if value is None:
            conditions.append(f"{quote(name)} IS NULL")
        else:
            conditions.append(f"{quote(name)} = %s")
            guard.append(value)
    if revision is not None:
        conditions.append(
            f"COALESCE((SELECT number FROM {tables['revision']} WHERE id = %s), 0) = %s"
        )
        guard += [REVISION_ID, revision]
    attempt = (
        f"UPDATE {tables['assessment']} SET "
        + ", ".join(f"{quote(name)} = %s" for name in progress)
        + " WHERE "
        + " AND ".join(conditions),
        [*progress.values(), *guard],
    )
    statements: list[tuple[str, list[Any]]] = []

    ratings_by_fields: dict[tuple[str, ...], list[list[Any]]] = {}
    cleared_by_fields: dict[tuple[str, ...], list[int]] = {}
    for skill in page.skills:
        values: dict[str, int | str] = {}
        if skill.slug in answers.ratings:
            values["level"] = answers.ratings[skill.slug]
        if skill.slug in answers.evidence_notes:
            values["evidence_note"] = answers.evidence_notes[skill.slug]
        if skill.slug in answers.evidence_links:
            values["evidence_url"] = answers.evidence_links[skill.slug]
        fields = tuple(sorted(values))
        if not values:
            continue
        if not any(values.values()):  # only emptied evidence: no row for it alone
            cleared_by_fields.setdefault(fields, []).append(skill.pk)
            continue
        row = [
            skill.pk,
            values.get("level"),
            values.get("evidence_note", ""),
            values.get("evidence_url", ""),
            now,
        ]
        ratings_by_fields.setdefault(fields, []).append(row)
    for fields, rows in ratings_by_fields.items():
        updated = ", ".join(f"{name} = excluded.{name}" for name in (*fields, "updated_at"))
        statements.append(
            _insert_for_attempt(
                SkillRating,
                ["skill_id", "level", "evidence_note", "evidence_url", "updated_at"],
                rows,
                assessment_id=assessment_id,
                conflict=f"(assessment_id, skill_id) DO UPDATE SET {updated}",
            )
        )
    for fields, skill_ids in cleared_by_fields.items():
        statements.append(
            _clear_for_attempt(fields, skill_ids, now=now, assessment_id=assessment_id)
        )

    options_by_slug = {
        (item.pk, option.slug): option.pk
        for item in page.scenario_items
        for option in item.options.all()
    }
    choices = [
        [item.pk, options_by_slug[(item.pk, chosen)], now]
        for item in page.scenario_items
        if (chosen := answers.scenario_choices.get(item.slug))
    ]
    if choices:
        statements.append(
            _insert_for_attempt(
                ScenarioAnswer,
                ["item_id", "option_id", "updated_at"],
                choices,
                assessment_id=assessment_id,
                conflict="(assessment_id, item_id) DO UPDATE SET"
                " option_id = excluded.option_id, updated_at = excluded.updated_at",
            )
        )
    return _write_together(attempt, statements)


def _clear_for_attempt(
    fields: tuple[str, ...], skill_ids: list[int], *, now: Any, assessment_id: Any
) -> tuple[str, list[Any]]:
    """Empties the evidence `fields` of the attempt's saved ratings of `skill_ids`, as SQL and
    parameters (`_write_together`); a skill without a saved rating gets none."""
    table = quoted_tables(model=SkillRating)["model"]
    assignments = ", ".join(f"{name} = %s" for name in (*fields, "updated_at"))
    values = ["" for _name in fields] + [now]
    marks = ", ".join(["%s"] * len(skill_ids))
    if connection.vendor == "postgresql":
        sql = (
            f"UPDATE {table} SET {assignments} FROM attempt"
            f" WHERE {table}.assessment_id = attempt.id AND {table}.skill_id IN ({marks})"
        )
        return sql, [*values, *skill_ids]
    sql = f"UPDATE {table} SET {assignments} WHERE assessment_id = %s AND skill_id IN ({marks})"
    return sql, [*values, assessment_id, *skill_ids]


def _insert_for_attempt(
    model: type[SkillRating] | type[ScenarioAnswer],
    columns: list[str],
    rows: list[list[Any]],
    *,
    assessment_id: Any,
    conflict: str,
) -> tuple[str, list[Any]]:
    """An upsert of `rows` (values for `columns`) into `model`'s table for the attempt the
    guarding update matched, as SQL and parameters (`_write_together`). On PostgreSQL it
    reads the attempt's id from the update's `attempt` part of the same statement,
    so it writes no row at all when the update matched none; each value is cast to its
    column's type there, as a parameter in a `VALUES` list has no type of its own under
    server-side binding."""
    table = quoted_tables(model=model)["model"]
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        casts = _casts(model, tuple(columns))
        sql = (
            f"INSERT INTO {table} (assessment_id, {names}) SELECT attempt.id, {names}"
            f" FROM attempt, (VALUES {', '.join([f'({casts})'] * len(rows))}) AS given ({names})"
            f" ON CONFLICT {conflict}"
        )
        return sql, [value for row in rows for value in row]
    marks = ", ".join(["%s"] * (len(columns) + 1))
    sql = (
        f"INSERT INTO {table} (assessment_id, {names})"
        f" VALUES {', '.join([f'({marks})'] * len(rows))} ON CONFLICT {conflict}"
    )
    return sql, [value for row in rows for value in (assessment_id, *row)]


@functools.cache
def _casts(model: type[SkillRating] | type[ScenarioAnswer], columns: tuple[str, ...]) -> str:
    """A `VALUES` row's placeholders for `columns`, each cast to its column's type."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    return ", ".join(f"%s::{fields[column].cast_db_type(connection)}" for column in columns)


def _write_together(
    attempt: tuple[str, list[Any]], statements: list[tuple[str, list[Any]]]
) -> bool:
    """Runs the guarding update `attempt` (SQL and parameters: it matches the attempt while it
    may be written), then `statements` (`_insert_for_attempt`), as one write:
    on PostgreSQL as one statement, each a data-modifying part of a `WITH` (each runs once,
    to completion, and the writes read the id the update returns, so it runs first);
    elsewhere one after the other in a transaction, the writes only when the update matched.
    Returns whether it matched."""
    attempt_sql, attempt_parameters = attempt
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            parts = [f"attempt AS ({attempt_sql} RETURNING id)"]
            parts += [f"written_{n} AS ({sql})" for n, (sql, _) in enumerate(statements)]
            parameters = [*attempt_parameters, *(v for _sql, values in statements for v in values)]
            cursor.execute(f"WITH {', '.join(parts)} SELECT count(*) FROM attempt", parameters)
            return bool(cursor.fetchone()[0])
        with transaction.atomic():
            cursor.execute(attempt_sql, attempt_parameters)
            if not cursor.rowcount:
                return False
            for sql, values in statements:
                cursor.execute(sql, values)
            return True


def assessment_submit(
    *,
    assessment: Assessment,
    pages: list[QuestionnairePage],
    previous: Assessment | None = None,
) -> Assessment:
    """Completes the assessment once every item is answered and stores its scored result
    (compared with `previous`, the person's last attempt at the same role). Submitting twice
    is harmless: the row is locked, and an already submitted assessment is returned as is.
    The resume link is retired: a finished result is read by the browser that started or
    submitted it, or by its owner, never by whoever holds an old link."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.is_submitted:
            return locked
        unanswered = find_unanswered(pages, *answered_ids(locked))
        if unanswered:
            raise AssessmentIncomplete(unanswered)
        locked.status = Assessment.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.retire_resume_token()
        locked.save(update_fields=["status", "submitted_at", "resume_token", "updated_at"])
        # A skills profile is no job to be scored against: its answers rank every role.
        if not assessment.role.is_skills_profile:
            asked = {item.pk for page in pages for item in page.scenario_items}
            result_create(assessment=locked, previous=previous, scenario_item_ids=asked)
        return locked


@transaction.atomic
def gap_report_create(*, profile: Assessment, role: Role) -> Assessment:
    """The gap report of `role` for a submitted skills profile ("Which careers fit me?"): an
    attempt at the role, owned as the profile is, holding the profile's answers to the
    skills the role requires, submitted and scored like any other (skills the profile did not
    rate stay not assessed). Asked again for the same profile and role, the same attempt."""
    if not profile.is_submitted or not profile.role.is_skills_profile:
        raise ValueError("Gap reports are made from a submitted skills profile.")
    # Locked, so that two clicks at once make one report.
    Assessment.objects.select_for_update().filter(pk=profile.pk).first()
    existing = profile.gap_reports.filter(role=role).first()
    if existing is not None:
        return existing
    report = Assessment.objects.create(
        role=role,
        owner=profile.owner,
        profile=profile,
        status=Assessment.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    required = Requirement.objects.filter(role=role, required_level__gt=0).values("skill_id")
    SkillRating.objects.bulk_create(
        SkillRating(
            assessment=report,
            skill_id=rating.skill_id,
            level=rating.level,
            evidence_note=rating.evidence_note,
            evidence_url=rating.evidence_url,
        )
        for rating in profile.ratings.filter(skill_id__in=required, level__isnull=False)
    )
    result_create(assessment=report)
    return report


def result_create(
    *,
    assessment: Assessment,
    previous: Assessment | None = None,
    scenario_item_ids: Collection[int] | None = None,
) -> Result:
    """Scores a submitted assessment. `scenario_item_ids` are the situations it asked last
    (None: every one answered): an answer to an item no longer chosen is kept, not scored."""
    assert assessment.submitted_at is not None, "only a submitted assessment has a result"
    inputs = snapshot_inputs(assessment, scenario_item_ids=scenario_item_ids)
    previous_result = previous.results.first() if previous else None
    previous_document: ResultDocument | None = previous_result.document if previous_result else None
    document = result_document(
        inputs,
        assessment=assessment_meta(
            id=str(assessment.pk),
            started_at=assessment.started_at.isoformat(),
            submitted_at=assessment.submitted_at.isoformat(),
        ),
        previous=previous_document,
    )
    catalog, own_inputs = inputs_store(inputs)
    result = Result.scored(
        assessment=assessment,
        scoring_version=SCORING_VERSION,
        catalog=catalog,
        inputs=own_inputs,
        document=document,
    )
    result.save()
    return result


def answered_ids(assessment: Assessment) -> tuple[set[int], set[int]]:
    rated = set(assessment.ratings.filter(level__isnull=False).values_list("skill_id", flat=True))
    answered = set(assessment.scenario_answers.values_list("item_id", flat=True))
    return rated, answered


@transaction.atomic
def assessments_claim(*, user, assessment_ids: list[str]) -> int:
    """Gives a user the anonymous attempts this browser started (and they agreed to add);
    never takes another's. Their resume links are retired: whoever was given one before no
    longer reaches what is now an account's."""
    claimed = Assessment.objects.select_for_update().filter(
        pk__in=assessment_ids, owner__isnull=True
    )
    count = 0
    for assessment in claimed:
        assessment.owner = user
        assessment.retire_resume_token()
        assessment.save(update_fields=["owner", "resume_token", "updated_at"])
        count += 1
    return count


@transaction.atomic
def assessment_industry_set(*, assessment: Assessment, industry: str) -> Assessment:
    """Records the industry whose resources the result's next steps show ("" for any). A
    display choice, not an answer: the stored result and its score never change, and the
    attempt's "last saved" (which keeps a resume link alive) stays as it was."""
    assessment.industry = industry
    others = {field.name for field in Assessment._meta.fields} - {"industry"}
    assessment.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    assessment.save(update_fields=["industry"])
    return assessment


def public_link_create(
    *,
    assessment: Assessment,
    days: int,
    show_evidence: bool = False,
    show_answer_quality: bool = False,
) -> PublicLink:
    if assessment.owner_id is None:
        # Nobody could ever revoke it: revoking needs an account that owns the attempt.
        raise ValueError("Public links are only for attempts with an owner.")
    return PublicLink.objects.create(
        assessment=assessment,
        expires_at=timezone.now() + timedelta(days=days),
        show_evidence=show_evidence,
        show_answer_quality=show_answer_quality,
    )


def public_link_revoke(*, link: PublicLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


RESUME_LINK_MAILS_PER_HOUR = 3


class ResumeLinkMailLimit(Exception):
    """The resume link of this assessment was e-mailed too often in the last hour."""


def resume_link_send(*, assessment: Assessment, email: str, resume_url: str) -> None:
    """E-mails the private resume link to `email`, which is not stored anywhere.

    At most RESUME_LINK_MAILS_PER_HOUR per assessment, so the form cannot be used to send a
    stream of e-mails to someone. Crude on purpose: the count lives in the cache for an hour
    from the first e-mail (shared by all servers with Redis, per process without)."""
    key = f"resume-link-mails:{assessment.pk}"
    cache.add(key, 0, timeout=60 * 60)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr: a new hour
        cache.set(key, 1, timeout=60 * 60)
        sent = 1
    if sent > RESUME_LINK_MAILS_PER_HOUR:
        raise ResumeLinkMailLimit
    context = {"role": assessment.role.title, "resume_url": resume_url}
    subject = render_to_string("assessments/resume_link_email_subject.txt", context).strip()
    body = render_to_string("assessments/resume_link_email.txt", context)
    send_mail(subject, body, None, [email])
