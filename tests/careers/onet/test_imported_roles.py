"""An imported role is a role like any other: its pages credit O*NET, it can be assessed,
check_catalog and the admin know where it came from."""

from django.urls import reverse

from careers.catalog_checks import find_catalog_notes, find_catalog_problems
from careers.models import Role, Skill
from tests.careers.onet.sample import CSR, SAMPLE, import_onet

CREDIT = (
    "This page includes information from the O*NET 30.0 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the "
    '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> license. '
    "O*NET® is a trademark of USDOL/ETA."
)


def test_an_imported_role_page_credits_onet(client, db, make_role):
    import_onet(SAMPLE, CSR)
    role = Role.objects.get(onet_soc_code=CSR)

    content = client.get(role.get_absolute_url()).content.decode()
    assert CREDIT in content
    assert "USDOL/ETA has not approved, endorsed, or tested these modifications." in content
    skill_page = client.get(Skill.objects.get(onet_element_id="2.A.1.b").get_absolute_url())
    assert CREDIT in skill_page.content.decode()
    assert "O*NET" not in client.get(make_role().get_absolute_url()).content.decode()


def test_check_catalog_notes_imported_roles_missing_resources_without_failing(db):
    # O*NET publishes no learning resources: the occupations the project ships must not fail
    # the check, so their missing resources are listed as notes, not problems.
    import_onet(SAMPLE)
    assert find_catalog_problems() == []
    notes = find_catalog_notes()
    assert notes
    assert all("but no resource covers the step" in note for note in notes)


def test_check_catalog_still_fails_a_hand_written_role_without_resources(db, make_role):
    import_onet(SAMPLE)
    role = make_role(slug="hand-written")
    skill = Skill.objects.get(onet_element_id="2.A.1.b")
    role.requirements.create(skill=skill, required_level=3, importance=3)
    problems = find_catalog_problems()
    assert len(problems) == 1
    assert problems[0].startswith(
        "Role “hand-written” requires “onet-active-listening” at level 3, but no resource covers"
    )


def test_an_imported_role_can_be_assessed(client, db):
    import_onet(SAMPLE, CSR)
    role = Role.objects.get(onet_soc_code=CSR)

    response = client.post(reverse("assessments:start", args=[role.slug]), follow=True)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="rating-onet-active-listening"' in content
    assert "Answer questions from a room full of people" in content


def test_the_admin_filters_by_source_and_shows_the_onet_code(admin_client, make_role):
    import_onet(SAMPLE, CSR)
    own = make_role(title="Hand-written role")
    changelist = reverse("admin:careers_role_changelist")

    onet_only = admin_client.get(changelist, {"source": "onet"}).content.decode()
    assert "Customer Service Representatives" in onet_only
    assert own.title not in onet_only
    assert own.title in admin_client.get(changelist, {"source": "own"}).content.decode()
    role = Role.objects.get(onet_soc_code=CSR)
    change = admin_client.get(reverse("admin:careers_role_change", args=[role.pk]))
    assert CSR in change.content.decode()
    assert 'name="onet_soc_code"' not in change.content.decode()  # read-only
    skills = reverse("admin:careers_skill_changelist")
    assert admin_client.get(skills, {"source": "onet"}).status_code == 200
