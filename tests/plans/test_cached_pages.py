"""The plan page and its JSON are built once per change of the plan (plans.cached): every
change shows at once, on the page and in the JSON, and the cached page still carries each
visitor's own CSRF token and is only ever served to those who may see the plan."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from common.page_cache import CSRF_PLACEHOLDER
from counselors.models import COUNSELORS_GROUP
from counselors.plans import plan_comment_create, plan_suggest
from counselors.services import counselor_make, share_withdraw
from plans.models import Plan, PlanComment, PlanStep

# Each test twice: with each process's own cache and with one every server shares.
pytestmark = pytest.mark.usefixtures("cache_is_shared")


@pytest.fixture
def owner_client(client, seeker, plan):
    client.force_login(seeker)
    return client


def _page(client, plan) -> str:
    return client.get(plan.get_absolute_url()).content.decode()


def _json(client, plan) -> dict:
    return json.loads(client.get(reverse("plans:json", args=[plan.pk])).content)


def test_a_step_marked_done_shows_at_once_on_the_page_and_in_the_json(owner_client, plan):
    assert "0 of 6 steps" in _page(owner_client, plan)
    assert _json(owner_client, plan)["progress"]["steps_done"] == 0
    step = plan.steps.order_by("order").first()
    owner_client.post(reverse("plans:step_done", args=[plan.pk, step.pk]), {})
    assert "1 of 6 steps" in _page(owner_client, plan)
    assert _json(owner_client, plan)["progress"]["steps_done"] == 1


def test_a_counselors_comment_and_suggestion_show_at_once(owner_client, counselor, share, plan):
    _page(owner_client, plan)
    _json(owner_client, plan)
    plan_comment_create(counselor=counselor, plan=plan, text="Start with the basics")
    plan_suggest(counselor=counselor, plan=plan, title="Shadow a team lead")
    page = _page(owner_client, plan)
    assert "Start with the basics" in page and "Shadow a team lead" in page
    assert len(_json(owner_client, plan)["comments"]) == 2


def test_a_declined_suggestion_shows_as_declined_at_once(owner_client, counselor, share, plan):
    suggestion = plan_suggest(counselor=counselor, plan=plan, title="Shadow a team lead")
    assert "Add it to my plan" in _page(owner_client, plan)
    owner_client.post(
        reverse("plans:suggestion_decide", args=[plan.pk, suggestion.pk]), {"decision": "decline"}
    )
    page = _page(owner_client, plan)
    assert "Add it to my plan" not in page and "Declined" in page


def test_a_new_name_of_a_commenting_counselor_shows_at_once(owner_client, counselor, share, plan):
    plan_comment_create(counselor=counselor, plan=plan, text="Start with the basics")
    assert "Casey" in _page(owner_client, plan)
    counselor.first_name = "Cassandra"
    counselor.save()
    assert "Cassandra" in _page(owner_client, plan)


def test_a_login_elsewhere_does_not_rebuild_the_page(owner_client, seeker, plan):
    _page(owner_client, plan)
    stamp = Plan.objects.get(pk=plan.pk).updated_at
    Client().force_login(seeker)  # writes last_login only
    assert Plan.objects.get(pk=plan.pk).updated_at == stamp


def test_a_renamed_role_shows_at_once(owner_client, plan):
    _page(owner_client, plan)
    plan.role.title = "Shift Supervisor"
    plan.role.save()
    assert "My plan towards Shift Supervisor" in _page(owner_client, plan)
    assert _json(owner_client, plan)["role"]["title"] == "Shift Supervisor"


def test_a_comment_edited_in_admin_shows_at_once(owner_client, admin_client, counselor, plan):
    comment = PlanComment.objects.create(plan=plan, author=counselor, text="First words")
    assert "First words" in _page(owner_client, plan)
    response = admin_client.post(
        reverse("admin:plans_plancomment_change", args=[comment.pk]),
        {
            "plan": plan.pk,
            "author": counselor.pk,
            "kind": "comment",
            "text": "Better words",
            "suggested_effort_hours": 0,
            "status": "",
        },
    )
    assert response.status_code == 302
    assert "Better words" in _page(owner_client, plan)


def test_what_is_overdue_follows_the_calendar(owner_client, plan, today, monkeypatch):
    first = plan.steps.order_by("order").first()
    assert f'href="#step-{first.pk}"' not in _overdue(_page(owner_client, plan))
    tomorrow_but_late = first.target_date + timedelta(days=1)
    monkeypatch.setattr("plans.views.timezone.localdate", lambda: tomorrow_but_late)
    assert f'href="#step-{first.pk}"' in _overdue(_page(owner_client, plan))


def _overdue(page: str) -> str:
    return page.split('data-testid="overdue"')[1].split("</ul>")[0]


def test_the_cached_page_carries_each_visitors_own_working_csrf_token(seeker, plan):
    browsers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for browser in browsers:
        browser.force_login(seeker)
    tokens = []
    for browser in browsers:
        page = _page(browser, plan)
        assert CSRF_PLACEHOLDER not in page
        tokens.append(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert all(tokens) and tokens[0][0] != tokens[1][0]
    step = plan.steps.order_by("order").last()
    response = browsers[1].post(
        reverse("plans:step_move", args=[plan.pk, step.pk]),
        {"direction": "up", "csrfmiddlewaretoken": tokens[1][-1]},
    )
    assert response.status_code == 302
    assert PlanStep.objects.get(pk=step.pk).order == step.order - 1


def test_the_page_after_a_change_shows_its_message_and_a_real_token(owner_client, plan):
    _page(owner_client, plan)
    step = plan.steps.order_by("order").first()
    response = owner_client.post(
        reverse("plans:step_done", args=[plan.pk, step.pk]), {}, follow=True
    )
    page = response.content.decode()
    assert "Well done! The step is marked done." in page
    assert CSRF_PLACEHOLDER not in page and 'name="csrfmiddlewaretoken" value="' in page


def test_another_person_never_gets_the_cached_page(owner_client, client, plan, make_user):
    _page(owner_client, plan)
    _json(owner_client, plan)
    other = Client()
    other.force_login(make_user("someone-else"))
    assert other.get(plan.get_absolute_url()).status_code == 404
    assert other.get(reverse("plans:json", args=[plan.pk])).status_code == 404


def test_a_counselor_no_longer_sees_the_cached_plan_once_the_share_is_withdrawn(
    client, counselor, seeker, share, plan
):
    client.force_login(counselor)
    url = reverse("counselors:plan_detail", args=[plan.pk])
    assert client.get(url).status_code == 200
    share_withdraw(owner=seeker, share_id=share.pk)
    assert client.get(url).status_code == 404


def test_the_counselor_sees_the_clients_step_marked_done_at_once(
    client, counselor, seeker, share, plan
):
    client.force_login(counselor)
    url = reverse("counselors:plan_detail", args=[plan.pk])
    assert "0 of 6 steps" in client.get(url).content.decode()
    owner = Client()
    owner.force_login(seeker)
    step = plan.steps.order_by("order").first()
    owner.post(reverse("plans:step_done", args=[plan.pk, step.pk]), {})
    assert "1 of 6 steps" in client.get(url).content.decode()
    seeker.first_name = "Sam"
    seeker.save()
    assert "Sam's plan towards" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("name", "own_cache", "shared_cache"),
    [("plans:detail", 4, 0), ("plans:json", 3, 0), ("plans:ics", 3, 0), ("plans:list", 4, 0)],
)
def test_a_cached_plan_page_asks_the_database_only_whether_the_plan_changed(
    owner_client, plan, name, own_cache, shared_cache, cache_is_shared, django_assert_num_queries
):
    """The session and the user (the test settings keep sessions in the database), then the
    plan's or the owner's plans' stamp and, on a page, the navigation's groups — all kept in
    the cache when it is shared (with production's sessions)."""
    url = reverse(name) if name == "plans:list" else reverse(name, args=[plan.pk])
    owner_client.get(url)
    with django_assert_num_queries(shared_cache if cache_is_shared else own_cache):
        assert owner_client.get(url).status_code == 200


def test_the_counselors_cached_view_of_a_plan_asks_the_database_nothing_with_a_shared_cache(
    client, counselor, share, plan, cache_is_shared, django_assert_num_queries
):
    """With a shared cache, the counselor's dashboard version (which every share made or
    withdrawn moves) stands for the access check, and the session and the user are kept
    there too; else one query checks it and reads the stamp, after the session and the
    user."""
    client.force_login(counselor)
    url = reverse("counselors:plan_detail", args=[plan.pk])
    client.get(url)
    with django_assert_num_queries(0 if cache_is_shared else 4):
        assert client.get(url).status_code == 200


def _list(client) -> str:
    return client.get(reverse("plans:list")).content.decode()


def _calendar(client, plan):
    return client.get(reverse("plans:ics", args=[plan.pk]))


def test_a_step_marked_done_shows_at_once_in_the_list_of_plans(owner_client, plan):
    assert "0 of 6 steps" in _list(owner_client)
    step = plan.steps.order_by("order").first()
    owner_client.post(reverse("plans:step_done", args=[plan.pk, step.pk]), {})
    assert "1 of 6 steps" in _list(owner_client)


def test_a_new_plan_and_a_deleted_one_show_at_once_in_the_list_of_plans(
    owner_client, seeker, plan, role, make_submitted, today
):
    from plans.services import plan_create_from_result

    assert _list(owner_client).count("steps,") == 1
    another = plan_create_from_result(
        owner=seeker,
        assessment=make_submitted(role, owner=seeker, level=1),
        hours_per_week=5,
        start_date=today,
    )
    assert _list(owner_client).count("steps,") == 2
    another.delete()
    assert _list(owner_client).count("steps,") == 1


def test_a_renamed_role_shows_at_once_in_the_list_and_the_calendar(owner_client, plan):
    _list(owner_client)
    _calendar(owner_client, plan)
    plan.role.title = "Shift Supervisor"
    plan.role.save()
    assert "Shift Supervisor" in _list(owner_client)
    assert "Plan: Shift Supervisor" in _calendar(owner_client, plan).content.decode()


def test_a_moved_step_shows_at_once_in_the_calendar(owner_client, plan):
    first = plan.steps.order_by("order").first()
    assert first.title in _calendar(owner_client, plan).content.decode()
    response = owner_client.post(
        reverse("plans:step_edit", args=[plan.pk, first.pk]),
        {
            "title": "A new first step",
            "skill": first.skill,
            "url": "",
            "effort_hours": first.effort_hours,
            "cost": 0,
            "target_date": first.target_date.isoformat(),
            "status": "",
        },
    )
    assert response.status_code == 302
    assert "A new first step" in _calendar(owner_client, plan).content.decode()


def test_the_calendar_is_only_ever_its_owners(owner_client, plan, make_user):
    assert _calendar(owner_client, plan).status_code == 200
    other = Client()
    other.force_login(make_user("someone-else"))
    assert _calendar(other, plan).status_code == 404


def test_a_deleted_plan_is_gone_at_once(owner_client, plan):
    for url in [plan.get_absolute_url(), reverse("plans:json", args=[plan.pk])]:
        assert owner_client.get(url).status_code == 200
    Plan.objects.get(pk=plan.pk).delete()
    for url in [plan.get_absolute_url(), reverse("plans:json", args=[plan.pk])]:
        assert owner_client.get(url).status_code == 404


def test_a_counselor_sees_the_plan_at_once_once_its_result_is_shared(
    client, counselor, seeker, result, plan
):
    from counselors.services import share_create

    client.force_login(counselor)
    url = reverse("counselors:plan_detail", args=[plan.pk])
    assert client.get(url).status_code == 404
    share_create(
        owner=seeker,
        share_code=counselor.counselor_profile.share_code,
        assessment=result,
        whole_role=False,
    )
    assert client.get(url).status_code == 200


def test_after_a_write_commits_the_shared_cache_holds_the_new_stamp(
    owner_client,
    plan,
    cache_is_shared,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    """With a shared cache, the write sets the new stamp when it commits: the next view, on
    any server, finds it there and asks the database nothing about whether the plan changed
    (without one, it reads the stamp from the database)."""
    url = reverse("plans:json", args=[plan.pk])
    owner_client.get(url)
    step = plan.steps.order_by("order").first()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("plans:step_done", args=[plan.pk, step.pk]), {})
    # The new JSON's four (the plan, its steps, comments and history); the session's, the
    # user's and the stamp's only without a shared cache.
    with django_assert_num_queries(4 if cache_is_shared else 7):
        assert json.loads(owner_client.get(url).content)["progress"]["steps_done"] == 1


def test_the_headers_counselor_link_follows_a_group_change_at_once(owner_client, seeker, plan):
    # With a shared cache the group names are read with the plan's stamp and the kept page.
    assert "Clients" not in _page(owner_client, plan)
    counselor_make(user=seeker)
    assert "Clients" in _page(owner_client, plan)
    seeker.groups.remove(Group.objects.get(name=COUNSELORS_GROUP))
    assert "Clients" not in _page(owner_client, plan)


def test_one_persons_kept_page_and_json_are_never_anothers(owner_client, make_user, plan):
    _page(owner_client, plan)
    _json(owner_client, plan)
    other = Client()
    other.force_login(make_user("robin"))
    assert other.get(plan.get_absolute_url()).status_code == 404
    assert other.get(reverse("plans:json", args=[plan.pk])).status_code == 404


def test_a_reload_serves_the_owners_kept_page_without_drawing_it(owner_client, plan, monkeypatch):
    first = _page(owner_client, plan)
    monkeypatch.setattr("plans.views.plan_page_context", _must_not_draw)
    assert _without_tokens(_page(owner_client, plan)) == _without_tokens(first)


def _must_not_draw(*args, **kwargs):
    raise AssertionError("drawn again")


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


@pytest.mark.parametrize("name", ["plans:detail", "plans:json"])
def test_a_kept_plan_view_is_one_read_of_the_shared_cache_with_the_session(
    owner_client, plan, name, cache_is_shared, cache_reads
):
    """With a shared cache: the session, the user, the plan's stamp, the visitor's copy (and
    on the page, the navigation's groups) in one round trip; without, the one read is the
    view's copy in the process's own cache."""
    url = reverse(name, args=[plan.pk])
    owner_client.get(url)
    cache_reads.clear()

    assert owner_client.get(url).status_code == 200

    assert len(cache_reads) == 1
    if cache_is_shared:
        [keys] = cache_reads
        assert any(key.startswith("user-entry:") for key in keys)
        assert any("-slot:" in key for key in keys)
