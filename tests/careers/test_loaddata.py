"""A broken fixture fails with a message naming the object, and loads nothing at all."""

import json

import pytest
from django.core.management import CommandError, call_command

from careers.models import Requirement, Track


def write_fixture(tmp_path, objects) -> str:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(objects))
    return str(path)


NEW_TRACK = {"model": "careers.track", "fields": {"slug": "new-track", "name": "New track"}}


def test_an_out_of_range_level_names_the_object_and_loads_nothing(tmp_path, make_role, make_skill):
    role, skill = make_role(slug="associate"), make_skill(slug="empathy")
    path = write_fixture(
        tmp_path,
        [
            NEW_TRACK,
            {
                "model": "careers.requirement",
                "fields": {
                    "role": ["associate"],
                    "skill": ["empathy"],
                    "required_level": 7,
                    "importance": 3,
                },
            },
        ],
    )
    with pytest.raises(CommandError) as error:
        call_command("loaddata", path, verbosity=0)
    message = str(error.value)
    assert "broken.json" in message
    assert "careers.Requirement “associate/empathy”" in message
    assert "required_level" in message
    assert not Track.objects.filter(slug="new-track").exists()
    assert not Requirement.objects.filter(role=role, skill=skill).exists()


def test_a_reference_to_an_unknown_skill_is_named(tmp_path, make_role):
    make_role(slug="associate")
    path = write_fixture(
        tmp_path,
        [
            NEW_TRACK,
            {
                "model": "careers.requirement",
                "fields": {
                    "role": ["associate"],
                    "skill": ["telepathy"],
                    "required_level": 2,
                    "importance": 3,
                },
            },
        ],
    )
    with pytest.raises(CommandError, match="telepathy"):
        call_command("loaddata", path, verbosity=0)
    assert not Track.objects.filter(slug="new-track").exists()


def test_malformed_json_is_reported_with_the_file_name(tmp_path, db):
    path = tmp_path / "broken.json"
    path.write_text('[{"model": "careers.track", "fields": {')
    with pytest.raises(CommandError, match=r"Problem installing fixture .*broken\.json"):
        call_command("loaddata", str(path), verbosity=0)
    assert not Track.objects.exists()


def test_a_scenario_for_rank_0_names_the_item_and_its_field(tmp_path, make_skill):
    make_skill(slug="empathy")
    path = write_fixture(
        tmp_path,
        [
            NEW_TRACK,
            {
                "model": "careers.scenarioitem",
                "fields": {
                    "skill": ["empathy"],
                    "slug": "as-team-lead",
                    "prompt": "?",
                    "min_rank": 0,
                },
            },
        ],
    )
    with pytest.raises(CommandError) as error:
        call_command("loaddata", path, verbosity=0)
    assert "careers.ScenarioItem “as-team-lead”: min_rank" in str(error.value)
    assert not Track.objects.filter(slug="new-track").exists()
