"""A counselor and a read-only link's holder read the result in the third person: its wording
comes from the one presenter (assessments/presenters.py), for every worked case."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment, PublicLink
from counselors.models import Share
from tests.assessments.scoring_cases import CASES
from tests.assessments.test_scoring_cases_pages import answer_through_the_pages
from tests.html import text_inside

# Aiming low, no years given, the experience cap (leading), answers that cannot be trusted,
# the experience cap (customer-facing) with a ladder that is not ready anywhere.
VIEWER_CASES = [
    case
    for case in CASES
    if case.name
    in {
        "over-qualified-for-an-entry-role",
        "no-years-given",
        "team-lead-aiming-at-manager",
        "same-rating-everywhere",
        "experienced-aiming-one-rung-up",
    }
]
SECOND_PERSON = re.compile(r"[^.:;—]*\byou(?:r|rs|rself|'re|'ve)?\b[^.:;—]*", re.I)


def report_text(html: str) -> str:
    """What the page says about the result: the whole `.result-page`, leaving out the note on
    how the viewer came to see it ("shared with you through a private link", "Shared with you
    by Sam": that "you" is the viewer, rightly) and the catalog's own resource texts (titles,
    providers, descriptions: instructions to whoever follows the step, quoted as written)."""
    return text_inside(html, "result-page", skip=("viewer-note", "catalog-text"))


@pytest.mark.parametrize("case", VIEWER_CASES, ids=lambda case: case.name)
def test_counselor_and_public_views_never_address_the_viewer_as_the_test_taker(
    client, catalog, case, seeker, counselor
):
    assessment = answer_through_the_pages(client, case)
    assert client.post(reverse("assessments:review", args=[assessment.pk])).status_code == 302
    owner_html = client.get(reverse("assessments:result", args=[assessment.pk])).content.decode()
    Assessment.objects.filter(pk=assessment.pk).update(owner=seeker)
    # Everything a viewer may be shown: evidence and answer-quality notes too.
    link = PublicLink.objects.create(
        assessment=assessment,
        expires_at="2099-01-01T00:00:00Z",
        show_evidence=True,
        show_answer_quality=True,
    )
    Share.objects.create(owner=seeker, counselor=counselor, assessment=assessment)
    counselor_client = Client()
    counselor_client.force_login(counselor)
    pages = {
        "public": Client().get(link.get_absolute_url()).content.decode(),
        "counselor": counselor_client.get(
            reverse("counselors:result_detail", args=[assessment.pk])
        ).content.decode(),
    }
    # The owner's page does speak to them, so the check below can find a "you".
    assert SECOND_PERSON.search(report_text(owner_html))
    for viewer, html in pages.items():
        report = report_text(html)
        assert "Skill by skill" in report  # the whole report was read
        assert SECOND_PERSON.findall(report) == [], (viewer, SECOND_PERSON.findall(report))
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert not SECOND_PERSON.search(title), title


def test_viewers_sentences_name_the_person_and_start_with_a_capital():
    from assessments.presenters import counselor_view, owner_view, public_view

    public = public_view(show_evidence=False, show_answer_quality=False)
    counselor = counselor_view("Sam <b>")
    assert public.closest_rung("Lead").startswith("This person is not yet ready")
    assert counselor.closest_rung("Lead") == (
        "Sam &lt;b&gt; is not yet ready for any rung of this ladder; the closest is "
        "<strong>Lead</strong>:"
    )
    assert public.aiming_low == "This person may be aiming low."
    assert counselor.years_above_typical(14, 1).startswith("Sam <b> has 14 years")
    gap = {"kind": "experience", "stated_years": 2, "typical_min": 3, "typical_max": 5}
    assert counselor.experience_gap(gap) == "this role usually asks for 3–5 years, Sam <b> has 2"
    assert owner_view().experience_gap(gap) == "this role usually asks for 3–5 years, you have 2"
    reason = {"kind": "ready", "readiness_percent": 91.0}
    assert public.reason(reason).startswith("This person meets 91%")
    assert owner_view().reason(reason).startswith("You meet 91%")
