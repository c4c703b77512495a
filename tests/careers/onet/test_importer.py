"""`import_onet` writes O*NET occupations into the catalog, and a newer release updates them
in place (`careers.onet.importer`)."""

import pytest
from django.core.management import CommandError

from careers.models import ProficiencyAnchor, Requirement, Role, Skill, SkillCategory, Track
from tests.careers.onet.sample import (
    CSR,
    RETAIL,
    SAMPLE,
    SUPERVISOR,
    TRACK,
    copy_release,
    import_onet,
    set_rating,
)


def requirement(code: str, skill_name: str) -> Requirement:
    return Requirement.objects.get(role__onet_soc_code=code, skill__name=skill_name)


def test_a_clean_import_creates_roles_with_skills_ready_to_assess(db):
    out = import_onet(SAMPLE, CSR, SUPERVISOR)

    assert "roles 2 created, 0 updated" in out
    assert "requirements 14 created, 0 updated, 0 removed; skills 7 created" in out
    track = Track.objects.get(name=TRACK)
    csr, supervisor = Role.objects.on_ladder(track)  # lower mean required level first
    assert (csr.onet_soc_code, csr.rank, supervisor.onet_soc_code, supervisor.rank) == (
        CSR,
        1,
        SUPERVISOR,
        2,
    )
    assert csr.title == "Customer Service Representatives"
    assert csr.slug == "customer-service-representatives-43-4051-00"
    assert csr.onet_release == "30.0"
    assert csr.responsibility_list[0] == "Answer questions about orders, products and services."
    assert "Suggest other products" not in csr.responsibilities  # supplemental task
    assert (csr.years_experience_min, csr.years_experience_max, csr.salary_median) == (
        0,
        None,
        None,
    )
    listening = requirement(CSR, "Active Listening")
    assert (listening.required_level, listening.importance) == (3, 5)  # LV 4.12, IM 4.50
    assert requirement(CSR, "Management of Personnel Resources").required_level == 1  # LV 0.88


def test_imported_skills_keep_their_onet_identity_definition_and_anchors(db):
    import_onet(SAMPLE, CSR)

    skill = Skill.objects.get(onet_element_id="2.A.1.b")
    assert (skill.name, skill.slug, skill.onet_release) == (
        "Active Listening",
        "onet-active-listening",
        "30.0",
    )
    assert skill.description.startswith("Giving full attention to what others say")
    assert skill.category.name == "Basic Skills"
    anchors = dict(skill.anchors.values_list("level", "description"))
    assert anchors == {
        1: "Take a customer's order correctly",
        2: "Between “Take a customer's order correctly” and “Answer questions from a room "
        "full of people”.",
        3: "Answer questions from a room full of people",
        4: "Chair a hearing where both sides argue their case",
        5: "Beyond “Chair a hearing where both sides argue their case”.",
    }
    shorts = dict(skill.anchors.values_list("level", "short_description"))
    assert shorts == {
        1: "Take a customer's order correctly",
        2: "Between the level 1 and level 3 examples.",
        3: "Answer questions from a room full of people",
        4: "Chair a hearing where both sides argue their case",
        5: "Beyond the level 4 example.",
    }
    categories = SkillCategory.objects.filter(slug__startswith="onet-").order_by("position")
    assert [c.name for c in categories] == [
        "Basic Skills",
        "Social Skills",
        "Complex Problem Solving Skills",
        "Resource Management Skills",
    ]


def test_every_imported_skill_has_five_anchors(db):
    import_onet(SAMPLE)
    counts = set(
        ProficiencyAnchor.objects.filter(skill__onet_element_id__gt="")
        .values_list("skill_id")
        .annotate()
        .values_list("skill_id", flat=True)
    )
    assert len(counts) == Skill.objects.count() == 8
    assert ProficiencyAnchor.objects.count() == 8 * 5


def test_all_imports_every_rated_occupation(db):
    out = import_onet(SAMPLE)
    assert Role.objects.count() == 3
    assert "roles 3 created" in out
    assert not Role.objects.filter(onet_soc_code="43-9199.00").exists()


def test_a_re_import_updates_values_in_place_and_reports_each_change(db, tmp_path):
    import_onet(SAMPLE, CSR, SUPERVISOR)
    before = requirement(CSR, "Active Listening")
    newer = copy_release(tmp_path)
    set_rating(newer, CSR, "2.A.1.b", "LV", "2.80")  # level 3 → 2

    out = import_onet(newer, CSR, SUPERVISOR)

    after = requirement(CSR, "Active Listening")
    assert after.pk == before.pk
    assert after.required_level == 2
    assert Role.objects.get(onet_soc_code=CSR).onet_release == "30.1"
    assert "Imported O*NET 30.1" in out
    assert "roles 0 created, 2 updated; requirements 0 created, 1 updated, 0 removed" in out
    assert "43-4051.00 Customer Service Representatives: Active Listening level 3 → 2" in out
    assert Requirement.objects.count() == 14


def test_a_re_import_removes_a_rating_that_became_not_relevant(db, tmp_path):
    import_onet(SAMPLE, CSR)
    newer = copy_release(tmp_path)
    set_rating(newer, CSR, "2.B.5.d", "LV", "0.00", not_relevant="Y")

    out = import_onet(newer, CSR)

    assert not Requirement.objects.filter(
        role__onet_soc_code=CSR, skill__name="Management of Personnel Resources"
    ).exists()
    assert "Management of Personnel Resources removed (not relevant)" in out


def test_the_same_release_twice_changes_nothing(db):
    import_onet(SAMPLE, CSR, SUPERVISOR)
    out = import_onet(SAMPLE, CSR, SUPERVISOR)
    assert "requirements 0 created, 0 updated, 0 removed; skills 0 created" in out
    assert "Changes:" not in out


def test_adding_occupations_later_reorders_the_ladder(db):
    import_onet(SAMPLE, CSR, SUPERVISOR)
    out = import_onet(SAMPLE, RETAIL)

    ladder = Role.objects.on_ladder(Track.objects.get(name=TRACK))
    assert [role.onet_soc_code for role in ladder] == [RETAIL, CSR, SUPERVISOR]
    assert [role.rank for role in ladder] == [1, 2, 3]
    assert "43-4051.00 Customer Service Representatives: rank 1 → 2" in out


def test_roles_not_from_onet_are_untouched(db, tmp_path, make_requirement):
    own = make_requirement(required_level=4, importance=2)
    own_role = Role.objects.values().get(pk=own.role.pk)
    import_onet(SAMPLE, CSR)
    newer = copy_release(tmp_path)
    set_rating(newer, CSR, "2.A.1.b", "LV", "2.80")
    import_onet(newer, CSR)

    assert Role.objects.values().get(pk=own.role.pk) == own_role
    assert Requirement.objects.filter(role=own.role).count() == 1
    own.refresh_from_db()
    assert (own.required_level, own.importance) == (4, 2)


def test_requirements_admins_add_to_an_imported_role_survive_a_re_import(db, make_skill):
    import_onet(SAMPLE, CSR)
    role = Role.objects.get(onet_soc_code=CSR)
    extra = Requirement.objects.create(
        role=role, skill=make_skill(), required_level=2, importance=3
    )
    import_onet(SAMPLE, CSR)
    assert Requirement.objects.filter(pk=extra.pk).exists()


def test_a_track_with_roles_of_its_own_is_refused(db, make_role):
    own = make_role()
    with pytest.raises(CommandError, match="holds roles that did not come from O\\*NET"):
        import_onet(SAMPLE, CSR, track=own.track.name)
    assert not Role.objects.filter(onet_soc_code=CSR).exists()


def test_a_new_import_gives_skills_imported_earlier_their_short_anchors(db):
    import_onet(SAMPLE, CSR)
    ProficiencyAnchor.objects.update(short_description="")
    ProficiencyAnchor.objects.filter(skill__onet_element_id="2.A.1.b", level=1).update(
        short_description="Takes an order right"
    )

    out = import_onet(SAMPLE, CSR)

    assert "34 anchors of skills imported earlier given their short descriptions." in out
    listening = Skill.objects.get(onet_element_id="2.A.1.b")
    assert listening.anchors.get(level=1).short_description == "Takes an order right"
    assert listening.anchors.get(level=3).short_description == (
        "Answer questions from a room full of people"
    )
    assert not ProficiencyAnchor.objects.filter(short_description="").exists()
    assert "short description" not in import_onet(SAMPLE, CSR)  # nothing left to fill
