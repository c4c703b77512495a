"""The result document is built from plain inputs, with no database, in the shape its schema
(the `TypedDict`s in assessments.document) writes down, and states the rules scoring applies."""

from typing import get_type_hints

from assessments import scoring
from assessments.document import (
    AssessmentSection,
    LadderRung,
    RecommendationRow,
    RecommendationStep,
    ResultDocument,
    ScoringInputs,
    SkillRow,
    StepResource,
    answer_json,
    assessment_meta,
    join_inputs,
    result_document,
    split_inputs,
    without_comparison,
)


def requirement(slug: str, required_level: int, importance: int = 4) -> dict:
    return {
        "skill_slug": slug,
        "skill_name": slug.title(),
        "category": "Customer",
        "required_level": required_level,
        "importance": importance,
    }


def inputs() -> ScoringInputs:
    requirements = [requirement("crm", 3), requirement("empathy", 2, importance=3)]
    return {
        "role": {"slug": "agent", "title": "Agent"},
        "requirements": requirements,
        "rungs": [
            {
                "slug": "agent",
                "title": "Agent",
                "rank": 1,
                "years_experience_min": 0,
                "years_experience_max": 2,
                "years_leading_min": 0,
                "requirements": requirements,
            },
            {
                "slug": "senior",
                "title": "Senior agent",
                "rank": 2,
                "years_experience_min": 2,
                "years_experience_max": None,
                "years_leading_min": 0,
                "requirements": [requirement("crm", 4), requirement("coaching", 3)],
            },
        ],
        "answers": {
            "crm": answer_json(self_rating=1, scenario_levels=[2], evidence_note="Courses"),
            "empathy": answer_json(self_rating=4, scenario_levels=[]),
        },
        "experience": {"years_experience": 1, "years_leading": None},
        "resources": [
            {
                "skill_slug": "crm",
                "title": "CRM basics",
                "kind": "course",
                "description": "",
                "from_level": 1,
                "to_level": 3,
                "effort_hours": 8,
                "cost": 0,
                "url": "",
            }
        ],
    }


META = assessment_meta(id="a1", started_at="2025-01-01T10:00", submitted_at="2025-01-01T10:30")


def keys(typed_dict: type) -> list[str]:
    return list(get_type_hints(typed_dict))


def test_the_document_has_exactly_the_keys_of_its_schema_in_order():
    document = result_document(inputs(), assessment=META)

    assert list(document) == keys(ResultDocument)
    assert list(document["assessment"]) == keys(AssessmentSection)
    assert [list(skill) for skill in document["skills"]] == [keys(SkillRow)] * 2
    assert [list(rung) for rung in document["ladder"]["rungs"]] == [keys(LadderRung)] * 2
    (recommendation,) = document["recommendations"]
    assert list(recommendation) == keys(RecommendationRow)
    assert [list(step) for step in recommendation["steps"]] == [keys(RecommendationStep)] * 2
    assert list(recommendation["steps"][0]["resources"][0]) == keys(StepResource)


def test_the_document_states_the_verdict_rule_scoring_applies():
    rule = result_document(inputs(), assessment=META)["verdict_rule"]

    assert rule == {
        "ready_min_percent": scoring.READY_THRESHOLD,
        "nearly_min_percent": scoring.NEARLY_THRESHOLD,
        "blocking_gap": scoring.READY_BLOCKING_GAP,
        "blocking_importance": scoring.READY_BLOCKING_IMPORTANCE,
        "key_importance": scoring.KEY_IMPORTANCE,
        "ready_max_key_one_level_gaps": scoring.READY_MAX_KEY_ONE_LEVEL_GAPS,
        "nearly_blocking_key_gap": scoring.NEARLY_BLOCKING_KEY_GAP,
    }


def test_the_document_carries_the_scoring_version_and_the_attempt():
    document = result_document(inputs(), assessment=META)

    assert document["scoring_version"] == scoring.SCORING_VERSION
    assert document["assessment"]["id"] == "a1"
    assert document["assessment"]["years_experience"] == 1
    assert document["skills"][0]["evidence_note"] == "Courses"


def test_recommendation_steps_are_plain_numbers_in_the_document():
    (recommendation,) = result_document(inputs(), assessment=META)["recommendations"]

    levels = [(step["from_level"], step["to_level"]) for step in recommendation["steps"]]
    assert levels == [(1, 2), (2, 3)]
    assert all(type(level) is int for pair in levels for level in pair)


def test_a_retake_compares_with_the_previous_document():
    first = result_document(inputs(), assessment=META)
    better = inputs()
    better["answers"]["crm"] = answer_json(self_rating=3, scenario_levels=[3])
    retake_meta = assessment_meta(id="a2", started_at="2025-02-01", submitted_at="2025-02-01")

    retake = result_document(better, assessment=retake_meta, previous=first)

    assert retake["previous"] is not None
    assert retake["previous"]["assessment"] == "a1"
    assert retake["skills"][0]["change"] == 2
    hidden = without_comparison(retake)
    assert hidden["previous"] is None
    assert [skill["change"] for skill in hidden["skills"]] == [None, None]


def test_the_inputs_split_into_catalog_and_own_parts_and_join_again():
    catalog, own = split_inputs(inputs())

    assert set(own) == {"answers", "experience"}
    assert not set(catalog) & set(own)
    assert join_inputs(catalog, own) == inputs()


def test_every_verdict_has_a_label():
    assert [str(verdict.label) for verdict in scoring.Verdict] == [
        "Ready",
        "Nearly ready",
        "Not yet",
        "Not assessed yet",  # scoring v2: a rung whose key skills were not all answered
    ]
