"""“Which careers fit me?”: the 35-skill questionnaire, the ranking of every role with its
filters and the desirable mark, and each row's gap report — on a slice of the shipped O*NET
and BLS data."""

import re
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from assessments.access import STARTED_KEY
from assessments.explore import RANKS_PER_PAGE
from assessments.models import Assessment, Result
from assessments.questionnaire import questionnaire_length
from assessments.scoring import VERDICT_ORDER, Verdict
from careers.models import Occupation, Role, Skill
from careers.revision import current_revision, questionnaire_requirements
from careers.skills_profile import skills_profile
from tests.careers.occupations.slice import (
    ACTORS,
    CASHIERS,
    CSR,
    PAGE_CODES,
    PROJECT_MANAGERS,
    RETAIL,
    SUPERVISOR,
    shipped_slice,
)

ATTRIBUTION = "includes information from the O*NET 29.0 Database"


@pytest.fixture(scope="session")
def occupation_files(tmp_path_factory):
    return shipped_slice(tmp_path_factory.mktemp("onet"), PAGE_CODES)


@pytest.fixture
def occupations(db, occupation_files):
    folder, wages = occupation_files
    call_command(
        "load_occupations", "--onet", str(folder), "--wages", str(wages), stdout=StringIO()
    )


@pytest.fixture
def profile_role(occupations):
    return skills_profile()


@pytest.fixture
def make_profile(client, profile_role):
    """A submitted profile of this browser, every O*NET skill rated `level` but those in
    `unrated`, through the pages."""

    def make(level: int = 3, unrated: tuple[str, ...] = (), **levels: int) -> Assessment:
        response = client.post(reverse("assessments:start", args=[profile_role.slug]))
        assert response.status_code == 302
        profile = Assessment.objects.get(pk=client.session[STARTED_KEY][-1])
        for skill in Skill.objects.exclude(onet_element_id="").exclude(name__in=unrated):
            profile.ratings.create(skill=skill, level=levels.get(skill.slug, level))
        if unrated:  # the review refuses gaps; a profile can still lack skills (e.g. new ones)
            profile.status, profile.submitted_at = Assessment.Status.SUBMITTED, profile.started_at
            profile.save()
        else:
            response = client.post(reverse("assessments:review", args=[profile.pk]))
            assert response.status_code == 302
        return profile

    return make


def ranking(client, profile, **filters):
    return client.get(reverse("assessments:explore_ranking", args=[profile.pk]), filters)


def role_of(code: str) -> Role:
    return Role.objects.get(onet_soc_code=code)


# --- The questionnaire ------------------------------------------------------------------------


def test_the_skills_profile_asks_every_onet_skill_and_is_no_job(profile_role):
    rows = questionnaire_requirements(profile_role.pk, current_revision())
    # The slice's occupations rate 31 of O*NET's 35 skills; the shipped data all 35.
    assert len(rows) == Skill.objects.exclude(onet_element_id="").count() >= 30
    assert not Role.objects.jobs().filter(pk=profile_role.pk).exists()


def test_the_questionnaire_takes_at_most_ten_minutes_by_the_one_estimate(profile_role):
    rows = questionnaire_requirements(profile_role.pk, current_revision())
    assert questionnaire_length(row.skill for row in rows).minutes <= 10


def test_the_start_page_says_how_long_and_credits_onet(client, profile_role):
    page = client.get(reverse("assessments:explore")).content.decode()
    minutes = int(re.search(r"About (\d+) minutes", page)[1])
    assert 1 <= minutes <= 10
    assert "31 skills" in page
    assert ATTRIBUTION in page
    assert reverse("assessments:start", args=[profile_role.slug]) in page


def test_the_home_page_the_navigation_and_occupation_pages_link_to_it(client, occupations):
    url = reverse("assessments:explore")
    assert url in client.get(reverse("careers:home")).content.decode()
    occupation = client.get(reverse("careers:occupation_detail", args=[CASHIERS]))
    assert f'href="{url}"' in occupation.content.decode()


def test_a_page_rates_onet_skills_against_their_levels_without_asking_years(client, profile_role):
    client.post(reverse("assessments:start", args=[profile_role.slug]))
    profile = Assessment.objects.get(pk=client.session[STARTED_KEY][-1])
    page = client.get(reverse("assessments:step", args=[profile.pk, 1])).content.decode()
    assert 'name="rating-onet-reading-comprehension"' in page
    assert "Read step-by-step instructions for completing a form" in page
    assert "Years in customer-facing work" not in page
    assert ATTRIBUTION in page


def test_answers_are_saved_and_submitting_opens_the_ranking(client, profile_role):
    client.post(reverse("assessments:start", args=[profile_role.slug]))
    profile = Assessment.objects.get(pk=client.session[STARTED_KEY][-1])
    client.post(
        reverse("assessments:step", args=[profile.pk, 1]),
        {"rating-onet-reading-comprehension": "4", "direction": "next"},
    )
    assert profile.ratings.get(skill__slug="onet-reading-comprehension").level == 4
    for skill in Skill.objects.exclude(slug="onet-reading-comprehension").filter(
        onet_element_id__gt=""
    ):
        profile.ratings.create(skill=skill, level=3)
    response = client.post(reverse("assessments:review", args=[profile.pk]))
    assert response.url == reverse("assessments:explore_ranking", args=[profile.pk])
    assert not Result.objects.filter(assessment=profile).exists()  # ranked, never scored


def test_the_start_page_offers_the_latest_ranking(client, make_profile):
    profile = make_profile()
    page = client.get(reverse("assessments:explore")).content.decode()
    assert reverse("assessments:explore_ranking", args=[profile.pk]) in page


# --- The ranking ------------------------------------------------------------------------------


def test_every_rated_occupation_is_ranked_with_match_coverage_verdict_pay_and_job_zone(
    client, make_profile
):
    profile = make_profile(level=3)
    response = ranking(client, profile)
    page = response.content.decode()
    assert response.status_code == 200
    rows = response.context["page_obj"].object_list
    assert {row.role.onet_code for row in rows} == {CSR, SUPERVISOR, RETAIL, ACTORS, CASHIERS}
    assert "Which careers fit me?" not in {row.role.title for row in rows}
    for row in rows:
        assert row.coverage_percent == 100.0
        assert row.match_percent is not None
    assert "$44,770" in page  # customer service representatives
    assert "Customer Service Representatives" in page
    assert "Job Zone" in page
    assert ATTRIBUTION in page
    assert "Occupational Employment and Wage Statistics" in page


def test_rows_are_strong_and_ready_first_the_others_by_match_with_the_three_biggest_gaps(
    client, make_profile
):
    profile = make_profile(level=2)
    rows = ranking(client, profile).context["page_obj"].object_list
    bands = [(row.is_strong, VERDICT_ORDER[row.verdict]) for row in rows if row.has_verdict]
    assert bands == sorted(bands, reverse=True)
    for earlier, later in pairwise(rows):
        same_band = (earlier.is_strong, earlier.verdict) == (later.is_strong, later.verdict)
        if same_band and earlier.verdict == Verdict.READY:
            assert earlier.closeness <= later.closeness  # nothing named: no zone, no relatedness
        elif same_band:
            assert earlier.match_percent >= later.match_percent
    assert all(len(row.gaps) <= 3 for row in rows)
    assert any(row.gaps for row in rows)


def test_an_occupation_without_skill_ratings_gets_no_row(client, make_profile):
    assert Occupation.objects.filter(code=PROJECT_MANAGERS).exists()
    rows = ranking(client, make_profile()).context["page_obj"].object_list
    assert PROJECT_MANAGERS not in {row.role.onet_code for row in rows}


def test_an_occupation_whose_key_skills_are_unrated_says_not_enough_answers(client, make_profile):
    profile = make_profile(level=5, unrated=("Active Listening", "Speaking", "Service Orientation"))
    response = ranking(client, profile)
    rows = response.context["page_obj"].object_list
    csr = next(row for row in rows if row.role.onet_code == CSR)
    assert not csr.has_verdict and csr.match_percent is not None
    assert rows.index(csr) > max(i for i, row in enumerate(rows) if row.has_verdict)
    assert "Not enough answers" in response.content.decode()


def test_the_ranking_is_paginated(client, make_profile, monkeypatch):
    monkeypatch.setattr("assessments.explore.RANKS_PER_PAGE", 2)
    profile = make_profile()
    assert "Page 1 of 3" in ranking(client, profile).content.decode()
    assert "Page 3 of 3" in ranking(client, profile, page="3").content.decode()
    assert ranking(client, profile, page="x").status_code == 200
    assert RANKS_PER_PAGE == 25


def test_the_ranking_runs_a_fixed_number_of_queries(
    client, make_profile, django_assert_max_num_queries
):
    profile = make_profile()
    ranking(client, profile)  # the matrix, read once per catalog revision
    with django_assert_max_num_queries(7):
        page = ranking(client, profile, q="cashier", job_zone="2", min_pay="1000", current="cash")
    assert page.status_code == 200


def test_the_ranking_is_drawn_once_per_profile_revision_and_query(
    client, make_profile, monkeypatch, django_assert_max_num_queries
):
    profile = make_profile()
    first = ranking(client, profile, q="customer").content.decode()

    def no_ranking(*args, **kwargs):
        raise AssertionError("ranked again")

    monkeypatch.setattr("assessments.explore.rank", no_ranking)
    monkeypatch.setattr("assessments.explore.render_to_string", no_ranking)
    # session, the profile, the catalog revision: no ratings, no search, no rows drawn
    with django_assert_max_num_queries(3):
        again = ranking(client, profile, q="customer").content.decode()

    def rows(page: str) -> str:
        rows = page.split("<h1", 1)[1].split('<form id="gap-report"', 1)[0]
        return re.sub(r"\n\s+", "\n", rows)  # a kept page is kept without its indentation

    assert rows(again) == rows(first)


def test_a_catalog_edit_shows_on_the_ranking_at_once(client, make_profile):
    profile = make_profile()
    assert "Customer Service Representatives" in ranking(client, profile).content.decode()
    csr = role_of(CSR)
    csr.title = "Customer Care Representatives"
    csr.save()  # a catalog edit moves the catalog revision
    page = ranking(client, profile).content.decode()
    assert "Customer Care Representatives" in page
    assert "Customer Service Representatives" not in page


def test_the_gap_report_buttons_post_the_pages_one_form_with_its_csrf_token(client, make_profile):
    profile = make_profile(level=2)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    page = ranking(strict, profile).content.decode()
    form = re.search(r'<form id="gap-report" method="post" hidden>(.*?)</form>', page, re.S)[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    action = re.search(r'form="gap-report" formaction="([^"]+)"', page)[1]
    response = strict.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Assessment.objects.filter(profile=profile).count() == 1


# --- Filters ----------------------------------------------------------------------------------


def test_filters_by_job_zone_minimum_pay_and_keyword(client, make_profile):
    profile = make_profile()
    by_zone = ranking(client, profile, job_zone="2").context["page_obj"].object_list
    assert by_zone and {row.role.job_zone for row in by_zone} == {2}
    by_pay = ranking(client, profile, min_pay="$40,000").context["page_obj"].object_list
    assert by_pay and all(row.role.median_pay >= 40_000 for row in by_pay)
    assert ACTORS not in {row.role.onet_code for row in by_pay}  # pay not published
    by_title = ranking(client, profile, q="retail").context["page_obj"].object_list
    assert RETAIL in {row.role.onet_code for row in by_title}
    assert not {CSR, ACTORS} & {row.role.onet_code for row in by_title}
    by_other_title = ranking(client, profile, q="fast food cashier").context["page_obj"]
    assert [row.role.onet_code for row in by_other_title.object_list] == [CASHIERS]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"q": "a"}, "Type at least 2 characters"),
        ({"q": "x" * 500}, "at most 100 characters"),
        ({"min_pay": "lots"}, "Enter dollars a year as a whole number"),
        ({"min_pay": "-5"}, "Enter dollars a year as a whole number"),
        ({"job_zone": "9"}, "Choose a Job Zone from 1 to 5"),
        ({"current": "x" * 500}, "at most 100 characters"),
    ],
)
def test_a_bad_filter_says_so_and_still_ranks(client, make_profile, filters, message):
    response = ranking(client, make_profile(), **filters)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 5


@pytest.mark.parametrize(
    "text", ["'; DROP TABLE careers_occupation; --", "<script>alert(1)</script>", "%_%"]
)
def test_sql_or_html_in_the_keyword_is_just_text(client, make_profile, text):
    profile = make_profile()
    response = ranking(client, profile, q=text, current=text)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in page
    assert "No occupation matches these filters" in page
    assert Occupation.objects.count() == len(PAGE_CODES)


# --- Current occupation and "desirable" -------------------------------------------------------


def test_naming_a_current_occupation_marks_moves_that_keep_75_percent_of_its_pay(
    client, make_profile
):
    profile = make_profile()
    response = ranking(client, profile, current="Customer Service Representatives")
    rows = response.context["page_obj"].object_list
    floor = 0.75 * 44_770
    for row in rows:
        pay = row.role.median_pay
        assert row.desirable == (pay is not None and pay >= floor)
    assert any(row.desirable for row in rows) and not all(row.desirable for row in rows)
    page = response.content.decode()
    assert "Your current occupation: <strong>Customer Service Representatives</strong>" in page
    assert "Desirable" in page


def test_desirable_needs_both_wages_known(client, make_profile):
    profile = make_profile()
    response = ranking(client, profile, current=ACTORS)  # BLS publishes no annual pay
    assert not any(row.desirable for row in response.context["page_obj"].object_list)
    assert "no move is marked desirable" in response.content.decode()
    rows = ranking(client, profile, current=CASHIERS).context["page_obj"].object_list
    assert not next(row for row in rows if row.role.onet_code == ACTORS).desirable


def test_words_that_fit_several_occupations_ask_which_one(client, make_profile):
    profile = make_profile()
    page = ranking(client, profile, current="sales").content.decode()
    assert "Which occupation do you mean" in page
    assert f"current={RETAIL}" in page
    page = ranking(client, profile, current="zzzz").content.decode()
    assert "No occupation has the title “zzzz”" in page


# --- Ownership --------------------------------------------------------------------------------


def test_another_browser_cannot_see_the_ranking_or_make_a_gap_report(client, make_profile):
    profile = make_profile()
    stranger = Client()
    assert ranking(stranger, profile).status_code == 404
    url = reverse("assessments:explore_gap_report", args=[profile.pk, role_of(CSR).slug])
    assert stranger.post(url).status_code == 404
    assert not Assessment.objects.filter(profile=profile).exists()


def test_an_unfinished_profile_opens_its_questionnaire_and_an_assessment_is_no_profile(
    client, profile_role, make_submitted
):
    client.post(reverse("assessments:start", args=[profile_role.slug]))
    profile = Assessment.objects.get(pk=client.session[STARTED_KEY][-1])
    assert ranking(client, profile).url == reverse("assessments:step", args=[profile.pk, 1])
    other = make_submitted(role_of(CSR))
    session = client.session
    session[STARTED_KEY] = [*session[STARTED_KEY], str(other.pk)]
    session.save()
    assert ranking(client, other).status_code == 404


def test_the_gap_report_form_needs_a_csrf_token(make_profile, client):
    profile = make_profile()
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    url = reverse("assessments:explore_gap_report", args=[profile.pk, role_of(CSR).slug])
    assert strict.post(url).status_code == 403


# --- Gap report -------------------------------------------------------------------------------


def test_a_row_opens_the_gap_report_of_that_occupation_as_a_result(client, make_profile):
    profile = make_profile(level=2)
    csr = role_of(CSR)
    url = reverse("assessments:explore_gap_report", args=[profile.pk, csr.slug])
    response = client.post(url)
    report = Assessment.objects.get(profile=profile)
    assert response.url == reverse("assessments:result", args=[report.pk])
    assert report.role == csr and report.is_submitted
    assert report.ratings.count() == csr.requirements.filter(required_level__gt=0).count()
    page = client.get(response.url).content.decode()
    assert "How ready you are for Customer Service Representatives" in page
    assert "Make this my plan" in page
    assert reverse("assessments:explore_ranking", args=[profile.pk]) in page
    assert client.post(url).url == response.url  # asked again: the same report
    assert Assessment.objects.filter(profile=profile).count() == 1


def test_a_gap_report_scores_only_the_occupation_not_its_whole_track(client, make_profile):
    profile = make_profile()
    client.post(
        reverse("assessments:explore_gap_report", args=[profile.pk, role_of(CASHIERS).slug])
    )
    document = Assessment.objects.get(profile=profile).results.get().document
    assert [rung["slug"] for rung in document["ladder"]["rungs"]] == [role_of(CASHIERS).slug]


def test_the_skills_profile_is_no_role_to_report_on(client, make_profile, profile_role):
    profile = make_profile()
    url = reverse("assessments:explore_gap_report", args=[profile.pk, profile_role.slug])
    assert client.post(url).status_code == 404
    page = client.get(reverse("careers:role_detail", args=[profile_role.slug]))
    assert page.url == reverse("assessments:explore")


# --- The order seen from the current occupation -----------------------------------------------


def test_naming_a_current_occupation_puts_it_and_its_relatives_first(client, make_profile):
    profile = make_profile(level=5)  # ready for every occupation of the slice
    rows = ranking(client, profile, current=CSR).context["page_obj"].object_list
    assert rows[0].role.onet_code == CSR
    assert rows[0].relatedness == "same"
    related = [row.relatedness is not None for row in rows if row.is_strong]
    assert related == sorted(related, reverse=True)
    page = ranking(client, profile, current=CSR).content.decode()
    assert "How we order these:" in page and "O*NET relates to the current occupation" in page


def test_a_role_two_job_zones_above_the_current_occupation_comes_after_and_is_marked(
    client, make_profile
):
    Occupation.objects.filter(code=SUPERVISOR).update(job_zone_id=4)  # two above cashiers' 2
    profile = make_profile(level=5)
    response = ranking(client, profile, current=CASHIERS)
    rows = response.context["page_obj"].object_list
    supervisor = next(row for row in rows if row.role.onet_code == SUPERVISOR)
    assert supervisor.beyond_reach and not supervisor.is_strong
    assert all(row.is_strong for row in rows[: rows.index(supervisor)])
    assert "More preparation" in response.content.decode()
    page = ranking(client, profile).content.decode()  # nothing named: no zone to measure from
    assert "More preparation" not in page and "Name a current occupation" in page
