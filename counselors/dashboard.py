"""What a counselor's dashboard is cached under: their `dashboard_version`, which every change
of what it shows moves (`counselors.signals`), and the catalog revision (role titles)."""

from django.db import connection

from careers.models import CatalogRevision
from careers.revision import REVISION_ID
from counselors.models import CounselorProfile


def dashboard_stamp(user_id: int | None) -> tuple[int, int] | None:
    """(dashboard version, catalog revision) of the counselor's profile, None without one.
    In plain SQL, one query for both: read on every view of the dashboard, where the ORM takes
    longer to build a query than the database takes to answer it."""
    profile, revision = (
        connection.ops.quote_name(model._meta.db_table)
        for model in (CounselorProfile, CatalogRevision)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.dashboard_version, (SELECT r.number FROM {revision} r WHERE r.id = %s)"
            f" FROM {profile} p WHERE p.user_id = %s",
            [REVISION_ID, user_id],
        )
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1] or 0)
