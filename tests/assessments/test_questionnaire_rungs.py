"""The questionnaire asks only the situations written for the role's rung."""

from careers.models import ScenarioItem
from tests.assessments.conftest import step_url


def test_a_situation_for_team_leads_is_not_asked_on_a_lower_rung(
    client, role, start, make_role, make_requirement, make_scenario
):
    empathy = role.requirements.get(skill__slug="empathy").skill
    leads = make_scenario(empathy, "as-team-lead-upset-agent")
    ScenarioItem.objects.filter(pk=leads.pk).update(min_rank=role.rank + 1)
    team_lead = make_role(track=role.track, slug="team-lead", rank=role.rank + 1)
    make_requirement(role=team_lead, skill=empathy, required_level=3, importance=4)

    # Empathy rated at its required level: its situation is asked on the situations page.
    junior = start(role)
    client.post(step_url(junior, 2), {"rating-empathy": "3"})
    junior_page = client.get(step_url(junior, 3)).content.decode()
    assert 'name="scenario-angry-caller"' in junior_page
    assert "scenario-as-team-lead-upset-agent" not in junior_page

    lead = start(team_lead)
    client.post(step_url(lead, 2), {"rating-empathy": "3"})
    lead_page = client.get(step_url(lead, 3)).content.decode()
    assert 'name="scenario-as-team-lead-upset-agent"' in lead_page
