"""The scoring inputs, read from the database: the only part of the result pipeline that does.

At submission `snapshot_inputs` copies the catalog (every rung of the ladder, the resources) and
the person's answers into plain JSON (`assessments.document.ScoringInputs`); from then on the
catalog can change without touching the result. The catalog part is stored once per distinct
state of the catalog (`ScoringCatalog`), the attempt's own part with its result.
"""

from collections import defaultdict
from collections.abc import Collection
from typing import cast

from django.db.models import Prefetch

from assessments.document import (
    AnswerJSON,
    CatalogInputs,
    OwnInputs,
    RequirementJSON,
    ResourceJSON,
    RungJSON,
    ScoringInputs,
    answer_json,
    join_inputs,
    split_inputs,
)
from assessments.models import Assessment, Result, ScoringCatalog
from careers.models import Requirement, Resource, Role


def snapshot_inputs(
    assessment: Assessment, *, scenario_item_ids: Collection[int] | None = None
) -> ScoringInputs:
    """Everything scoring needs, copied out of the catalog and the answers (of the answers
    to situations, only those to `scenario_item_ids` when given: the ones last asked)."""
    rungs = _rungs(assessment.role)
    target = next(rung for rung in rungs if rung["slug"] == assessment.role.slug)
    target_skills = [r["skill_slug"] for r in target["requirements"]]
    return {
        "role": {"slug": assessment.role.slug, "title": assessment.role.title},
        "requirements": target["requirements"],
        "rungs": rungs,
        "answers": _answers(assessment, scenario_item_ids),
        "experience": {
            "years_experience": assessment.years_experience,
            "years_leading": assessment.years_leading,
        },
        "resources": _resources(target_skills),
    }


def inputs_store(inputs: ScoringInputs) -> tuple[ScoringCatalog, OwnInputs]:
    """The catalog part saved once (or found, when this catalog state was scored before), and
    the attempt's own part, to be stored with its result."""
    catalog, own = split_inputs(inputs)
    return ScoringCatalog.objects.for_content(catalog), own


def stored_inputs(result: Result, catalog_content: object) -> ScoringInputs:
    """A stored result's inputs, whole again (`catalog_content` is its catalog's content,
    passed in so that results sharing a catalog read it once)."""
    # The JSON columns were written from these very shapes.
    return join_inputs(cast(CatalogInputs, catalog_content), cast(OwnInputs, result.inputs))


def _rungs(role: Role) -> list[RungJSON]:
    requirements = Requirement.objects.select_related("skill__category").order_by(
        "skill__category__position", "skill__position", "skill__name", "skill__slug"
    )
    # The occupations imported from O*NET share a track but are no ladder (their ranks are
    # only an order): an occupation is scored on its own, not beside ~900 others.
    same_ladder = {"pk": role.pk} if role.is_from_onet else {"track_id": role.track_id}
    ladder = Role.objects.filter(**same_ladder)
    rungs = ladder.prefetch_related(Prefetch("requirements", queryset=requirements))
    return [
        {
            "slug": rung.slug,
            "title": rung.title,
            "rank": rung.rank,
            "years_experience_min": rung.years_experience_min,
            "years_experience_max": rung.years_experience_max,
            "years_leading_min": rung.years_leading_min,
            "requirements": [_requirement(r) for r in rung.requirements.all()],
        }
        for rung in rungs
    ]


def _requirement(row: Requirement) -> RequirementJSON:
    return {
        "skill_slug": row.skill.slug,
        "skill_name": row.skill.name,
        "category": row.skill.category.name,
        "required_level": row.required_level,
        "importance": row.importance,
    }


def _answers(
    assessment: Assessment, scenario_item_ids: Collection[int] | None
) -> dict[str, AnswerJSON]:
    """Each answered skill's rating, evidence and scenario levels, by skill slug, sorted."""
    scenario_levels: dict[str, list[int]] = defaultdict(list)
    scenario_answers = assessment.scenario_answers.all()
    if scenario_item_ids is not None:
        scenario_answers = scenario_answers.filter(item_id__in=scenario_item_ids)
    for skill_slug, level in scenario_answers.values_list("item__skill__slug", "option__level"):
        scenario_levels[skill_slug].append(level)
    ratings = {
        slug: (level, note, url)
        for slug, level, note, url in assessment.ratings.values_list(
            "skill__slug", "level", "evidence_note", "evidence_url"
        )
    }
    answers = {}
    for slug in sorted({*ratings, *scenario_levels}):
        self_rating, note, url = ratings.get(slug, (None, "", ""))
        answers[slug] = answer_json(
            self_rating=self_rating,
            scenario_levels=scenario_levels[slug],
            evidence_note=note,
            evidence_url=url,
        )
    return answers


def _resources(skill_slugs: list[str]) -> list[ResourceJSON]:
    resources = Resource.objects.filter(skill__slug__in=skill_slugs).select_related("skill")
    return [
        {
            "skill_slug": r.skill.slug,
            "title": r.title,
            "provider": r.provider,
            "industry": r.industry,
            "kind": r.kind,
            "description": r.description,
            "from_level": r.from_level,
            "to_level": r.to_level,
            "effort_hours": r.effort_hours,
            "cost": r.cost,
            "url": r.url,
        }
        # Titles repeat across skills (one course serves several): the order goes on to what
        # is copied, then the slug, or the catalog's digest would change with the order the
        # database happens to return rows in.
        for r in resources.order_by(
            "from_level", "to_level", "title", "skill__slug", "provider", "url", "slug"
        )
    ]
