"""The crosswalk in the catalog: shipped in fixtures/crosswalk.json, loaded by `make setup`
after the occupations (and skipped without them), edited in the admin, checked by
`check_catalog`."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from careers.catalog_checks import find_catalog_problems
from careers.crosswalk import Link
from careers.models import CROSSWALK_SKILL_FROM_ONET, CrosswalkLink, Skill
from careers.revision import current_revision

FIXTURE = Path(django_settings.BASE_DIR) / "fixtures" / "crosswalk.json"


def load() -> str:
    out = StringIO()
    call_command("load_crosswalk", stdout=out)
    return out.getvalue()


def test_the_shipped_crosswalk_links_our_skills_to_the_o_net_skills_and_loads_once(crosswalk):
    rows = json.loads(FIXTURE.read_text())
    assert CrosswalkLink.objects.count() == len(rows)
    links = set(CrosswalkLink.objects.as_links())
    assert Link("verbal-communication", "onet-speaking", 3) in links
    assert Link("written-communication", "onet-writing", 3) in links
    assert Link("active-listening", "onet-active-listening", 3) in links
    assert len(links) == len(rows)  # every element id names a loaded O*NET skill
    assert not any(Skill.objects.get(slug=link.ours).is_from_onet for link in links)
    before, revision = sorted(CrosswalkLink.objects.values_list()), current_revision()

    load()

    assert sorted(CrosswalkLink.objects.values_list()) == before
    assert current_revision() > revision  # a fixture load bumps it, as every loaddata does


def test_the_whole_setup_passes_check_catalog(crosswalk, capsys):
    call_command("check_catalog")
    assert "consistent" in capsys.readouterr().out


def test_it_is_skipped_when_the_installation_does_not_ship_occupations(db, settings, make_skill):
    settings.SHIP_OCCUPATIONS = False
    make_skill(slug="onet-speaking", onet_element_id="2.A.1.d")
    assert "Skipped" in load()
    assert not CrosswalkLink.objects.exists()


def test_it_is_skipped_while_the_catalog_has_no_o_net_skills(db, make_skill):
    make_skill(slug="verbal-communication")
    assert "Skipped" in load()
    assert not CrosswalkLink.objects.exists()


@pytest.fixture
def link(make_skill):
    """Verbal communication informs Speaking, both in the catalog."""
    make_skill(name="Speaking", slug="onet-speaking", onet_element_id="2.A.1.d")
    make_skill(name="Writing", slug="onet-writing", onet_element_id="2.A.1.c")
    verbal = make_skill(name="Verbal communication", slug="verbal-communication")
    return CrosswalkLink.objects.create(skill=verbal, onet_element_id="2.A.1.d", weight=3)


def test_check_catalog_reports_a_link_to_an_o_net_skill_not_in_the_catalog(link):
    assert find_catalog_problems() == []
    Skill.objects.filter(onet_element_id="2.A.1.d").update(onet_element_id="")

    assert find_catalog_problems() == [
        "Crosswalk link “verbal-communication” → 2.A.1.d: no O*NET skill with this element "
        "id is in the catalog."
    ]
    assert CrosswalkLink.objects.as_links() == []  # it informs nothing


def test_links_read_as_plain_rows_in_one_query(link, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert CrosswalkLink.objects.as_links() == [
            Link("verbal-communication", "onet-speaking", 3)
        ]


def test_a_link_must_start_from_one_of_our_own_skills(link):
    speaking = Skill.objects.get(onet_element_id="2.A.1.d")
    with pytest.raises(ValidationError) as error:
        CrosswalkLink(skill=speaking, onet_element_id="2.A.1.c", weight=3).full_clean()
    assert str(CROSSWALK_SKILL_FROM_ONET) in error.value.message_dict["skill"]


def test_a_weight_outside_1_to_3_and_a_malformed_element_id_are_refused(link):
    with pytest.raises(ValidationError) as error:
        CrosswalkLink(skill=link.skill, onet_element_id="speaking", weight=4).full_clean()
    assert set(error.value.message_dict) == {"onet_element_id", "weight"}


def admin_url(action: str, *args) -> str:
    return reverse(f"admin:careers_crosswalklink_{action}", args=args)


def test_admins_find_links_by_the_name_of_either_skill(admin_client, link, make_skill):
    written = make_skill(name="Written communication", slug="written-communication")
    CrosswalkLink.objects.create(skill=written, onet_element_id="2.A.1.c", weight=3)

    listing = admin_client.get(admin_url("changelist"), {"q": "Speaking"}).content.decode()

    assert "Verbal communication" in listing
    assert "Written communication" not in listing
    listing = admin_client.get(admin_url("changelist"), {"q": "written"}).content.decode()
    assert "Writing" in listing and "Verbal communication" not in listing


def test_admins_pick_the_o_net_skill_by_name_and_change_it(admin_client, link):
    change = admin_client.get(admin_url("change", link.pk)).content.decode()
    assert "Speaking (2.A.1.d)" in change
    assert admin_client.get(admin_url("add")).status_code == 200

    response = admin_client.post(
        admin_url("change", link.pk),
        {"skill": link.skill_id, "onet_element_id": "2.A.1.c", "weight": 2},
    )

    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.onet_element_id, link.weight) == ("2.A.1.c", 2)


def test_a_skill_page_in_the_admin_shows_its_links_inline(admin_client, link):
    page = admin_client.get(reverse("admin:careers_skill_change", args=[link.skill_id]))
    assert 'name="crosswalk_links-TOTAL_FORMS" value="1"' in page.content.decode()
