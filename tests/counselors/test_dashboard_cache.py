"""The counselor's dashboard is built once per version of what it shows (counselors.signals):
a share made or withdrawn, a new shared result, a re-scoring, a plan step marked done, a
client's new name and a renamed role all show at once, and the page runs the same queries
however many results are shared."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.rescoring import results_rescore
from assessments.scoring import SCORING_VERSION
from counselors.models import COUNSELORS_GROUP, CounselorProfile, Share
from counselors.services import share_create, share_withdraw
from plans.services import step_done

# Each test twice: with each process's own cache and with one every server shares.
pytestmark = pytest.mark.usefixtures("cache_is_shared")


@pytest.fixture
def counselor_client(client, counselor):
    client.force_login(counselor)
    return client


def _dashboard(client) -> str:
    response = client.get(reverse("counselors:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def _rows(html: str) -> list[str]:
    """Each client's row: name, latest result per role and plans, as text."""
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def _share(seeker, counselor, assessment, whole_role=False):
    return share_create(
        owner=seeker,
        share_code=counselor.counselor_profile.share_code,
        assessment=assessment,
        whole_role=whole_role,
    )


def test_a_withdrawn_share_disappears_at_once(counselor_client, counselor, seeker, result):
    share = _share(seeker, counselor, result)
    assert len(_rows(_dashboard(counselor_client))) == 1
    share_withdraw(owner=seeker, share_id=share.pk)
    assert _rows(_dashboard(counselor_client)) == []


def test_a_new_share_appears_at_once(counselor_client, counselor, seeker, result):
    assert _rows(_dashboard(counselor_client)) == []
    _share(seeker, counselor, result)
    assert len(_rows(_dashboard(counselor_client))) == 1


def test_a_new_shared_result_shows_at_once(
    counselor_client, counselor, seeker, role, make_submitted
):
    first = make_submitted(role, owner=seeker, level=1)
    _share(seeker, counselor, first, whole_role=True)
    [before] = _rows(_dashboard(counselor_client))
    make_submitted(role, owner=seeker, level=5, previous=first)
    [after] = _rows(_dashboard(counselor_client))
    assert after != before and "100%" in after


def test_a_rescoring_moves_the_dashboards_of_the_clients_counselors(
    counselor, seeker, role, make_submitted
):
    _share(seeker, counselor, make_submitted(role, owner=seeker), whole_role=True)
    version = CounselorProfile.objects.get(user=counselor).dashboard_version
    results_rescore(to_version=SCORING_VERSION + 1)
    assert CounselorProfile.objects.get(user=counselor).dashboard_version > version


def test_a_plan_step_marked_done_shows_at_once(counselor_client, seeker, share, plan):
    assert "0 of 6 steps" in _dashboard(counselor_client)
    step_done(step=plan.steps.order_by("order").first(), actor=seeker)
    assert "1 of 6 steps" in _dashboard(counselor_client)


def test_a_clients_new_name_shows_at_once(counselor_client, seeker, share):
    assert "Samira" in _dashboard(counselor_client)
    seeker.first_name = "Sam"
    seeker.save()
    [row] = _rows(_dashboard(counselor_client))
    assert row.startswith("Sam ") and "Samira" not in row


def test_a_renamed_role_shows_at_once(counselor_client, share, role):
    _dashboard(counselor_client)
    role.title = "Shift Supervisor"
    role.save()
    assert "Shift Supervisor" in _rows(_dashboard(counselor_client))[0]


def test_a_counselor_only_ever_sees_their_own_dashboard(
    client, counselor, seeker, share, make_user
):
    from counselors.services import counselor_make

    client.force_login(counselor)
    assert len(_rows(_dashboard(client))) == 1
    other = make_user("other-counselor")
    counselor_make(user=other)
    client.force_login(other)
    assert _rows(_dashboard(client)) == []


def test_the_page_title_is_plain_text(counselor_client):
    title = re.search(r"<title>(.*?)</title>", _dashboard(counselor_client), flags=re.S)[1]
    assert "<" not in title and "Your clients" in title


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _dashboard(client)
    return len(captured.captured_queries)


@pytest.mark.parametrize("results", [3, 30])
def test_the_dashboard_runs_the_same_queries_however_many_results_are_shared(
    counselor_client, counselor, role, make_user, make_submitted, results, cache_is_shared
):
    """Built (the first view) and served from the cache (the second), with 3 or 30 shared
    results: the same counts both times (three more queries when built). From a shared cache
    none: the session, the user's row, the version and the navigation's groups are kept in the
    cache (the session read from the database when the page is built: four more queries)."""
    for n in range(results):
        owner = make_user(f"client-{n}")
        Share.objects.create(
            owner=owner, counselor=counselor, assessment=make_submitted(role, owner=owner)
        )
    built, cached = _queries(counselor_client), _queries(counselor_client)
    assert (built, cached) == ((6, 0) if cache_is_shared else (7, 4))


def test_the_dashboard_shows_the_counselors_share_code_and_invitation_link(
    counselor_client, counselor
):
    """Both sit inside `{% blocktranslate %}`, which prints a value without calling it: the
    cached dashboard's lazily built values once showed as "functools.partial(…)"."""
    html = _dashboard(counselor_client)
    code = counselor.counselor_profile.share_code
    assert f'<strong class="font-monospace">{code}</strong>' in html
    assert reverse("counselors:invitation", args=[code]) in html
    assert "functools" not in html and "object at 0x" not in html


def test_a_counselor_taken_out_of_the_counselors_group_loses_the_dashboard_at_once(
    counselor_client, counselor, share
):
    # With a shared cache the group names are read with the version and the kept page.
    assert len(_rows(_dashboard(counselor_client))) == 1
    counselor.groups.remove(Group.objects.get(name=COUNSELORS_GROUP))
    assert counselor_client.get(reverse("counselors:dashboard")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("counselors:dashboard") + "?overdue=1")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=/counselor/%3Foverdue%3D1" in response.url


def test_each_view_of_the_dashboard_keeps_its_own_copy(counselor_client, share, plan):
    everyone = _rows(_dashboard(counselor_client))
    overdue = counselor_client.get(reverse("counselors:dashboard") + "?overdue=1")
    assert _rows(overdue.content.decode()) == []
    assert everyone and _rows(_dashboard(counselor_client)) == everyone


def test_a_kept_dashboard_is_one_read_of_the_shared_cache_with_the_session(
    counselor_client, cache_is_shared, cache_reads
):
    """With a shared cache: the session, the user, the dashboard version, the counselor's
    copy and the navigation's groups in one round trip; without, the one read is the page in
    the process's own cache."""
    _dashboard(counselor_client)
    cache_reads.clear()

    _dashboard(counselor_client)

    assert len(cache_reads) == 1
    if cache_is_shared:
        [keys] = cache_reads
        assert any(key.startswith("user-entry:") for key in keys)
        assert any(key.startswith("counselor-dashboard-slot:") for key in keys)
