"""Consistency rules for the catalog that the database alone cannot enforce.

A catalog can satisfy every constraint and still be unusable: a skill a person cannot rate
because a level has no description (or no short one, or one too long to read at a glance), a
ladder with a missing rung, a requirement nobody can be told how to reach (every step up to a
required level needs a resource that names its provider and title), a situation whose worst
answer still scores above novice, or one that only leaders are asked while a junior rung needs
the skill just as much. `check_catalog` runs these rules after every edit or import.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from careers.levels import MAX_LEVEL, MIN_LEVEL, PROFICIENCY_LEVELS, Importance
from careers.models import (
    SHORT_ANCHOR_MAX_WORDS,
    CrosswalkLink,
    ProficiencyAnchor,
    Requirement,
    Resource,
    Role,
    ScenarioItem,
    Skill,
    short_anchor_word_count,
)
from careers.steps import uncovered_steps

SCENARIO_OPTION_COUNT = 4
# A key skill: one whose gap can decide a verdict, so the situations should be able to check it.
KEY_IMPORTANCE = Importance.VERY_IMPORTANT


def find_catalog_problems() -> list[str]:
    """Every inconsistency found, as sentences an admin can act on; empty when clean."""
    return [
        *_skills_without_all_anchors(),
        *_anchors_without_a_fitting_short_description(),
        *_roles_without_requirements(),
        *_gaps_in_ladders(),
        *_required_levels_without_resources(onet=False),
        *_scenarios_without_four_options(),
        *_scenarios_without_the_lowest_or_highest_level(),
        *_scenarios_above_every_rung(),
        *_key_skills_without_a_fitting_scenario(),
        *_crosswalk_links_without_an_onet_skill(),
    ]


def find_catalog_notes() -> list[str]:
    """What is worth knowing but does not make the catalog unusable: the skills required by
    roles imported from O*NET with level steps no resource helps to climb. O*NET publishes no
    learning resources, so the ~900 occupations the project ships would otherwise fail the
    check until an admin had written resources for all their skills."""
    return _required_levels_without_resources(onet=True)


def _skills_without_all_anchors() -> list[str]:
    levels_by_skill: dict[int, set[int]] = defaultdict(set)
    for skill_id, level in ProficiencyAnchor.objects.values_list("skill_id", "level"):
        levels_by_skill[skill_id].add(level)
    problems = []
    for skill in Skill.objects.order_by("slug"):
        missing = [level for level in PROFICIENCY_LEVELS if level not in levels_by_skill[skill.pk]]
        if missing:
            problems.append(
                _("Skill “%(skill)s” has no anchor for level(s) %(levels)s.")
                % {"skill": skill.slug, "levels": ", ".join(str(int(m)) for m in missing)}
            )
    return problems


def _anchors_without_a_fitting_short_description() -> list[str]:
    """The questionnaire labels each level with its short anchor: one missing makes the page
    fall back to the full description, one too long makes it no quicker to read."""
    missing: dict[str, list[int]] = defaultdict(list)
    too_long = []
    anchors = ProficiencyAnchor.objects.values_list("skill__slug", "level", "short_description")
    for skill_slug, level, short_description in anchors.order_by("skill__slug", "level"):
        words = short_anchor_word_count(short_description)
        if not words:
            missing[skill_slug].append(level)
        elif words > SHORT_ANCHOR_MAX_WORDS:
            too_long.append(
                _(
                    "Skill “%(skill)s”, level %(level)d: the short description has %(count)d "
                    "words; at most %(limit)d."
                )
                % {
                    "skill": skill_slug,
                    "level": level,
                    "count": words,
                    "limit": SHORT_ANCHOR_MAX_WORDS,
                }
            )
    return [
        _("Skill “%(skill)s” has no short description for level(s) %(levels)s.")
        % {"skill": skill_slug, "levels": ", ".join(map(str, levels))}
        for skill_slug, levels in missing.items()
    ] + too_long


def _roles_without_requirements() -> list[str]:
    roles = Role.objects.filter(requirements__isnull=True).order_by("slug")
    return [_("Role “%(role)s” has no requirements.") % {"role": role.slug} for role in roles]


def _gaps_in_ladders() -> list[str]:
    ranks_by_track: dict[str, list[int]] = defaultdict(list)
    for track_slug, rank in Role.objects.values_list("track__slug", "rank").order_by("rank"):
        ranks_by_track[track_slug].append(rank)
    problems = []
    for track_slug, ranks in sorted(ranks_by_track.items()):
        missing = sorted(set(range(1, max(ranks) + 1)) - set(ranks))
        if missing:
            problems.append(
                _("Track “%(track)s” has no role at rank(s) %(ranks)s.")
                % {"track": track_slug, "ranks": ", ".join(map(str, missing))}
            )
    return problems


@dataclass(frozen=True)
class UncoveredSkill:
    """A required skill with level steps that no named resource helps to climb."""

    role_slug: str  # the role requiring the skill at the highest level
    skill_slug: str
    required_level: int
    missing_into: list[int]  # the top level of each uncovered step

    def describe(self) -> str:
        steps = ", ".join(
            _("from %(below)d to %(level)d") % {"below": level - 1, "level": level}
            for level in self.missing_into
        )
        return _(
            "Role “%(role)s” requires “%(skill)s” at level %(level)s, but no resource covers "
            "the step(s) %(steps)s (a resource counts when it names its provider and title)."
        ) % {
            "role": self.role_slug,
            "skill": self.skill_slug,
            "level": self.required_level,
            "steps": steps,
        }


def required_steps_without_named_resources(*, imported: bool = False) -> list[UncoveredSkill]:
    """Every required skill, at the highest level any role requires it, whose steps up to that
    level are not all covered by a resource that names its provider and title; by skill slug.
    Counted over the roles written for this catalog, or over those imported from O*NET
    (`imported`), which publishes no resources.

    A resource without a provider is not enough: a learner cannot act on “a course”.
    """
    spans_by_skill: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for skill_id, from_level, to_level, provider, title in Resource.objects.values_list(
        "skill_id", "from_level", "to_level", "provider", "title"
    ):
        if provider.strip() and title.strip():
            spans_by_skill[skill_id].append((from_level, to_level))
    highest: dict[int, tuple[str, str, int]] = {}
    # Plain single-table reads sorted here: joined to roles and skills, PostgreSQL planned this
    # badly right after a bulk load of the O*NET catalog (minutes instead of milliseconds).
    roles = (
        Role.objects.exclude(onet_soc_code="")
        if imported
        # The skills profile is no job anyone is told how to reach: it needs no resources.
        else Role.objects.filter(onet_soc_code="").jobs()
    )
    role_slugs = dict(roles.values_list("pk", "slug"))
    skill_slugs = dict(Skill.objects.values_list("pk", "slug"))
    rows = [
        (skill_slugs[skill_id], -level, role_slugs[role_id], skill_id, level)
        for skill_id, role_id, level in Requirement.objects.filter(
            required_level__gt=0
        ).values_list("skill_id", "role_id", "required_level")
        if role_id in role_slugs
    ]
    for skill_slug, _minus_level, role_slug, skill_id, level in sorted(rows):
        highest.setdefault(skill_id, (role_slug, skill_slug, level))
    uncovered = []
    for skill_id, (role_slug, skill_slug, level) in highest.items():
        missing = uncovered_steps(level, spans_by_skill[skill_id])
        if missing:
            uncovered.append(UncoveredSkill(role_slug, skill_slug, level, missing))
    return uncovered


def _required_levels_without_resources(*, onet: bool) -> list[str]:
    uncovered = required_steps_without_named_resources(imported=onet)
    return [skill.describe() for skill in uncovered]


def _scenarios_without_four_options() -> list[str]:
    items = ScenarioItem.objects.annotate(option_count=Count("options")).exclude(
        option_count=SCENARIO_OPTION_COUNT
    )
    return [
        _("Scenario “%(item)s” has %(count)d answer(s); it needs %(needed)d.")
        % {"item": item.slug, "count": item.option_count, "needed": SCENARIO_OPTION_COUNT}
        for item in items.order_by("slug")
    ]


def _scenarios_without_the_lowest_or_highest_level() -> list[str]:
    """The worst answer must show level 1 and the best level 5: otherwise someone who picks
    the worst answers every time still measures above novice, and the situations can never
    show a gap at the bottom of the scale (or a strength at its top)."""
    levels_by_item: dict[str, set[int]] = {}
    for slug, level in ScenarioItem.objects.values_list("slug", "options__level"):
        levels = levels_by_item.setdefault(slug, set())
        if level is not None:  # None: an item without options, which lacks both ends
            levels.add(level)
    problems = []
    for slug, levels in sorted(levels_by_item.items()):
        missing = [level for level in (MIN_LEVEL, MAX_LEVEL) if level not in levels]
        if missing:
            problems.append(
                _(
                    "Scenario “%(item)s” has no answer at level(s) %(levels)s: its worst "
                    "answer must show level %(lowest)d and its best level %(highest)d."
                )
                % {
                    "item": slug,
                    "levels": ", ".join(str(int(level)) for level in missing),
                    "lowest": MIN_LEVEL,
                    "highest": MAX_LEVEL,
                }
            )
    return problems


def _scenarios_above_every_rung() -> list[str]:
    """An item whose lowest rung lies above every role that requires its skill is never asked
    (a typo in the rank, or a ladder that lost its top rungs)."""
    highest_rank_by_skill: dict[int, int] = {}
    for skill_id, rank in Requirement.objects.filter(required_level__gt=0).values_list(
        "skill_id", "role__rank"
    ):
        highest_rank_by_skill[skill_id] = max(rank, highest_rank_by_skill.get(skill_id, 0))
    problems = []
    items = ScenarioItem.objects.values_list("slug", "skill_id", "skill__slug", "min_rank")
    for slug, skill_id, skill_slug, min_rank in items.order_by("slug"):
        highest = highest_rank_by_skill.get(skill_id)
        if highest is not None and min_rank > highest:
            problems.append(
                _(
                    "Scenario “%(item)s” fits rungs from rank %(rank)d up, but no role that "
                    "requires “%(skill)s” ranks that high (the highest is %(highest)d): it is "
                    "never asked."
                )
                % {"item": slug, "rank": min_rank, "skill": skill_slug, "highest": highest}
            )
    return problems


def _key_skills_without_a_fitting_scenario() -> list[str]:
    """Where a key skill has situations at all, every rung that needs it has one that fits:
    tagging items for leaders must not leave a junior rung checking that skill by self-rating
    alone. Skills without any situation (e.g. imported from O*NET) are not reported."""
    ranks_by_skill: dict[int, list[int]] = defaultdict(list)
    for skill_id, min_rank in ScenarioItem.objects.values_list("skill_id", "min_rank"):
        ranks_by_skill[skill_id].append(min_rank)
    requirements = (
        Requirement.objects.filter(
            required_level__gt=0, importance__gte=KEY_IMPORTANCE, skill_id__in=ranks_by_skill
        )
        .values_list("role__slug", "role__rank", "skill_id", "skill__slug")
        .order_by("role__track__slug", "role__rank", "skill__slug")
    )
    problems = []
    for role_slug, rank, skill_id, skill_slug in requirements:
        lowest = min(ranks_by_skill[skill_id])
        if lowest > rank:
            problems.append(
                _(
                    "Role “%(role)s” (rank %(rank)d) needs the key skill “%(skill)s”, but none of "
                    "its scenarios fits that rung (the lowest fits from rank %(lowest)d)."
                )
                % {"role": role_slug, "rank": rank, "skill": skill_slug, "lowest": lowest}
            )
    return problems


def _crosswalk_links_without_an_onet_skill() -> list[str]:
    """A crosswalk link names its O*NET skill by element id; one no imported skill carries
    (O*NET not loaded, a typo, an element a newer release dropped) informs nothing, and the
    skill it starts from silently stops feeding the ranking."""
    imported = set(
        Skill.objects.exclude(onet_element_id="").values_list("onet_element_id", flat=True)
    )
    links = CrosswalkLink.objects.order_by("skill__slug", "onet_element_id").values_list(
        "skill__slug", "onet_element_id"
    )
    return [
        _(
            "Crosswalk link “%(skill)s” → %(element)s: no O*NET skill with this element id is "
            "in the catalog."
        )
        % {"skill": skill, "element": element}
        for skill, element in links
        if element not in imported
    ]
