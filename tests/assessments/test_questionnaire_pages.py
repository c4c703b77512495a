"""Answering page by page: every Next and Back saves, nothing is ever lost."""

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments import selection
from assessments.models import Assessment, ScenarioAnswer, SkillRating
from tests.assessments.conftest import step_url

# Every save both ways: read from the database, and from the facts a shared cache keeps.
pytestmark = pytest.mark.usefixtures("cache_is_shared")


def checked_values(html: str, name: str) -> list[str]:
    inputs = re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs if " checked" in tag]


def levels(assessment) -> dict[str, int | None]:
    return dict(assessment.ratings.values_list("skill__slug", "level"))


def test_one_page_per_category_with_progress(client, role, start):
    assessment = start(role)
    page_one = client.get(step_url(assessment, 1)).content.decode()
    assert "Step 1 of 4" in page_one
    assert "Tools" in page_one
    assert 'name="rating-crm"' in page_one and 'name="rating-typing"' in page_one
    assert 'name="rating-empathy"' not in page_one
    assert 'name="years_experience"' in page_one
    page_two = client.get(step_url(assessment, 2)).content.decode()
    assert "Step 2 of 4" in page_two
    assert 'name="rating-empathy"' in page_two
    assert 'name="scenario-angry-caller"' not in page_two
    assert 'name="years_experience"' not in page_two
    client.post(step_url(assessment, 2), {"rating-empathy": "3"})
    situations = client.get(step_url(assessment, 3)).content.decode()
    assert "Step 3 of 4 · Situations" in situations
    assert 'name="scenario-angry-caller"' in situations
    assert 'name="rating-empathy"' not in situations


def test_each_level_shows_its_anchor_in_a_fieldset(client, role, start):
    assessment = start(role)
    html = client.get(step_url(assessment, 1)).content.decode()
    assert "<fieldset" in html and "CRM software" in html
    assert "CRM software at 3" in html  # the anchor text of level 3
    assert '<label for="id_rating-crm_2"' in html


def test_each_level_is_labelled_by_its_short_anchor_with_the_full_text_a_tap_away(
    client, role, start
):
    crm = role.requirements.get(skill__slug="crm").skill
    crm.anchors.filter(level=3).update(
        short_description="Works the CRM fast during calls.",
        description="Moves through the CRM quickly while the customer is still talking.",
    )
    assessment = start(role)
    html = client.get(step_url(assessment, 1)).content.decode()

    label = re.search(r'<label for="id_rating-crm_2"[^>]*>(.*?)</label>', html, re.S)[1]
    assert "3 · Competent" in label and "Works the CRM fast during calls." in label
    assert "Moves through the CRM" not in label
    details = re.search(r'<details class="level-details[^"]*">(.*?)</details>', html, re.S)[1]
    assert "<summary>" in details and "CRM software" in details  # named for screen readers
    assert crm.description in details
    assert "Moves through the CRM quickly while the customer is still talking." in details
    assert details.count("<dt>") == 5


def test_next_saves_the_page_and_opens_the_next(client, role, start):
    assessment = start(role)
    response = client.post(
        step_url(assessment, 1),
        {
            "rating-crm": "3",
            "rating-typing": "5",
            "note-crm": "Used Zendesk daily for two years",
            "link-crm": "https://example.org/certificate",
            "years_experience": "4",
            "years_leading": "0",
            "direction": "next",
        },
    )
    assert response.url == step_url(assessment, 2)
    assessment.refresh_from_db()
    assert levels(assessment) == {"crm": 3, "typing": 5}
    crm = assessment.ratings.get(skill__slug="crm")
    assert crm.evidence_note == "Used Zendesk daily for two years"
    assert crm.evidence_url == "https://example.org/certificate"
    assert (assessment.years_experience, assessment.years_leading) == (4, 0)
    assert assessment.last_step == 2


def test_back_keeps_answers(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "2", "direction": "next"})
    client.post(step_url(assessment, 2), {"rating-empathy": "4", "direction": "next"})
    response = client.post(
        step_url(assessment, 3),
        {"scenario-angry-caller": "angry-caller-option-3", "direction": "back"},
    )
    assert response.url == step_url(assessment, 2)
    response = client.post(step_url(assessment, 2), {"direction": "back"})
    assert response.url == step_url(assessment, 1)
    assert checked_values(client.get(step_url(assessment, 1)).content.decode(), "rating-crm") == [
        "2"
    ]
    page_two = client.get(step_url(assessment, 2)).content.decode()
    assert checked_values(page_two, "rating-empathy") == ["4"]
    situations = client.get(step_url(assessment, 3)).content.decode()
    assert checked_values(situations, "scenario-angry-caller") == ["angry-caller-option-3"]


def test_the_last_page_leads_to_the_review(client, role, start):
    assessment = start(role)
    response = client.post(step_url(assessment, 3), {"direction": "review"})
    assert response.url.endswith(f"/assessments/{assessment.pk}/review/")


def test_pages_are_never_cached(client, role, start):
    assessment = start(role)
    assert "no-cache" in client.get(step_url(assessment, 1))["Cache-Control"]


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"rating-crm": "7"}, "Choose one of the five levels for “CRM software”."),
        ({"rating-crm": "abc"}, "Choose one of the five levels for “CRM software”."),
        ({"rating-crm": "0"}, "Choose one of the five levels for “CRM software”."),
        ({"years_experience": "51"}, "Enter a whole number of years, from 0 to 50."),
        ({"years_experience": "-1"}, "Enter a whole number of years, from 0 to 50."),
        ({"years_experience": "three"}, "Enter a whole number of years, from 0 to 50."),
        ({"link-crm": "not a link"}, "Enter a valid URL."),
    ],
)
def test_a_bad_value_is_an_error_on_its_field_and_the_rest_is_saved(
    client, role, start, posted, message
):
    assessment = start(role)
    response = client.post(
        step_url(assessment, 1), {"rating-typing": "4", "direction": "next", **posted}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some answers need another look" in html
    assert message in html
    assert "Everything else on this page has been saved." in html
    assert levels(assessment) == {"typing": 4}
    assessment.refresh_from_db()
    assert assessment.years_experience is None
    assert assessment.last_step == 1


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("ftp://example.org/cv.pdf", "Enter a web address starting with http:// or https://."),
        ("file:///etc/passwd", "Enter a web address starting with http:// or https://."),
        ("javascript:alert(1)", "Enter a web address starting with http:// or https://."),
        ("http://[::1]/", "Enter a public web address"),
        ("http://127.0.0.1:8000/admin/", "Enter a public web address"),
        ("https://10.1.2.3/", "Enter a public web address"),
        ("http://192.168.0.1/", "Enter a public web address"),
        ("http://169.254.169.254/latest/meta-data/", "Enter a public web address"),
        ("http://localhost/", "Enter a public web address"),
    ],
)
def test_an_evidence_link_is_a_public_http_or_https_address(client, role, start, link, message):
    assessment = start(role)
    response = client.post(step_url(assessment, 1), {"link-crm": link, "rating-crm": "3"})
    assert message in response.content.decode()
    assert assessment.ratings.get(skill__slug="crm").evidence_url == ""


@pytest.mark.parametrize(
    ("link", "stored"),
    [
        ("http://example.org/cv", "http://example.org/cv"),
        ("https://93.184.215.14/cert", "https://93.184.215.14/cert"),
        ("example.org/portfolio", "https://example.org/portfolio"),
    ],
)
def test_public_http_and_https_links_are_kept(client, role, start, link, stored):
    assessment = start(role)
    assert client.post(step_url(assessment, 1), {"link-crm": link}).status_code == 302
    assert assessment.ratings.get(skill__slug="crm").evidence_url == stored


def test_the_error_summary_links_to_the_field(client, role, start):
    assessment = start(role)
    html = client.post(step_url(assessment, 1), {"rating-crm": "9"}).content.decode()
    assert 'href="#div_id_rating-crm"' in html
    assert 'id="div_id_rating-crm"' in html


def test_an_option_of_another_item_is_refused(client, role, start, make_scenario, make_skill):
    other = make_scenario(make_skill(), "other-item")
    assessment = start(role)
    client.post(step_url(assessment, 2), {"rating-empathy": "3"})
    response = client.post(
        step_url(assessment, 3), {"scenario-angry-caller": other.options.first().slug}
    )
    assert "Choose one of the answers shown for this situation." in response.content.decode()
    assert not ScenarioAnswer.objects.exists()
    assert levels(assessment) == {"empathy": 3}


def test_an_empty_rating_keeps_the_saved_one(client, role, start):
    # Found by the fuzz test: an empty value used to reach the database as "".
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "4"})
    response = client.post(step_url(assessment, 1), {"rating-crm": "", "rating-typing": ""})
    assert response.status_code == 302
    assert levels(assessment) == {"crm": 4}


def test_unknown_field_names_are_ignored(client, role, start):
    assessment = start(role)
    response = client.post(
        step_url(assessment, 1),
        {"rating-crm": "3", "rating-empathy": "5", "rating-nonexistent": "2", "hack": "x"},
    )
    assert response.status_code == 302
    assert levels(assessment) == {"crm": 3}


def test_saving_one_page_never_touches_another(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 2), {"rating-empathy": "5", "note-empathy": "Volunteer"})
    # A second tab still showing page 1 saves it later.
    client.post(step_url(assessment, 1), {"rating-crm": "1", "note-crm": ""})
    empathy = assessment.ratings.get(skill__slug="empathy")
    assert (empathy.level, empathy.evidence_note) == (5, "Volunteer")


def test_a_rating_posted_alone_keeps_the_evidence(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "2", "note-crm": "Zendesk admin"})
    client.post(step_url(assessment, 1), {"rating-crm": "3"})
    crm = assessment.ratings.get(skill__slug="crm")
    assert (crm.level, crm.evidence_note) == (3, "Zendesk admin")


def test_evidence_can_be_given_before_a_level_and_cleared(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"note-crm": "Helpdesk course", "link-crm": ""})
    assert assessment.ratings.get(skill__slug="crm").level is None
    client.post(step_url(assessment, 1), {"note-crm": "", "link-crm": ""})
    assert assessment.ratings.get(skill__slug="crm").evidence_note == ""


def test_blank_text_fields_create_no_rows(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"note-crm": "", "link-crm": "", "note-typing": ""})
    assert not SkillRating.objects.exists()


def test_posting_to_a_submitted_assessment_changes_nothing(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "2"})
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.SUBMITTED, submitted_at="2026-01-01T00:00:00Z"
    )
    response = client.post(step_url(assessment, 1), {"rating-crm": "5"})
    assert response.url == reverse("assessments:result", args=[assessment.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "This assessment is already submitted; nothing was changed."
    ]
    assert levels(assessment) == {"crm": 2}


def test_a_step_beyond_the_last_page_opens_the_review(client, role, start):
    assessment = start(role)
    assert client.get(step_url(assessment, 9)).url.endswith("/review/")
    assert client.get(step_url(assessment, 0)).url == step_url(assessment, 1)


@pytest.mark.parametrize("extra_skills", [0, 30])
def test_a_page_runs_a_fixed_number_of_queries(
    client,
    role,
    start,
    extra_skills,
    make_skill,
    make_requirement,
    make_scenario,
    cache_is_shared,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    tools = role.requirements.get(skill__slug="crm").skill.category
    for n in range(extra_skills):
        skill = make_skill(category=tools)
        make_requirement(role=role, skill=skill)
        make_scenario(skill, f"extra-{n}")
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "3"})
    # Warm: the questionnaire rows come from the per-revision cache (careers.revision). The
    # session, then the attempt with its answers and the catalog revision in one query.
    with django_assert_max_num_queries(2):
        assert client.get(step_url(assessment, 1)).status_code == 200
    answers = {f"rating-{r.skill.slug}": "3" for r in role.requirements.select_related("skill")}
    # The ratings' upsert and the attempt's progress: on PostgreSQL one statement, elsewhere
    # two in a transaction (its savepoint and release in a test). With a shared cache that is
    # all (the attempt's kept facts say who may write it); else the same two reads first.
    write = 1 if connection.vendor == "postgresql" else 4
    with django_assert_num_queries(write if cache_is_shared else write + 2):
        assert client.post(step_url(assessment, 1), answers).status_code == 302
    assert set(levels(assessment).values()) == {3}


def test_a_rating_page_chooses_no_situations_while_a_rating_is_missing(
    client, role, start, monkeypatch
):
    """Its cost follows what it shows: the situations are chosen from every rating of the
    questionnaire, which a page of self-ratings needs only once every skill is rated (its
    progress line then counts the items chosen)."""
    assessment = start(role)
    client.get(step_url(assessment, 1))  # the questionnaire's shape, built once
    chosen = []
    select_items = selection.select_items
    monkeypatch.setattr(
        selection, "select_items", lambda *a, **k: chosen.append(1) or select_items(*a, **k)
    )
    assert client.get(step_url(assessment, 1)).status_code == 200
    assert client.post(step_url(assessment, 1), {"rating-crm": "4"}).status_code == 302
    assert client.get(step_url(assessment, 2)).status_code == 200
    assert chosen == []
    assert "Situation" in client.get(step_url(assessment, 3)).content.decode()
    assert chosen == [1]


def test_a_stranger_cannot_post_answers(role, start):
    assessment = start(role)
    assert Client().post(step_url(assessment, 1), {"rating-crm": "5"}).status_code == 404
    assert not SkillRating.objects.exists()


def test_autosave_saves_without_moving_on(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "3", "direction": "next"})
    response = client.post(step_url(assessment, 2), {"rating-empathy": "4", "direction": "stay"})
    assert response.url == step_url(assessment, 2)
    assessment.refresh_from_db()
    assert assessment.last_step == 2
    assert levels(assessment) == {"crm": 3, "empathy": 4}


def form_values(html: str) -> dict[str, str]:
    """What a browser would post from the page as rendered: hidden inputs, checked radios,
    text and number inputs and textareas (values unescaped only for what these tests use)."""
    values = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        if 'type="radio"' in tag and " checked" not in tag:
            continue
        values[name.group(1)] = value.group(1) if value else ""
    for name, text in re.findall(
        r'<textarea[^>]*name="([^"]*)"[^>]*>\n?(.*?)</textarea>', html, re.S
    ):
        values[name] = text
    return values


def test_a_stale_tab_never_blanks_what_another_tab_saved(client, role, start):
    assessment = start(role)
    tab_a = form_values(client.get(step_url(assessment, 1)).content.decode())
    tab_b = form_values(client.get(step_url(assessment, 1)).content.decode())
    client.post(
        step_url(assessment, 1),
        {
            **tab_a,
            "rating-typing": "4",
            "note-crm": "Zendesk admin for two years",
            "link-crm": "https://example.org/certificate",
            "years_experience": "5",
            "direction": "stay",
        },
    )
    # Tab B, still showing the empty page, autosaves a rating.
    response = client.post(
        step_url(assessment, 1), {**tab_b, "rating-crm": "3", "direction": "stay"}
    )

    assert response.status_code == 302
    crm = assessment.ratings.get(skill__slug="crm")
    assert (crm.level, crm.evidence_note, crm.evidence_url) == (
        3,
        "Zendesk admin for two years",
        "https://example.org/certificate",
    )
    assert levels(assessment) == {"crm": 3, "typing": 4}
    assessment.refresh_from_db()
    assert assessment.years_experience == 5


def test_a_stale_tab_never_reverts_a_rating_changed_in_another_tab(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "2", "rating-typing": "2"})
    stale = form_values(client.get(step_url(assessment, 1)).content.decode())
    client.post(step_url(assessment, 1), {**stale, "rating-typing": "5"})  # the other tab
    client.post(step_url(assessment, 1), {**stale, "rating-crm": "4", "direction": "next"})
    assert levels(assessment) == {"crm": 4, "typing": 5}


def test_evidence_changed_back_to_what_the_page_showed_is_still_saved(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"note-crm": "First note"})
    page = form_values(client.get(step_url(assessment, 1)).content.decode())
    assert page["initial-note-crm"] == "First note"
    client.post(step_url(assessment, 1), {**page, "note-crm": ""})
    assert assessment.ratings.get(skill__slug="crm").evidence_note == ""


def test_after_an_error_the_page_shows_what_was_saved_as_its_baseline(client, role, start):
    assessment = start(role)
    page = form_values(client.get(step_url(assessment, 1)).content.decode())
    response = client.post(
        step_url(assessment, 1), {**page, "note-crm": "Saved", "link-crm": "ftp://x.org/"}
    )
    again = form_values(response.content.decode())
    assert (again["initial-note-crm"], again["initial-link-crm"]) == ("Saved", "")
