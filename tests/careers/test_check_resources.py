"""`check_resources` lists what a learner could not act on and, with --online, dead links.

No test touches the network: the opener urllib would use is replaced by a fake.
"""

from io import StringIO
from urllib.error import HTTPError, URLError

import pytest
from django.core.management import CommandError, call_command

from careers import link_check


class FakeResponse:
    def __init__(self, status: int) -> None:
        self.status = status

    def close(self) -> None:
        pass


class FakeOpener:
    """Answers by URL: an int is a status, an exception is raised; records each request."""

    def __init__(self, answers: dict[str, object], default: object = 200) -> None:
        self.answers = answers
        self.default = default
        self.requests: list[tuple[str, str]] = []

    def open(self, request, *, timeout):
        self.requests.append((request.get_method(), request.full_url))
        answer = self.answers.get((request.get_method(), request.full_url))
        answer = answer if answer is not None else self.answers.get(request.full_url, self.default)
        if isinstance(answer, Exception):
            raise answer
        if answer >= 400:
            raise HTTPError(request.full_url, answer, "error", {}, None)
        return FakeResponse(answer)


@pytest.fixture
def covered_skill(make_requirement, make_resource):
    requirement = make_requirement(required_level=2)
    skill = requirement.skill
    make_resource(
        skill=skill, slug="intro", from_level=0, to_level=1, url="https://learn.example.org/intro"
    )
    make_resource(skill=skill, slug="practice", title="Practice drills", from_level=1, to_level=2)
    return skill


@pytest.fixture
def opener(monkeypatch):
    fake = FakeOpener({})
    monkeypatch.setattr(link_check, "build_opener", lambda: fake)
    return fake


def run(*args: str) -> str:
    out = StringIO()
    call_command("check_resources", *args, stdout=out)
    return out.getvalue()


def test_it_passes_when_every_required_step_has_a_named_resource(covered_skill):
    assert "Every level step of every required skill has a named resource." in run()


def test_it_lists_resources_without_a_link(covered_skill):
    output = run()
    assert "1 of 2 resource(s) have no link." in output
    assert "practice: Practice drills (On the job)" in output


def test_it_fails_on_a_required_step_without_a_named_resource(covered_skill):
    covered_skill.resources.filter(slug="practice").update(provider="")
    with pytest.raises(CommandError) as error:
        run()
    assert "1 required skill(s)" in str(error.value)
    assert "covers the step(s) from 1 to 2" in str(error.value)


def test_it_does_not_fetch_links_unless_asked(covered_skill, opener):
    run()
    assert opener.requests == []


def test_online_it_reports_each_links_status(covered_skill, opener, make_resource):
    make_resource(skill=covered_skill, slug="gone", url="https://gone.example.org/")
    opener.answers = {"https://gone.example.org/": 404}
    output = run("--online")
    assert "Checked 2 link(s); 1 did not answer with a page." in output
    assert "200  https://learn.example.org/intro  (intro)" in output
    assert "404  https://gone.example.org/  (gone)" in output


def test_online_it_falls_back_to_get_when_head_is_refused(covered_skill, opener):
    opener.answers = {("HEAD", "https://learn.example.org/intro"): 405}
    assert "200  https://learn.example.org/intro" in run("--online")
    assert ("GET", "https://learn.example.org/intro") in opener.requests


def test_online_it_names_a_link_no_server_answers(covered_skill, opener, make_resource):
    make_resource(skill=covered_skill, slug="nowhere", url="https://nowhere.example.org/")
    opener.answers = {"https://nowhere.example.org/": URLError("Name or service not known")}
    output = run("--online")
    assert "no answer: Name or service not known  https://nowhere.example.org/" in output


def test_online_it_skips_with_a_message_when_the_probe_cannot_be_reached(covered_skill, opener):
    opener.default = URLError("Temporary failure in name resolution")
    output = run("--online")
    assert "Skipped the online check" in output
    assert "seems to be offline" in output
    assert [url for _, url in opener.requests] == [link_check.PROBE_URL] * 2  # HEAD, then GET
    assert "Every level step of every required skill has a named resource." in output


def test_online_it_skips_when_no_link_at_all_can_be_reached(covered_skill, opener):
    opener.default = ConnectionRefusedError("refused")
    opener.answers = {link_check.PROBE_URL: 200}
    output = run("--online")
    assert "none of the 1 link(s) could be reached" in output


def test_links_are_fetched_a_few_at_a_time_in_the_order_given(monkeypatch):
    fake = FakeOpener({"https://b.example.org/": 500})
    urls = ["https://a.example.org/", "https://b.example.org/", "https://c.example.org/"]
    statuses = link_check.check_links(urls, opener_factory=lambda: fake, workers=2)
    assert [(s.url, s.status, s.ok) for s in statuses] == [
        ("https://a.example.org/", 200, True),
        ("https://b.example.org/", 500, False),
        ("https://c.example.org/", 200, True),
    ]
