"""A person's latest answers from their earlier attempts, to start a new one from.

Which attempts count is decided in `assessments.access.prefill_sources`. Here: for each skill
the latest rating and evidence, for each situation the latest choice, and the latest years,
each with the date it was given ("you said 3 on 12 Nov"). Prefilled answers are shown, not
stored: they become this assessment's own answers when the person saves the page ("All still
true" or any other button), so every assessment still holds its own answers.

Three queries however many earlier attempts; rows are read newest first and the first one
per skill or item wins, so the work grows with the answers, never the queries.

Across the crosswalk (`careers.crosswalk`): a skill never answered itself takes the level the
crosswalk gives it from the skills that were — "Which careers fit me?" starts from a person's
customer-service answers (verbal communication → Speaking), and a customer-service assessment
from their O*NET answers. Only from answers given directly, never from another translation,
and never over an answer given to the skill itself. The links are read once per process and
catalog revision.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from assessments.fields import (
    YEARS_EXPERIENCE,
    YEARS_LEADING,
    link_field,
    note_field,
    rating_field,
    scenario_field,
)
from assessments.models import Assessment, ScenarioAnswer, SkillRating
from assessments.questionnaire import QuestionnairePage, questionnaire_pages, questionnaire_steps
from assessments.ranking_matrix import crosswalk_links
from careers.crosswalk import Link, profile_across
from careers.models import Role
from careers.revision import current_revision, questionnaire_rungs


@dataclass(frozen=True)
class PriorRating:
    level: int | None
    evidence_note: str
    evidence_url: str
    given_at: datetime
    # Through the crosswalk: the names of the skills answered that gave this level.
    via: tuple[str, ...] = ()


@dataclass(frozen=True)
class PriorChoice:
    option_id: int
    given_at: datetime


@dataclass(frozen=True)
class PriorAnswers:
    ratings: dict[int, PriorRating] = field(default_factory=dict)  # by skill id
    # Levels the crosswalk gives skills not answered themselves, by skill slug.
    crosswalked: dict[str, PriorRating] = field(default_factory=dict)
    choices: dict[int, PriorChoice] = field(default_factory=dict)  # by item id
    years_experience: int | None = None
    years_leading: int | None = None
    years_given_at: datetime | None = None

    def __bool__(self) -> bool:
        return bool(self.ratings or self.choices or self.years_given_at)

    def rating_for(self, skill: Any) -> PriorRating | None:
        """The skill's own latest answer, else what the crosswalk gives it."""
        return self.ratings.get(skill.pk) or self.crosswalked.get(skill.slug)


NONE = PriorAnswers()


def prior_answers(
    attempts: QuerySet[Assessment] | None, *, revision: int | None = None
) -> PriorAnswers:
    """The latest answer per skill and per item over `attempts` (None: nothing to read), and
    what the crosswalk of catalog `revision` (default: the current one) makes of them."""
    if attempts is None:
        return NONE
    ratings: dict[int, PriorRating] = {}
    measured: dict[str, tuple[PriorRating, str]] = {}  # slug → (answer, skill name)
    rows = (
        SkillRating.objects.filter(assessment__in=attempts)
        .order_by("-updated_at", "-pk")
        .values_list(
            "skill_id",
            "skill__slug",
            "skill__name",
            "level",
            "evidence_note",
            "evidence_url",
            "updated_at",
        )
    )
    for skill_id, slug, name, level, note, url, given_at in rows:
        if skill_id not in ratings:
            ratings[skill_id] = PriorRating(level, note, url, given_at)
            if level is not None:
                measured[slug] = (ratings[skill_id], name)
    crosswalked = across_crosswalk(
        measured, crosswalk_links(current_revision() if revision is None else revision)
    )
    choices: dict[int, PriorChoice] = {}
    answers = (
        ScenarioAnswer.objects.filter(assessment__in=attempts)
        .order_by("-updated_at", "-pk")
        .values_list("item_id", "option_id", "updated_at")
    )
    for item_id, option_id, given_at in answers:
        choices.setdefault(item_id, PriorChoice(option_id, given_at))
    years = (
        attempts.exclude(years_experience__isnull=True, years_leading__isnull=True)
        .order_by("-updated_at")
        .values_list("years_experience", "years_leading", "updated_at")
        .first()
    )
    experience, leading, years_at = years if years else (None, None, None)
    return PriorAnswers(
        ratings=ratings,
        crosswalked=crosswalked,
        choices=choices,
        years_experience=experience,
        years_leading=leading,
        years_given_at=years_at,
    )


def across_crosswalk(
    measured: Mapping[str, tuple[PriorRating, str]], links: Sequence[Link]
) -> dict[str, PriorRating]:
    """The ratings the crosswalk's `links` give skills from the `measured` answers (skill slug
    → the answer and the skill's name), by slug: each dated by the newest answer it came from
    and naming those answers' skills. A skill answered itself is left alone."""
    if not measured or not links:
        return {}
    levels = {slug: prior.level for slug, (prior, _name) in measured.items() if prior.level}
    translated: dict[str, PriorRating] = {}
    for slug, level in profile_across(levels, links).items():
        if slug in measured:
            continue
        # The answers of the strongest links measured, as `careers.crosswalk` combines them.
        linked = [
            (link.weight, other)
            for link in links
            for other in (link.ours, link.onet)
            if slug in (link.ours, link.onet) and other != slug and other in measured
        ]
        strongest = max(weight for weight, _other in linked)
        sources = [other for weight, other in linked if weight == strongest]
        translated[slug] = PriorRating(
            level=level,
            evidence_note="",
            evidence_url="",
            given_at=max(measured[source][0].given_at for source in sources),
            via=tuple(sorted({measured[source][1] for source in sources})),
        )
    return translated


def _usable_level(skill: Any, prior: PriorRating | None) -> int | None:
    """The earlier level, if the skill still has an anchor for it (else asked again)."""
    if prior is None or prior.level is None:
        return None
    return prior.level if any(a.level == prior.level for a in skill.anchors.all()) else None


def _usable_option(item: Any, prior: PriorChoice | None) -> str | None:
    """The slug of the earlier option, if the item still offers it (else asked again)."""
    if prior is None:
        return None
    return next((o.slug for o in item.options.all() if o.pk == prior.option_id), None)


def page_prefill(
    page: QuestionnairePage,
    priors: PriorAnswers,
    *,
    saved_ratings: Mapping[int, Any],
    saved_choices: Mapping[int, int],
    assessment: Assessment | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """For one page: (field name → earlier value, for the fields this assessment has not
    answered yet; field name → the earlier answer, for every field that has one, so a
    changed answer can be marked). `assessment` is given on the page that asks the years."""
    prefilled: dict[str, Any] = {}
    shown: dict[str, Any] = {}
    for skill in page.skills:
        prior = priors.rating_for(skill)
        if prior is None:
            continue
        saved = saved_ratings.get(skill.pk)
        level = _usable_level(skill, prior)
        if level is not None:
            shown[rating_field(skill)] = prior
            if saved is None or saved.level is None:
                prefilled[rating_field(skill)] = level
        if saved is None or not (saved.evidence_note or saved.evidence_url):
            if prior.evidence_note:
                prefilled[note_field(skill)] = prior.evidence_note
            if prior.evidence_url:
                prefilled[link_field(skill)] = prior.evidence_url
    for item in page.scenario_items:
        choice = priors.choices.get(item.pk)
        slug = _usable_option(item, choice)
        if slug is None:
            continue
        shown[scenario_field(item)] = choice
        if item.pk not in saved_choices:
            prefilled[scenario_field(item)] = slug
    if assessment is not None:
        if assessment.years_experience is None and priors.years_experience is not None:
            prefilled[YEARS_EXPERIENCE] = priors.years_experience
        if assessment.years_leading is None and priors.years_leading is not None:
            prefilled[YEARS_LEADING] = priors.years_leading
    return prefilled, shown


def prefilled_ids(
    pages: Sequence[QuestionnairePage],
    priors: PriorAnswers,
    *,
    saved_ratings: Mapping[int, Any],
    saved_choices: Mapping[int, int],
) -> tuple[set[int], set[int]]:
    """The skills and items whose answer is prefilled and not yet saved, on every page: they
    cost a glance, not a reading, in the minutes left."""
    if not priors:
        return set(), set()
    skills = {
        skill.pk
        for page in pages
        for skill in page.skills
        if _usable_level(skill, priors.rating_for(skill)) is not None
        and getattr(saved_ratings.get(skill.pk), "level", None) is None
    }
    items = {
        item.pk
        for page in pages
        for item in page.scenario_items
        if item.pk not in saved_choices
        and _usable_option(item, priors.choices.get(item.pk)) is not None
    }
    return skills, items


def levels_shown(
    requirements: Iterable[Any], priors: PriorAnswers, saved_levels: Mapping[int, int]
) -> dict[int, int]:
    """The level of each skill as the pages show it: the saved one, else the prefilled one.
    The situations are chosen from these, so a prefilled claim is checked like a saved one."""
    levels = dict(saved_levels)
    for requirement in requirements:
        skill = requirement.skill
        if skill.pk not in levels:
            level = _usable_level(skill, priors.rating_for(skill))
            if level is not None:
                levels[skill.pk] = level
    return levels


def returning_minutes(role: Role, priors: PriorAnswers) -> int:
    """How long a new assessment of `role` takes a person whose earlier answers are `priors`:
    what its first page's progress line will say, from the same pages and estimate (the
    situations chosen from the prefilled levels, prefilled answers at a glance's cost)."""
    target, below = questionnaire_rungs(role.pk, current_revision())
    pages = questionnaire_pages(
        target, below=below, rank=role.rank, levels=levels_shown((*target, *below), priors, {})
    )
    skills, items = prefilled_ids(pages, priors, saved_ratings={}, saved_choices={})
    steps = questionnaire_steps(
        pages,
        1,
        review_name="",
        rated_skill_ids=set(),
        answered_item_ids=set(),
        prefilled_skill_ids=skills,
        prefilled_item_ids=items,
    )
    return steps.minutes_left
