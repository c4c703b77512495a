"""`export_catalog` and `import_catalog` move a whole catalog between installations."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from careers.models import (
    CrosswalkLink,
    ProficiencyAnchor,
    Requirement,
    Resource,
    Role,
    ScenarioItem,
    ScenarioOption,
    Skill,
    SkillCategory,
    Track,
)
from tests.careers.onet.sample import SAMPLE, import_onet

CATALOG_MODELS = [
    Track,
    SkillCategory,
    Skill,
    ProficiencyAnchor,
    Role,
    Requirement,
    Resource,
    ScenarioItem,
    ScenarioOption,
    CrosswalkLink,
]


@pytest.fixture
def small_catalog(make_requirement, make_resource):
    """A row of every catalog model, plus two occupations imported from O*NET."""
    requirement = make_requirement(required_level=3, importance=4)
    make_resource(
        skill=requirement.skill,
        from_level=2,
        to_level=3,
        url="https://example.com/",
        provider="HDI",
        industry="insurance",
    )
    item = ScenarioItem.objects.create(skill=requirement.skill, slug="angry-caller", prompt="?")
    for position, level in enumerate([1, 2, 4, 5], start=1):
        ScenarioOption.objects.create(
            item=item, slug=f"answer-{position}", text="…", level=level, position=position
        )
    import_onet(SAMPLE, "43-4051.00", "43-1011.00")
    CrosswalkLink.objects.create(skill=requirement.skill, onet_element_id="2.A.1.d", weight=2)


def export(path: Path) -> str:
    call_command("export_catalog", str(path), stdout=StringIO())
    return path.read_text(encoding="utf-8")


def import_catalog(path: Path) -> str:
    out = StringIO()
    call_command("import_catalog", str(path), stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in CATALOG_MODELS}


def empty_the_catalog() -> None:
    """Deletes in an order PROTECT allows, as a fresh installation would be."""
    Requirement.objects.all().delete()
    Role.objects.all().delete()
    Track.objects.all().delete()
    Skill.objects.all().delete()
    SkillCategory.objects.all().delete()
    assert not any(row_counts().values())


def test_export_then_import_into_an_empty_database_reproduces_the_catalog(small_catalog, tmp_path):
    before = export(tmp_path / "catalog.json")
    counts = row_counts()
    empty_the_catalog()

    out = import_catalog(tmp_path / "catalog.json")

    assert row_counts() == counts
    assert export(tmp_path / "again.json") == before
    assert f"Imported {sum(counts.values())} object(s)" in out
    role = Role.objects.get(onet_soc_code="43-4051.00")
    assert role.onet_release == "30.0"
    assert role.requirements.get(skill__onet_element_id="2.A.1.b").importance == 5


def test_the_export_uses_natural_keys_not_database_ids(small_catalog, tmp_path):
    objects = json.loads(export(tmp_path / "catalog.json"))
    assert all("pk" not in obj for obj in objects)
    requirement = next(obj for obj in objects if obj["model"] == "careers.requirement")
    assert requirement["fields"]["role"][0] == Role.objects.order_by("slug").first().slug


def test_importing_into_the_same_catalog_updates_rows_in_place(small_catalog, tmp_path):
    export(tmp_path / "catalog.json")
    ids = {
        model.__name__: set(model.objects.values_list("pk", flat=True)) for model in CATALOG_MODELS
    }

    import_catalog(tmp_path / "catalog.json")

    assert ids == {
        model.__name__: set(model.objects.values_list("pk", flat=True)) for model in CATALOG_MODELS
    }


def test_a_corrupt_export_file_fails_clearly_and_writes_nothing(small_catalog, tmp_path):
    text = export(tmp_path / "catalog.json")
    empty_the_catalog()
    broken = tmp_path / "broken.json"
    broken.write_text(text[: len(text) // 2], encoding="utf-8")

    with pytest.raises(
        CommandError, match=r"broken\.json is not valid JSON: .*Nothing was imported"
    ):
        import_catalog(broken)
    assert not any(row_counts().values())


def test_an_invalid_object_is_named_with_its_field_and_nothing_is_written(small_catalog, tmp_path):
    objects = json.loads(export(tmp_path / "catalog.json"))
    empty_the_catalog()
    requirement = next(obj for obj in objects if obj["model"] == "careers.requirement")
    requirement["fields"]["required_level"] = 7
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(objects), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        import_catalog(broken)

    role, skill = requirement["fields"]["role"][0], requirement["fields"]["skill"][0]
    assert f"careers.Requirement “{role}/{skill}”: required_level:" in str(error.value)
    assert "broken.json" in str(error.value)
    assert not any(row_counts().values())


def test_a_resources_provider_and_industry_travel_with_it(small_catalog, tmp_path):
    objects = json.loads(export(tmp_path / "catalog.json"))
    resource = next(obj for obj in objects if obj["model"] == "careers.resource")
    assert (resource["fields"]["provider"], resource["fields"]["industry"]) == ("HDI", "insurance")
    empty_the_catalog()

    import_catalog(tmp_path / "catalog.json")

    assert Resource.objects.filter(provider="HDI", industry="insurance").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("provider", "", "provider: This field cannot be blank."),
        ("industry", "farming", "industry: Value 'farming' is not a valid choice."),
        ("url", "ftp://example.com/file", "url: Enter a valid URL."),
    ],
)
def test_a_resource_without_a_provider_or_with_a_bad_tag_or_link_is_refused(
    small_catalog, tmp_path, field, value, message
):
    objects = json.loads(export(tmp_path / "catalog.json"))
    empty_the_catalog()
    resource = next(obj for obj in objects if obj["model"] == "careers.resource")
    resource["fields"][field] = value
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(objects), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        import_catalog(broken)

    assert message in str(error.value)
    assert not any(row_counts().values())


def test_a_reference_to_something_missing_is_named(db, tmp_path):
    path = tmp_path / "catalog.json"
    skill = {"slug": "empathy", "category": ["nowhere"], "name": "Empathy", "description": "…"}
    path.write_text(json.dumps([{"model": "careers.skill", "fields": skill}]), encoding="utf-8")

    with pytest.raises(CommandError, match=r"careers\.Skill “empathy”: category: Nothing matches"):
        import_catalog(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{}", "is not a catalog file: it must hold a list of objects"),
        ('[{"model": "careers.track"}]', "object 1: an object needs a “model” and its “fields”"),
        ('[{"model": "careers.nothing", "fields": {}}]', "Invalid model identifier"),
    ],
)
def test_a_file_that_is_not_a_catalog_is_refused(db, tmp_path, content, message):
    path = tmp_path / "catalog.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        import_catalog(path)


def test_objects_outside_the_catalog_are_refused(db, tmp_path):
    path = tmp_path / "catalog.json"
    user = {"model": "auth.user", "fields": {"username": "intruder", "password": "x"}}
    path.write_text(json.dumps([user]), encoding="utf-8")

    with pytest.raises(CommandError, match=r"auth\.User is not part of the catalog"):
        import_catalog(path)


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read nowhere\.json"):
        import_catalog(tmp_path / "nowhere.json")


def test_the_shipped_catalog_round_trips(catalog, tmp_path):
    before = export(tmp_path / "catalog.json")
    counts = row_counts()
    empty_the_catalog()

    import_catalog(tmp_path / "catalog.json")

    assert row_counts() == counts
    assert export(tmp_path / "again.json") == before


def crosswalk_rows() -> set[tuple[str, str, int]]:
    return set(CrosswalkLink.objects.values_list("skill__slug", "onet_element_id", "weight"))


def test_the_crosswalk_travels_with_the_catalog(crosswalk, tmp_path):
    links = crosswalk_rows()
    assert len(links) > 40
    export(tmp_path / "catalog.json")
    empty_the_catalog()  # the links go with our skills
    assert not CrosswalkLink.objects.exists()

    import_catalog(tmp_path / "catalog.json")

    assert crosswalk_rows() == links


def test_an_admins_crosswalk_edit_reaches_another_installation(small_catalog, tmp_path):
    CrosswalkLink.objects.update(weight=1)
    export(tmp_path / "catalog.json")
    CrosswalkLink.objects.update(weight=3)
    import_catalog(tmp_path / "catalog.json")
    assert set(CrosswalkLink.objects.values_list("weight", flat=True)) == {1}


def test_the_lowest_rung_of_a_scenario_travels_with_it(small_catalog, tmp_path):
    ScenarioItem.objects.filter(slug="angry-caller").update(min_rank=5)
    objects = json.loads(export(tmp_path / "catalog.json"))
    item = next(obj for obj in objects if obj["model"] == "careers.scenarioitem")
    assert item["fields"]["min_rank"] == 5
    empty_the_catalog()

    import_catalog(tmp_path / "catalog.json")

    assert ScenarioItem.objects.get(slug="angry-caller").min_rank == 5


def test_an_anchors_short_description_travels_with_it(small_catalog, tmp_path):
    ProficiencyAnchor.objects.filter(level=3).update(short_description="Handles most cases alone.")
    objects = json.loads(export(tmp_path / "catalog.json"))
    anchors = [obj["fields"] for obj in objects if obj["model"] == "careers.proficiencyanchor"]
    assert {fields["short_description"] for fields in anchors if fields["level"] == 3} == {
        "Handles most cases alone."
    }
    empty_the_catalog()

    import_catalog(tmp_path / "catalog.json")

    assert set(
        ProficiencyAnchor.objects.filter(level=3).values_list("short_description", flat=True)
    ) == {"Handles most cases alone."}
