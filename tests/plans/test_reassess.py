"""Re-assessing closes the loop: a new result for the plan's role marks achieved the steps it
now reaches, and the plan shows each skill's level before and after."""

from django.urls import reverse

from assessments.models import SkillRating
from assessments.services import assessment_start
from plans.models import Plan
from plans.services import plan_reassessed, step_done


def test_a_new_result_marks_reached_steps_achieved_with_the_date(
    plan, seeker, role, make_submitted
):
    make_submitted(role, owner=seeker, level=2)  # every skill up from 1 to 2 (3 required)
    steps = list(plan.steps.order_by("order"))
    achieved = [(s.from_level, s.to_level) for s in steps if s.status == "achieved"]
    assert achieved == [(1, 2)] * 3  # the 2→3 steps are still open
    assert all(s.achieved_at for s in steps if s.status == "achieved")
    plan.refresh_from_db()
    assert plan.skills_after == {"crm": 2, "typing": 2, "empathy": 2}
    assert plan.events.filter(kind="reassessed").exists()


def test_the_plan_shows_before_and_after_per_skill(client, plan, seeker, role, make_submitted):
    make_submitted(role, owner=seeker, level=3)
    client.force_login(seeker)
    page = client.get(plan.get_absolute_url()).content.decode()
    row = page.split('data-skill="crm"')[1].split("</tr>")[0]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells[-3:] == ["1", "3", "3"]  # before, after, required
    # Empathy measures 2 (its scenario answer pulls it down): its 2→3 step stays open.
    assert "5 of 6 steps" in page


def test_another_persons_result_for_the_role_changes_nothing(plan, role, make_user, make_submitted):
    make_submitted(role, owner=make_user("someone-else"), level=5)
    assert not plan.steps.filter(status="achieved").exists()


def test_a_new_attempt_starts_with_the_evidence_of_done_steps(plan, seeker, role):
    step = plan.steps.get(order=1)
    step_done(
        step=step,
        actor=seeker,
        evidence_note="Passed the CRM course",
        evidence_url="https://example.org/cert",
    )
    attempt = assessment_start(role=role, owner=seeker)
    rating = SkillRating.objects.get(assessment=attempt, skill__slug=step.skill)
    assert (rating.level, rating.evidence_note, rating.evidence_url) == (
        None,
        "Passed the CRM course",
        "https://example.org/cert",
    )


def test_the_questionnaire_page_shows_the_prefilled_evidence(client, plan, seeker, role):
    step = plan.steps.get(order=1)
    step_done(step=step, actor=seeker, evidence_note="Passed the CRM course")
    client.force_login(seeker)
    client.post(reverse("assessments:start", args=[role.slug]))
    attempt = seeker.assessments.order_by("-started_at").first()
    page = client.get(reverse("assessments:step", args=[attempt.pk, 1])).content.decode()
    assert "Passed the CRM course" in page


def test_an_attempt_made_outside_assessment_start_gets_no_evidence_filled_in(plan, seeker, role):
    """Only starting an attempt fills evidence in: code that makes an attempt and then its
    ratings itself (fixtures, the benchmark generator) must not collide with filled-in rows."""
    from assessments.models import Assessment

    step_done(step=plan.steps.get(order=1), actor=seeker, evidence_note="Did it")
    attempt = Assessment.objects.create(role=role, owner=seeker)
    assert not attempt.ratings.exists()


def test_a_skill_not_assessed_reads_as_such_and_never_counts_as_achieved(
    client, plan, seeker, role, make_submitted
):
    """Scoring v2 stores a skill not answered with no measured level and no gap."""
    skills = [dict(row) for row in plan.skills]
    skills[0]["measured_level"] = None
    Plan.objects.filter(pk=plan.pk).update(skills=skills)
    client.force_login(seeker)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "not assessed" in page and ">None<" not in page
    again = make_submitted(role, owner=seeker, level=3)
    document = again.results.get().document
    document["skills"] = [
        {**row, "measured_level": None, "gap": None} for row in document["skills"]
    ]
    assert plan_reassessed(plan=plan, assessment=again, document=document) == 0
