"""A job seeker shares a result — or all results for a role — by share code, and withdraws it."""

import pytest
from django.core.mail import BadHeaderError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.timezone import now

from counselors.access import shared_with
from counselors.models import Note, Share
from counselors.services import counselor_make


@pytest.fixture
def result(seeker, role, make_submitted):
    return make_submitted(role, owner=seeker, level=2)


def share(client, assessment, code, scope="result"):
    return client.post(
        reverse("counselors:share_create", args=[assessment.pk]),
        {"share_code": code, "scope": scope},
        follow=True,
    )


def test_sharing_one_result_with_a_share_code(client, seeker, counselor, result):
    client.force_login(seeker)
    code = counselor.counselor_profile.share_code
    response = share(client, result, f" {code.lower()[:4]} {code.lower()[4:]} ")
    assert "Shared with Casey." in response.content.decode()
    assert list(shared_with(counselor)) == [result]


def test_a_wrong_share_code_shares_nothing(client, seeker, counselor, result):
    client.force_login(seeker)
    response = share(client, result, "NOPE1234")
    assert "No counselor has that share code." in response.content.decode()
    assert not Share.objects.exists()


def test_a_share_code_of_someone_who_is_no_longer_a_counselor_fails(
    client, seeker, counselor, result
):
    counselor.groups.clear()
    client.force_login(seeker)
    share(client, result, counselor.counselor_profile.share_code)
    assert not Share.objects.exists()


def test_sharing_all_results_for_a_role_includes_later_ones(
    client, seeker, counselor, result, role, make_role, make_requirement, make_submitted
):
    client.force_login(seeker)
    share(client, result, counselor.counselor_profile.share_code, scope="role")
    later = make_submitted(role, owner=seeker, level=3)
    other_role = make_role(track=role.track)
    make_requirement(role=other_role, skill=role.requirements.first().skill)
    other = make_submitted(other_role, owner=seeker)
    assert set(shared_with(counselor)) == {result, later}
    assert other not in shared_with(counselor)


def test_only_your_own_results_can_be_shared(client, make_user, counselor, result):
    intruder = make_user("mallory")
    client.force_login(intruder)
    response = share(client, result, counselor.counselor_profile.share_code)
    assert response.status_code == 404
    assert not Share.objects.exists()


def test_unfinished_assessments_cannot_be_shared(client, seeker, counselor, role, start):
    client.force_login(seeker)
    assessment = start(role)
    response = share(client, assessment, counselor.counselor_profile.share_code)
    assert "Only your own finished results can be shared." in response.content.decode()
    assert not Share.objects.exists()


def test_withdrawing_hides_everything_again(client, seeker, counselor, result):
    client.force_login(seeker)
    share(client, result, counselor.counselor_profile.share_code)
    shared = Share.objects.get()
    response = client.post(reverse("counselors:share_withdraw", args=[shared.pk]), follow=True)
    assert "Withdrawn: the counselor no longer sees it." in response.content.decode()
    assert not shared_with(counselor).exists()


def test_nobody_else_can_withdraw_a_share(client, make_user, seeker, counselor, result):
    shared = Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    client.force_login(make_user("mallory"))
    assert client.post(reverse("counselors:share_withdraw", args=[shared.pk])).status_code == 404
    shared.refresh_from_db()
    assert shared.is_active


def test_the_result_page_shows_sharing_only_to_its_owner(client, seeker, result, make_user):
    client.force_login(seeker)
    assert "Share this result" in client.get(result.get_absolute_url()).content.decode()


@pytest.fixture
def make_counselor(make_user):
    def make(first_name: str):
        user = make_user(first_name.lower(), first_name=first_name)
        counselor_make(user=user)
        return user

    return make


def test_the_owner_sees_whom_a_result_is_shared_with_and_can_withdraw_it(
    client,
    seeker,
    counselor,
    result,
    role,
    make_submitted,
    make_counselor,
    django_assert_max_num_queries,
):
    other_result = make_submitted(role, owner=seeker, level=3)
    for name in ("Robin", "Jo"):
        Share.objects.create(owner=seeker, counselor=make_counselor(name), assessment=result)
    Share.objects.create(owner=seeker, counselor=counselor, role=role)
    Share.objects.create(owner=seeker, counselor=make_counselor("Ash"), assessment=other_result)
    Share.objects.create(
        owner=seeker, counselor=make_counselor("Kim"), assessment=result, withdrawn_at=now()
    )
    client.force_login(seeker)

    client.get(result.get_absolute_url())  # the report is cached from here on
    # session, user, assessment, result, counselor?, shares with their counselors, links
    with django_assert_max_num_queries(7):
        response = client.get(result.get_absolute_url())
    page = " ".join(response.content.decode().split())

    assert "Robin — this result" in page and "Jo — this result" in page
    assert "Casey — all your results for this role" in page
    assert "Ash —" not in page and "Kim —" not in page
    assert page.count(f'name="next" value="{result.get_absolute_url()}#sharing"') == 3
    assert reverse("counselors:share_create", args=[result.pk]) in page


def test_the_counselor_is_emailed_once_about_a_new_share_without_the_score(
    client, seeker, counselor, result, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(seeker)
    code = counselor.counselor_profile.share_code
    with django_capture_on_commit_callbacks(execute=True):
        share(client, result, code)
        share(client, result, code)  # the same share again: no second email

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["casey@example.org"]
    assert email.subject == "Samira shared a result with you"
    assert "their assessment result for Associate" in email.body
    assert f"http://testserver/counselor/clients/{seeker.pk}/" in email.body
    document = result.results.get().document
    assert f"{document['readiness_percent']}" not in email.body


def test_a_failing_mail_server_does_not_undo_the_share(
    client, seeker, counselor, result, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.counselors.test_sharing.BrokenEmailBackend"
    client.force_login(seeker)
    with django_capture_on_commit_callbacks(execute=True):
        response = share(client, result, counselor.counselor_profile.share_code, scope="role")

    assert "Shared with Casey." in response.content.decode()
    assert list(shared_with(counselor)) == [result]
    assert "Could not email counselor" in caplog.text


class BrokenEmailBackend:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_sharing_the_same_result_again_keeps_one_share_and_says_so(
    client, seeker, counselor, result
):
    client.force_login(seeker)
    code = counselor.counselor_profile.share_code
    share(client, result, code)
    response = share(client, result, code)
    assert "Already shared with Casey; nothing changed." in response.content.decode()
    assert Share.objects.count() == 1


def test_a_withdrawn_share_can_be_given_again(client, seeker, counselor, result):
    client.force_login(seeker)
    code = counselor.counselor_profile.share_code
    share(client, result, code, scope="role")
    Share.objects.get().withdraw()
    response = share(client, result, code, scope="role")
    assert "Shared with Casey." in response.content.decode()
    assert Share.objects.active().count() == 1
    assert Share.objects.count() == 2


@pytest.mark.parametrize("scope", ["assessment", "role"])
def test_the_database_refuses_a_second_active_share_of_the_same_thing(
    seeker, counselor, result, scope
):
    shared = {"assessment": result} if scope == "assessment" else {"role": result.role}
    Share.objects.create(owner=seeker, counselor=counselor, **shared)
    with pytest.raises(IntegrityError), transaction.atomic():
        Share.objects.create(owner=seeker, counselor=counselor, **shared)
    Share.objects.update(withdrawn_at=now())
    Share.objects.create(owner=seeker, counselor=counselor, **shared)  # withdrawn ones don't count


def withdraw(client, shared):
    return client.post(reverse("counselors:share_withdraw", args=[shared.pk]), follow=True)


def test_withdrawing_the_last_share_deletes_the_counselors_notes(
    client, seeker, counselor, result, make_user
):
    shared = Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    Note.objects.create(counselor=counselor, client=seeker, text="Ready for the CRM course.")
    other = make_user("other-client")
    Note.objects.create(counselor=counselor, client=other, text="About someone else.")
    client.force_login(seeker)
    withdraw(client, shared)
    assert list(Note.objects.values_list("text", flat=True)) == ["About someone else."]

    share(client, result, counselor.counselor_profile.share_code)  # a re-share brings none back
    assert not Note.objects.filter(client=seeker).exists()


def test_notes_stay_while_something_else_is_still_shared(client, seeker, counselor, result):
    one = Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    Share.objects.create(owner=seeker, counselor=counselor, role=result.role)
    Note.objects.create(counselor=counselor, client=seeker, text="Ready for the CRM course.")
    client.force_login(seeker)
    withdraw(client, one)
    assert Note.objects.filter(client=seeker).exists()


def test_the_share_form_says_withdrawing_deletes_the_notes(client, seeker, result):
    client.force_login(seeker)
    html = client.get(result.get_absolute_url()).content.decode()
    assert "also deletes the private notes they wrote about you" in html


def test_a_name_with_a_line_break_still_makes_a_one_line_subject(
    client, seeker, counselor, result, mailoutbox, django_capture_on_commit_callbacks
):
    seeker.first_name = "Samira\nBcc: everyone@example.org"
    seeker.save()
    client.force_login(seeker)
    with django_capture_on_commit_callbacks(execute=True):
        response = share(client, result, counselor.counselor_profile.share_code)

    assert response.status_code == 200
    assert list(shared_with(counselor)) == [result]
    assert mailoutbox[0].subject == "Samira Bcc: everyone@example.org shared a result with you"


def test_a_header_the_mail_library_refuses_does_not_undo_the_share(
    client, seeker, counselor, result, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def refuse(*args, **kwargs):
        raise BadHeaderError("Header values can't contain newlines")

    monkeypatch.setattr("counselors.services.send_mail", refuse)
    client.force_login(seeker)
    with django_capture_on_commit_callbacks(execute=True):
        response = share(client, result, counselor.counselor_profile.share_code)

    assert "Shared with Casey." in response.content.decode()
    assert "Could not email counselor" in caplog.text
