"""The shape of a questionnaire: one page of self-ratings per skill category of the role's
required skills, then one page of situations chosen from those ratings
(`assessments.selection`: "let's check your strongest claims").

Pure functions over already-loaded catalog rows, so the page structure, the progress figures
and the list of unanswered items are cheap to compute and easy to test.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import groupby
from typing import Any, overload

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments import selection
from assessments.fields import rating_field, scenario_field
from assessments.length import LengthEstimate, Question, estimate, situations_that_fit
from careers.levels import PROFICIENCY_CHOICES

SITUATIONS_TITLE = _("Situations")


@dataclass(frozen=True)
class QuestionnairePage:
    """A page of self-ratings for one category, or (`category` None) the situations page
    with the items chosen for this person."""

    number: int
    category: Any | None
    requirements: list[Any]
    items: Sequence[Any] = ()
    # On the situations page, while some rating is missing: the most items it may ask (the
    # selection's upper bound before any rating), so the progress line's total stays put
    # while the person rates.
    possible_items: tuple[Any, ...] = ()

    @property
    def is_situations(self) -> bool:
        return self.category is None

    @property
    def title(self) -> Any:
        return SITUATIONS_TITLE if self.category is None else self.category.name

    @property
    def skills(self) -> list[Any]:
        return [requirement.skill for requirement in self.requirements]

    @property
    def scenario_items(self) -> list[Any]:
        return list(self.items)


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


class ChosenLater(Sequence[Any]):
    """The situations chosen for a person's levels, chosen when first asked for: a page of
    self-ratings asks for them only when its progress line counts them (every skill has a
    level), so drawing or saving it costs nothing that grows with the whole questionnaire."""

    def __init__(self, choose: Callable[[], Iterable[Any]]):
        self._choose: Callable[[], Iterable[Any]] | None = choose
        self._items: tuple[Any, ...] = ()

    def _chosen(self) -> tuple[Any, ...]:
        if self._choose is not None:
            self._items, self._choose = tuple(self._choose()), None
        return self._items

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        return self._chosen()[index]

    def __len__(self) -> int:
        return len(self._chosen())


@dataclass(frozen=True)
class QuestionSizes:
    """Each question of a questionnaire as the length estimate sees it (`rating_question`,
    `scenario_question`), worked out once with its shape: the progress line's "about 8
    minutes left" then adds up figures instead of measuring texts on every request."""

    ratings: Mapping[int, Question]  # by skill id
    situations: Mapping[int, Question]  # by item id

    @classmethod
    def of(cls, rows: Iterable[Any], items: Iterable[Any]) -> "QuestionSizes":
        return cls(
            ratings={row.skill.pk: rating_question(row.skill) for row in rows},
            situations={
                item.pk: scenario_question(item, skill_name=item.skill.name) for item in items
            },
        )

    def rating(self, skill: Any, *, prefilled: bool) -> Question:
        question = self.ratings.get(skill.pk) or rating_question(skill)
        return replace(question, prefilled=True) if prefilled else question

    def situation(self, item: Any, *, prefilled: bool) -> Question:
        question = self.situations.get(item.pk) or scenario_question(
            item, skill_name=item.skill.name
        )
        return replace(question, prefilled=True) if prefilled else question


@dataclass(frozen=True)
class QuestionnaireShape:
    """What a questionnaire asks whoever answers it: its rows, rating pages, cap of situations
    and the situations it may ask before anything is rated. It depends on the catalog alone
    (and the language, through the length of the level names), so a page builds it once per
    role, catalog revision and language; only the situations chosen differ per person."""

    rank: int
    rows: tuple[Any, ...]
    pages: tuple[QuestionnairePage, ...]
    limit: int
    selection_input: "SelectionInput"
    possible: tuple[Any, ...]
    sizes: QuestionSizes

    @property
    def page_count(self) -> int:
        """The pages of self-ratings, and the situations page when there is one."""
        return len(self.pages) + (1 if self.possible else 0)

    def pages_for(self, levels: Mapping[int, int]) -> list[QuestionnairePage]:
        """The rating pages, then the situations page with the items chosen from `levels`
        (chosen when first asked for: `ChosenLater`)."""
        if not self.possible:
            return list(self.pages)
        levels = dict(levels)
        situations = QuestionnairePage(
            number=len(self.pages) + 1,
            category=None,
            requirements=[],
            items=ChosenLater(
                lambda: self.selection_input.choose(rank=self.rank, levels=levels, limit=self.limit)
            ),
            possible_items=()
            if all(row.skill.pk in levels for row in self.rows)
            else self.possible,
        )
        return [*self.pages, situations]


def questionnaire_shape(
    requirements: Iterable[Any], *, rank: int, below: Iterable[Any] = ()
) -> QuestionnaireShape:
    """`questionnaire_pages` before any answer (see there)."""
    target = list(requirements)
    below = list(below)
    rows = asked_rows(target, below)
    limit = situations_cap(rows)
    # Both rungs' rows of every skill asked: a shared skill's claim is checked from the
    # lowest level a rung where it is key requires (`selection.merge_rungs`).
    asked = {row.skill.pk for row in rows}
    every_row = [row for row in (*target, *below) if row.skill.pk in asked]
    selection_input = SelectionInput.of(every_row)
    possible = selection_input.choose(rank=rank, levels={}, claimed_unrated=True, limit=limit)
    return QuestionnaireShape(
        rank=rank,
        rows=tuple(rows),
        pages=tuple(build_pages(rows)),
        limit=limit,
        selection_input=selection_input,
        possible=tuple(possible),
        sizes=QuestionSizes.of(rows, selection_input.by_slug.values()),
    )


def questionnaire_pages(
    requirements: Iterable[Any],
    *,
    rank: int,
    levels: Mapping[int, int],
    below: Iterable[Any] = (),
) -> list[QuestionnairePage]:
    """The rating pages, then the situations page with the items chosen from `levels` (the
    self-rated level by skill id).

    `below` are the rows of the rung below the target: its key skills the target does not
    require are asked too (`asked_rows`), in catalog order, so one assessment says where the
    person stands on both rungs (what was answered already is prefilled, so it costs a
    glance).

    The situations page asks at most the situations that fit in the time the ratings leave
    (`situations_cap`). It is there whenever some key skill has an item that fits the rung,
    even before anything is rated, so the page count never changes under a person's feet;
    items it no longer asks keep their answers, unshown."""
    return questionnaire_shape(requirements, rank=rank, below=below).pages_for(levels)


def asked_rows(target: Iterable[Any], below: Iterable[Any] = ()) -> list[Any]:
    """The rows a questionnaire asks, in catalog order: every row of the target, and the key
    rows of the rung below whose skill the target does not require (`selection.from_rung_below`;
    its minor skills are not asked). Rows without a required level are never asked."""
    rows = [requirement for requirement in target if requirement.required_level >= 1]
    asked = {requirement.skill.pk for requirement in rows}
    added = [
        requirement
        for requirement in below
        if requirement.required_level >= 1
        and requirement.skill.pk not in asked
        and selection.from_rung_below(_selection_requirement(requirement))
    ]
    return sorted(rows + added, key=_catalog_order) if added else rows


def _selection_requirement(requirement: Any) -> selection.Requirement:
    return selection.Requirement(
        skill=requirement.skill.slug,
        required_level=requirement.required_level,
        importance=requirement.importance,
    )


def situations_cap(rows: Sequence[Any]) -> int:
    """The most situations the questionnaire of `rows` (questionnaire rows, as asked) asks:
    `length.situations_that_fit` after rating every row, each situation a typical one of the
    questionnaire (the mean size of its skills' items)."""
    return _cap(
        [rating_question(row.skill) for row in rows],
        [_situations_size(row.skill) for row in rows],
    )


def _situations_size(skill: Any) -> tuple[int, int, int]:
    """A skill's situations' count, characters and options, as the page shows them."""
    questions = [
        scenario_question(item, skill_name=skill.name) for item in skill.scenario_items.all()
    ]
    return (
        len(questions),
        sum(question.characters for question in questions),
        sum(question.options for question in questions),
    )


def _cap(ratings: list[Question], sizes: Sequence[tuple[int, int, int]]) -> int:
    count = sum(size[0] for size in sizes)
    if not count:
        return selection.MAX_ITEMS
    typical = Question(
        characters=round(sum(size[1] for size in sizes) / count),
        options=round(sum(size[2] for size in sizes) / count),
    )
    return situations_that_fit(ratings, typical)


def _catalog_order(requirement: Any) -> tuple[int, int, int, str]:
    skill = requirement.skill
    return (skill.category.position, skill.category.pk, skill.position, skill.name)


def choose_items(
    requirements: Sequence[Any],
    *,
    rank: int,
    levels: Mapping[int, int],
    claimed_unrated: bool = False,
    limit: int = selection.MAX_ITEMS,
) -> list[Any]:
    """`selection.select_items` over catalog rows: the chosen scenario items, in order.

    `requirements` may hold several rows for one skill (a questionnaire covering the target
    and the rung below); `selection.merge_rungs` makes them one."""
    return SelectionInput.of(requirements).choose(
        rank=rank, levels=levels, claimed_unrated=claimed_unrated, limit=limit
    )


@dataclass(frozen=True)
class SelectionInput:
    """Catalog rows as `selection.select_items` takes them, converted once (a questionnaire's
    shape keeps its own, so choosing a person's situations converts nothing)."""

    requirements: tuple[selection.Requirement, ...]
    items: tuple[selection.Item, ...]
    by_slug: Mapping[str, Any]  # item slug → its catalog row
    skill_slugs: Mapping[int, str]  # skill id → slug

    @classmethod
    def of(cls, requirements: Sequence[Any]) -> "SelectionInput":
        by_slug: dict[str, Any] = {}
        rows = []
        items = []
        skill_slugs = {}
        for requirement in requirements:
            skill = requirement.skill
            skill_slugs[skill.pk] = skill.slug
            rows.append(_selection_requirement(requirement))
            for item in skill.scenario_items.all():
                if item.slug not in by_slug:
                    by_slug[item.slug] = item
                    items.append(
                        selection.Item(slug=item.slug, skill=skill.slug, min_rank=item.min_rank)
                    )
        return cls(tuple(selection.merge_rungs(rows)), tuple(items), by_slug, skill_slugs)

    def choose(
        self,
        *,
        rank: int,
        levels: Mapping[int, int],
        claimed_unrated: bool = False,
        limit: int = selection.MAX_ITEMS,
    ) -> list[Any]:
        ratings = {slug: levels[pk] for pk, slug in self.skill_slugs.items() if pk in levels}
        chosen = selection.select_items(
            self.requirements,
            ratings,
            self.items,
            rank,
            claimed_unrated=claimed_unrated,
            limit=limit,
        )
        return [self.by_slug[slug] for slug in chosen]


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
    prefilled_skill_ids: Set[int] = frozenset(),
    prefilled_item_ids: Set[int] = frozenset(),
    sizes: QuestionSizes | None = None,
) -> Steps:
    """The steps object for page `current` (1-based; `len(pages) + 1` is the review).
    Prefilled answers not yet confirmed count as unanswered, at a glance's cost. `sizes`: the
    questions' figures kept with the questionnaire's shape, if at hand."""
    first_question = 1
    for page in pages[: current - 1]:
        first_question += len(page.skills) + len(_expected_items(page))
    skills = [skill for page in pages for skill in page.skills]
    items = [item for page in pages for item in _expected_items(page)]
    left = questionnaire_length(
        [skill for skill in skills if skill.pk not in rated_skill_ids],
        [item for item in items if item.pk not in answered_item_ids],
        rated_skill_ids=prefilled_skill_ids,
        answered_item_ids=prefilled_item_ids,
        sizes=sizes,
    )
    total = len(skills) + len(items)
    return Steps(
        current=current,
        count=len(pages) + 1,
        name=pages[current - 1].title if current <= len(pages) else review_name,
        first_question=min(first_question, total),
        questions_total=total,
        questions_answered=total - left.questions,
        minutes_left=left.minutes,
    )


def _expected_items(page: QuestionnairePage) -> list[Any]:
    """The items a page counts for progress: the upper bound while ratings are missing, the
    chosen ones once every skill is rated."""
    return list(page.possible_items or page.items)


def find_unanswered(
    pages: Sequence[QuestionnairePage], rated_skill_ids: set[int], answered_item_ids: set[int]
) -> list[Unanswered]:
    """Every rating and scenario still without an answer, in questionnaire order."""
    missing = []
    for page in pages:
        for skill in page.skills:
            if skill.pk not in rated_skill_ids:
                missing.append(Unanswered("rating", skill.name, page.number, rating_field(skill)))
        for item in page.scenario_items:
            if item.pk not in answered_item_ids:
                missing.append(
                    Unanswered("scenario", item.skill.name, page.number, scenario_field(item))
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
    """One row per skill; a chosen situation is shown with its skill's rating."""
    chosen_by_skill: dict[int, list[Any]] = {}
    for page in pages:
        for item in page.scenario_items:
            chosen_by_skill.setdefault(item.skill_id, []).append(item)
    return [
        ReviewRow(
            page_number=page.number,
            skill=skill,
            rating=ratings_by_skill.get(skill.pk),
            scenarios=[
                (item, options_by_item.get(item.pk)) for item in chosen_by_skill.get(skill.pk, [])
            ],
        )
        for page in pages
        for skill in page.skills
    ]


def level_label(level: int, name: str) -> str:
    """How a level is named beside its anchor: "3 · Competent"."""
    return f"{level} · {name}"


def shown_anchor(anchor: Any) -> str:
    """The anchor text a rating option shows: the short one (the full one is a tap away)."""
    return anchor.short_text


def _level_labels_characters() -> int:
    return _level_labels_characters_in(get_language())


@lru_cache(maxsize=16)
def _level_labels_characters_in(language: str | None) -> int:
    # Each option shows its level's label, a space, then the anchor; the level names are
    # translated, so the figure is one per language.
    return sum(len(level_label(level, str(name))) + 1 for level, name in PROFICIENCY_CHOICES)


def rating_question(skill: Any, *, prefilled: bool = False) -> Question:
    """A self-rating as shown: the skill's name, then its levels as an ordered scale (the
    description and full anchors are folded away, so not counted)."""
    anchors = list(skill.anchors.all())
    return Question(
        characters=len(skill.name),
        options=len(anchors),
        scale_characters=_level_labels_characters()
        + sum(len(shown_anchor(anchor)) for anchor in anchors),
        prefilled=prefilled,
    )


def scenario_question(item: Any, *, skill_name: str, prefilled: bool = False) -> Question:
    """A situation as shown: the skill it checks, its prompt and every answer, all read (the
    answers are not in order of merit)."""
    options = list(item.options.all())
    characters = len(skill_name) + len(item.prompt) + sum(len(option.text) for option in options)
    return Question(characters=characters, options=len(options), prefilled=prefilled)


def questionnaire_length(
    skills: Iterable[Any],
    scenario_items: Iterable[Any] | None = None,
    *,
    rated_skill_ids: Set[int] = frozenset(),
    answered_item_ids: Set[int] = frozenset(),
    sizes: QuestionSizes | None = None,
) -> LengthEstimate:
    """The estimate (`assessments.length`) for rating `skills` and answering `scenario_items`
    (by default every item of those skills), counting what is already answered as prefilled
    answers to confirm. With `sizes`, each question's figures are taken from there."""
    skills = list(skills)
    if scenario_items is None:
        scenario_items = [item for skill in skills for item in skill.scenario_items.all()]
    if sizes is not None:
        return estimate(
            [sizes.rating(skill, prefilled=skill.pk in rated_skill_ids) for skill in skills]
            + [
                sizes.situation(item, prefilled=item.pk in answered_item_ids)
                for item in scenario_items
            ]
        )
    return estimate(
        [rating_question(skill, prefilled=skill.pk in rated_skill_ids) for skill in skills]
        + [
            scenario_question(
                item,
                skill_name=item.skill.name,  # set by the prefetch from its skill: no query
                prefilled=item.pk in answered_item_ids,
            )
            for item in scenario_items
        ]
    )


def first_time_length(requirements: Iterable[Any], below: Iterable[Any] = ()) -> LengthEstimate:
    """The estimate a person answering for the first time is given, from questionnaire rows
    (`Requirement.objects.for_questionnaire`; `below`: the rung below's, whose added key
    skills are asked too): every rating, and as many situations as the selection may choose
    (`assessments.selection`, its upper bound under the questionnaire's cap: every key skill
    with a situation is taken to claim its requirement), each a typical situation of its
    skill (the mean size of the skill's items). The typical situation, not the first,
    because the role page computes the same figure from sums without loading the items."""
    rows = asked_rows(requirements, below)
    sizes = [_situations_size(requirement.skill) for requirement in rows]
    return _first_time(rows, [rating_question(r.skill) for r in rows], sizes)


def extension_length(
    target: Iterable[Any], below: Iterable[Any], answered_skill_ids: Set[int]
) -> LengthEstimate:
    """What extending a finished assessment to another rung asks (`assessments:extend`):
    `first_time_length` over the rows its questionnaire asks (`asked_rows`) whose skills are
    not answered yet (the rest is carried over), under the whole questionnaire's cap of
    situations. The result's "answer them (about M
    minutes)" and the extension page both show this figure, so they cannot disagree."""
    target, below = list(target), list(below)
    rows = [row for row in asked_rows(target, below) if row.skill.pk not in answered_skill_ids]
    sizes = [_situations_size(row.skill) for row in rows]
    # The situations page of the extended questionnaire asks at most that questionnaire's
    # cap, which counts every rating it holds, the carried-over ones too.
    return _first_time(
        rows,
        [rating_question(row.skill) for row in rows],
        sizes,
        limit=situations_cap(asked_rows(target, below)),
    )


def role_page_length(requirements: Iterable[Any], below: Iterable[Any] = ()) -> LengthEstimate:
    """`first_time_length` from a role page's rows (`Requirement.objects.for_role_page`,
    `below` those of the rung below, read in the same query with `with_rung_below`), which
    carry their questionnaire's text lengths as sums, so the page needs no query for it."""
    rows = asked_rows(requirements, below)
    ratings = [
        Question(
            characters=len(r.skill.name),
            options=r.anchor_count,
            scale_characters=_level_labels_characters() + (r.anchor_characters or 0),
        )
        for r in rows
    ]
    sizes = [
        (
            r.scenario_count,
            # Each situation also shows the name of the skill it checks.
            (r.scenario_characters or 0) + r.scenario_count * len(r.skill.name),
            r.scenario_options,
        )
        for r in rows
    ]
    return _first_time(rows, ratings, sizes)


def _first_time(
    rows: Sequence[Any],
    ratings: list[Question],
    sizes: Sequence[tuple[int, int, int]],
    *,
    limit: int | None = None,
) -> LengthEstimate:
    """`sizes`: per row, its skill's situations' count, characters and options; `limit`: the
    questionnaire's cap of situations, by default that of these rows."""
    if limit is None:
        limit = _cap(ratings, sizes)
    upper_bound = set(
        selection.select_items(
            [
                selection.Requirement(
                    skill=str(index), required_level=row.required_level, importance=row.importance
                )
                for index, row in enumerate(rows)
            ],
            {},
            [
                selection.Item(slug=str(index), skill=str(index))
                for index, (count, _, _) in enumerate(sizes)
                if count
            ],
            rank=1,
            claimed_unrated=True,
            limit=limit,
        )
    )
    typical = [
        Question(characters=round(characters / count), options=round(options / count))
        for index, (count, characters, options) in enumerate(sizes)
        if str(index) in upper_bound
    ]
    return estimate(ratings + typical)


def _share(total: int, parts: int, index: int) -> int:
    """`total` split into `parts` whole shares that add up to it exactly."""
    return total // parts + (1 if index < total % parts else 0)
