"""Arbitrary POSTs to a questionnaire page: never a server error, and saved answers change only
where a valid answer was posted."""

import re
import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessments.models import Assessment
from tests.assessments.conftest import step_url

RATINGS = ["rating-crm", "rating-typing", "rating-empathy", "rating-unknown"]
OWN_OPTIONS = [f"angry-caller-option-{n}" for n in range(1, 5)]
VALUES = ["1", "2", "3", "4", "5", "0", "6", "-1", " 3", "3.0", "abc", "", *OWN_OPTIONS]

names = st.one_of(
    st.sampled_from([*RATINGS, "scenario-angry-caller", "scenario-other", "years_experience"]),
    st.text(string.ascii_letters + string.digits + "-_[]", max_size=20).filter(
        lambda name: not name.startswith(("note-", "link-", "csrf"))
    ),
)
values = st.one_of(st.sampled_from(VALUES), st.text(max_size=12))
posts = st.dictionaries(names, values, max_size=8)


def state(assessment: Assessment) -> dict:
    assessment.refresh_from_db()
    return {
        "levels": dict(assessment.ratings.values_list("skill__slug", "level")),
        "evidence": {
            slug: (note, url)
            for slug, note, url in assessment.ratings.values_list(
                "skill__slug", "evidence_note", "evidence_url"
            )
        },
        "scenario": dict(assessment.scenario_answers.values_list("item__slug", "option__slug")),
        "years": assessment.years_experience,
    }


def expected(before: dict, posted: dict, page: int) -> dict:
    after = {**before, "levels": dict(before["levels"]), "scenario": dict(before["scenario"])}
    page_skills = {1: ["crm", "typing"], 2: ["empathy"]}.get(page, [])
    for slug in page_skills:
        if posted.get(f"rating-{slug}") in {"1", "2", "3", "4", "5"}:
            after["levels"][slug] = int(posted[f"rating-{slug}"])
    # The situation is asked (page 3) while the empathy rating reaches the required 3.
    claimed = (before["levels"].get("empathy") or 0) >= 3
    if page == 3 and claimed and posted.get("scenario-angry-caller") in OWN_OPTIONS:
        after["scenario"]["angry-caller"] = posted["scenario-angry-caller"]
    if page == 1 and "years_experience" in posted:
        text = posted["years_experience"]
        if not text.strip():
            after["years"] = None  # the person emptied the field
        elif (years := whole_years(text)) is not None:
            after["years"] = years
    return after


def whole_years(text: str) -> int | None:
    """What Django's IntegerField accepts ("3", " 3 ", "3.0", "+3"), within 0–50."""
    try:
        value = int(re.sub(r"\.0*\s*$", "", text.strip()))
    except ValueError:
        return None
    return value if 0 <= value <= 50 else None


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(posted=posts, page=st.sampled_from([1, 2, 3]))
# Found by chance: a years field holding only whitespace was an error (years kept) where the
# person had emptied it, and whitespace that int() does not strip (U+001C) broke a number.
@example(posted={"years_experience": " "}, page=1)
@example(posted={"years_experience": "\x1c3"}, page=1)
def test_arbitrary_posts_never_fail_and_only_change_what_was_validly_posted(
    client, role, start, posted, page
):
    assessment = Assessment.objects.first() or start(role)
    if not assessment.ratings.exists():
        client.post(
            step_url(assessment, 1),
            {"rating-crm": "2", "note-crm": "Kept", "years_experience": "5"},
        )
        client.post(step_url(assessment, 2), {"rating-empathy": "4"})
    before = state(assessment)
    response = client.post(step_url(assessment, page), posted)
    assert response.status_code in (200, 302)
    after = state(assessment)
    want = expected(before, posted, page)
    assert after["levels"] == {k: v for k, v in want["levels"].items() if v is not None}
    assert after["scenario"] == want["scenario"]
    assert after["evidence"] == {
        slug: before["evidence"].get(slug, ("", "")) for slug in after["evidence"]
    }
    assert after["years"] == want["years"]
