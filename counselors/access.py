"""What a counselor may see, decided in one place and used by every counselor page and export.

A counselor sees a submitted assessment only while its owner has an active share with them:
either of that very result, or of all the owner's results for its role. Withdrawn shares,
unfinished attempts and anything never shared stay invisible — in lists, counts and exports.
A shared "Which careers fit me?" profile has no scored result: it is seen as its ranking
(`shared_rankings`), and kept out of everything that reads results (`shared_results`).
"""

import uuid
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.db.models import Exists, OuterRef
from django.http import Http404

from assessments.access import (
    ASSESSMENT_FIELDS,
    RESULT_COLUMNS,
    ResultRef,
    assessment_from_row,
    table_names,
)
from assessments.models import Assessment
from careers.models import Role
from careers.revision import REVISION_ID
from common.names import name_from_parts
from common.navigation import group_names
from counselors.models import COUNSELORS_GROUP, Share


def is_counselor(user) -> bool:
    """From the user's group names, which the navigation reads too: kept on the user for the
    request, and in the shared cache until an admin changes them (`common.navigation`)."""
    return COUNSELORS_GROUP in group_names(user)


def shared_with(counselor):
    """Submitted assessments the counselor may see, right now."""
    active = Share.objects.active().filter(counselor=counselor, owner=OuterRef("owner_id"))
    clients = Share.objects.active().filter(counselor=counselor).values("owner_id")
    # Narrow to this counselor's clients first: without it the Exists checks run over every
    # submitted assessment in the database (12 s on SQLite at 100,000 assessments).
    return (
        Assessment.objects.submitted()
        .filter(owner_id__in=clients)
        .filter(
            Exists(active.filter(assessment=OuterRef("pk")))
            | Exists(active.filter(assessment__isnull=True, role=OuterRef("role_id")))
        )
    )


def shared_results(counselor):
    """The shared assessments that have a scored result: every one but the skills profiles."""
    return shared_with(counselor).filter(role__is_skills_profile=False)


@dataclass(frozen=True)
class SharedResult:
    """A client's result as the counselor's result page needs it to ask its cache."""

    ref: ResultRef
    client_name: str
    # Every one of the client's results this counselor may see, as sorted text: the page
    # compares with the previous attempt only if it is among them.
    shown_ids: list[str]


# `shared_results` for one client, in plain SQL: the client of the assessment asked for, their
# submitted results (not skills profiles) that an active share of this counselor covers —
# that very result, or all of the client's results for its role. Read on every view of a
# counselor's result page, where the ORM took longer to build the two EXISTS checks (twice:
# the result, then the client's other shared results) than the database took to answer.
# Tests hold it to `shared_results`' answers.
_SHARED_WITH_CLIENT = """
    SELECT {columns}, {result_columns}, u.first_name, u.last_name, u.username
    FROM {{assessment}} a
    JOIN {role} ro ON ro.id = a.role_id
    JOIN {user} u ON u.id = a.owner_id
    WHERE a.owner_id = (SELECT o.owner_id FROM {{assessment}} o WHERE o.id = %s)
      AND a.status = %s AND ro.is_skills_profile = %s
      AND EXISTS (
        SELECT 1 FROM {share} s
        WHERE s.counselor_id = %s AND s.owner_id = a.owner_id AND s.withdrawn_at IS NULL
          AND (s.assessment_id = a.id OR (s.assessment_id IS NULL AND s.role_id = a.role_id)))"""


def shared_result_or_404(counselor: Any, pk: Any) -> SharedResult:
    """The result `pk` if `shared_results(counselor)` holds it, with its client's name and
    the client's other results shared with the counselor, in one query; else a 404."""
    quote = connection.ops.quote_name
    sql = _SHARED_WITH_CLIENT.format(
        columns=", ".join(f"a.{field}" for field in ASSESSMENT_FIELDS),
        result_columns=RESULT_COLUMNS,
        role=quote(Role._meta.db_table),
        user=quote(get_user_model()._meta.db_table),
        share=quote(Share._meta.db_table),
    ).format(**table_names())
    asked = Assessment._meta.pk.get_db_prep_value(pk, connection)
    params = [REVISION_ID, asked, Assessment.Status.SUBMITTED, False, counselor.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    fields = len(ASSESSMENT_FIELDS)
    shown = {}
    for row in rows:
        assessment = assessment_from_row(dict(zip(ASSESSMENT_FIELDS, row[:fields], strict=True)))
        shown[assessment.pk] = (assessment, row)
    found = shown.get(uuid.UUID(str(pk)))
    if found is None:
        raise Http404("Not shared with you.")
    assessment, row = found
    result_id, revision, first_name, last_name, username = row[fields:]
    return SharedResult(
        ref=ResultRef(assessment, result_id, revision),
        client_name=name_from_parts(first_name, last_name, username),
        shown_ids=sorted(str(key) for key in shown),
    )


def shared_rankings(counselor):
    """The shared "Which careers fit me?" profiles, each seen as its ranking of every role."""
    return shared_with(counselor).filter(role__is_skills_profile=True)


def counselor_required(view):
    """Anonymous visitors go to the login page; signed-in non-counselors get a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_counselor(request.user):
            raise Http404("Not a counselor.")
        return view(request, *args, **kwargs)

    return wrapper
