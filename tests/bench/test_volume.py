"""The benchmark volume is what the app itself would have stored, only faster to make."""

import secrets

import pytest
from django.contrib.auth import get_user_model

from assessments.models import Assessment, Result
from assessments.questionnaire import build_pages, find_unanswered
from assessments.services import answered_ids, result_create
from bench.harness import PASSWORD_VARIABLE
from bench.volume import CATALOG_MISSING, VolumeError, main, volume_generate
from careers.models import Requirement
from counselors.access import shared_with
from counselors.models import Share
from plans.models import Plan, PlanEvent, PlanStep
from plans.services import plan_create_from_result


@pytest.fixture
def volume(catalog):
    return volume_generate(
        users=4,
        assessments=11,
        counselors=2,
        clients_per_counselor=1,
        plan_share=0.5,
        password=secrets.token_urlsafe(),
    )


def test_it_reports_what_it_made(volume):
    assert (volume.users, volume.assessments, volume.results, volume.shares) == (4, 11, 11, 2)
    assert Assessment.objects.submitted().count() == Result.objects.count() == 11
    assert volume.ratings > 11 and volume.scenario_answers > 11


def test_every_question_is_answered(volume):
    for assessment in Assessment.objects.select_related("role"):
        pages = build_pages(Requirement.objects.for_questionnaire(assessment.role))
        assert find_unanswered(pages, *answered_ids(assessment)) == []
        assert assessment.started_at < assessment.submitted_at


def test_each_result_is_what_submitting_would_have_stored(volume):
    previous_by_owner_and_role = {}
    for assessment in Assessment.objects.order_by("submitted_at"):
        generated = assessment.results.get()
        key = (assessment.owner_id, assessment.role_id)
        generated.delete()
        stored = result_create(assessment=assessment, previous=previous_by_owner_and_role.get(key))
        previous_by_owner_and_role[key] = assessment
        assert stored.catalog_id == generated.catalog_id
        assert stored.inputs == generated.inputs
        assert stored.document == generated.document
    assert Result.objects.exclude(document__previous=None).exists()  # retakes were compared


def test_a_share_of_the_results_have_a_plan_with_a_few_steps_done(volume):
    assert 0 < volume.plans == Plan.objects.count() < volume.results
    assert volume.plan_steps == PlanStep.objects.count() > 0
    assert PlanStep.objects.filter(status=PlanStep.Status.DONE, done_at__isnull=False).exists()
    assert PlanEvent.objects.filter(kind="created").count() == volume.plans
    assert PlanEvent.objects.filter(kind="step_done").count() == (
        PlanStep.objects.filter(status=PlanStep.Status.DONE).count()
    )


STEP_FIELDS = (
    "order",
    "skill",
    "from_level",
    "to_level",
    "title",
    "resource_kind",
    "description",
    "url",
    "effort_hours",
    "cost",
    "target_date",
)


def test_each_plan_is_what_making_it_from_the_result_would_have_stored(volume):
    for generated in Plan.objects.select_related("owner", "source"):
        generated_steps = list(generated.steps.values_list(*STEP_FIELDS))
        made = generated.events.get(kind="created").summary
        generated.delete()
        stored = plan_create_from_result(
            owner=generated.owner,
            assessment=generated.source,
            hours_per_week=generated.hours_per_week,
            start_date=generated.start_date,
            today=generated.start_date,
        )
        assert stored.skills == generated.skills
        assert list(stored.steps.values_list(*STEP_FIELDS)) == generated_steps
        assert stored.events.get().summary == made


def test_counselors_see_their_clients_shares(volume):
    for share in Share.objects.active():
        assert shared_with(share.counselor).filter(owner=share.owner).exists()


def test_it_needs_the_catalog(db):
    with pytest.raises(VolumeError, match="Load the catalog"):
        volume_generate(users=1, assessments=1, counselors=0, password="unused")
    with pytest.raises(SystemExit, match=CATALOG_MISSING):
        main(["--users", "1", "--assessments", "1"])


def test_the_command_prints_counts_and_seconds(catalog, capsys):
    main(["--users", "2", "--assessments", "3", "--counselors", "1"])
    out = capsys.readouterr().out
    assert "Generated 2 users, 3 assessments" in out and "assessments per second" in out


def test_the_accounts_get_the_password_from_the_environment(catalog, monkeypatch):
    monkeypatch.setenv(PASSWORD_VARIABLE, "chosen-for-this-run")
    main(["--users", "1", "--assessments", "1", "--counselors", "1"])
    for user in get_user_model().objects.all():
        assert user.check_password("chosen-for-this-run")


def test_without_one_it_makes_up_a_password_and_prints_it(catalog, monkeypatch, capsys):
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    main(["--users", "1", "--assessments", "1", "--counselors", "1"])
    password = capsys.readouterr().out.splitlines()[0].rsplit(": ", 1)[1]
    assert len(password) >= 16
    for user in get_user_model().objects.all():
        assert user.check_password(password)


def test_a_volume_grows_by_another_under_a_prefix_of_its_own(volume):
    more = volume_generate(
        users=2, assessments=4, counselors=0, password=secrets.token_urlsafe(), prefix="grown1-"
    )
    assert more.assessments == 4 and more.shares == 0
    assert Assessment.objects.count() == Result.objects.count() == 15
    assert get_user_model().objects.filter(username__startswith="grown1-").count() == 2
    assert Share.objects.count() == 2  # the first volume's counselors keep their clients


def test_the_attempts_stay_on_the_catalogs_own_ladders_with_occupations_loaded(crosswalk):
    volume_generate(users=3, assessments=9, counselors=0, password=secrets.token_urlsafe())
    assert Assessment.objects.count() == 9
    assert not Assessment.objects.exclude(role__onet_soc_code="").exists()
    assert not Assessment.objects.filter(role__is_skills_profile=True).exists()
