"""What a questionnaire page or save reads of an attempt, in one query.

Every questionnaire request needs the attempt (may this visitor open it, its role, its years),
every answer saved so far (they choose the situations and count for the progress line) and
the catalog revision (the key of everything built from the catalog). Through the ORM that was
four queries, and building them cost more than the database took to answer them; here they
are one statement in plain SQL, as `careers.revision` and the result pages read theirs. The
revision comes from the database in the same round trip, so it is never older than the
answers read with it, and no cache is asked for it.

A save of a page of ratings needs none of the answers (each is an upsert of its own), only
who may write the attempt and the catalog it was shown from: with a shared cache those come
from the facts kept there (`kept_attempt`), and the save is its write alone.

An attempt the visitor may not open is refused before anything read is used
(`assessments.access`, as `get_visible_assessment_or_404` decides).
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest

from assessments.access import assessment_from_row, may_open, quoted_tables
from assessments.access_cache import ASSESSMENT_FIELDS as KEPT_FIELDS
from assessments.access_cache import facts_key, kept_facts
from assessments.models import Assessment, ScenarioAnswer, SkillRating
from careers.models import CatalogRevision, Role
from careers.revision import REVISION_CACHE_KEY, REVISION_ID, revision_from
from common.sessions import get_many_with_session


class SavedRating(NamedTuple):
    """A skill's saved answer, as the questionnaire shows and counts it."""

    skill_id: int
    level: int | None
    evidence_note: str
    evidence_url: str


@dataclass(frozen=True)
class SavedAnswers:
    ratings: dict[int, SavedRating]  # by skill id
    chosen: dict[int, int]  # option id by item id

    @property
    def levels(self) -> dict[int, int]:
        """The rated level by skill id (a rating may hold evidence without a level)."""
        return {skill_id: r.level for skill_id, r in self.ratings.items() if r.level is not None}


@dataclass(frozen=True)
class QuestionnaireRead:
    assessment: Assessment  # its questionnaire's fields; its role from the per-revision cache
    revision: int
    answers: SavedAnswers


_ASSESSMENT_FIELDS = (
    "id",
    "owner_id",
    "role_id",
    "resume_token",
    "status",
    "years_experience",
    "years_leading",
    "last_step",
)

# One row for the attempt, one per rating, one per chosen option; `kind` says which. The
# columns are shared: a rating's skill and level and a choice's item and option sit in the
# attempt row's owner and role columns.
_ANSWERS_SQL = """
    SELECT 'r', NULL, skill_id, level, NULL, evidence_note, evidence_url, NULL, NULL, NULL
    FROM {rating} WHERE assessment_id = %s
    UNION ALL
    SELECT 'c', NULL, item_id, option_id, NULL, NULL, NULL, NULL, NULL, NULL
    FROM {answer} WHERE assessment_id = %s"""
_READ_SQL = (
    """
    SELECT 'a', id, owner_id, role_id,
        (SELECT number FROM {revision} WHERE id = %s),
        resume_token, status, years_experience, years_leading, last_step
    FROM {assessment} WHERE id = %s
    UNION ALL"""
    + _ANSWERS_SQL
)


def _tables() -> dict[str, str]:
    return quoted_tables(
        assessment=Assessment, rating=SkillRating, answer=ScenarioAnswer, revision=CatalogRevision
    )


def questionnaire_read_or_404(request: HttpRequest, pk: Any) -> QuestionnaireRead:
    """The attempt `pk` with its saved answers and the catalog revision, if this visitor may
    open it (the browser that started it, its owner, or a browser holding its resume link);
    else a 404."""
    prepared = Assessment._meta.pk.get_db_prep_value(pk, connection)
    rows = _rows(_READ_SQL, [REVISION_ID, prepared, prepared, prepared])
    attempt = next((row for row in rows if row[0] == "a"), None)
    if attempt is None:
        raise Http404("No such assessment.")
    _kind, *values = attempt
    revision = values.pop(3) or 0
    fields = dict(zip(_ASSESSMENT_FIELDS, values, strict=True))
    assessment = assessment_from_row(fields)
    if not may_open(request, assessment):
        raise Http404("No such assessment.")
    assessment.role = role_at(assessment.role_id, revision)
    return QuestionnaireRead(assessment, revision, _answers(rows))


@dataclass(frozen=True)
class KeptAttempt:
    assessment: Assessment  # its kept fields (`access_cache`); its role from the per-revision cache
    revision: int

    def unchanged(self) -> dict[str, Any]:
        """The columns the visitor's access was decided on, as a save's guard
        (`services.answers_save`): a save writes only while they still hold these values."""
        return {"owner_id": self.assessment.owner_id, "resume_token": self.assessment.resume_token}


def kept_attempt(request: HttpRequest, pk: Any) -> KeptAttempt | None:
    """With a shared cache, the attempt `pk` in progress as the cache keeps its facts
    (`access_cache`, kept for the result pages) and the catalog revision, read in the
    session's round trip, if this visitor may open it: what a save of a page of ratings
    needs, with no query. None without a shared cache, or when the facts say no (the caller
    then reads the database, which decides). The facts may lag a write by a moment: a save
    made from them is guarded by what they said (`KeptAttempt.unchanged`, the revision), so
    a lagging copy only sends the request the long way."""
    if not settings.CACHE_IS_SHARED:
        return None
    found = get_many_with_session(request, lambda _visitor_id: [facts_key(pk), REVISION_CACHE_KEY])
    facts = kept_facts(pk, found)
    if facts is None:
        return None
    assessment = assessment_from_row(dict(zip(KEPT_FIELDS, facts.fields, strict=True)))
    if assessment.status != Assessment.Status.IN_PROGRESS or not may_open(request, assessment):
        return None
    revision = revision_from(found)
    assessment.role = role_at(assessment.role_id, revision)
    return KeptAttempt(assessment, revision)


def saved_answers(assessment: Assessment) -> SavedAnswers:
    """The attempt's saved answers as they are now (after a save), in one query."""
    prepared = Assessment._meta.pk.get_db_prep_value(assessment.pk, connection)
    return _answers(_rows(_ANSWERS_SQL, [prepared, prepared]))


def _rows(sql: str, parameters: list[Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**_tables()), parameters)
        return cursor.fetchall()


def _answers(rows: list[tuple]) -> SavedAnswers:
    ratings: dict[int, SavedRating] = {}
    chosen: dict[int, int] = {}
    for kind, _id, first, second, _revision, note, url, *_rest in rows:
        if kind == "r":
            ratings[first] = SavedRating(first, second, note, url)
        elif kind == "c":
            chosen[first] = second
    # In skill and item order, as the ORM's default ordering gave them.
    return SavedAnswers(dict(sorted(ratings.items())), dict(sorted(chosen.items())))


@lru_cache(maxsize=256)
def role_at(role_id: int, revision: int) -> Role:
    """The role with its track as the catalog of `revision` has it, once per process: every
    questionnaire request shows it, and a catalog edit moves the revision on. Only read."""
    return Role.objects.select_related("track").get(pk=role_id)
