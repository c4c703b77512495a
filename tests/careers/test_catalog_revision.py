"""Catalog pages and questionnaires are cached under the catalog revision; every way the
catalog can change must move the revision, or visitors would be shown what it used to say."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from careers.models import CatalogRevision, ProficiencyAnchor, Requirement
from careers.revision import bump_revision, current_revision
from tests.careers.onet.sample import CSR, SAMPLE, import_onet


@pytest.fixture
def requirement(make_requirement, make_skill, make_role):
    skill = make_skill(name="Empathy", slug="empathy")
    skill.anchors.filter(level=3).update(description="Names the customer's feeling aloud.")
    return make_requirement(role=make_role(slug="associate"), skill=skill, required_level=3)


def test_an_edit_shows_on_the_role_page_at_once(client, requirement):
    url = requirement.role.get_absolute_url()
    assert "Names the customer&#x27;s feeling aloud." in client.get(url).content.decode()

    anchor = ProficiencyAnchor.objects.get(skill=requirement.skill, level=3)
    anchor.description = "Says back what the customer feels before solving anything."
    anchor.save()

    page = client.get(url).content.decode()
    assert "Says back what the customer feels before solving anything." in page
    assert "Names the customer" not in page


def test_a_deleted_requirement_leaves_the_role_page_at_once(client, requirement, make_skill):
    other = Requirement.objects.create(
        role=requirement.role, skill=make_skill(name="Typing"), required_level=2, importance=2
    )
    url = requirement.role.get_absolute_url()
    assert "Typing" in client.get(url).content.decode()

    other.delete()

    assert "Typing" not in client.get(url).content.decode()


def test_an_edit_shows_in_an_open_questionnaire_at_once(client, requirement, start):
    assessment = start(requirement.role)
    page_url = reverse("assessments:step", args=[assessment.pk, 1])
    assert "Names the customer&#x27;s feeling aloud." in client.get(page_url).content.decode()

    ProficiencyAnchor.objects.filter(skill=requirement.skill, level=3).get().delete()
    ProficiencyAnchor.objects.create(skill=requirement.skill, level=3, description="Reflects.")

    page = client.get(page_url).content.decode()
    assert "Reflects." in page
    assert "Names the customer" not in page


def test_the_ladder_shows_a_new_role_at_once(client, requirement, make_role):
    assert "Senior Associate" not in client.get(reverse("careers:home")).content.decode()

    make_role(track=requirement.role.track, rank=2, title="Senior Associate")

    assert "Senior Associate" in client.get(reverse("careers:home")).content.decode()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda tmp: call_command("loaddata", "catalog", verbosity=0), id="loaddata"),
        pytest.param(
            lambda tmp: (
                call_command("export_catalog", str(tmp / "c.json"), stdout=StringIO()),
                call_command("import_catalog", str(tmp / "c.json"), stdout=StringIO()),
            ),
            id="import_catalog",
        ),
        pytest.param(lambda tmp: import_onet(SAMPLE, CSR), id="import_onet"),
    ],
)
def test_bulk_changes_move_the_revision(db, tmp_path, change, requirement):
    before = current_revision()

    change(tmp_path)

    assert current_revision() > before


def test_the_revision_comes_back_if_its_row_is_lost(db):
    CatalogRevision.objects.all().delete()
    assert current_revision() == 0

    bump_revision()

    assert current_revision() > 0
