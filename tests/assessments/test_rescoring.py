"""Re-scoring keeps the old results, writes a new version, and resumes where it stopped."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max

from assessments.models import Assessment, Result
from assessments.rescoring import results_rescore


@pytest.fixture
def attempts(role, make_submitted, django_user_model):
    owner = django_user_model.objects.create_user("riley")
    first = make_submitted(role, owner=owner, level=2)
    second = make_submitted(role, owner=owner, level=4, previous=first)
    third = make_submitted(role, level=3)
    return first, second, third


def test_rescoring_adds_a_new_version_and_keeps_the_old(attempts, capsys):
    call_command("rescore_results", "--to-version", "2", "--batch-size", "2")
    out = capsys.readouterr().out
    assert "Re-scored 3 result(s)" in out and "per second" in out
    assert Result.objects.filter(scoring_version=1).count() == 3
    assert Result.objects.filter(scoring_version=2).count() == 3
    first, second, _ = attempts
    new = second.results.get(scoring_version=2).document
    old = second.results.get(scoring_version=1).document
    assert new["scoring_version"] == 2
    assert new["readiness_percent"] == old["readiness_percent"]  # same rules, same numbers
    assert new["previous"]["assessment"] == str(first.pk)
    assert new["previous"]["readiness_change"] == old["previous"]["readiness_change"]


def test_the_result_page_shows_the_newest_version(client, attempts):
    _, _, third = attempts
    results_rescore(to_version=2)
    Result.objects.filter(assessment=third, scoring_version=2).update(
        document={**third.results.get(scoring_version=2).document, "readiness_percent": 12.5},
        readiness_percent=12.5,
    )
    latest = Assessment.objects.with_latest_score().get(pk=third.pk)
    assert latest.readiness_percent == 12.5


def test_new_versions_carry_their_headline_figures(attempts):
    results_rescore(to_version=2)
    for result in Result.objects.filter(scoring_version=2):
        assert result.readiness_percent == result.document["readiness_percent"]
        assert result.verdict == result.document["verdict"]


def test_running_twice_rescores_nothing_more(attempts):
    assert results_rescore(to_version=2).rescored == 3
    assert results_rescore(to_version=2).rescored == 0
    assert Result.objects.aggregate(Max("scoring_version"))["scoring_version__max"] == 2


def test_the_new_version_must_be_higher(attempts):
    with pytest.raises(CommandError, match="must be higher"):
        call_command("rescore_results", "--to-version", "1", "--from-version", "1")


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
