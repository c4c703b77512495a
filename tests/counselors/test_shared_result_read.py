"""A counselor's result page reads what it may show in one plain-SQL query
(`shared_result_or_404`): it must answer exactly as `shared_results`, the rule every other
counselor page uses, for every kind of share and every result."""

import pytest
from django.http import Http404
from django.utils import timezone

from assessments.models import Assessment
from careers.skills_profile import skills_profile
from counselors.access import shared_result_or_404, shared_results
from counselors.models import Share
from counselors.services import counselor_make, share_withdraw


@pytest.fixture
def world(
    occupations, role, make_role, make_requirement, make_submitted, make_user, seeker, counselor
):
    """Two clients and two counselors, shares of one result, of a role, withdrawn and of
    someone else; an unfinished attempt and a skills profile among them."""
    other_role = make_role(slug="lead", title="Lead")
    make_requirement(role=other_role, required_level=2)
    robin, jo = make_user("robin", first_name="Robin"), make_user("jo", last_name="Okafor")
    second = make_user("second")
    counselor_make(user=second)
    mine = [make_submitted(role, owner=seeker, level=n) for n in (1, 2, 3)]
    make_submitted(other_role, owner=seeker, level=2)  # covered by the role share
    robins = [make_submitted(role, owner=robin, level=2), make_submitted(other_role, owner=robin)]
    Assessment.objects.create(role=role, owner=seeker)  # unfinished
    profile = Assessment.objects.create(
        role=skills_profile(),
        owner=seeker,
        status=Assessment.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    make_submitted(role, owner=jo, level=4)  # shared with nobody
    Share.objects.create(owner=seeker, counselor=counselor, assessment=mine[0])
    Share.objects.create(owner=seeker, counselor=counselor, assessment=profile)
    withdrawn = Share.objects.create(owner=seeker, counselor=counselor, assessment=mine[1])
    share_withdraw(owner=seeker, share_id=withdrawn.pk)
    Share.objects.create(owner=seeker, counselor=second, assessment=mine[2])
    Share.objects.create(owner=seeker, counselor=second, role=other_role)
    Share.objects.create(owner=robin, counselor=counselor, role=role)
    Share.objects.create(owner=robin, counselor=second, assessment=robins[1])
    return [counselor, second]


def test_the_one_query_read_answers_as_shared_results_for_every_result(world):
    for counselor in world:
        allowed = shared_results(counselor)
        for assessment in Assessment.objects.select_related("owner"):
            expected = sorted(
                str(pk)
                for pk in allowed.filter(owner_id=assessment.owner_id).values_list("pk", flat=True)
            )
            if not allowed.filter(pk=assessment.pk).exists():
                with pytest.raises(Http404):
                    shared_result_or_404(counselor, assessment.pk)
                continue
            shared = shared_result_or_404(counselor, assessment.pk)
            assert shared.shown_ids == expected
            assert shared.ref.assessment.pk == assessment.pk
            assert shared.ref.result_id == assessment.results.order_by("-scoring_version")[0].pk


def test_the_client_is_named_as_everywhere_else(world, seeker, make_user, role, make_submitted):
    jo = make_user("jo-k", last_name="Okafor")
    nameless = make_user("quiet")
    counselor = world[0]
    for person, name in ((seeker, "Samira"), (jo, "Okafor"), (nameless, "quiet")):
        result = make_submitted(role, owner=person)
        Share.objects.create(owner=person, counselor=counselor, assessment=result)
        assert shared_result_or_404(counselor, result.pk).client_name == name


def test_an_unknown_result_is_a_404(world):
    with pytest.raises(Http404):
        shared_result_or_404(world[0], "8f2c1a34-0d5e-4a7b-9c1d-2e3f4a5b6c7d")
