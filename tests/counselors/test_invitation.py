"""A counselor's invitation link (`/share/<code>/`): the client shares a finished result with
that counselor in one step, never typing the code."""

import pytest
from django.test import Client
from django.urls import reverse

from counselors.models import Share
from counselors.services import ALREADY_SHARED, counselor_make

PASSWORD = "a-long-passphrase-42"


def invitation_url(counselor) -> str:
    return reverse("counselors:invitation", args=[counselor.counselor_profile.share_code])


@pytest.fixture
def results(seeker, role, make_submitted):
    """Two finished results of the seeker, the newer last."""
    return [make_submitted(role, owner=seeker, level=2), make_submitted(role, owner=seeker)]


def test_the_dashboard_shows_the_invitation_link_with_a_copy_button(client, counselor):
    client.force_login(counselor)
    page = client.get(reverse("counselors:dashboard")).content.decode()
    assert f'value="http://testserver{invitation_url(counselor)}"' in page
    assert 'data-copy="invitation-link"' in page and "js/copy.js" in page


def test_an_invited_client_sees_who_invites_them_and_picks_a_result(
    client, seeker, counselor, results, django_assert_max_num_queries
):
    client.force_login(seeker)
    with django_assert_max_num_queries(12):
        page = client.get(invitation_url(counselor)).content.decode()
    assert "Casey invites you to share a result" in page and "Job centre north" in page
    older, newer = results
    assert f'value="{older.pk}"' in page
    assert f'value="{newer.pk}" id="id_assessment_0" checked' in page  # newest first, chosen
    response = client.post(invitation_url(counselor), {"assessment": older.pk, "scope": "result"})
    assert response["Location"] == f"{older.get_absolute_url()}#sharing"
    share = Share.objects.get()
    assert (share.owner, share.counselor, share.assessment) == (seeker, counselor, older)
    assert "Shared with Casey." in client.get(response["Location"]).content.decode()


def test_all_results_for_the_role_can_be_shared_through_the_invitation(
    client, seeker, counselor, results
):
    client.force_login(seeker)
    client.post(invitation_url(counselor), {"assessment": results[1].pk, "scope": "role"})
    assert Share.objects.get().role == results[1].role


def test_sharing_through_the_invitation_twice_says_already_shared(
    client, seeker, counselor, results
):
    client.force_login(seeker)
    data = {"assessment": results[1].pk, "scope": "result"}
    client.post(invitation_url(counselor), data)
    response = client.post(invitation_url(counselor), data, follow=True)
    assert str(ALREADY_SHARED % {"name": "Casey"}) in response.content.decode()
    assert Share.objects.count() == 1


def test_someone_elses_result_cannot_be_shared_through_the_invitation(
    client, make_user, counselor, results
):
    client.force_login(make_user("mallory"))
    response = client.post(
        invitation_url(counselor), {"assessment": results[1].pk, "scope": "result"}
    )
    assert response.status_code == 200  # the form again: that choice is not one of theirs
    assert not Share.objects.exists()


def test_a_client_without_a_finished_result_is_told_what_to_do(client, seeker, counselor):
    client.force_login(seeker)
    page = client.get(invitation_url(counselor)).content.decode()
    assert "You have no finished result in your account yet." in page
    assert '<form method="post" novalidate>' not in page


def test_an_anonymous_visitor_signs_up_and_comes_back_to_the_invitation(
    client, counselor, role, make_submitted
):
    url = invitation_url(counselor)
    page = client.get(url).content.decode()
    assert "Casey invites you to share a result" in page
    signup = f"{reverse('accounts:signup')}?next={url}"
    assert f'href="{signup}"' in page
    assert f'href="{reverse("accounts:login")}?next={url}"' in page
    response = client.post(
        signup,
        {
            "username": "newbie",
            "email": "n@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response["Location"] == url
    assert "You have no finished result" in client.get(url).content.decode()


def test_the_counselor_opening_their_own_link_is_told_it_is_theirs(client, counselor):
    client.force_login(counselor)
    page = client.get(invitation_url(counselor)).content.decode()
    assert "This is your own invitation link." in page


@pytest.mark.parametrize("code", ["NOPE2345", "%C3%BC-%C3%A9", "A" * 300, "..", "%00"])
def test_an_unknown_code_is_a_helpful_404(client, seeker, code):
    client.force_login(seeker)
    response = client.get(f"/share/{code}/")
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()


def test_the_code_of_someone_no_longer_a_counselor_is_a_404(client, seeker, counselor):
    url = invitation_url(counselor)
    counselor.groups.clear()
    client.force_login(seeker)
    assert client.get(url).status_code == 404
    counselor_make(user=counselor)
    counselor.is_active = False
    counselor.save()
    assert client.get(url).status_code == 404
    assert client.post(url, {"scope": "result"}).status_code == 404


def test_sharing_through_the_invitation_needs_the_csrf_token(seeker, counselor, results):
    client = Client(enforce_csrf_checks=True)
    client.force_login(seeker)
    response = client.post(
        invitation_url(counselor), {"assessment": results[1].pk, "scope": "result"}
    )
    assert response.status_code == 403
    assert not Share.objects.exists()
    assert 'name="csrfmiddlewaretoken"' in client.get(invitation_url(counselor)).content.decode()
