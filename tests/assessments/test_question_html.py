"""The questionnaire's questions assembled from cached pieces: the markup Django's widgets and
templates wrote, and never a piece older than the catalog it shows."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from assessments.forms import QuestionnairePageForm
from assessments.models import Assessment
from assessments.question_html import bound_radio_group, input_field, input_html
from assessments.questionnaire import questionnaire_pages
from careers.models import ProficiencyAnchor, ScenarioOption
from careers.revision import current_revision
from tests.assessments.conftest import step_url
from tests.assessments.test_questionnaire_pages import checked_values


def _form(role, data=None, **kwargs):
    pages = questionnaire_pages(role.requirements.all(), rank=role.rank, levels={})
    return QuestionnairePageForm(data, page=pages[0], ask_experience=True, **kwargs)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"note-crm": 'I <led> "it" & more\nline two', "link-crm": "https://example.com/a?b=1&c"},
        {"link-crm": "ftp://example.com", "years_experience": "many", "years_leading": "3"},
    ],
)
def test_inputs_are_drawn_as_djangos_widgets_and_the_field_template_draw_them(role, data):
    form = _form(role, data, initial={"note-crm": "Saved & kept", "years_leading": 4})
    if data is not None:
        form.is_valid()
    for name in ("note-crm", "link-crm", "note-typing", "years_experience", "years_leading"):
        field = form[name]
        drawn = render_to_string("assessments/_input_field.html", {"field": field})
        assert input_field(field) == drawn
        assert input_html(form, name, form.shown_value(name)) == drawn


@pytest.mark.parametrize("data", [None, {"rating-crm": "4", "note-crm": "", "years_leading": "x"}])
def test_a_fields_shown_value_is_its_bound_fields_value(role, data):
    form = _form(
        role,
        data,
        initial={"rating-crm": 2, "note-crm": "Saved", "years_leading": 4},
        prefilled={"rating-typing": 3, "link-crm": "https://example.com/"},
    )
    if data is not None:
        form.is_valid()
    for name in form.fields:
        assert form.shown_value(name) == form[name].value()


def test_a_radio_group_drawn_from_its_pieces_is_the_group_with_that_answer_checked(role):
    form = _form(role)
    group = bound_radio_group(form["rating-crm"], "rating-group")
    for level in (None, 1, 3, 5):
        checked = _form(role, initial={"rating-crm": level})["rating-crm"]
        html = group.html(level)
        assert html == bound_radio_group(checked, "rating-group").html(checked.value())
        assert html.count(" checked") == (0 if level is None else 1)


def test_an_edited_anchor_shows_on_the_next_page_at_once(client, role, start):
    assessment = start(role)
    before = client.get(step_url(assessment, 1)).content.decode()
    anchor = ProficiencyAnchor.objects.get(skill__slug="crm", level=3)
    assert anchor.short_text in before
    revision = current_revision()
    anchor.short_description = "Works the CRM fast during calls."
    anchor.save()
    assert current_revision() != revision
    after = client.get(step_url(assessment, 1)).content.decode()
    assert "Works the CRM fast during calls." in after


def test_an_edited_situation_answer_shows_on_the_next_page_at_once(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 2), {"rating-empathy": "5"})
    situations = client.get(step_url(assessment, 3)).content.decode()
    option = ScenarioOption.objects.filter(item__slug="angry-caller").first()
    assert option.text in situations
    option.text = "Hand the caller a voucher and hope."
    option.save()
    assert (
        "Hand the caller a voucher and hope."
        in client.get(step_url(assessment, 3)).content.decode()
    )


@pytest.mark.parametrize(
    "initial",
    [
        {},
        {"rating-crm": 1, "rating-typing": 5},
        {"rating-crm": 3, "note-crm": "Ran the <CRM> & more"},
        {"rating-crm": 3, "link-crm": "https://example.com/a?b=1&c"},
        {"rating-crm": 4, "rating-typing": 4},
    ],
)
def test_questions_from_kept_cards_are_the_questions_drawn_afresh(role, initial):
    """A card kept whole per skill and checked level (no evidence, no earlier answer) is the
    card drawn field by field, and drawing a second person's answers over the same kept
    cards shows theirs, not the first person's."""
    revision = current_revision()
    first = _form(role, initial={"rating-crm": 2}, revision=revision)
    assert "rating-crm" in first.questions_html  # keeps the cards at level 2
    kept = _form(role, initial=initial, revision=revision).questions_html
    assert kept == _form(role, initial=initial).questions_html  # without a revision: afresh
    assert checked_values(kept, "rating-crm") == (
        [str(initial["rating-crm"])] if "rating-crm" in initial else []
    )
    assert ("Ran the &lt;CRM&gt; &amp; more" in kept) == ("note-crm" in initial)


def test_two_people_on_the_same_cached_page_each_see_only_their_own_answers_and_links(
    role, start, client
):
    mine = start(role)
    client.post(step_url(mine, 1), {"rating-crm": "2", "note-crm": "Mine & only mine"})
    other_browser = Client()
    other_browser.post(reverse("assessments:start", args=[role.slug]))
    theirs = Assessment.objects.exclude(pk=mine.pk).get()
    other_browser.post(step_url(theirs, 1), {"rating-crm": "5", "years_leading": "7"})

    my_page = client.get(step_url(mine, 1)).content.decode()
    their_page = other_browser.get(step_url(theirs, 1)).content.decode()

    assert checked_values(my_page, "rating-crm") == ["2"]
    assert checked_values(their_page, "rating-crm") == ["5"]
    assert "Mine &amp; only mine" in my_page and "Mine &amp; only mine" not in their_page
    assert 'value="7"' in their_page and 'value="7"' not in my_page
    for page, own, other in ((my_page, mine, theirs), (their_page, theirs, mine)):
        assert f'action="{step_url(own, 1)}"' in page
        assert own.get_resume_url() in page and other.get_resume_url() not in page
        assert str(other.pk) not in page
        assert "questionnaire-piece-" not in page
    assert my_page.count("csrfmiddlewaretoken") == their_page.count("csrfmiddlewaretoken")


def test_a_renamed_role_and_category_show_in_the_progress_line_at_once(client, role, start):
    assessment = start(role)
    before = client.get(step_url(assessment, 1)).content.decode()
    assert "Step 1 of 4 · Tools" in before and "<span>Associate</span>" in before
    role.title = "Senior Associate"
    role.save()
    category = role.requirements.get(skill__slug="crm").skill.category
    category.name = "Tools & systems"
    category.save()
    after = client.get(step_url(assessment, 1)).content.decode()
    assert "Step 1 of 4 · Tools &amp; systems" in after
    assert "<span>Senior Associate</span>" in after


def test_a_renamed_skill_shows_in_its_question_and_its_error_at_once(client, role, start):
    assessment = start(role)
    client.get(step_url(assessment, 1))
    skill = role.requirements.get(skill__slug="crm").skill
    skill.name = "Customer records"
    skill.save()
    page = client.get(step_url(assessment, 1)).content.decode()
    assert '<legend class="form-label fs-6">Customer records</legend>' in page
    assert '<legend class="form-label fs-6">CRM software</legend>' not in page
    error = client.post(step_url(assessment, 1), {"rating-crm": "9"}).content.decode()
    assert "Choose one of the five levels for “Customer records”." in error


def test_the_progress_line_follows_each_persons_answers_on_the_same_page(role, start, client):
    mine = start(role)
    other_browser = Client()
    other_browser.post(reverse("assessments:start", args=[role.slug]))
    theirs = Assessment.objects.exclude(pk=mine.pk).get()
    other_browser.post(step_url(theirs, 1), {"rating-crm": "4", "rating-typing": "4"})

    my_page = client.get(step_url(mine, 1)).content.decode()
    their_page = other_browser.get(step_url(theirs, 1)).content.decode()

    assert 'value="0"' in my_page.split("<progress", 1)[1][:80]
    assert 'value="0"' not in their_page.split("<progress", 1)[1][:80]
