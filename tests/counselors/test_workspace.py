"""The counselor's workspace: only shared results, everywhere — pages, counts and export."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Result
from assessments.ranking_matrix import crosswalk_links, requirement_matrix
from careers.revision import current_revision
from counselors.models import Note, Share
from counselors.services import counselor_make


def client_names(html):
    """The clients listed on a dashboard page, read from their links, so that a name
    that happens to occur in a random CSRF token never counts as listed."""
    return re.findall(r'<a href="/counselor/clients/\d+/">([^<]+)</a>', html)


@pytest.fixture
def shared(seeker, counselor, role, make_submitted):
    result = make_submitted(role, owner=seeker, level=2)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    return result


@pytest.fixture
def counselor_client(client, counselor):
    client.force_login(counselor)
    return client


def client_url(user):
    return reverse("counselors:client_detail", args=[user.pk])


def result_url(assessment):
    return reverse("counselors:result_detail", args=[assessment.pk])


def test_the_dashboard_lists_clients_with_latest_readiness(counselor_client, shared, seeker):
    html = counselor_client.get(reverse("counselors:dashboard")).content.decode()
    document = shared.results.get().document
    assert "Samira" in html
    assert f"{document['readiness_percent']:.0f}%" in html
    assert client_url(seeker) in html


def test_the_dashboard_filters_by_role_verdict_and_name(counselor_client, shared):
    dashboard = reverse("counselors:dashboard")
    verdict = shared.results.get().document["verdict"]
    assert "Samira" in counselor_client.get(dashboard, {"verdict": verdict}).content.decode()
    other = "ready" if verdict != "ready" else "not_yet"
    assert "Samira" not in counselor_client.get(dashboard, {"verdict": other}).content.decode()
    assert "Samira" in counselor_client.get(dashboard, {"q": "sami"}).content.decode()
    assert "Samira" not in counselor_client.get(dashboard, {"q": "zed"}).content.decode()
    assert "Samira" not in counselor_client.get(dashboard, {"role": "other"}).content.decode()
    assert "Samira" in counselor_client.get(dashboard, {"role": "associate"}).content.decode()


def test_many_clients_are_split_into_pages_that_keep_the_filters(
    counselor_client, counselor, role, make_submitted, make_user, monkeypatch
):
    monkeypatch.setattr("counselors.views.CLIENTS_PER_PAGE", 2)
    for name in ("Ada", "Ben", "Cy", "Dee", "Eve"):
        person = make_user(name.lower(), first_name=name)
        result = make_submitted(role, owner=person, level=2)
        Share.objects.create(owner=person, counselor=counselor, assessment=result)
    dashboard = reverse("counselors:dashboard")

    first = counselor_client.get(dashboard, {"role": "associate"}).content.decode()
    last = counselor_client.get(dashboard, {"role": "associate", "page": 3}).content.decode()

    assert client_names(first) == ["Ada", "Ben"]
    assert "Page 1 of 3" in first
    assert 'href="?role=associate&amp;page=2"' in first
    assert client_names(last) == ["Eve"] and "Next" not in last
    beyond = counselor_client.get(dashboard, {"page": 99}).content.decode()
    assert client_names(beyond) == ["Eve"]  # past the end: the last page, not an error


def test_the_client_page_shows_attempts_with_changes_and_notes(
    counselor_client, counselor, shared, seeker, role, make_submitted
):
    Share.objects.filter(assessment=shared).update(assessment=None, role=role)
    retake = make_submitted(role, owner=seeker, level=4, previous=shared)
    html = counselor_client.get(client_url(seeker)).content.decode()
    assert html.count(reverse("counselors:result_detail", args=[shared.pk])) == 1
    assert html.count(reverse("counselors:result_detail", args=[retake.pk])) == 1
    before = shared.results.get().document["readiness_percent"]
    after = retake.results.get().document["readiness_percent"]
    assert f"+{round(after - before, 1):g}" in html
    response = counselor_client.post(client_url(seeker), {"text": "Ready for the CRM course."})
    assert response.status_code == 302
    assert Note.objects.get().text == "Ready for the CRM course."
    assert "Ready for the CRM course." in counselor_client.get(client_url(seeker)).content.decode()


def test_a_note_with_html_is_shown_as_text(counselor_client, shared, seeker):
    counselor_client.post(client_url(seeker), {"text": "<script>alert(1)</script><b>x</b>"})
    html = counselor_client.get(client_url(seeker)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in html
    assert "<script>alert(1)" not in html


def test_notes_are_private_to_their_author(client, counselor_client, shared, seeker, make_user):
    counselor_client.post(client_url(seeker), {"text": "Private thought"})
    colleague = make_user("colleague")
    counselor_make(user=colleague)
    Share.objects.create(owner=seeker, counselor=colleague, assessment=shared)
    client.force_login(colleague)
    assert "Private thought" not in client.get(client_url(seeker)).content.decode()


def test_the_result_view_is_read_only(counselor_client, shared):
    html = counselor_client.get(result_url(shared)).content.decode()
    assert "Shared with you by Samira." in html
    assert "How ready Samira" in html and "is for Associate" in html
    assert "Retake" not in html and "Share this result" not in html


def test_an_unshared_previous_attempt_is_not_revealed(
    counselor_client, counselor, seeker, role, make_submitted
):
    first = make_submitted(role, owner=seeker, level=1)
    second = make_submitted(role, owner=seeker, level=4, previous=first)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=second)
    # The owner's view, with the comparison, is rendered (and cached) first.
    owner = Client()
    owner.force_login(seeker)
    assert "since your previous attempt" in owner.get(second.get_absolute_url()).content.decode()

    html = counselor_client.get(result_url(second)).content.decode()
    assert "since your previous attempt" not in html
    assert "since your previous attempt" in owner.get(second.get_absolute_url()).content.decode()


def test_the_group_view_counts_ready_and_lacking_skills(
    counselor_client, counselor, shared, role, make_user, make_submitted
):
    for n in range(3):
        other = make_user(f"client-{n}")
        result = make_submitted(role, owner=other, level=5)
        Share.objects.create(owner=other, counselor=counselor, assessment=result)
    html = counselor_client.get(reverse("counselors:group")).content.decode()
    assert "4 results" in html
    assert "Skills most often lacking" in html
    assert "CRM software" in html  # Samira (level 2) is short on every level-3 skill


def test_the_export_contains_exactly_the_shared_results(
    counselor_client, counselor, shared, seeker, role, make_user, make_submitted
):
    make_submitted(role, owner=seeker, level=5)  # not shared
    stranger = make_user("stranger")
    make_submitted(role, owner=stranger)  # never shared
    withdrawn = make_submitted(role, owner=make_user("gone"))
    Share.objects.create(
        owner=withdrawn.owner, counselor=counselor, assessment=withdrawn
    ).withdraw()
    response = counselor_client.get(reverse("counselors:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[1] for row in rows[1:]] == ["samira-k"]
    assert rows[1][4] == str(shared.results.get().document["readiness_percent"])


def test_the_export_is_safe_against_formula_injection(
    counselor_client, counselor, role, make_user, make_submitted
):
    for n, name in enumerate(['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"]):
        user = make_user(f"evil-{n}", first_name=name)
        result = make_submitted(role, owner=user)
        Share.objects.create(owner=user, counselor=counselor, assessment=result)
    content = counselor_client.get(reverse("counselors:export_csv")).content.decode()
    names = {row[0] for row in list(csv.reader(io.StringIO(content)))[1:]}
    assert names == {'\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)"}


@pytest.mark.parametrize("clients", [1, 8])
def test_dashboard_and_group_run_a_fixed_number_of_queries(
    counselor_client,
    counselor,
    role,
    make_user,
    make_submitted,
    clients,
    django_assert_max_num_queries,
):
    for n in range(clients):
        user = make_user(f"client-{n}")
        for level in (2, 3):
            result = make_submitted(role, owner=user, level=level)
        Share.objects.create(owner=user, counselor=counselor, role=role)
    # The group view ranks roles over the catalog's requirement matrix, read once per process
    # and catalog revision (tests/counselors/test_group_moves.py counts the cold page).
    revision = current_revision()
    requirement_matrix(revision), crosswalk_links(revision)
    for url in ("counselors:dashboard", "counselors:group", "counselors:export_csv"):
        with django_assert_max_num_queries(8):
            assert counselor_client.get(reverse(url)).status_code == 200
    assert result


def test_a_counselor_page_asks_for_group_membership_once(counselor_client, shared):
    with CaptureQueriesContext(connection) as queries:
        assert counselor_client.get(reverse("counselors:dashboard")).status_code == 200
    membership = [q for q in queries if '"auth_user_groups"' in q["sql"]]
    assert len(membership) == 1  # the view's check and the navigation's link share it


def test_make_counselor_prints_a_share_code(make_user, capsys):
    user = make_user("new-counselor")
    call_command("make_counselor", "new-counselor", "--organization", "City job centre")
    out = capsys.readouterr().out
    assert user.counselor_profile.share_code in out
    assert user.groups.filter(name="Counselors").exists()
    assert not user.is_staff


def test_a_counselor_added_in_admin_gets_a_share_code_on_first_visit(client, make_user):
    user = make_user("admin-made")
    user.groups.add(Group.objects.create(name="Counselors"))
    client.force_login(user)
    assert client.get(reverse("counselors:dashboard")).status_code == 200
    user.refresh_from_db()
    assert len(user.counselor_profile.share_code) == 8


def test_the_clients_link_follows_membership_of_the_counselors_group(client, make_user):
    user = make_user("admin-made")
    client.force_login(user)
    dashboard_link = f'href="{reverse("counselors:dashboard")}"'
    home = reverse("careers:home")
    assert dashboard_link not in client.get(home).content.decode()

    group = Group.objects.create(name="Counselors")
    user.groups.add(group)  # as an admin does; no share code exists yet
    assert dashboard_link in client.get(home).content.decode()

    client.get(reverse("counselors:dashboard"))  # the first visit creates the share code
    user.groups.remove(group)
    assert dashboard_link not in client.get(home).content.decode()


def test_admins_see_shares_notes_profiles_and_links(admin_client, shared, counselor):
    for name in [
        "counselors_share",
        "counselors_note",
        "counselors_counselorprofile",
        "assessments_publiclink",
    ]:
        assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_the_group_view_leaves_out_skills_not_assessed(
    counselor_client, counselor, shared, role, make_user, make_submitted
):
    other = make_user("client-partial")
    result = make_submitted(role, owner=other, level=5)
    stored = result.results.get()
    stored.document["skills"][0].update(measured_level=None, gap=None)
    Result.objects.filter(pk=stored.pk).update(document=stored.document)
    Share.objects.create(owner=other, counselor=counselor, assessment=result)
    assert counselor_client.get(reverse("counselors:group")).status_code == 200
