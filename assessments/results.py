"""From a submitted assessment to its frozen result.

`snapshot_inputs` reads the catalog and the answers once, at submission, into plain JSON.
`result_document` turns those inputs into the result document: pure Python, the same for the
result page and its JSON form, with the schema documented in the README. Re-scoring an old
assessment under new rules only needs its stored inputs.
"""

from collections import defaultdict
from dataclasses import asdict
from typing import Any

from django.db.models import Prefetch

from assessments.models import Assessment
from assessments.recommendations import Resource, recommend
from assessments.scoring import (
    NEARLY_THRESHOLD,
    READY_THRESHOLD,
    Answer,
    Experience,
    Requirement,
    Rung,
    Score,
    SkillScore,
    score,
)
from careers.models import Requirement as RequirementRow
from careers.models import Resource as ResourceRow
from careers.models import Role

SCORING_VERSION = 1
SCHEMA = "skills-gap/result/v1"
# The part of the inputs read from the catalog: the same for every attempt at a role until the
# catalog changes, so it is stored once (`ScoringCatalog`) rather than with every result.
CATALOG_KEYS = ("role", "requirements", "rungs", "resources")


def split_inputs(inputs: dict) -> tuple[dict, dict]:
    """Scoring inputs → (the catalog part, this attempt's own part)."""
    catalog = {key: inputs[key] for key in CATALOG_KEYS}
    own = {key: value for key, value in inputs.items() if key not in CATALOG_KEYS}
    return catalog, own


# --- Reading the snapshot (the only part that touches the database) --------------------------


def _requirement_json(row: RequirementRow) -> dict:
    return {
        "skill_slug": row.skill.slug,
        "skill_name": row.skill.name,
        "category": row.skill.category.name,
        "required_level": row.required_level,
        "importance": row.importance,
    }


def snapshot_inputs(assessment: Assessment) -> dict:
    """Everything scoring needs, copied out of the catalog and the answers."""
    requirements = RequirementRow.objects.select_related("skill__category").order_by(
        "skill__category__position", "skill__position", "skill__name"
    )
    rungs = Role.objects.filter(track_id=assessment.role.track_id).prefetch_related(
        Prefetch("requirements", queryset=requirements)
    )
    rungs_json = [
        {
            "slug": rung.slug,
            "title": rung.title,
            "rank": rung.rank,
            "years_experience_min": rung.years_experience_min,
            "years_experience_max": rung.years_experience_max,
            "years_leading_min": rung.years_leading_min,
            "requirements": [_requirement_json(r) for r in rung.requirements.all()],
        }
        for rung in rungs
    ]
    target = next(r for r in rungs_json if r["slug"] == assessment.role.slug)

    scenario_levels: dict[str, list[int]] = defaultdict(list)
    for skill_slug, level in assessment.scenario_answers.values_list(
        "item__skill__slug", "option__level"
    ):
        scenario_levels[skill_slug].append(level)
    ratings = {
        slug: (level, note, url)
        for slug, level, note, url in assessment.ratings.values_list(
            "skill__slug", "level", "evidence_note", "evidence_url"
        )
    }
    answers = {
        slug: {
            "self_rating": ratings.get(slug, (None,))[0],
            "scenario_levels": scenario_levels[slug],
            "evidence_note": ratings.get(slug, (None, ""))[1],
            "evidence_url": ratings.get(slug, (None, "", ""))[2],
        }
        for slug in sorted({*ratings, *scenario_levels})
    }

    target_skills = [r["skill_slug"] for r in target["requirements"]]
    resources = ResourceRow.objects.filter(skill__slug__in=target_skills).select_related("skill")
    return {
        "role": {"slug": assessment.role.slug, "title": assessment.role.title},
        "requirements": target["requirements"],
        "rungs": rungs_json,
        "answers": answers,
        "experience": {
            "years_experience": assessment.years_experience,
            "years_leading": assessment.years_leading,
        },
        "resources": [
            {
                "skill_slug": r.skill.slug,
                "title": r.title,
                "kind": r.kind,
                "description": r.description,
                "from_level": r.from_level,
                "to_level": r.to_level,
                "effort_hours": r.effort_hours,
                "cost": r.cost,
                "url": r.url,
            }
            for r in resources.order_by("from_level", "to_level", "title")
        ],
    }


# --- Scoring the snapshot (pure) --------------------------------------------------------------


def score_inputs(inputs: dict) -> tuple[Score, list]:
    requirements = [Requirement(**r) for r in inputs["requirements"]]
    answers = {
        slug: Answer(a["self_rating"], tuple(a["scenario_levels"]))
        for slug, a in inputs["answers"].items()
    }
    rungs = [
        Rung(
            **{key: value for key, value in rung.items() if key != "requirements"},
            requirements=tuple(Requirement(**r) for r in rung["requirements"]),
        )
        for rung in inputs["rungs"]
    ]
    result = score(requirements, answers, rungs, Experience(**inputs["experience"]))
    recommendations = recommend(result.role, [Resource(**r) for r in inputs["resources"]])
    return result, recommendations


def result_document(
    inputs: dict,
    *,
    assessment: dict,
    previous: dict | None = None,
    scoring_version: int = SCORING_VERSION,
) -> dict[str, Any]:
    """The result as the page and the JSON show it. `assessment` holds id and dates;
    `previous` is the document of the person's previous attempt at the same role, if any."""
    result, recommendations = score_inputs(inputs)
    role = result.role
    rungs_by_rank = {rung.rank: rung for rung in result.ladder.rungs}
    previous_levels = (
        {s["skill"]: s["measured_level"] for s in previous["skills"]} if previous else {}
    )
    return {
        "schema": SCHEMA,
        "scoring_version": scoring_version,
        "assessment": {
            **assessment,
            "role": inputs["role"],
            **inputs["experience"],
        },
        "readiness_percent": role.readiness_percent,
        "verdict": role.verdict.value,
        "verdict_rule": {
            "ready_min_percent": READY_THRESHOLD,
            "nearly_min_percent": NEARLY_THRESHOLD,
            "blocking_gap": 2,
            "blocking_importance": 4,
        },
        "skills": [
            _skill_json(
                skill,
                previous_levels.get(skill.skill_slug),
                inputs["answers"].get(skill.skill_slug, {}),
            )
            for skill in role.skills
        ],
        "strengths": [s.skill_slug for s in role.strengths],
        "gaps": [s.skill_slug for s in role.gaps],
        "recommendations": [
            {
                "skill": rec.skill.skill_slug,
                "name": rec.skill.skill_name,
                "from_level": rec.skill.measured_level,
                "to_level": rec.skill.required_level,
                "importance": rec.skill.importance,
                "priority": rec.skill.priority,
                "steps": [
                    {
                        "from_level": step.from_level,
                        "to_level": step.to_level,
                        "resources": [
                            {k: v for k, v in asdict(r).items() if k != "skill_slug"}
                            for r in step.resources
                        ],
                    }
                    for step in rec.steps
                ],
            }
            for rec in recommendations
        ],
        "ladder": {
            "highest_ready": _rung_slug(rungs_by_rank, result.ladder.highest_ready_rank),
            "next": _rung_slug(rungs_by_rank, result.ladder.next_rank),
            "rungs": [
                {
                    "slug": rung.slug,
                    "title": rung.title,
                    "rank": rung.rank,
                    "readiness_percent": rung.readiness_percent,
                    "verdict": rung.verdict.value,
                    "is_target": rung.slug == inputs["role"]["slug"],
                    "years_experience_min": rung.years_experience_min,
                    "years_experience_max": rung.years_experience_max,
                    "years_leading_min": rung.years_leading_min,
                    "experience_short": rung.experience_short,
                    "leading_short": rung.leading_short,
                    "skills_met_but_experience_short": rung.skills_met_but_experience_short,
                    "not_assessed": list(rung.not_assessed),
                    "gaps": [
                        {
                            "skill": gap.skill_slug,
                            "name": gap.skill_name,
                            "required_level": gap.required_level,
                            "measured_level": gap.measured_level,
                            "gap": gap.gap,
                        }
                        for gap in rung.gaps
                    ],
                }
                for rung in result.ladder.rungs
            ],
        },
        "flags": {
            "calibration": [
                {
                    "skill": s.skill_slug,
                    "name": s.skill_name,
                    "self_rating": s.self_rating,
                    "scenario_level": s.scenario_level,
                }
                for s in role.skills
                if s.is_calibration_flagged
            ],
            "straight_lining": result.flags.straight_lining,
        },
        "previous": _previous_json(previous, role.readiness_percent),
    }


def _skill_json(skill: SkillScore, previous_level: int | None, answer: dict) -> dict:
    return {
        "skill": skill.skill_slug,
        "name": skill.skill_name,
        "category": skill.category,
        "required_level": skill.required_level,
        "importance": skill.importance,
        "self_rating": skill.self_rating,
        "scenario_level": skill.scenario_level,
        "measured_level": skill.measured_level,
        "gap": skill.gap,
        "priority": skill.priority,
        "strength": skill.is_strength,
        "calibration_flag": skill.is_calibration_flagged,
        "change": None if previous_level is None else skill.measured_level - previous_level,
        "evidence_note": answer.get("evidence_note", ""),
        "evidence_url": answer.get("evidence_url", ""),
    }


def _rung_slug(rungs_by_rank: dict, rank: int | None) -> str | None:
    return rungs_by_rank[rank].slug if rank is not None else None


def _previous_json(previous: dict | None, readiness_percent: float) -> dict | None:
    if previous is None:
        return None
    return {
        "assessment": previous["assessment"]["id"],
        "submitted_at": previous["assessment"]["submitted_at"],
        "readiness_percent": previous["readiness_percent"],
        "readiness_change": round(readiness_percent - previous["readiness_percent"], 1),
    }
