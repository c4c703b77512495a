"""The shape of a questionnaire: one page per skill category of the role's required skills.

Pure functions over already-loaded catalog rows, so the page structure, the progress figures
and the list of unanswered items are cheap to compute and easy to test.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from assessments.fields import rating_field, scenario_field


@dataclass(frozen=True)
class QuestionnairePage:
    number: int
    category: Any
    requirements: list[Any]

    @property
    def skills(self) -> list[Any]:
        return [requirement.skill for requirement in self.requirements]

    @property
    def scenario_items(self) -> list[Any]:
        return [item for skill in self.skills for item in skill.scenario_items.all()]


@dataclass(frozen=True)
class Unanswered:
    kind: str  # "rating" or "scenario"
    label: str
    page_number: int
    field_name: str


def build_pages(requirements: Iterable[Any]) -> list[QuestionnairePage]:
    """Requirements in catalog order (category, then skill) → consecutive pages by category."""
    return [
        QuestionnairePage(number=number, category=category, requirements=list(group))
        for number, (category, group) in enumerate(
            groupby(requirements, key=lambda requirement: requirement.skill.category), start=1
        )
    ]


@dataclass(frozen=True)
class PageAnswers:
    """What a person gave on one questionnaire page, typed and keyed by catalog slugs.

    Only answers to save are here: a field that was not posted, failed validation or was
    posted unchanged is absent and stays as saved. An empty rating or scenario choice is
    never an answer; an empty evidence note or link is (it clears the saved one), and so is
    an emptied years field (None).
    """

    ratings: Mapping[str, int] = field(default_factory=dict)  # skill slug → level 1–5
    evidence_notes: Mapping[str, str] = field(default_factory=dict)  # skill slug → note
    evidence_links: Mapping[str, str] = field(default_factory=dict)  # skill slug → URL
    scenario_choices: Mapping[str, str] = field(default_factory=dict)  # item → option slug
    # "years_experience" / "years_leading" (the assessment's own fields) → whole years
    years: Mapping[str, int | None] = field(default_factory=dict)


def find_unanswered(
    pages: Sequence[QuestionnairePage], rated_skill_ids: set[int], answered_item_ids: set[int]
) -> list[Unanswered]:
    """Every rating and scenario still without an answer, in questionnaire order."""
    missing = []
    for page in pages:
        for skill in page.skills:
            if skill.pk not in rated_skill_ids:
                missing.append(Unanswered("rating", skill.name, page.number, rating_field(skill)))
            for item in skill.scenario_items.all():
                if item.pk not in answered_item_ids:
                    missing.append(
                        Unanswered("scenario", skill.name, page.number, scenario_field(item))
                    )
    return missing


@dataclass(frozen=True)
class ReviewRow:
    """One skill as the review and answers pages show it."""

    page_number: int
    skill: Any
    rating: Any | None
    scenarios: list[tuple[Any, Any | None]]  # (item, chosen option or None)

    @property
    def is_rated(self) -> bool:
        return self.rating is not None and self.rating.level is not None


def review_rows(
    pages: Sequence[QuestionnairePage], ratings_by_skill: dict, options_by_item: dict
) -> list[ReviewRow]:
    return [
        ReviewRow(
            page_number=page.number,
            skill=skill,
            rating=ratings_by_skill.get(skill.pk),
            scenarios=[(item, options_by_item.get(item.pk)) for item in skill.scenario_items.all()],
        )
        for page in pages
        for skill in page.skills
    ]
