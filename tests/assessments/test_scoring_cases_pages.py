"""The worked cases of docs/SCORING.md through the pages: start, answer every page with the
field-name contract, submit on the review page, then read the JSON and the result page."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.access import STARTED_KEY
from assessments.document import result_document, verdict_reason_text
from assessments.fields import (
    DIRECTION,
    YEARS_EXPERIENCE,
    YEARS_LEADING,
    Direction,
    rating_field,
)
from assessments.models import Assessment
from assessments.questionnaire import (
    asked_rows,
    extension_length,
    questionnaire_pages,
    situations_cap,
)
from assessments.scoring import Verdict
from assessments.snapshot import snapshot_inputs
from careers.models import Role, ScenarioOption
from careers.revision import current_revision, questionnaire_rungs
from tests.assessments.scoring_cases import CASES, SITUATIONS_ASKED, Case

META = {"id": "case", "started_at": "2026-01-01", "submitted_at": "2026-01-01"}


def answer_through_the_pages(client, case: Case) -> Assessment:
    """Rate every skill on the rating pages (the target's and those the rung below adds), then
    answer the situations page, which must ask exactly the items the case's answers choose."""
    role = Role.objects.get(slug=case.target)
    assert client.post(reverse("assessments:start", args=[role.slug])).status_code == 302
    assessment = Assessment.objects.get(pk=client.session[STARTED_KEY][-1])
    options = {
        (item, level): slug
        for item, level, slug in ScenarioOption.objects.order_by("pk").values_list(
            "item__slug", "level", "slug"
        )[::-1]  # the first option at a level wins
    }
    answers = case.answers()
    target, below = questionnaire_rungs(role.pk, current_revision())
    pages = questionnaire_pages(target, below=below, rank=role.rank, levels={})
    for page in pages:
        url = reverse("assessments:step", args=[assessment.pk, page.number])
        data = {DIRECTION: Direction.NEXT.value}
        if page.number == 1:
            data[YEARS_EXPERIENCE] = "" if case.years_experience is None else case.years_experience
            data[YEARS_LEADING] = "" if case.years_leading is None else case.years_leading
        if page.is_situations:
            chosen = {item: level for _, items in answers.values() for item, level in items}
            asked = set(re.findall(r'name="scenario-([\w-]+)"', client.get(url).content.decode()))
            assert asked == set(chosen), "the page asks the situations the case answers"
            for item_slug, level in chosen.items():
                data[f"scenario-{item_slug}"] = options[item_slug, level]
        for skill in page.skills:
            if skill.slug in answers:
                data[rating_field(skill)] = answers[skill.slug][0]
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return assessment


def result_url(assessment) -> str:
    return reverse("assessments:result", args=[assessment.pk])


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_case_through_the_pages_gets_the_verdict_a_counselor_would_sign(client, catalog, case):
    assessment = answer_through_the_pages(client, case)
    response = client.post(reverse("assessments:review", args=[assessment.pk]))
    if case.not_assessed:
        # The questionnaire submits only a whole questionnaire: the unfinished one stays on
        # the review page, and its answers so far score as the case says.
        assert response.status_code == 200
        assert not Assessment.objects.get(pk=assessment.pk).is_submitted
        saved = Assessment.objects.get(pk=assessment.pk)
        document = result_document(snapshot_inputs(saved), assessment=META)
    else:
        assert response.status_code == 302
        document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()

    assert document["scoring_version"] == 2
    assert document["verdict"] == case.verdict
    assert document["ladder"]["highest_ready"] == case.highest_ready
    assert document["ladder"]["next"] == case.next_rung
    assert document["ladder"]["closest"] == case.closest
    assert tuple(document["gaps"][:3]) == case.top_gaps
    assert tuple(document["flags"]["raised"]) == case.flags
    assert tuple(document["limited_by"]) == case.limited_by
    aiming_low = document["flags"]["aiming_low"]
    rungs_above = tuple(r["slug"] for r in aiming_low["rungs_above"]) if aiming_low else ()
    assert rungs_above == case.aiming_low_rungs
    assert tuple(s["skill"] for s in document["not_assessed"]) == case.not_assessed
    assert document["reason"]["text"] == verdict_reason_text(document["reason"])

    if not case.not_assessed:
        page = client.get(result_url(assessment)).content.decode()
        assert f'<div class="verdict-badge">{Verdict(case.verdict).label}</div>' in page
        assert escape(document["reason"]["text"]) in page
        # The first screen's heading counts the gaps it lists.
        shown = page.count('<li class="top-gap">')
        heading = {0: "Your gaps", 1: "Your top gap — and the first step for it"}.get(
            shown, f"Your top {shown} gaps — and the first step for each"
        )
        assert f'<h2 id="top-gaps-heading" class="h5">{heading}</h2>' in page


def test_the_experience_cap_is_written_out_with_the_years(client, catalog):
    """Two years, aiming at Senior (3–5 years): the missing years are written out as numbers."""
    (case,) = [c for c in CASES if c.name == "over-claims-with-poor-scenarios"]
    assessment = answer_through_the_pages(client, case)
    client.post(reverse("assessments:review", args=[assessment.pk]))
    document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()
    assert document["experience_gaps"] == [
        {"kind": "experience", "stated_years": 2, "typical_min": 3, "typical_max": 5}
    ]
    page = client.get(result_url(assessment)).content.decode()
    assert "this role usually asks for 3–5 years, you have 2" in page


def test_no_years_means_no_cap_and_the_page_says_so(client, catalog):
    (case,) = [c for c in CASES if c.name == "no-years-given"]
    assessment = answer_through_the_pages(client, case)
    client.post(reverse("assessments:review", args=[assessment.pk]))
    document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()
    assert document["verdict"] == "ready"
    assert document["experience_gaps"] == []
    assert all(rung["experience_gaps"] == [] for rung in document["ladder"]["rungs"])
    assert document["flags"]["experience_not_considered"]
    page = client.get(result_url(assessment)).content.decode()
    assert "Experience was not taken into account" in page


def test_the_page_counts_skills_checked_by_situations_and_lists_what_is_left(
    client, catalog, django_assert_max_num_queries
):
    (case,) = [c for c in CASES if c.name == "experienced-aiming-one-rung-up"]
    assessment = answer_through_the_pages(client, case)
    client.post(reverse("assessments:review", args=[assessment.pk]))
    client.get(result_url(assessment))  # the "submitted" message
    with django_assert_max_num_queries(8):  # four of them time the skills still to answer
        page = client.get(result_url(assessment)).content.decode()
    document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()
    assert document["confidence"]["text"] in page
    # The rung below (Senior) was asked with the target; the rung above still has skills left.
    lead = next(r for r in document["ladder"]["rungs"] if r["rank"] == 5)
    count = len(lead["not_assessed_skills"])
    url = reverse("assessments:extend", args=[assessment.pk, lead["slug"]])
    assert count and (
        f'{count} skills not assessed yet — <a href="{url}">answer them</a> (about ' in page
    )


def test_answer_them_links_the_extension_on_the_page_and_in_the_json(client, catalog):
    """The rung above the target: the page's "answer them" and the JSON's extension lead to
    the extension page, which lists exactly the skills that rung adds."""
    (case,) = [c for c in CASES if c.name == "experienced-aiming-one-rung-up"]
    assessment = answer_through_the_pages(client, case)
    client.post(reverse("assessments:review", args=[assessment.pk]))
    document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()
    lead = next(r for r in document["ladder"]["rungs"] if r["rank"] == 5)
    url = reverse("assessments:extend", args=[assessment.pk, lead["slug"]])
    assert lead["extension"] == {
        "role": lead["slug"],
        "skills": lead["not_assessed_skills"],
        "url": url,
    }
    page = client.get(result_url(assessment)).content.decode()
    assert f'<a href="{url}">answer them</a>' in page

    offer = client.get(url).content.decode()
    count = len(lead["not_assessed_skills"])
    assert f"{count} more skills, about " in offer
    listed = set(re.findall(r'<li data-skill="([\w-]+)"', offer))
    assert listed == set(lead["not_assessed_skills"])


def test_aiming_low_links_each_rung_above_to_its_extension(client, catalog):
    (case,) = [c for c in CASES if c.name == "over-qualified-for-an-entry-role"]
    assessment = answer_through_the_pages(client, case)
    client.post(reverse("assessments:review", args=[assessment.pk]))
    document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()
    page = client.get(result_url(assessment)).content.decode()
    extensions = document["flags"]["aiming_low"]["extension"]
    assert [e["role"] for e in extensions] == list(case.aiming_low_rungs)
    for extension in extensions:
        url = reverse("assessments:extend", args=[assessment.pk, extension["role"]])
        assert extension["url"] == url
        assert f'<a href="{url}">' in page
        assert client.get(url).status_code == 200


def test_the_extension_says_apart_what_the_rung_below_it_adds(client, catalog):
    """From Junior (aiming low) to Team Lead: the page's count is Team Lead's own skills not
    assessed, as the result said; Specialist, the rung below, adds no key skill Team Lead
    does not ask (its minor ones are not asked), so nothing is listed apart. To Director: the
    key skill Manager adds is listed apart."""
    (case,) = [c for c in CASES if c.name == "over-qualified-for-an-entry-role"]
    assessment = answer_through_the_pages(client, case)
    client.post(reverse("assessments:review", args=[assessment.pk]))
    document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()
    lead, director, manager = (
        next(r for r in document["ladder"]["rungs"] if r["rank"] == rank) for rank in (5, 7, 6)
    )
    offer = client.get(lead["extension"]["url"]).content.decode()
    assert f"{len(lead['not_assessed_skills'])} more skills, about " in offer
    assert set(re.findall(r'<li data-skill="([\w-]+)"', offer)) == set(lead["not_assessed_skills"])
    assert re.findall(r'<li data-below-skill="([\w-]+)"', offer) == []
    assert "the rung below, needs too" not in offer
    offer = client.get(director["extension"]["url"]).content.decode()
    assert f"{len(director['not_assessed_skills'])} more skills, about " in offer
    below = set(re.findall(r'<li data-below-skill="([\w-]+)"', offer))
    assert below == {"training-new-hires"}
    assert below <= set(manager["not_assessed_skills"])
    assert "Customer Service Manager, the rung below, needs too" in offer


def test_the_cases_ask_as_many_situations_as_each_roles_questionnaire(catalog):
    caps = {}
    for role in Role.objects.all():
        target, below = questionnaire_rungs(role.pk, current_revision())
        caps[role.slug] = situations_cap(asked_rows(target, below))
    assert caps == SITUATIONS_ASKED


def test_the_result_and_the_extension_page_give_the_same_minutes(client, catalog):
    """From Junior (aiming low) to Director: the result's "answer them (about M minutes)"
    and the extension page's "about M minutes" are one estimate of the same questions:
    Director's skills and the key skills Manager adds not answered yet, with the situations
    the selection may ask of them."""
    (case,) = [c for c in CASES if c.name == "over-qualified-for-an-entry-role"]
    assessment = answer_through_the_pages(client, case)
    client.post(reverse("assessments:review", args=[assessment.pk]))
    document = client.get(reverse("assessments:result_json", args=[assessment.pk])).json()
    (lead,) = [r for r in document["ladder"]["rungs"] if r["rank"] == 7]
    url = lead["extension"]["url"]
    result = client.get(result_url(assessment)).content.decode()
    link = rf'<a href="{re.escape(url)}">answer them</a> \(about (\d+) minutes\)'
    on_result = re.findall(link, result)
    offer = client.get(url).content.decode()
    (on_offer,) = re.findall(r"more skills, about (\d+) minutes", offer)
    role = Role.objects.get(slug=lead["slug"])
    target, below = questionnaire_rungs(role.pk, current_revision())
    rated = set(assessment.ratings.exclude(level=None).values_list("skill_id", flat=True))
    expected = extension_length(target, below, rated)
    assert on_result and set(on_result) == {on_offer} == {str(expected.minutes)}
    assert expected.questions > len(lead["not_assessed_skills"])  # the rung below's skills too
