"""More than one app server, on real parts: two gunicorn instances on two ports, with the
production settings, one PostgreSQL database and one Redis (scripts/redis-test-server). Every
request of a visitor goes to the other server than the one before, as a load balancer without
sticky sessions would send it, and nothing is lost or served stale.

Runs in `make test-postgres` (CI), which passes TEST_REDIS_URL; skipped elsewhere.
"""

import html
import json
import os
import random
import re
import secrets
import subprocess
import sys
from contextlib import ExitStack
from html.parser import HTMLParser
from itertools import cycle
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, PublicLink, ScenarioAnswer, SkillRating
from assessments.services import public_link_create
from bench.harness import ROOT, Browser, Response, gunicorn
from bench.loadtest import Journey, take_assessment
from bench.pages import redis_forget
from careers.models import Role
from counselors.models import Share
from counselors.services import counselor_make
from plans.services import plan_create_from_result

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
PASSWORD = "a-long-passphrase-42"
# The servers' keys in the shared Redis: theirs alone, unique to this run.
KEY_PREFIX = f"skillsgap-two-servers-{os.getpid()}-{secrets.token_hex(4)}"

pytestmark = [
    pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL (make test-postgres)"),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (make test-postgres)",
    ),
]


class Alternating(Browser):
    """A visitor whose every request goes to the next of several servers in turn."""

    def __init__(self, ports: list[int]):
        super().__init__(ports[0])
        self._ports = cycle(ports)

    def request(self, method: str, path: str, body: bytes | None = None) -> Response:
        self.port = next(self._ports)
        return super().request(method, path, body)

    def on(self, port: int) -> Browser:
        """The same visitor (its cookies), talking to one server only."""
        browser = Browser(port)
        browser.cookies = self.cookies
        return browser


class FormFields(HTMLParser):
    """What a browser would submit from each form of a page, as it stands."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        name = attributes.get("name", "")
        if tag == "form":
            self.fields = []
            self.forms.append(self.fields)
        if not name and tag != "option":
            return
        if tag == "input" and attributes.get("type") not in {"submit", "button", "file"}:
            if attributes.get("type") in {"checkbox", "radio"} and "checked" not in attributes:
                return
            self.fields.append((name, attributes.get("value", "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            name, text = self.fields[-1]
            self.fields[-1] = (name, text.removeprefix("\n"))
            self._textarea = None


def main_form(page: Response) -> dict[str, str]:
    """The fields of the page's largest form (an admin page has a log-out form too)."""
    parser = FormFields()
    parser.feed(page.body)
    return dict(max(parser.forms, key=len))


def csrf(page: Response) -> dict[str, str]:
    return {"csrfmiddlewaretoken": page.csrf_token}


def log_in(browser: Browser, username: str, path: str = "/account/login/") -> None:
    page = browser.get(path)
    form = {**csrf(page), "username": username, "password": PASSWORD}
    assert browser.post(path, form).status == 302, f"{username} could not log in"


def same_page(body: str) -> str:
    """A page without what differs on every request even from one server (CSRF tokens), or
    from one server to the other (absolute links name the server's own address)."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", body)


@pytest.fixture
def servers(transactional_db, tmp_path):
    """Two gunicorn instances, one worker each, on the test database and one Redis. Every key
    they write starts with a prefix of this test's own, and only those keys are deleted, before
    and after: the Redis may be one that other tests and benchmarks use at the same time."""
    redis_forget(REDIS_URL, KEY_PREFIX)
    database_url = urlunsplit(
        urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{connection.settings_dict['NAME']}")
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "REDIS_KEY_PREFIX": KEY_PREFIX,
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with ExitStack() as stack:
        ports = [stack.enter_context(gunicorn(env, workers=1)) for _server in range(2)]
        yield ports
    # The servers' connections are closed: the test database can be flushed and dropped.
    redis_forget(REDIS_URL, KEY_PREFIX)


@pytest.fixture
def people(catalog, django_user_model):
    # Hashed as production hashes: the test settings' fast hasher is unknown to the servers.
    password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    seeker = django_user_model.objects.create(username="sam", password=password)
    counselor = django_user_model.objects.create(username="cory", password=password)
    profile = counselor_make(user=counselor)
    django_user_model.objects.create(
        username="ada", password=password, is_staff=True, is_superuser=True
    )
    return {"seeker": seeker, "share_code": profile.share_code}


def test_two_servers_share_everything_a_visitor_does(servers, people):
    a, b = servers
    role = (
        Role.objects.filter(requirements__required_level__gt=0)
        .annotate(skills=Count("requirements"))
        .order_by("skills", "slug")
        .first()
    )

    # A job seeker's journey: every request to the other server.
    seeker = Alternating(servers)
    log_in(seeker, "sam")
    journey = Journey(role_slug=role.slug)
    take_assessment(seeker, journey, random.Random(7))
    assessment = Assessment.objects.get(pk=journey.assessment_id)
    assert assessment.is_submitted and assessment.owner == people["seeker"]
    assert assessment.results.exists()
    stored_ratings = dict(assessment.ratings.values_list("skill__slug", "level"))
    assert stored_ratings == journey.ratings
    stored_scenarios = dict(assessment.scenario_answers.values_list("item__slug", "option__slug"))
    assert stored_scenarios == journey.scenarios
    assert SkillRating.objects.count() == len(journey.ratings)
    assert ScenarioAnswer.objects.count() == len(journey.scenarios)
    result_path = assessment.get_absolute_url()
    assert same_page(seeker.on(a).get(result_path).body) == same_page(
        seeker.on(b).get(result_path).body
    )

    # Shared with a counselor through A: the dashboard is the same on both servers.
    result_page = seeker.on(a).get(result_path)
    shared = seeker.on(a).post(
        reverse("counselors:share_create", args=[assessment.pk]),
        {**csrf(result_page), "share_code": people["share_code"], "scope": "result"},
    )
    assert shared.status == 302
    counselor = Alternating(servers)
    log_in(counselor, "cory")
    dashboards = [counselor.on(port).get("/counselor/") for port in servers]
    assert all(page.status == 200 for page in dashboards)
    assert same_page(dashboards[0].body) == same_page(dashboards[1].body)
    assert role.title in html.unescape(dashboards[0].body)
    shared_result = reverse("counselors:result_detail", args=[assessment.pk])
    assert counselor.on(b).get(shared_result).status == 200

    # Withdrawn through A: B shows it no more, though it has just rendered it.
    share = Share.objects.get(assessment=assessment)
    withdrawn = seeker.on(a).post(
        reverse("counselors:share_withdraw", args=[share.pk]), csrf(result_page)
    )
    assert withdrawn.status == 302
    assert counselor.on(b).get(shared_result).status == 404
    assert same_page(counselor.on(b).get("/counselor/").body) != same_page(dashboards[1].body)

    # A read-only link, seen through B, revoked through A: gone on B at once.
    link = public_link_create(assessment=assessment, days=7)
    public_path = reverse("assessments:public_result", args=[link.token])
    assert Browser(b).get(public_path).status == 200
    revoked = seeker.on(a).post(
        reverse("assessments:public_link_revoke", args=[link.pk]), csrf(result_page)
    )
    assert revoked.status == 302
    assert PublicLink.objects.get(pk=link.pk).revoked_at is not None
    assert Browser(b).get(public_path).status == 410

    # A new attempt started on A is listed on B, which has just listed the first one alone.
    assert journey.assessment_id in seeker.on(b).get("/assessments/").body
    role_page = seeker.on(a).get(role.get_absolute_url())
    retake = seeker.on(a).post(f"{role.get_absolute_url()}assess/", csrf(role_page))
    assert retake.status == 302
    new_attempt = Assessment.objects.exclude(pk=assessment.pk).get(owner=people["seeker"])
    assert str(new_attempt.pk) in seeker.on(b).get("/assessments/").body

    # A catalog edit in the admin on A shows on B's role page, which B has cached.
    visitor = Browser(b)
    assert "Edited on server A" not in visitor.get(role.get_absolute_url()).body
    admin = Browser(a)
    log_in(admin, "ada", path="/admin/login/")
    change = reverse("admin:careers_role_change", args=[role.pk])
    form = main_form(admin.get(change))
    form["summary"] = "Edited on server A."
    saved = admin.post(change, form)
    errors = re.findall(r"errorlist[^>]*>(.*?)</ul>", saved.body, re.S)
    assert saved.status == 302, errors
    assert "Edited on server A." in visitor.get(role.get_absolute_url()).body

    # All of it with the sessions' fast copy and the pages' fragments in the one Redis.
    keys = redis.Redis.from_url(REDIS_URL).keys(f"{KEY_PREFIX}:*")
    assert any(b"sessions.cached_db" in key for key in keys)
    assert any(b"template.cache.role-page" in key for key in keys)


def test_two_servers_show_a_plan_changed_through_either_at_once(servers, people, make_submitted):
    """The plan's pages are cached under its stamp, kept in the one Redis: a step marked done
    through one server shows on the other's page, JSON and list, which have just drawn them;
    a share made and withdrawn through one is seen by the counselor on both at once."""
    a, b = servers
    role = Role.objects.filter(requirements__required_level__gt=1).order_by("slug").first()
    result = make_submitted(role, owner=people["seeker"], level=1)
    plan = plan_create_from_result(
        owner=people["seeker"],
        assessment=result,
        hours_per_week=5,
        start_date=timezone.localdate(),
    )
    steps = plan.steps.count()
    assert steps
    page_path = plan.get_absolute_url()
    json_path = reverse("plans:json", args=[plan.pk])
    seeker = Alternating(servers)
    log_in(seeker, "sam")
    for port in servers:
        assert f"0 of {steps} steps" in seeker.on(port).get(page_path).body
        assert json.loads(seeker.on(port).get(json_path).body)["progress"]["steps_done"] == 0
        assert f"0 of {steps} steps" in seeker.on(port).get("/plans/").body

    # A step marked done through B: A shows it at once.
    step = plan.steps.order_by("order").first()
    page = seeker.on(b).get(page_path)
    done = seeker.on(b).post(reverse("plans:step_done", args=[plan.pk, step.pk]), csrf(page))
    assert done.status == 302
    assert f"1 of {steps} steps" in seeker.on(a).get(page_path).body
    assert json.loads(seeker.on(a).get(json_path).body)["progress"]["steps_done"] == 1
    assert f"1 of {steps} steps" in seeker.on(a).get("/plans/").body

    # Shared through A, the counselor sees the plan on both; withdrawn through B, on neither.
    counselor = Alternating(servers)
    log_in(counselor, "cory")
    counselor_path = reverse("counselors:plan_detail", args=[plan.pk])
    assert counselor.on(a).get(counselor_path).status == 404
    result_page = seeker.on(a).get(result.get_absolute_url())
    shared = seeker.on(a).post(
        reverse("counselors:share_create", args=[result.pk]),
        {**csrf(result_page), "share_code": people["share_code"], "scope": "result"},
    )
    assert shared.status == 302
    assert all(counselor.on(port).get(counselor_path).status == 200 for port in servers)
    share = Share.objects.get(assessment=result)
    withdrawn = seeker.on(b).post(
        reverse("counselors:share_withdraw", args=[share.pk]), csrf(result_page)
    )
    assert withdrawn.status == 302
    assert all(counselor.on(port).get(counselor_path).status == 404 for port in servers)
