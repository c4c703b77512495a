"""The result document: what the result page and its JSON show, built from the scoring inputs.

Pure Python, no ORM and no request: `result_document` takes the inputs `assessments.snapshot`
copied out of the database at submission and returns the document stored with the result.
Re-scoring an old assessment under new rules only needs its stored inputs. Both shapes are
written down here as `TypedDict`s — the inputs (`ScoringInputs`) and the document
(`ResultDocument`, documented in the README) — and every key is built in one place.
"""

from typing import NotRequired, TypedDict

from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, override

from assessments.recommendations import Recommendation, ResourceInput, recommend
from assessments.scoring import (
    KEY_IMPORTANCE,
    NEARLY_BLOCKING_KEY_GAP,
    NEARLY_THRESHOLD,
    READY_BLOCKING_GAP,
    READY_BLOCKING_IMPORTANCE,
    READY_MAX_KEY_ONE_LEVEL_GAPS,
    READY_THRESHOLD,
    SCORING_VERSION,
    AimingLow,
    AnswerInput,
    Confidence,
    ExperienceGap,
    ExperienceInput,
    Flags,
    LadderScore,
    RequirementInput,
    RoleScore,
    RungInput,
    RungScore,
    Score,
    SkillScore,
    Verdict,
    YearsKind,
    score,
)
from careers.steps import LevelStep

SCHEMA = "skills-gap/result/v2"

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
    # Catalog snapshots stored before resources named their provider and industry lack both.
    provider: NotRequired[str]
    industry: NotRequired[str]
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
    blocking_gap: int  # a skill this many levels short ...
    blocking_importance: int  # ... of at least this importance blocks "ready"
    key_importance: int  # importance of a key skill (4–5)
    ready_max_key_one_level_gaps: int
    nearly_blocking_key_gap: int


class ExperienceGapJSON(TypedDict):
    """Stated years below a rung's typical minimum, as numbers."""

    kind: str  # "experience" (customer-facing work) or "leading" (leading people)
    stated_years: int
    typical_min: int
    typical_max: int | None


class VerdictReason(TypedDict):
    """Why a role or rung has its verdict, as data; `text` is `verdict_reason_text` of it in
    English (the page shows the same sentence in the reader's language)."""

    kind: str  # one of REASON_KINDS
    readiness_percent: float | None
    threshold: float | None  # below_threshold: the readiness the next verdict up starts at
    skill: str | None  # skill_short: the skill's name
    levels_short: int | None
    count: int | None  # not_assessed: key skills to answer; key_skills_short: how many
    experience_gaps: list[ExperienceGapJSON]
    answer_problems: list[str]  # answer_quality: "straight_lining", "scenarios_below_self_rating"
    text: str


class NotAssessedSkill(TypedDict):
    skill: str
    name: str
    importance: int
    key: bool


class Extension(TypedDict):
    """What "answer them" assesses: exactly these skills, for this role."""

    role: str
    skills: list[str]
    # The extension page (`assessments:extend`): added when result.json is served, never
    # stored in the snapshot.
    url: NotRequired[str]


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
    # Documents stored before resources named their provider and industry lack both.
    provider: NotRequired[str]
    industry: NotRequired[str]  # "" when it fits any industry
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
    skills_verdict: str  # rule 4 alone, before the experience and answer-quality caps
    provisional_verdict: str  # what the assessed skills alone say ("so far")
    coverage_percent: float | None  # None: the rung lists no skills
    limited_by: list[str]
    reason: VerdictReason
    experience_gaps: list[ExperienceGapJSON]
    is_target: bool
    years_experience_min: int
    years_experience_max: int | None
    years_leading_min: int
    experience_short: bool
    leading_short: bool
    skills_met_but_experience_short: bool
    not_assessed: list[str]  # names
    not_assessed_skills: list[str]  # slugs
    extension: Extension | None  # None: nothing left to answer
    gaps: list[RungGap]


class Ladder(TypedDict):
    highest_ready: str | None
    next: str | None
    closest: str | None  # only when no rung is ready
    target: str | None
    rungs: list[LadderRung]


class CalibrationFlag(TypedDict):
    skill: str
    name: str
    self_rating: int | None
    scenario_level: int | None


class RungRef(TypedDict):
    slug: str
    title: str


class AimingLowJSON(TypedDict):
    years_above_typical: bool
    skills_above_required: bool
    stated_years: int | None
    typical_max: int | None
    rungs_above: list[RungRef]  # lowest first
    extension: list[Extension]  # one per rung above


class FlagsSection(TypedDict):
    raised: list[str]  # the name of every flag raised (`scoring.Flags.raised`)
    calibration: list[CalibrationFlag]
    straight_lining: bool
    scenarios_below_self_rating: list[str]  # skill slugs
    skills_with_scenarios: int
    experience_not_considered: bool
    leading_not_considered: bool
    aiming_low: AimingLowJSON | None


class ConfidenceSection(TypedDict):
    skills_counted: int
    skills_assessed: int
    skills_checked_by_scenarios: int
    skills_self_rated_only: int
    coverage_percent: float | None
    limited_by: list[str]
    text: str  # "12 of 32 skills checked by situations"


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
    skills_verdict: str
    provisional_verdict: str
    coverage_percent: float | None
    limited_by: list[str]  # "experience", "answer_quality", "not_assessed"
    reason: VerdictReason
    experience_gaps: list[ExperienceGapJSON]
    not_assessed: list[NotAssessedSkill]
    extension: Extension | None
    confidence: ConfidenceSection
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
        target_slug=inputs["role"]["slug"],
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
        "skills_verdict": role.skills_verdict.value,
        "provisional_verdict": role.provisional_verdict.value,
        "coverage_percent": role.coverage_percent,
        "limited_by": [limit.value for limit in role.limited_by],
        "reason": _reason(role, result.flags),
        "experience_gaps": [_experience_gap(gap) for gap in role.experience_gaps],
        "not_assessed": [
            {
                "skill": s.skill_slug,
                "name": s.skill_name,
                "importance": s.importance,
                "key": s.is_key,
            }
            for s in role.not_assessed
        ],
        "extension": _extension(inputs["role"]["slug"], [s.skill_slug for s in role.not_assessed]),
        "confidence": _confidence(result.confidence),
        "verdict_rule": verdict_rule(),
        "skills": [
            _skill_row(skill, previous_levels.get(skill.skill_slug), inputs["answers"])
            for skill in role.skills
        ],
        "strengths": [s.skill_slug for s in role.strengths],
        "gaps": [s.skill_slug for s in role.gaps],
        "recommendations": [_recommendation_row(rec) for rec in recommendations],
        "ladder": _ladder(result.ladder, result.flags, target_slug=inputs["role"]["slug"]),
        "flags": _flags(role, result.flags, inputs["rungs"]),
        "previous": _previous_attempt(previous, role.readiness_percent),
    }


def verdict_rule() -> VerdictRule:
    """The thresholds the verdict was decided by, as the scoring module defines them."""
    return {
        "ready_min_percent": READY_THRESHOLD,
        "nearly_min_percent": NEARLY_THRESHOLD,
        "blocking_gap": READY_BLOCKING_GAP,
        "blocking_importance": READY_BLOCKING_IMPORTANCE,
        "key_importance": KEY_IMPORTANCE,
        "ready_max_key_one_level_gaps": READY_MAX_KEY_ONE_LEVEL_GAPS,
        "nearly_blocking_key_gap": NEARLY_BLOCKING_KEY_GAP,
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
        provider=row.get("provider", ""),
        industry=row.get("industry", ""),
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
        "provider": resource.provider,
        "industry": resource.industry,
        "kind": resource.kind,
        "description": resource.description,
        "from_level": resource.from_level,
        "to_level": resource.to_level,
        "effort_hours": resource.effort_hours,
        "cost": resource.cost,
        "url": resource.url,
    }


def _ladder(ladder: LadderScore, flags: Flags, *, target_slug: str) -> Ladder:
    slugs_by_rank = {rung.rank: rung.slug for rung in ladder.rungs}
    return {
        "highest_ready": _slug_at(slugs_by_rank, ladder.highest_ready_rank),
        "next": _slug_at(slugs_by_rank, ladder.next_rank),
        "closest": _slug_at(slugs_by_rank, ladder.closest_rank),
        "target": _slug_at(slugs_by_rank, ladder.target_rank),
        "rungs": [
            _ladder_rung(rung, flags, is_target=rung.slug == target_slug) for rung in ladder.rungs
        ],
    }


def _slug_at(slugs_by_rank: dict[int, str], rank: int | None) -> str | None:
    return slugs_by_rank[rank] if rank is not None else None


def _ladder_rung(rung: RungScore, flags: Flags, *, is_target: bool) -> LadderRung:
    return {
        "slug": rung.slug,
        "title": rung.title,
        "rank": rung.rank,
        "readiness_percent": rung.readiness_percent,
        "verdict": rung.verdict.value,
        "skills_verdict": rung.skills_verdict.value,
        "provisional_verdict": rung.provisional_verdict.value,
        "coverage_percent": rung.coverage_percent,
        "limited_by": [limit.value for limit in rung.limited_by],
        "reason": _reason(rung, flags),
        "experience_gaps": [_experience_gap(gap) for gap in rung.experience_gaps],
        "is_target": is_target,
        "years_experience_min": rung.years_experience_min,
        "years_experience_max": rung.years_experience_max,
        "years_leading_min": rung.years_leading_min,
        "experience_short": rung.experience_short,
        "leading_short": rung.leading_short,
        "skills_met_but_experience_short": rung.skills_met_but_experience_short,
        "not_assessed": list(rung.not_assessed),
        "not_assessed_skills": list(rung.not_assessed_slugs),
        "extension": _extension(rung.slug, list(rung.not_assessed_slugs)),
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


def _flags(role: RoleScore, flags: Flags, rungs: list[RungJSON]) -> FlagsSection:
    return {
        "raised": list(flags.raised),
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
        "straight_lining": flags.straight_lining,
        "scenarios_below_self_rating": (
            list(flags.scenarios_below_self_rating)
            if flags.scenarios_mostly_below_self_rating
            else []
        ),
        "skills_with_scenarios": flags.skills_with_scenarios,
        "experience_not_considered": flags.experience_not_considered,
        "leading_not_considered": YearsKind.LEADING in flags.years_not_given,
        "aiming_low": _aiming_low(flags.aiming_low, rungs),
    }


def _aiming_low(aiming_low: AimingLow | None, rungs: list[RungJSON]) -> AimingLowJSON | None:
    if aiming_low is None:
        return None
    titles = {rung["slug"]: rung["title"] for rung in rungs}
    return {
        "years_above_typical": aiming_low.years_above_typical,
        "skills_above_required": aiming_low.skills_above_required,
        "stated_years": aiming_low.stated_years,
        "typical_max": aiming_low.typical_max,
        "rungs_above": [{"slug": slug, "title": titles[slug]} for slug in aiming_low.rungs_above],
        "extension": [{"role": slug, "skills": []} for slug in aiming_low.rungs_above],
    }


def _confidence(confidence: Confidence) -> ConfidenceSection:
    section: ConfidenceSection = {
        "skills_counted": confidence.skills_counted,
        "skills_assessed": confidence.skills_assessed,
        "skills_checked_by_scenarios": confidence.skills_checked_by_scenarios,
        "skills_self_rated_only": confidence.skills_self_rated_only,
        "coverage_percent": confidence.coverage_percent,
        "limited_by": [limit.value for limit in confidence.limited_by],
        "text": "",
    }
    with override("en"):
        section["text"] = confidence_text(section)
    return section


def confidence_text(confidence: ConfidenceSection) -> str:
    """ "12 of 32 skills checked by situations", in the active language."""
    return ngettext(
        "%(checked)d of %(assessed)d skill checked by situations",
        "%(checked)d of %(assessed)d skills checked by situations",
        confidence["skills_assessed"],
    ) % {
        "checked": confidence["skills_checked_by_scenarios"],
        "assessed": confidence["skills_assessed"],
    }


def _experience_gap(gap: ExperienceGap) -> ExperienceGapJSON:
    return {
        "kind": gap.kind.value,
        "stated_years": gap.stated_years,
        "typical_min": gap.typical_min,
        "typical_max": gap.typical_max,
    }


def _extension(role_slug: str, skill_slugs: list[str]) -> Extension | None:
    return {"role": role_slug, "skills": skill_slugs} if skill_slugs else None


# --- Why a verdict ---------------------------------------------------------------------------

REASON_KINDS = (
    "no_skills",  # the role lists no skills: no verdict
    "not_assessed",  # key skills not answered: no verdict
    "experience",  # the skills say ready; the stated years are below the typical minimum
    "answer_quality",  # the skills say ready; the answers cannot be trusted
    "ready",
    "skill_short",  # one skill's gap keeps the verdict down
    "key_skills_short",  # too many key skills one level short for "ready"
    "below_threshold",  # readiness below the next verdict's threshold
)


def _reason(role: RoleScore | RungScore, flags: Flags) -> VerdictReason:
    """The one fact that decided the verdict, in the order the rules apply."""
    reason: VerdictReason = {
        "kind": "",
        "readiness_percent": role.readiness_percent,
        "threshold": None,
        "skill": None,
        "levels_short": None,
        "count": None,
        "experience_gaps": [],
        "answer_problems": [],
        "text": "",
    }
    counted = [s for s in role.skills if s.is_counted]
    short = [s for s in counted if s.gap]  # skill order
    if not counted:
        reason["kind"] = "no_skills"
    elif role.verdict == Verdict.NOT_ASSESSED:
        reason["kind"] = "not_assessed"
        reason["count"] = sum(1 for s in counted if s.is_key and not s.is_assessed)
    elif role.skills_verdict == Verdict.READY and role.verdict != Verdict.READY:
        if role.experience_gaps:
            reason["kind"] = "experience"
            reason["experience_gaps"] = [_experience_gap(g) for g in role.experience_gaps]
        else:
            reason["kind"] = "answer_quality"
            reason["answer_problems"] = [
                name
                for name, raised in (
                    ("straight_lining", flags.straight_lining),
                    ("scenarios_below_self_rating", flags.scenarios_mostly_below_self_rating),
                )
                if raised
            ]
    elif role.verdict == Verdict.READY:
        reason["kind"] = "ready"
    else:
        percent = role.readiness_percent or 0.0
        threshold = READY_THRESHOLD if role.verdict == Verdict.NEARLY else NEARLY_THRESHOLD
        if role.verdict == Verdict.NEARLY:  # what blocks "ready"
            blocking = [
                s
                for s in short
                if s.importance >= READY_BLOCKING_IMPORTANCE and (s.gap or 0) >= READY_BLOCKING_GAP
            ]
        else:  # what blocks "nearly ready"
            blocking = [s for s in short if s.is_key and (s.gap or 0) >= NEARLY_BLOCKING_KEY_GAP]
        worst = max(blocking, key=lambda s: (s.gap or 0, s.importance), default=None)
        if percent < threshold:
            reason["kind"] = "below_threshold"
            reason["threshold"] = threshold
        elif worst is not None:
            reason["kind"] = "skill_short"
            reason["skill"] = worst.skill_name
            reason["levels_short"] = worst.gap
        else:
            reason["kind"] = "key_skills_short"
            reason["count"] = sum(1 for s in short if s.is_key and s.gap == 1)
    with override("en"):
        reason["text"] = verdict_reason_text(reason)
    return reason


def verdict_reason_text(reason: VerdictReason, *, person: str | None = None) -> str:
    """The reason for a verdict in one plain sentence, in the active language: the result
    page and the JSON's `text` both come from here. Addressed to the test taker ("you"), or
    with `person` (a name, "this person") about them, for someone else reading the result."""
    kind = reason["kind"]
    percent = reason["readiness_percent"]
    if kind == "no_skills":
        return gettext("This role lists no skills to assess, so it has no verdict.")
    if kind == "not_assessed":
        count = reason["count"] or 0
        if person is not None:
            return ngettext(
                "%(count)d skill this role needs most was not assessed yet, so it has no verdict "
                "until it is answered.",
                "%(count)d skills this role needs most were not assessed yet, so it has no "
                "verdict until they are answered.",
                count,
            ) % {"count": count}
        return ngettext(
            "%(count)d skill this role needs most was not assessed yet, so it has no verdict "
            "until you answer it.",
            "%(count)d skills this role needs most were not assessed yet, so it has no verdict "
            "until you answer them.",
            count,
        ) % {"count": count}
    if kind == "experience":
        years = "; ".join(
            experience_gap_text(gap, person=person) for gap in reason["experience_gaps"]
        )
        if person is not None:
            return gettext("The skills are there; %(years)s.") % {"years": years}
        return gettext("Your skills are there; %(years)s.") % {"years": years}
    if kind == "answer_quality":
        return _answer_quality_text(reason["answer_problems"], person)
    if kind == "ready":
        values = {"percent": _percent(percent), "person": person}
        if person is not None:
            return capfirst(
                gettext(
                    "%(person)s meets %(percent)s%% of what this role asks, with no real gap in "
                    "its important skills."
                )
                % values
            )
        return (
            gettext(
                "You meet %(percent)s%% of what this role asks, with no real gap in its important "
                "skills."
            )
            % values
        )
    if kind == "skill_short":
        levels = reason["levels_short"] or 0
        return ngettext(
            "%(skill)s is %(levels)d level short of what this role asks.",
            "%(skill)s is %(levels)d levels short of what this role asks.",
            levels,
        ) % {"skill": reason["skill"], "levels": levels}
    if kind == "key_skills_short":
        count = reason["count"] or 0
        return gettext(
            "%(count)d key skills are one level short; ready allows at most %(most)d."
        ) % {"count": count, "most": READY_MAX_KEY_ONE_LEVEL_GAPS}
    values = {
        "percent": _percent(percent),
        "verdict": (
            Verdict.READY.label if reason["threshold"] == READY_THRESHOLD else Verdict.NEARLY.label
        ).lower(),
        "threshold": _percent(reason["threshold"]),
        "person": person,
    }
    if person is not None:
        return capfirst(
            gettext(
                "%(person)s meets %(percent)s%% of what this role asks; %(verdict)s starts at "
                "%(threshold)s%%."
            )
            % values
        )
    return (
        gettext(
            "You meet %(percent)s%% of what this role asks; %(verdict)s starts at %(threshold)s%%."
        )
        % values
    )


def _answer_quality_text(problems: list[str], person: str | None) -> str:
    if person is not None:
        if "straight_lining" in problems:
            why = gettext("every skill got the same rating")
        else:
            why = gettext(
                "the answers to the situations sit two levels or more below the self-ratings "
                "on many skills"
            )
        return gettext(
            "The answers say ready, but %(why)s, so this result stays at nearly ready: ask "
            "someone who has seen %(person)s work."
        ) % {"why": why, "person": person}
    if "straight_lining" in problems:
        why = gettext("you gave every skill the same rating")
    else:
        why = gettext(
            "your answers to the situations sit two levels or more below your own ratings "
            "on many skills"
        )
    return gettext(
        "Your answers say ready, but %(why)s, so this result stays at nearly ready: ask "
        "someone who has seen you work."
    ) % {"why": why}


def experience_gap_text(gap: ExperienceGapJSON, *, person: str | None = None) -> str:
    """ "this role usually asks for 3–5 years, you have 2" (or "…, Sam has 2")."""
    low, high, years = gap["typical_min"], gap["typical_max"], gap["stated_years"]
    values = {"low": low, "high": high, "years": years, "person": person}
    if person is not None:
        if gap["kind"] == YearsKind.LEADING:
            return (
                ngettext(
                    "this role usually asks for %(low)d+ years leading people, %(person)s has "
                    "%(years)d",
                    "this role usually asks for %(low)d+ years leading people, %(person)s has "
                    "%(years)d",
                    years,
                )
                % values
            )
        if high is None:
            return (
                gettext("this role usually asks for %(low)d+ years, %(person)s has %(years)d")
                % values
            )
        return (
            gettext("this role usually asks for %(low)d–%(high)d years, %(person)s has %(years)d")
            % values
        )
    if gap["kind"] == YearsKind.LEADING:
        return (
            ngettext(
                "this role usually asks for %(low)d+ years leading people, you have %(years)d",
                "this role usually asks for %(low)d+ years leading people, you have %(years)d",
                years,
            )
            % values
        )
    if high is None:
        return gettext("this role usually asks for %(low)d+ years, you have %(years)d") % values
    return gettext("this role usually asks for %(low)d–%(high)d years, you have %(years)d") % values


def _percent(value: float | None) -> str:
    return f"{value or 0:.0f}"


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
