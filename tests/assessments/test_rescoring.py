"""Re-scoring keeps the old results, writes a new version, and resumes where it stopped."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.urls import reverse

from assessments.document import verdict_reason_text
from assessments.models import Assessment, Result
from assessments.rescoring import results_rescore
from assessments.scoring import SCORING_VERSION

# The tests of the mechanism re-score under the same rules as a version after the current one.
NEXT = SCORING_VERSION + 1


@pytest.fixture
def attempts(role, make_submitted, django_user_model):
    owner = django_user_model.objects.create_user("riley")
    first = make_submitted(role, owner=owner, level=2)
    second = make_submitted(role, owner=owner, level=4, previous=first)
    third = make_submitted(role, level=3)
    return first, second, third


def test_rescoring_adds_a_new_version_and_keeps_the_old(attempts, capsys):
    call_command("rescore_results", "--to-version", str(NEXT), "--batch-size", "2")
    out = capsys.readouterr().out
    assert "Re-scored 3 result(s)" in out and "per second" in out
    assert Result.objects.filter(scoring_version=SCORING_VERSION).count() == 3
    assert Result.objects.filter(scoring_version=NEXT).count() == 3
    first, second, _ = attempts
    new = second.results.get(scoring_version=NEXT).document
    old = second.results.get(scoring_version=SCORING_VERSION).document
    assert new["scoring_version"] == NEXT
    assert new["readiness_percent"] == old["readiness_percent"]  # same rules, same numbers
    assert new["previous"]["assessment"] == str(first.pk)
    assert new["previous"]["readiness_change"] == old["previous"]["readiness_change"]


def test_the_result_page_shows_the_newest_version(client, attempts):
    _, _, third = attempts
    results_rescore(to_version=NEXT)
    Result.objects.filter(assessment=third, scoring_version=NEXT).update(
        document={**third.results.get(scoring_version=NEXT).document, "readiness_percent": 12.5},
        readiness_percent=12.5,
    )
    latest = Assessment.objects.with_latest_score().get(pk=third.pk)
    assert latest.readiness_percent == 12.5


def test_new_versions_carry_their_headline_figures(attempts):
    results_rescore(to_version=NEXT)
    for result in Result.objects.filter(scoring_version=NEXT):
        assert result.readiness_percent == result.document["readiness_percent"]
        assert result.verdict == result.document["verdict"]


def test_running_twice_rescores_nothing_more(attempts):
    assert results_rescore(to_version=NEXT).rescored == 3
    assert results_rescore(to_version=NEXT).rescored == 0
    assert Result.objects.aggregate(Max("scoring_version"))["scoring_version__max"] == NEXT


def test_the_new_version_must_be_higher(attempts):
    with pytest.raises(CommandError, match="must be higher"):
        call_command("rescore_results", "--to-version", str(NEXT), "--from-version", str(NEXT))


def test_bulk_insert_stores_the_json_and_leaves_the_instances_as_they_were(attempts):
    source = attempts[0].results.get()
    copy = Result(
        assessment=source.assessment,
        scoring_version=9,
        catalog=source.catalog,
        inputs=source.inputs,
        document=source.document,
        readiness_percent=source.readiness_percent,
        verdict=source.verdict,
    )
    Result.objects.bulk_insert([copy])
    assert copy.inputs == source.inputs and copy.document == source.document
    stored = Result.objects.get(assessment=source.assessment, scoring_version=9)
    assert stored.inputs == source.inputs and stored.document == source.document


V2_KEYS = (
    "skills_verdict",
    "provisional_verdict",
    "coverage_percent",
    "limited_by",
    "reason",
    "experience_gaps",
    "not_assessed",
    "extension",
    "confidence",
)


def stored_as_version_one(assessment) -> Result:
    """The assessment's result as scoring version 1 stored it: the same inputs, a document
    without version 2's keys."""
    result = assessment.results.get()
    document = {key: value for key, value in result.document.items() if key not in V2_KEYS}
    document.update(schema="skills-gap/result/v1", scoring_version=1)
    Result.objects.filter(pk=result.pk).update(scoring_version=1, document=document)
    return Result.objects.get(pk=result.pk)


def test_version_one_results_are_rescored_as_version_two_and_kept(attempts, capsys):
    assert SCORING_VERSION == 2
    old = {a.pk: stored_as_version_one(a).document for a in attempts}
    call_command("rescore_results")
    out = capsys.readouterr().out
    assert "Re-scored 3 result(s)" in out and "per second" in out
    for assessment in attempts:
        assert assessment.results.get(scoring_version=1).document == old[assessment.pk]
        new = assessment.results.get(scoring_version=2).document
        assert new["schema"] == "skills-gap/result/v2"
        assert set(V2_KEYS) <= new.keys()
        assert new["coverage_percent"] == 100.0
        assert new["reason"]["text"]
        assert new["confidence"]["skills_assessed"] == len(new["skills"])


def test_the_result_page_and_json_show_the_version_two_document_after_rescoring(client, attempts):
    assessment = attempts[0]
    client.force_login(assessment.owner)
    stored_as_version_one(assessment)
    results_rescore()
    document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()
    assert document["scoring_version"] == 2
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert verdict_reason_text(document["reason"]) in page


def test_a_catalog_edit_after_submission_changes_no_finished_result(attempts):
    first, *_ = attempts
    stored_as_version_one(first)
    results_rescore()
    before = {r.scoring_version: r.document for r in first.results.all()}
    requirement = first.role.requirements.order_by("pk").first()
    requirement.required_level, requirement.importance = 5, 5
    requirement.save()
    first.role.requirements.exclude(pk=requirement.pk).first().delete()
    results_rescore(to_version=NEXT)  # re-scoring reads the snapshot, never the catalog
    after = {r.scoring_version: r.document for r in first.results.all()}
    assert after[1] == before[1] and after[2] == before[2]
    assert after[NEXT]["skills"] == before[2]["skills"]
    assert after[NEXT]["readiness_percent"] == before[2]["readiness_percent"]
