"""The migration that makes active shares unique first withdraws the duplicates that races
made before: the earliest share of each thing stays active."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from counselors.models import Share

BEFORE = [("counselors", "0001_initial")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_duplicate_shares_are_merged_into_the_earliest(
    seeker, counselor, role, make_submitted
):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("counselors")
    result = make_submitted(role, owner=seeker)
    migrate(BEFORE)
    try:
        first = Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
        Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
        Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
        for_role = Share.objects.create(owner=seeker, counselor=counselor, role=role)
        Share.objects.create(owner=seeker, counselor=counselor, role=role)
        withdrawn = Share.objects.create(owner=seeker, counselor=counselor, role=role)
        Share.objects.filter(pk=withdrawn.pk).update(withdrawn_at=withdrawn.created_at)
    finally:
        migrate(latest)

    assert set(Share.objects.active()) == {first, for_role}
    assert Share.objects.count() == 6  # withdrawn, not deleted: the history stays
