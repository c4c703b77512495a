"""The result page leads with what to do next, and speaks to whoever is looking."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import PublicLink, Result
from counselors.models import Share
from tests.assessments.test_result import result_url, submit


@pytest.fixture
def resources(role, make_resource):
    crm = role.requirements.get(skill__slug="crm").skill
    make_resource(
        skill=crm,
        title="CRM Basics Certification",
        provider="Vendor Academy",
        from_level=1,
        to_level=2,
        effort_hours=6,
        cost=150,
    )
    make_resource(
        skill=crm,
        title="Intro to CRM",
        provider="Free MOOC",
        from_level=1,
        to_level=2,
        effort_hours=4,
        cost=0,
        url="https://example.org/crm",
    )
    make_resource(
        skill=crm,
        title="Insurance CRM workflows",
        provider="Insurers' Institute",
        industry="insurance",
        from_level=2,
        to_level=3,
        effort_hours=10,
        cost=40,
    )


@pytest.fixture
def owner_result(client, seeker, role, start, resources):
    client.force_login(seeker)
    assessment = start(role)
    client.post(
        reverse("assessments:step", args=[assessment.pk, 1]),
        {"rating-crm": "1", "rating-typing": "4", "note-typing": "Typed 90 wpm in a test"},
    )
    # Empathy 5 with the level-1 situation answer: the self-rating and situations disagree (a
    # situation is asked only of a rating that reaches the requirement).
    return submit(
        client, assessment, crm="1", typing="4", empathy="5", scenario="angry-caller-option-1"
    )


def headings(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S)
    ]


def test_the_top_gaps_come_first_with_a_free_first_step_and_totals(client, owner_result):
    html = client.get(result_url(owner_result)).content.decode()
    top = html[html.index("Your top gap — and the first step for it") :]
    assert top.index("Intro to CRM") < top.index("Free MOOC")
    # The provider after a dash, as in the full list: a provider's own brackets stay single.
    assert "Intro to CRM</a> — Free MOOC</span>" in top
    assert "4 hours" in top and "free" in top
    # Free 1→2 (4 h) then the only 2→3 resource (10 h, $40).
    assert "To close it: about 14 hours, $40" in top
    assert "All recommended next steps together: about 14 hours and $40." in top
    assert html.index("Your top gap — and the first step for it") < html.index("What you do well")
    assert html.index("What you do well") < html.index("Required and measured levels")
    assert html.index("Required and measured levels") < html.index("Skill by skill")


def test_resources_name_their_provider_and_industry(client, owner_result):
    html = client.get(result_url(owner_result)).content.decode()
    assert "— Vendor Academy" in html
    assert "for Insurance roles" in html
    assert "priority" not in html.lower().replace("most important first", "")


def test_a_document_stored_before_providers_still_renders(client, owner_result):
    stored = Result.objects.get(assessment=owner_result)
    for rec in stored.document["recommendations"]:
        for step in rec["steps"]:
            for resource in step["resources"]:
                del resource["provider"], resource["industry"]
    stored.save(update_fields=["document"])
    from django.core.cache import cache

    cache.clear()
    response = client.get(result_url(owner_result))
    assert response.status_code == 200
    assert "Intro to CRM" in response.content.decode()


def test_the_owner_sees_evidence_and_a_public_link_hides_it_by_default(client, owner_result):
    assert "Typed 90 wpm" in client.get(result_url(owner_result)).content.decode()
    client.post(reverse("assessments:public_link_create", args=[owner_result.pk]), {"days": 7})
    html = Client().get(PublicLink.objects.get().get_absolute_url()).content.decode()
    assert "Typed 90 wpm" not in html and "Evidence:" not in html
    assert "disagree" not in html
    assert "Intro to CRM" in html


def test_the_owner_may_show_evidence_and_answer_quality_on_a_link(client, owner_result):
    client.post(
        reverse("assessments:public_link_create", args=[owner_result.pk]),
        {"days": 7, "show_evidence": "on", "show_answer_quality": "on"},
    )
    link = PublicLink.objects.get()
    assert link.show_evidence and link.show_answer_quality
    html = Client().get(link.get_absolute_url()).content.decode()
    assert "Typed 90 wpm" in html
    assert "Where the answers disagree" in html


def test_a_new_link_is_shown_in_full_with_a_copy_button(client, owner_result):
    response = client.post(
        reverse("assessments:public_link_create", args=[owner_result.pk]), {"days": 7}
    )
    link = PublicLink.objects.get()
    assert f"new_link={link.pk}" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert f'value="http://testserver{link.get_absolute_url()}"' in html
    assert 'data-copy="public-link-' in html and "js/copy.js" in html


def test_public_and_counselor_headings_never_say_you(client, owner_result, counselor):
    client.post(reverse("assessments:public_link_create", args=[owner_result.pk]), {"days": 7})
    public = Client().get(PublicLink.objects.get().get_absolute_url()).content.decode()
    assert "How ready this person is" in public
    assert "<title>Result of this person" in public
    Share.objects.create(owner=owner_result.owner, counselor=counselor, assessment=owner_result)
    client.force_login(counselor)
    seen = client.get(reverse("counselors:result_detail", args=[owner_result.pk]))
    counselor_html = seen.content.decode()
    assert "How ready Samira is" in counselor_html
    assert "<title>Result of Samira" in counselor_html
    for html in (public, counselor_html):
        for heading in headings(html):
            assert not re.search(r"\byou(r)?\b", heading, re.I), heading


def test_the_owner_is_addressed_as_you(client, owner_result):
    html = client.get(result_url(owner_result)).content.decode()
    assert "<title>Your result: Associate" in html
    assert "How ready you are for Associate" in html


def test_an_occupation_that_states_no_years_reads_not_stated_in_the_ladder(
    occupations, make_submitted, seeker
):
    from careers.models import Role
    from tests.assessments.conftest import signed_in
    from tests.careers.occupations.slice import CSR

    role = Role.objects.get(onet_soc_code=CSR)
    assert not role.states_years
    assessment = make_submitted(role, owner=seeker)
    page = signed_in(seeker).get(result_url(assessment)).content.decode()
    ladder = page[page.index('id="ladder-heading"') :]
    assert "Not stated" in ladder
    assert "0+ years" not in page
