"""The result document: what the result page and its JSON show, built from the scoring inputs.

Pure Python, no ORM and no request: `result_document` takes the inputs `assessments.snapshot`
copied out of the database at submission and returns the document stored with the result.
Re-scoring an old assessment under new rules only needs its stored inputs. Both shapes are
written down here as `TypedDict`s — the inputs (`ScoringInputs`) and the document
(`ResultDocument`, documented in the README) — and every key is built in one place.
"""

from typing import TypedDict

from assessments.recommendations import Recommendation, ResourceInput, recommend
from assessments.scoring import (
    CRITICAL_GAP,
    CRITICAL_IMPORTANCE,
    NEARLY_THRESHOLD,
    READY_THRESHOLD,
    SCORING_VERSION,
    AnswerInput,
    ExperienceInput,
    LadderScore,
    RequirementInput,
    RoleScore,
    RungInput,
    RungScore,
    Score,
    SkillScore,
    score,
)
from careers.steps import LevelStep

SCHEMA = "skills-gap/result/v1"

# --- The inputs: what scoring needs, as stored JSON --------------------------------------------


class RoleRef(TypedDict):
    slug: str
    title: str


class RequirementJSON(TypedDict):
    skill_slug: str
    skill_name: str
    category: str
    required_level: int
    importance: int


class RungJSON(TypedDict):
    slug: str
    title: str
    rank: int
    years_experience_min: int
    years_experience_max: int | None
    years_leading_min: int
    requirements: list[RequirementJSON]


class ResourceJSON(TypedDict):
    skill_slug: str
    title: str
    kind: str
    description: str
    from_level: int
    to_level: int
    effort_hours: int
    cost: int
    url: str


class AnswerJSON(TypedDict):
    self_rating: int | None
    scenario_levels: list[int]
    evidence_note: str
    evidence_url: str


class ExperienceJSON(TypedDict):
    years_experience: int | None
    years_leading: int | None


class CatalogInputs(TypedDict):
    """The part of the inputs read from the catalog: the same for every attempt at a role until
    the catalog changes, so it is stored once (`ScoringCatalog`) rather than with every result."""

    role: RoleRef
    requirements: list[RequirementJSON]
    rungs: list[RungJSON]
    resources: list[ResourceJSON]


class OwnInputs(TypedDict):
    """The part of the inputs that is this attempt's own, stored with its result."""

    answers: dict[str, AnswerJSON]
    experience: ExperienceJSON


class ScoringInputs(CatalogInputs, OwnInputs):
    pass


# The keys of the catalog part, in order (the migration that split the two parts names them too).
CATALOG_KEYS: tuple[str, ...] = tuple(CatalogInputs.__annotations__)


def answer_json(
    *,
    self_rating: int | None,
    scenario_levels: list[int],
    evidence_note: str = "",
    evidence_url: str = "",
) -> AnswerJSON:
    """One skill's answers as the inputs store them."""
    return {
        "self_rating": self_rating,
        "scenario_levels": scenario_levels,
        "evidence_note": evidence_note,
        "evidence_url": evidence_url,
    }


def split_inputs(inputs: ScoringInputs) -> tuple[CatalogInputs, OwnInputs]:
    """Scoring inputs → (the catalog part, this attempt's own part)."""
    catalog: CatalogInputs = {
        "role": inputs["role"],
        "requirements": inputs["requirements"],
        "rungs": inputs["rungs"],
        "resources": inputs["resources"],
    }
    own: OwnInputs = {"answers": inputs["answers"], "experience": inputs["experience"]}
    return catalog, own


def join_inputs(catalog: CatalogInputs, own: OwnInputs) -> ScoringInputs:
    """The inputs as `snapshot_inputs` read them, from their two stored parts."""
    return {**catalog, **own}


# --- The document ------------------------------------------------------------------------------


class AssessmentMeta(TypedDict):
    """Which attempt a document is about: set at submission, kept when re-scored."""

    id: str
    started_at: str
    submitted_at: str


class AssessmentSection(AssessmentMeta):
    role: RoleRef
    years_experience: int | None
    years_leading: int | None


class VerdictRule(TypedDict):
    ready_min_percent: float
    nearly_min_percent: float
    blocking_gap: int
    blocking_importance: int


class SkillRow(TypedDict):
    skill: str
    name: str
    category: str
    required_level: int
    importance: int
    self_rating: int | None
    scenario_level: int | None
    measured_level: int | None  # None: not assessed
    gap: int | None  # None: not assessed
    priority: int
    strength: bool
    calibration_flag: bool
    change: int | None
    evidence_note: str
    evidence_url: str


class StepResource(TypedDict):
    title: str
    kind: str
    description: str
    from_level: int
    to_level: int
    effort_hours: int
    cost: int
    url: str


class RecommendationStep(TypedDict):
    from_level: int
    to_level: int
    resources: list[StepResource]


class RecommendationRow(TypedDict):
    skill: str
    name: str
    from_level: int
    to_level: int
    importance: int
    priority: int
    steps: list[RecommendationStep]


class RungGap(TypedDict):
    skill: str
    name: str
    required_level: int
    measured_level: int
    gap: int


class LadderRung(TypedDict):
    slug: str
    title: str
    rank: int
    readiness_percent: float | None  # None: nothing it needs was assessed
    verdict: str
    is_target: bool
    years_experience_min: int
    years_experience_max: int | None
    years_leading_min: int
    experience_short: bool
    leading_short: bool
    skills_met_but_experience_short: bool
    not_assessed: list[str]
    gaps: list[RungGap]


class Ladder(TypedDict):
    highest_ready: str | None
    next: str | None
    rungs: list[LadderRung]


class CalibrationFlag(TypedDict):
    skill: str
    name: str
    self_rating: int | None
    scenario_level: int | None


class FlagsSection(TypedDict):
    calibration: list[CalibrationFlag]
    straight_lining: bool


class PreviousAttempt(TypedDict):
    assessment: str
    submitted_at: str
    readiness_percent: float | None
    readiness_change: float | None


class ResultDocument(TypedDict):
    schema: str
    scoring_version: int
    assessment: AssessmentSection
    readiness_percent: float | None  # None: nothing the role needs was assessed
    verdict: str
    verdict_rule: VerdictRule
    skills: list[SkillRow]
    strengths: list[str]
    gaps: list[str]
    recommendations: list[RecommendationRow]
    ladder: Ladder
    flags: FlagsSection
    previous: PreviousAttempt | None


def assessment_meta(*, id: str, started_at: str, submitted_at: str) -> AssessmentMeta:
    """The attempt a document is about; dates as ISO 8601 text."""
    return {"id": id, "started_at": started_at, "submitted_at": submitted_at}


def meta_of(document: ResultDocument) -> AssessmentMeta:
    """The attempt a stored document is about, to score it again."""
    section = document["assessment"]
    return assessment_meta(
        id=section["id"], started_at=section["started_at"], submitted_at=section["submitted_at"]
    )


def score_inputs(inputs: ScoringInputs) -> tuple[Score, list[Recommendation]]:
    """The scoring rules applied to stored inputs."""
    answers = {
        slug: AnswerInput(answer["self_rating"], tuple(answer["scenario_levels"]))
        for slug, answer in inputs["answers"].items()
    }
    experience = ExperienceInput(
        years_experience=inputs["experience"]["years_experience"],
        years_leading=inputs["experience"]["years_leading"],
    )
    result = score(
        [_requirement(r) for r in inputs["requirements"]],
        answers,
        [_rung(rung) for rung in inputs["rungs"]],
        experience,
    )
    resources = [_resource(r) for r in inputs["resources"]]
    return result, recommend(result.role, resources)


def result_document(
    inputs: ScoringInputs,
    *,
    assessment: AssessmentMeta,
    previous: ResultDocument | None = None,
    scoring_version: int = SCORING_VERSION,
) -> ResultDocument:
    """The result as the page and the JSON show it. `previous` is the document of the person's
    previous attempt at the same role, if any."""
    result, recommendations = score_inputs(inputs)
    role = result.role
    previous_levels = (
        {skill["skill"]: skill["measured_level"] for skill in previous["skills"]}
        if previous
        else {}
    )
    return {
        "schema": SCHEMA,
        "scoring_version": scoring_version,
        "assessment": _assessment_section(assessment, inputs),
        "readiness_percent": role.readiness_percent,
        "verdict": role.verdict.value,
        "verdict_rule": verdict_rule(),
        "skills": [
            _skill_row(skill, previous_levels.get(skill.skill_slug), inputs["answers"])
            for skill in role.skills
        ],
        "strengths": [s.skill_slug for s in role.strengths],
        "gaps": [s.skill_slug for s in role.gaps],
        "recommendations": [_recommendation_row(rec) for rec in recommendations],
        "ladder": _ladder(result.ladder, target_slug=inputs["role"]["slug"]),
        "flags": _flags(role, straight_lining=result.flags.straight_lining),
        "previous": _previous_attempt(previous, role.readiness_percent),
    }


def verdict_rule() -> VerdictRule:
    """The thresholds the verdict was decided by, as the scoring module defines them."""
    return {
        "ready_min_percent": READY_THRESHOLD,
        "nearly_min_percent": NEARLY_THRESHOLD,
        "blocking_gap": CRITICAL_GAP,
        "blocking_importance": CRITICAL_IMPORTANCE,
    }


def without_comparison(document: ResultDocument) -> ResultDocument:
    """The document with no trace of the previous attempt: for a viewer who may not see it."""
    return {
        **document,
        "previous": None,
        "skills": [{**skill, "change": None} for skill in document["skills"]],
    }


# --- Inputs → scoring dataclasses --------------------------------------------------------------


def _requirement(row: RequirementJSON) -> RequirementInput:
    return RequirementInput(
        skill_slug=row["skill_slug"],
        skill_name=row["skill_name"],
        category=row["category"],
        required_level=row["required_level"],
        importance=row["importance"],
    )


def _rung(rung: RungJSON) -> RungInput:
    return RungInput(
        slug=rung["slug"],
        title=rung["title"],
        rank=rung["rank"],
        years_experience_min=rung["years_experience_min"],
        years_experience_max=rung["years_experience_max"],
        years_leading_min=rung["years_leading_min"],
        requirements=tuple(_requirement(r) for r in rung["requirements"]),
    )


def _resource(row: ResourceJSON) -> ResourceInput:
    return ResourceInput(
        skill_slug=row["skill_slug"],
        title=row["title"],
        kind=row["kind"],
        description=row["description"],
        from_level=row["from_level"],
        to_level=row["to_level"],
        effort_hours=row["effort_hours"],
        cost=row["cost"],
        url=row["url"],
    )


# --- Scores → document sections ----------------------------------------------------------------


def _assessment_section(meta: AssessmentMeta, inputs: ScoringInputs) -> AssessmentSection:
    return {
        "id": meta["id"],
        "started_at": meta["started_at"],
        "submitted_at": meta["submitted_at"],
        "role": inputs["role"],
        "years_experience": inputs["experience"]["years_experience"],
        "years_leading": inputs["experience"]["years_leading"],
    }


def _skill_row(
    skill: SkillScore, previous_level: int | None, answers: dict[str, AnswerJSON]
) -> SkillRow:
    answer = answers.get(skill.skill_slug)
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
        "change": (
            None
            if previous_level is None or skill.measured_level is None
            else skill.measured_level - previous_level
        ),
        "evidence_note": answer["evidence_note"] if answer else "",
        "evidence_url": answer["evidence_url"] if answer else "",
    }


def _recommendation_row(recommendation: Recommendation) -> RecommendationRow:
    skill = recommendation.skill
    return {
        "skill": skill.skill_slug,
        "name": skill.skill_name,
        "from_level": skill.measured_level or 0,  # gaps are always assessed
        "to_level": skill.required_level,
        "importance": skill.importance,
        "priority": skill.priority,
        "steps": [_recommendation_step(step) for step in recommendation.steps],
    }


def _recommendation_step(step: LevelStep[ResourceInput]) -> RecommendationStep:
    return {
        "from_level": int(step.from_level),
        "to_level": int(step.to_level),
        "resources": [_step_resource(resource) for resource in step.resources],
    }


def _step_resource(resource: ResourceInput) -> StepResource:
    return {
        "title": resource.title,
        "kind": resource.kind,
        "description": resource.description,
        "from_level": resource.from_level,
        "to_level": resource.to_level,
        "effort_hours": resource.effort_hours,
        "cost": resource.cost,
        "url": resource.url,
    }


def _ladder(ladder: LadderScore, *, target_slug: str) -> Ladder:
    slugs_by_rank = {rung.rank: rung.slug for rung in ladder.rungs}
    return {
        "highest_ready": _slug_at(slugs_by_rank, ladder.highest_ready_rank),
        "next": _slug_at(slugs_by_rank, ladder.next_rank),
        "rungs": [_ladder_rung(rung, is_target=rung.slug == target_slug) for rung in ladder.rungs],
    }


def _slug_at(slugs_by_rank: dict[int, str], rank: int | None) -> str | None:
    return slugs_by_rank[rank] if rank is not None else None


def _ladder_rung(rung: RungScore, *, is_target: bool) -> LadderRung:
    return {
        "slug": rung.slug,
        "title": rung.title,
        "rank": rung.rank,
        "readiness_percent": rung.readiness_percent,
        "verdict": rung.verdict.value,
        "is_target": is_target,
        "years_experience_min": rung.years_experience_min,
        "years_experience_max": rung.years_experience_max,
        "years_leading_min": rung.years_leading_min,
        "experience_short": rung.experience_short,
        "leading_short": rung.leading_short,
        "skills_met_but_experience_short": rung.skills_met_but_experience_short,
        "not_assessed": list(rung.not_assessed),
        "gaps": [_rung_gap(gap) for gap in rung.gaps],
    }


def _rung_gap(gap: SkillScore) -> RungGap:
    return {
        "skill": gap.skill_slug,
        "name": gap.skill_name,
        "required_level": gap.required_level,
        "measured_level": gap.measured_level or 0,  # gaps are always assessed
        "gap": gap.gap or 0,
    }


def _flags(role: RoleScore, *, straight_lining: bool) -> FlagsSection:
    return {
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
        "straight_lining": straight_lining,
    }


def _previous_attempt(
    previous: ResultDocument | None, readiness_percent: float | None
) -> PreviousAttempt | None:
    if previous is None:
        return None
    return {
        "assessment": previous["assessment"]["id"],
        "submitted_at": previous["assessment"]["submitted_at"],
        "readiness_percent": previous["readiness_percent"],
        "readiness_change": (
            None
            if readiness_percent is None or previous["readiness_percent"] is None
            else round(readiness_percent - previous["readiness_percent"], 1)
        ),
    }
