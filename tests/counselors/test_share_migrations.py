"""The migration that makes active shares unique first withdraws the duplicates that races
made before: the earliest share of each thing stays active."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from counselors.models import Share

BEFORE = [("counselors", "0001_initial")]


def migrate(targets):
    """Migrates to `targets` and returns the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_duplicate_shares_are_merged_into_the_earliest(
    seeker, counselor, role, make_submitted
):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("counselors")
    result = make_submitted(role, owner=seeker)
    # The shares are written with the model as it was then: today's model (and what reacts to
    # its saves) expects columns that later migrations add.
    OldShare = migrate(BEFORE).get_model("counselors", "Share")
    mine = {"owner_id": seeker.pk, "counselor_id": counselor.pk}
    try:
        first = OldShare.objects.create(**mine, assessment_id=result.pk)
        OldShare.objects.create(**mine, assessment_id=result.pk)
        OldShare.objects.create(**mine, assessment_id=result.pk)
        for_role = OldShare.objects.create(**mine, role_id=role.pk)
        OldShare.objects.create(**mine, role_id=role.pk)
        withdrawn = OldShare.objects.create(**mine, role_id=role.pk)
        OldShare.objects.filter(pk=withdrawn.pk).update(withdrawn_at=withdrawn.created_at)
    finally:
        migrate(latest)

    assert {share.pk for share in Share.objects.active()} == {first.pk, for_role.pk}
    assert Share.objects.count() == 6  # withdrawn, not deleted: the history stays
