"""The owner's sharing lists on a result page (whom it is shared with, its read-only links) are
cached under the owner's sharing version and the next time a link expires. Every write of what
they show moves the version in its transaction, so each shows at once — here on a page cached
by another browser of the same person, the cache shared as every server shares Redis."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import PublicLink, SharingVersion
from assessments.owner_parts import _new_link_id
from assessments.services import public_link_create, public_link_revoke
from counselors.models import Share
from counselors.services import share_withdraw

# Each test twice: with each process's own cache and with one every server shares.
pytestmark = pytest.mark.usefixtures("cache_is_shared")


@pytest.fixture
def result(seeker, role, make_submitted):
    return make_submitted(role, owner=seeker, level=2)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sharing_section(client, result) -> str:
    response = client.get(result.get_absolute_url())
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    return html[html.index('id="sharing"') :]


def make_link(result, days: int = 7) -> PublicLink:
    return public_link_create(assessment=result, days=days)


def share_by_form(seeker, counselor, result) -> None:
    code = counselor.counselor_profile.share_code
    signed_in(seeker).post(
        reverse("counselors:share_create", args=[result.pk]),
        {"share_code": code, "scope": "result"},
    )


def share_by_invitation(seeker, counselor, result) -> None:
    url = reverse("counselors:invitation", args=[counselor.counselor_profile.share_code])
    signed_in(seeker).post(url, {"assessment": result.pk, "scope": "role"})


@pytest.mark.parametrize("share", [share_by_form, share_by_invitation])
def test_a_new_share_shows_at_once_on_a_page_another_browser_cached(
    share, seeker, counselor, result
):
    other_browser = signed_in(seeker)
    assert "Casey —" not in sharing_section(other_browser, result)
    assert "Casey —" not in sharing_section(other_browser, result)  # from the cache

    share(seeker, counselor, result)

    assert "Casey —" in sharing_section(other_browser, result)


def test_a_withdrawn_share_is_gone_at_once_from_a_page_another_browser_cached(
    seeker, counselor, result
):
    shared = Share.objects.create(owner=seeker, counselor=counselor, role=result.role)
    other_browser = signed_in(seeker)
    assert "Casey — all your results for this role" in sharing_section(other_browser, result)

    signed_in(seeker).post(reverse("counselors:share_withdraw", args=[shared.pk]))

    assert "Casey —" not in sharing_section(other_browser, result)


def test_a_share_deleted_with_its_counselors_account_is_gone_at_once(seeker, counselor, result):
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    owner = signed_in(seeker)
    assert "Casey — this result" in sharing_section(owner, result)

    get_user_model().objects.filter(pk=counselor.pk).delete()

    assert "Casey —" not in sharing_section(owner, result)


def test_a_counselors_new_name_shows_at_once_on_their_clients_cached_pages(
    seeker, counselor, result
):
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    owner = signed_in(seeker)
    assert "Casey — this result" in sharing_section(owner, result)

    counselor.first_name = "Cass"
    counselor.save(update_fields=["first_name"])

    assert "Cass — this result" in sharing_section(owner, result)


def test_a_new_link_made_in_one_browser_shows_in_the_other_at_once(seeker, result):
    other_browser = signed_in(seeker)
    assert "works until" not in sharing_section(other_browser, result)

    signed_in(seeker).post(reverse("assessments:public_link_create", args=[result.pk]), {"days": 7})

    link = PublicLink.objects.get()
    assert link.get_absolute_url() in sharing_section(other_browser, result)


def revoke(link: PublicLink) -> None:
    public_link_revoke(link=link)


def delete(link: PublicLink) -> None:
    link.delete()


def revoke_as_an_admin_does(link: PublicLink) -> None:
    """The admin's form saves the whole link."""
    edited = PublicLink.objects.get(pk=link.pk)
    edited.revoked_at = timezone.now()
    edited.save()


@pytest.mark.parametrize("change", [revoke, delete, revoke_as_an_admin_does])
def test_a_link_revoked_or_deleted_leaves_the_cached_page_at_once(change, seeker, result):
    link = make_link(result)
    owner = signed_in(seeker)
    assert link.get_absolute_url() in sharing_section(owner, result)
    assert link.get_absolute_url() in sharing_section(owner, result)  # from the cache

    change(link)

    assert link.get_absolute_url() not in sharing_section(owner, result)


def test_a_link_shows_as_expired_once_its_time_is_up_though_nothing_was_written(seeker, result):
    soon, later = make_link(result, days=1), make_link(result, days=30)
    owner = signed_in(seeker)
    assert sharing_section(owner, result).count("works until") == 2

    tomorrow = timezone.now() + datetime.timedelta(days=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        section = sharing_section(owner, result)

    assert section.count("works until") == 1 and "expired" in section
    assert later.get_absolute_url() in section and soon.get_absolute_url() not in section


def test_the_sharing_lists_come_from_the_cache_while_nothing_changes(
    seeker, counselor, result, cache_is_shared, django_assert_num_queries
):
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    make_link(result)
    owner = signed_in(seeker)
    sharing_section(owner, result)
    # session, user, the assessment with its result and sharing version, the user's groups
    # (navigation): neither the links nor the shares are read. With a shared cache, none.
    with django_assert_num_queries(0 if cache_is_shared else 4):
        section = sharing_section(owner, result)
    assert "Casey — this result" in section and "works until" in section


def test_one_persons_sharing_writes_leave_anothers_version_alone(
    seeker, counselor, make_user, result
):
    other = make_user("robin")
    Share.objects.create(owner=other, counselor=counselor, role=result.role)
    before = SharingVersion.objects.get(owner=other).version

    shared = Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    share_withdraw(owner=seeker, share_id=shared.pk)
    make_link(result)

    assert SharingVersion.objects.get(owner=other).version == before


def test_a_link_made_after_the_page_was_cached_shows_as_expired_once_its_time_is_up(seeker, result):
    owner = signed_in(seeker)
    assert "works until" not in sharing_section(owner, result)  # kept with no link to expire
    link = make_link(result, days=1)
    assert link.get_absolute_url() in sharing_section(owner, result)

    tomorrow = timezone.now() + datetime.timedelta(days=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        section = sharing_section(owner, result)

    assert "works until" not in section and "expired" in section


def test_the_new_link_is_read_from_its_own_parameter_without_parsing_other_queries(rf):
    assert _new_link_id(rf.get("/r/?new_link=12")) == "12"
    assert _new_link_id(rf.get("/r/?current=Cashiers&new_link=12")) == "12"
    assert _new_link_id(rf.get("/r/?new_link=12;drop")) == ""
    filtered = rf.get("/r/?current=Cashiers")
    assert _new_link_id(filtered) == ""
    assert "GET" not in filtered.__dict__
