"""A result stores its own answers; the catalog it was scored against is stored once and shared
by every result scored against the same state of the catalog."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessments.document import CATALOG_KEYS, split_inputs
from assessments.models import Assessment, Result, ScoringCatalog, content_digest
from assessments.rescoring import results_rescore
from assessments.scoring import SCORING_VERSION
from assessments.snapshot import snapshot_inputs


def test_attempts_against_the_same_catalog_share_one_snapshot(role, make_submitted):
    first = make_submitted(role, level=2).results.get()
    second = make_submitted(role, level=4).results.get()

    assert ScoringCatalog.objects.count() == 1
    assert first.catalog_id == second.catalog_id
    assert set(first.inputs) == {"answers", "experience"}
    assert first.inputs != second.inputs


def test_a_catalog_edit_gives_new_results_a_new_snapshot_and_leaves_old_ones(role, make_submitted):
    before = make_submitted(role).results.get()
    kept = before.catalog.content
    requirement = role.requirements.first()
    requirement.required_level = 5
    requirement.save()

    after = make_submitted(role).results.get()

    assert after.catalog_id != before.catalog_id
    before.catalog.refresh_from_db()
    assert before.catalog.content == kept
    assert before.catalog.content["requirements"] != after.catalog.content["requirements"]


def test_the_stored_parts_are_exactly_what_was_scored(role, make_submitted):
    assessment = make_submitted(role, level=3)
    result = assessment.results.get()

    assert {**result.catalog.content, **result.inputs} == snapshot_inputs(assessment)


def test_rescoring_reads_the_shared_snapshot(role, make_submitted):
    for level in (1, 3, 5):
        make_submitted(role, level=level)

    after = SCORING_VERSION + 1  # the same rules as a later version
    assert results_rescore(to_version=after, batch_size=2).rescored == 3
    for old in Result.objects.filter(scoring_version=SCORING_VERSION):
        new = Result.objects.get(assessment_id=old.assessment_id, scoring_version=after)
        assert (new.catalog_id, new.inputs) == (old.catalog_id, old.inputs)
        assert new.document["readiness_percent"] == old.document["readiness_percent"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_inline_catalogs_into_shared_rows(role, make_submitted):
    scored = [make_submitted(role, level=level) for level in (2, 4)]
    full_inputs = {a.pk: snapshot_inputs(a) for a in scored}
    executor = MigrationExecutor(connection)
    executor.migrate([("assessments", "0004_result_headline_figures")])
    old_apps = executor.loader.project_state([("assessments", "0004_result_headline_figures")]).apps
    for assessment_id, inputs in full_inputs.items():  # results as they were stored before
        old_apps.get_model("assessments", "Result").objects.filter(
            assessment_id=assessment_id
        ).update(inputs=inputs)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    results = Result.objects.select_related("catalog")
    assert ScoringCatalog.objects.count() == 1
    for result in results:
        catalog, own = split_inputs(full_inputs[result.assessment_id])
        assert result.catalog.content == catalog
        assert result.inputs == own
        assert not set(CATALOG_KEYS) & set(result.inputs)


def test_the_snapshot_does_not_depend_on_the_order_rows_were_stored(role, make_resource):
    """Two skills may share a course of one title at one step (the seeds do, seven times):
    the catalog's digest must not change with the order the database returns them in, or
    two results scored against one catalog state would point at two snapshots."""
    typing, crm = (role.requirements.get(skill__slug=slug).skill for slug in ("typing", "crm"))
    for skill in (typing, crm):  # stored in the order opposite to the slugs'
        make_resource(skill=skill, title="Shared course", from_level=2, to_level=3)
    assessment = Assessment(role=role)

    first = split_inputs(snapshot_inputs(assessment))[0]
    crm.resources.get().delete()
    make_resource(skill=crm, title="Shared course", from_level=2, to_level=3, slug="again")
    second = split_inputs(snapshot_inputs(assessment))[0]

    assert [r["skill_slug"] for r in first["resources"]] == ["crm", "typing"]
    assert content_digest(first) == content_digest(second)
