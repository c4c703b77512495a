"""Which shared ranking a counselor may open, read as its page's cache needs it.

The counselor's view of a client's ranking is cached whole (`assessments.explore`'s
`ranking_page_key`); what decides which copy — may this counselor open it (`shared_rankings`'
rule: a submitted skills profile of a client with an active share of it or of all their
profiles), the client's name, the profile as saved, the catalog revision — is read in one
plain-SQL query, because the ORM took longer to build `shared_rankings`' query (two Exists)
than the database took to answer it, and longer than serving the cached page. Its agreement
with `shared_rankings` is tested (`tests/counselors/test_shared_rankings.py`).
"""

import uuid

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Model
from django.http import Http404

from assessments.explore import RankingRef
from assessments.models import Assessment
from careers.models import CatalogRevision, Role
from careers.revision import REVISION_ID
from common.names import name_from_parts
from counselors.models import Share

_SQL = """
SELECT a.id, a.owner_id, a.updated_at, u.first_name, u.last_name, u.{username},
       (SELECT c.number FROM {revision} c WHERE c.id = %s)
FROM {assessment} a
JOIN {role} r ON r.id = a.role_id
JOIN {user} u ON u.id = a.owner_id
WHERE a.id = %s AND a.status = %s AND r.is_skills_profile
  AND EXISTS (
    SELECT 1 FROM {share} s
    WHERE s.counselor_id = %s AND s.owner_id = a.owner_id AND s.withdrawn_at IS NULL
      AND (s.assessment_id = a.id OR (s.assessment_id IS NULL AND s.role_id = a.role_id))
  )
"""


def shared_ranking_or_404(counselor, pk) -> tuple[RankingRef, str]:
    """The skills profile `pk` and its owner's display name, while it is shared with
    `counselor`; a 404 otherwise. One query."""
    user_model = get_user_model()
    models: dict[str, type[Model]] = {
        "assessment": Assessment,
        "role": Role,
        "user": user_model,
        "share": Share,
        "revision": CatalogRevision,
    }
    quote = connection.ops.quote_name
    tables = {name: quote(model._meta.db_table) for name, model in models.items()}
    # The username field's column has its name (a plain CharField).
    sql = _SQL.format(username=quote(user_model.USERNAME_FIELD), **tables)
    prepared = Assessment._meta.pk.get_db_prep_value(pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [REVISION_ID, prepared, Assessment.Status.SUBMITTED.value, counselor.pk]
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404("Not shared with you.")
    profile_id, owner_id, saved, first_name, last_name, username_value, revision = row
    profile = Assessment.from_db(
        "default",
        ["id", "owner_id", "status"],
        [uuid.UUID(str(profile_id)), owner_id, Assessment.Status.SUBMITTED.value],
    )
    ref = RankingRef(profile, str(saved), revision if revision is not None else 0)
    return ref, name_from_parts(first_name, last_name, username_value)
