from django.urls import reverse

from tests.assessments.conftest import step_url


def test_admins_can_read_assessments_but_not_edit_them(admin_client, client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "4", "note-crm": "Zendesk"})
    changelist = admin_client.get(reverse("admin:assessments_assessment_changelist"))
    assert changelist.status_code == 200 and "Associate" in changelist.content.decode()
    change = admin_client.get(reverse("admin:assessments_assessment_change", args=[assessment.pk]))
    html = change.content.decode()
    assert change.status_code == 200
    assert "Zendesk" in html
    assert assessment.resume_token not in html
    assert 'type="submit" value="Save"' not in html
    assert admin_client.get(reverse("admin:assessments_assessment_add")).status_code == 403


def test_scenario_items_are_edited_with_their_options_inline(admin_client, role):
    item = role.requirements.get(skill__slug="empathy").skill.scenario_items.get()
    html = admin_client.get(
        reverse("admin:careers_scenarioitem_change", args=[item.pk])
    ).content.decode()
    assert 'name="options-TOTAL_FORMS" value="4"' in html
