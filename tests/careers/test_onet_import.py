"""`import_onet` brings O*NET occupations into the catalog, and a newer release updates them.

The sample release in `onet_sample/` has three rated occupations: Retail Salespersons
(41-2031.00), Customer Service Representatives (43-4051.00, Operations Analysis marked not
relevant) and First-Line Supervisors (43-1011.00, Operations Analysis with a suppressed
estimate); 43-9199.00 is listed without ratings.
"""

import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from careers.catalog_checks import find_catalog_problems
from careers.models import ProficiencyAnchor, Requirement, Role, Skill, SkillCategory, Track
from careers.onet import five_anchors, our_importance, our_level

SAMPLE = Path(__file__).parent / "onet_sample" / "db_30_0_text"
CSR, SUPERVISOR, RETAIL = "43-4051.00", "43-1011.00", "41-2031.00"
TRACK = "Customer service (O*NET)"
CREDIT = (
    "This page includes information from the O*NET 30.0 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the "
    '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> license. '
    "O*NET® is a trademark of USDOL/ETA."
)


def import_onet(folder: Path, *codes: str, track: str = TRACK, **options) -> str:
    out = StringIO()
    selection = ["--all"] if not codes else [arg for c in codes for arg in ("--occupation", c)]
    call_command("import_onet", str(folder), *selection, "--track", track, stdout=out, **options)
    return out.getvalue()


def copy_release(tmp_path: Path, name: str = "db_30_1_text") -> Path:
    folder = tmp_path / name
    shutil.copytree(SAMPLE, folder)
    return folder


def set_rating(folder: Path, code: str, element: str, scale: str, value: str, **flags: str):
    """Rewrite one row of Skills.txt: its Data Value and, optionally, its Y/N columns."""
    path = folder / "Skills.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for number, line in enumerate(lines[1:], start=1):
        fields = line.split("\t")
        if fields[:2] == [code, element] and fields[3] == scale:
            fields[header.index("Data Value")] = value
            for column, flag in flags.items():
                fields[header.index(column.replace("_", " ").title())] = flag
            lines[number] = "\t".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


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
    categories = SkillCategory.objects.filter(slug__startswith="onet-").order_by("position")
    assert [c.name for c in categories] == [
        "Basic Skills",
        "Social Skills",
        "Complex Problem Solving Skills",
        "Resource Management Skills",
    ]


def test_ratings_marked_not_relevant_or_suppressed_are_left_out(db):
    out = import_onet(SAMPLE, CSR, SUPERVISOR, verbosity=2)

    assert not Requirement.objects.filter(skill__name="Operations Analysis").exists()
    assert "Left out: 1 rating(s) O*NET marks not relevant, 1 with a suppressed estimate." in out
    assert (
        "43-4051.00 Customer Service Representatives: Operations Analysis left out (not relevant)"
        in out
    )
    assert "Operations Analysis left out (suppressed estimate)" in out


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


def test_all_imports_every_rated_occupation(db):
    out = import_onet(SAMPLE)
    assert Role.objects.count() == 3
    assert "roles 3 created" in out
    assert not Role.objects.filter(onet_soc_code="43-9199.00").exists()


def test_an_unknown_occupation_code_is_a_clear_error_and_writes_nothing(db):
    with pytest.raises(CommandError, match=r"Unknown O\*NET-SOC code\(s\).*: 99-9999\.00\."):
        import_onet(SAMPLE, CSR, "99-9999.00")
    assert not Role.objects.exists()
    assert not Skill.objects.exists()


def test_an_occupation_without_ratings_is_a_clear_error(db):
    with pytest.raises(CommandError, match=r"no skill ratings for 43-9199\.00"):
        import_onet(SAMPLE, "43-9199.00")
    assert not Track.objects.exists()


def test_a_missing_column_names_the_file_and_writes_nothing(db, tmp_path):
    folder = copy_release(tmp_path)
    path = folder / "Skills.txt"
    path.write_text(path.read_text().replace("Data Value", "Value", 1))

    with pytest.raises(CommandError, match=r"Skills\.txt, line 1: the column “Data Value”"):
        import_onet(folder, CSR)
    assert not Role.objects.exists()


def test_a_value_that_is_not_a_number_names_the_file_and_line_and_writes_nothing(db, tmp_path):
    import_onet(SAMPLE, SUPERVISOR)
    folder = copy_release(tmp_path)
    set_rating(folder, RETAIL, "2.A.1.b", "IM", "abc")  # the third rating, below the header

    with pytest.raises(CommandError, match=r"Skills\.txt, line 4: “Data Value” is not a number"):
        import_onet(folder, CSR, SUPERVISOR)
    assert list(Role.objects.values_list("onet_soc_code", "onet_release")) == [(SUPERVISOR, "30.0")]


def test_a_truncated_row_names_the_file_and_line(db, tmp_path):
    folder = copy_release(tmp_path)
    path = folder / "Level Scale Anchors.txt"
    path.write_text(path.read_text(encoding="utf-8") + "2.A.1.a\tReading Comprehension\r\n")

    with pytest.raises(CommandError, match=r"Level Scale Anchors.txt, line 29: 2 tab-separated"):
        import_onet(folder, CSR)


def test_a_folder_not_named_after_its_release_needs_release(db, tmp_path):
    folder = copy_release(tmp_path, name="onet")
    with pytest.raises(CommandError, match="--release"):
        import_onet(folder, CSR)
    import_onet(folder, CSR, release="29.3")
    assert Role.objects.get().onet_release == "29.3"


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


def test_an_imported_role_page_credits_onet(client, db, make_role):
    import_onet(SAMPLE, CSR)
    role = Role.objects.get(onet_soc_code=CSR)

    content = client.get(role.get_absolute_url()).content.decode()
    assert CREDIT in content
    assert "USDOL/ETA has not approved, endorsed, or tested these modifications." in content
    skill_page = client.get(Skill.objects.get(onet_element_id="2.A.1.b").get_absolute_url())
    assert CREDIT in skill_page.content.decode()
    assert "O*NET" not in client.get(make_role().get_absolute_url()).content.decode()


def test_check_catalog_reports_only_missing_resources_for_imported_roles(db):
    import_onet(SAMPLE)
    problems = find_catalog_problems()
    assert problems
    assert all("but no resource covers the step" in problem for problem in problems)


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


@pytest.mark.parametrize(
    ("onet_level", "level"),
    [
        ("0", 0),
        ("0.69", 0),
        ("0.70", 1),
        ("2.09", 1),
        ("2.10", 2),
        ("3.50", 3),
        ("4.90", 4),
        ("6.29", 4),
        ("6.30", 5),
        ("7", 5),
        ("7.5", 5),
    ],
)
def test_levels_map_from_0_7_onto_0_5_with_halves_up(onet_level, level):
    assert our_level(Decimal(onet_level)) == level


@pytest.mark.parametrize(
    ("onet_importance", "importance"),
    [("0.4", 1), ("1", 1), ("2.49", 2), ("2.50", 3), ("4.50", 5), ("5.2", 5)],
)
def test_importance_rounds_halves_up_within_1_to_5(onet_importance, importance):
    assert our_importance(Decimal(onet_importance)) == importance


def test_our_levels_without_an_onet_anchor_are_described_from_their_neighbours():
    anchors = five_anchors({Decimal(0): "Nothing", Decimal(4): "Middle.", Decimal(7): "Top"}, "X")
    assert anchors == (
        "Working towards “Middle”.",
        "Working towards “Middle”.",
        "Middle.",
        "Between “Middle” and “Top”.",
        "Top",
    )
    assert five_anchors({}, "Writing")[2] == (
        "Writing at level 3 of 5 (O*NET gives no example for this skill)."
    )


def test_two_anchors_on_one_of_our_levels_keep_the_nearer_one():
    # 1 and 2 both land on our level 1 (1.4 on O*NET's scale); 1 is nearer.
    assert five_anchors({Decimal(1): "One", Decimal(2): "Two"}, "X")[0] == "One"


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
