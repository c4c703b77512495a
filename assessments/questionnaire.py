"""The shape of a questionnaire: one page per skill category of the role's required skills.

Pure functions over already-loaded catalog rows, so the page structure, the progress figures
and the list of unanswered items are cheap to compute and easy to test.
"""

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from assessments.fields import rating_field, scenario_field
from assessments.length import LengthEstimate, Question, estimate
from careers.levels import PROFICIENCY_CHOICES


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


@dataclass(frozen=True)
class Steps:
    """Where a person is in the questionnaire, as every page's progress line shows it (the
    idea of django-formtools' StepsHelper): steps are the pages, then the review."""

    current: int  # 1-based; the review step is `count`
    count: int
    name: str  # the page's category, or the review step's name
    first_question: int  # the number of the first question on this step
    questions_total: int
    questions_answered: int
    minutes_left: int  # `assessments.length`, over the questions still unanswered

    first = 1

    @property
    def last(self) -> int:
        return self.count

    @property
    def is_first(self) -> bool:
        return self.current == self.first

    @property
    def is_last(self) -> bool:
        return self.current == self.last

    @property
    def prev(self) -> int | None:
        return self.current - 1 if self.current > self.first else None

    @property
    def next(self) -> int | None:
        return self.current + 1 if self.current < self.last else None

    @property
    def is_review(self) -> bool:
        return self.is_last

    @property
    def percent(self) -> int:
        """The share of questions answered, 0–100."""
        if not self.questions_total:
            return 100
        return round(100 * self.questions_answered / self.questions_total)


def questionnaire_steps(
    pages: Sequence[QuestionnairePage],
    current: int,
    *,
    review_name: str,
    rated_skill_ids: Set[int],
    answered_item_ids: Set[int],
) -> Steps:
    """The steps object for page `current` (1-based; `len(pages) + 1` is the review)."""
    first_question = 1
    for page in pages[: current - 1]:
        first_question += len(page.skills) + len(page.scenario_items)
    skills = [skill for page in pages for skill in page.skills]
    items = [item for page in pages for item in page.scenario_items]
    left = questionnaire_length(
        [skill for skill in skills if skill.pk not in rated_skill_ids],
        [item for item in items if item.pk not in answered_item_ids],
    )
    total = len(skills) + len(items)
    return Steps(
        current=current,
        count=len(pages) + 1,
        name=pages[current - 1].category.name if current <= len(pages) else review_name,
        first_question=min(first_question, total),
        questions_total=total,
        questions_answered=total - left.questions,
        minutes_left=left.minutes,
    )


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


def level_label(level: int, name: str) -> str:
    """How a level is named beside its anchor: "3 · Competent"."""
    return f"{level} · {name}"


def shown_anchor(anchor: Any) -> str:
    """The anchor text a rating option shows."""
    return anchor.description


def _level_labels_characters() -> int:
    # Each option shows its level's label, a space, then the anchor.
    return sum(len(level_label(level, str(name))) + 1 for level, name in PROFICIENCY_CHOICES)


def rating_question(skill: Any, *, prefilled: bool = False) -> Question:
    anchors = list(skill.anchors.all())
    characters = (
        len(skill.name)
        + len(skill.description)
        + _level_labels_characters()
        + sum(len(shown_anchor(anchor)) for anchor in anchors)
    )
    return Question(characters=characters, options=len(anchors), prefilled=prefilled)


def scenario_question(item: Any, *, prefilled: bool = False) -> Question:
    options = list(item.options.all())
    characters = len(item.prompt) + sum(len(option.text) for option in options)
    return Question(characters=characters, options=len(options), prefilled=prefilled)


def questionnaire_length(
    skills: Iterable[Any],
    scenario_items: Iterable[Any] | None = None,
    *,
    rated_skill_ids: Set[int] = frozenset(),
    answered_item_ids: Set[int] = frozenset(),
) -> LengthEstimate:
    """The estimate (`assessments.length`) for rating `skills` and answering `scenario_items`
    (by default every item of those skills), counting what is already answered as prefilled
    answers to confirm."""
    skills = list(skills)
    if scenario_items is None:
        scenario_items = [item for skill in skills for item in skill.scenario_items.all()]
    return estimate(
        [rating_question(skill, prefilled=skill.pk in rated_skill_ids) for skill in skills]
        + [
            scenario_question(item, prefilled=item.pk in answered_item_ids)
            for item in scenario_items
        ]
    )


def role_page_length(requirements: Iterable[Any]) -> LengthEstimate:
    """The first-time estimate from a role page's rows (`Requirement.objects.for_role_page`),
    which carry their questionnaire's text lengths as sums, so the page needs no query for
    it. The same figure as `questionnaire_length` over the loaded questionnaire: the estimate
    is linear, so a skill's scenario sums are split evenly over its items."""
    questions = []
    for requirement in requirements:
        if requirement.required_level < 1:
            continue
        skill = requirement.skill
        questions.append(
            Question(
                characters=len(skill.name)
                + len(skill.description)
                + _level_labels_characters()
                + (requirement.anchor_characters or 0),
                options=requirement.anchor_count,
            )
        )
        count = requirement.scenario_count
        for index in range(count):
            characters, options = (
                _share(requirement.scenario_characters or 0, count, index),
                _share(requirement.scenario_options, count, index),
            )
            questions.append(Question(characters=characters, options=options))
    return estimate(questions)


def _share(total: int, parts: int, index: int) -> int:
    """`total` split into `parts` whole shares that add up to it exactly."""
    return total // parts + (1 if index < total % parts else 0)
