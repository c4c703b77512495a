"""How O*NET's ratings become our levels, importance, anchors and skill groups.

Pure Python, no Django: plain values in, the frozen dataclasses below out. `release.py`
reads the files and calls these rules; `importer.py` writes what they return. The rules, also
in docs/CATALOG_IMPORT.md:

- **Level**: our level = round(LV × 5 / 7), halves up, clamped to 0–5. 0 means "not required".
  O*NET 0–7 → ours: 0–0.69 → 0, 0.7–2.09 → 1, 2.1–3.49 → 2, 3.5–4.89 → 3, 4.9–6.29 → 4,
  6.3–7 → 5.
- **Importance**: our importance = round(IM), halves up, clamped to 1–5 (both scales are 1–5).
- **Left out**: a rating whose `LV` row says `Not Relevant` = Y, or either of whose rows says
  `Recommend Suppress` = Y (a low-precision estimate), becomes no requirement at all. The import
  counts and lists them; a requirement imported earlier is removed.
- **Anchors**: each O*NET anchor is put at our level by the level rule (anchors that land on 0
  are dropped; two landing on one level: the one nearer that level wins). Our levels without an
  O*NET anchor get a sentence built from their neighbours, so every skill has all five:
  "Between “<lower>” and “<higher>”.", "Working towards “<lowest>”." below the lowest anchor,
  "Beyond “<highest>”." above the highest one.
- **Short anchors** (the questionnaire's labels, at most 12 words): an O*NET example is its own
  short anchor, or, for the few examples of release 29.0 longer than that, a shorter wording
  of ours (`SHORTER_EXAMPLES`); levels without an example say which examples they lie between
  or beyond by level number ("Between the level 1 and level 3 examples."), since the labels of
  those levels stand beside them. A longer example of a later release stays as it is, and
  `check_catalog` asks for a shorter one.
- **Groups**: the skill groups of O*NET's content model become skill categories: 2.A Basic
  Skills, 2.B.1 Social Skills, 2.B.2 Complex Problem Solving, 2.B.3 Technical Skills, 2.B.4
  Systems Skills, 2.B.5 Resource Management Skills; names come from the Content Model Reference
  when it has them. A skill keeps O*NET's order (by element id) within its group.
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# Our scales, as `careers.levels` defines them for the models. Spelled out here because that
# module builds Django choices; tests/careers/onet/test_mapping.py keeps the two equal.
NOT_REQUIRED = 0
MIN_LEVEL = 1
MAX_LEVEL = 5
MIN_IMPORTANCE = 1
MAX_IMPORTANCE = 5

ONET_MAX_LEVEL = Decimal(7)

NOT_RELEVANT = "not_relevant"
SUPPRESSED = "suppressed"

Translate = Callable[[str], str]


def gettext_noop(message: str) -> str:
    """Marks `message` for `makemessages` (which finds it by this name) without importing
    Django; whoever calls `five_anchors` passes the function that translates it."""
    return message


BETWEEN_ANCHORS = gettext_noop("Between “%(lower)s” and “%(higher)s”.")
BELOW_LOWEST_ANCHOR = gettext_noop("Working towards “%(anchor)s”.")
ABOVE_HIGHEST_ANCHOR = gettext_noop("Beyond “%(anchor)s”.")
NO_ANCHOR = gettext_noop(
    "%(skill)s at level %(level)d of 5 (O*NET gives no example for this skill)."
)
BETWEEN_EXAMPLES = gettext_noop("Between the level %(lower)d and level %(higher)d examples.")
BELOW_LOWEST_EXAMPLE = gettext_noop("Working towards the level %(level)d example.")
ABOVE_HIGHEST_EXAMPLE = gettext_noop("Beyond the level %(level)d example.")
NO_EXAMPLE = gettext_noop("Level %(level)d of 5 (O*NET gives no example).")

# O*NET 29.0's level examples longer than a short anchor may be (12 words), in fewer words of
# our own; every other example is short enough to be its own label.
SHORTER_EXAMPLES = {
    "Monitor a meeting and revise the agenda to ensure important topics are discussed": (
        "Steer a meeting's agenda so the important topics get covered"
    ),
    "Navigate the settings on an office printer to print on both sides of the paper": (
        "Set an office printer to print on both sides"
    ),
    "Adjust the speed of assembly line equipment based on the product being assembled": (
        "Adjust assembly line speed to suit the product"
    ),
    "Control aircraft approach and landing at a large airport during a busy period": (
        "Guide aircraft landings at a large, busy airport"
    ),
    "Determine how loss of a team member will affect the completion of a job": (
        "Judge how losing a team member affects finishing a job"
    ),
    "Determine why estimates for the time to complete a task are overly optimistic": (
        "Work out why a task's time estimates are too optimistic"
    ),
    "Use available funds to buy office supplies and record the amount of the purchase": (
        "Buy office supplies from a budget and record the cost"
    ),
    "Direct the activities of a road repair crew with minimal disruption of traffic flow": (
        "Direct a road repair crew while keeping traffic moving"
    ),
}


@dataclass(frozen=True)
class SkillGroup:
    """A group of O*NET's content model, as the skill category it becomes."""

    slug: str
    """Fixed here, not derived from names a release may reword, so a later import finds the
    categories it created."""
    name: str


# In O*NET's order.
SKILL_GROUPS: dict[str, SkillGroup] = {
    "2.A": SkillGroup("onet-basic-skills", "Basic Skills"),
    "2.B.1": SkillGroup("onet-social-skills", "Social Skills"),
    "2.B.2": SkillGroup("onet-complex-problem-solving", "Complex Problem Solving"),
    "2.B.3": SkillGroup("onet-technical-skills", "Technical Skills"),
    "2.B.4": SkillGroup("onet-systems-skills", "Systems Skills"),
    "2.B.5": SkillGroup("onet-resource-management-skills", "Resource Management Skills"),
}
OTHER_GROUP_ID = "2"
OTHER_GROUP = SkillGroup("onet-other-skills", "Other O*NET skills")


# --- What a release holds, on our scales ---------------------------------------------------


@dataclass(frozen=True)
class OnetGroup:
    group_id: str
    slug: str
    name: str
    description: str
    position: int


@dataclass(frozen=True)
class OnetSkill:
    element_id: str
    name: str
    description: str
    group_id: str
    position: int
    anchors: tuple[str, ...]
    """Our levels 1–5, in order."""
    short_anchors: tuple[str, ...] = ()
    """The same levels in a few words, for the questionnaire's labels."""


@dataclass(frozen=True)
class OnetRating:
    element_id: str
    required_level: int
    importance: int


@dataclass(frozen=True)
class LeftOut:
    element_id: str
    name: str
    reason: str
    """NOT_RELEVANT or SUPPRESSED."""


@dataclass(frozen=True)
class OnetOccupation:
    code: str
    title: str
    description: str
    tasks: tuple[str, ...]
    ratings: tuple[OnetRating, ...]
    left_out: tuple[LeftOut, ...] = ()

    @property
    def responsibilities(self) -> str:
        return "\n".join(self.tasks) if self.tasks else self.description


@dataclass(frozen=True)
class OnetRelease:
    version: str
    occupations: tuple[OnetOccupation, ...]
    skills: Mapping[str, OnetSkill]
    """Every skill rated for at least one of the occupations, by element id."""
    groups: Mapping[str, OnetGroup]
    without_ratings: tuple[str, ...] = ()
    """Codes of Occupation Data that have no skill ratings (skipped by --all)."""

    @property
    def rating_count(self) -> int:
        return sum(len(occupation.ratings) for occupation in self.occupations)


# --- Levels and importance -----------------------------------------------------------------


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def our_level(onet_level: Decimal) -> int:
    """O*NET's 0–7 level on our 0–5 scale: round(LV × 5 / 7), halves up, clamped."""
    level = _round_half_up(onet_level * MAX_LEVEL / ONET_MAX_LEVEL)
    return min(max(level, NOT_REQUIRED), MAX_LEVEL)


def our_importance(onet_importance: Decimal) -> int:
    """O*NET's 1–5 importance rounded to a whole step, halves up, clamped to 1–5."""
    importance = _round_half_up(onet_importance)
    return min(max(importance, MIN_IMPORTANCE), MAX_IMPORTANCE)


def rating_or_left_out(
    element_id: str,
    name: str,
    *,
    onet_level: Decimal,
    onet_importance: Decimal,
    not_relevant: bool,
    suppressed: bool,
) -> OnetRating | LeftOut:
    """One occupation's rating of one skill (its LV and IM rows) on our scales, or why it
    becomes no requirement: Not Relevant on the LV row, or Recommend Suppress on either row."""
    if not_relevant or suppressed:
        return LeftOut(element_id, name, NOT_RELEVANT if not_relevant else SUPPRESSED)
    return OnetRating(
        element_id=element_id,
        required_level=our_level(onet_level),
        importance=our_importance(onet_importance),
    )


# --- Anchors -------------------------------------------------------------------------------


def _untranslated(message: str) -> str:
    return message


def five_anchors(
    onet_anchors: Mapping[Decimal, str],
    skill_name: str,
    *,
    translate: Translate = _untranslated,
) -> tuple[str, ...]:
    """Descriptions for our levels 1–5 from O*NET's few anchors on its 0–7 scale.

    Where O*NET gives no example for one of our levels, the text says honestly that it lies
    between (or beyond) the examples it does give, rather than inventing a behaviour. Those
    sentences are English unless `translate` (Django's gettext, from `release.py`) says
    otherwise.
    """
    known = _examples_by_level(onet_anchors)
    return tuple(
        _anchor_text(level, known, skill_name, translate)
        for level in range(MIN_LEVEL, MAX_LEVEL + 1)
    )


def five_short_anchors(
    onet_anchors: Mapping[Decimal, str], *, translate: Translate = _untranslated
) -> tuple[str, ...]:
    """Short labels for our levels 1–5: the level's O*NET example (shortened where
    `SHORTER_EXAMPLES` has it), or where it lies among the examples other levels show."""
    known = _examples_by_level(onet_anchors)
    return tuple(
        _short_anchor_text(level, known, translate) for level in range(MIN_LEVEL, MAX_LEVEL + 1)
    )


def _examples_by_level(onet_anchors: Mapping[Decimal, str]) -> dict[int, str]:
    """O*NET's examples at our levels; where two land on one level the nearer one wins."""
    nearest: dict[int, tuple[Decimal, str]] = {}
    for value, description in sorted(onet_anchors.items()):
        level = our_level(value)
        if level < MIN_LEVEL:
            continue
        distance = abs(value - level * ONET_MAX_LEVEL / MAX_LEVEL)
        if level not in nearest or distance < nearest[level][0]:
            nearest[level] = (distance, description)
    return {level: description for level, (_distance, description) in nearest.items()}


def _neighbours(level: int, known: Mapping[int, str]) -> tuple[int | None, int | None]:
    lower = max((other for other in known if other < level), default=None)
    higher = min((other for other in known if other > level), default=None)
    return lower, higher


def _anchor_text(
    level: int, known: Mapping[int, str], skill_name: str, translate: Translate
) -> str:
    if level in known:
        return known[level]
    lower, higher = _neighbours(level, known)
    if lower is not None and higher is not None:
        return translate(BETWEEN_ANCHORS) % {
            "lower": known[lower].rstrip("."),
            "higher": known[higher].rstrip("."),
        }
    if higher is not None:
        return translate(BELOW_LOWEST_ANCHOR) % {"anchor": known[higher].rstrip(".")}
    if lower is not None:
        return translate(ABOVE_HIGHEST_ANCHOR) % {"anchor": known[lower].rstrip(".")}
    return translate(NO_ANCHOR) % {"skill": skill_name, "level": level}


def _short_anchor_text(level: int, known: Mapping[int, str], translate: Translate) -> str:
    if level in known:
        example = known[level].strip()
        return SHORTER_EXAMPLES.get(example.rstrip("."), example)
    lower, higher = _neighbours(level, known)
    if lower is not None and higher is not None:
        return translate(BETWEEN_EXAMPLES) % {"lower": lower, "higher": higher}
    if higher is not None:
        return translate(BELOW_LOWEST_EXAMPLE) % {"level": higher}
    if lower is not None:
        return translate(ABOVE_HIGHEST_EXAMPLE) % {"level": lower}
    return translate(NO_EXAMPLE) % {"level": level}


# --- Groups and the skills in them ---------------------------------------------------------


def group_of(element_id: str) -> str:
    """The id of the skill group an element belongs to: 2.A.1.b → 2.A, 2.B.3.e → 2.B.3."""
    matches = [group for group in SKILL_GROUPS if element_id.startswith(group + ".")]
    return max(matches, key=len, default=OTHER_GROUP_ID)


def element_order(element_id: str) -> tuple[tuple[int, int | str], ...]:
    """2.A.1.b < 2.A.2.a < 2.A.10.a: numeric parts compare as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in element_id.split("."))


def skill_groups(content_model: Mapping[str, tuple[str, str]]) -> dict[str, OnetGroup]:
    """Every group, by id, named and described as the Content Model Reference (element id →
    name, description) has it; the catch-all group for elements of no known group last."""
    groups = {}
    for position, (group_id, group) in enumerate(SKILL_GROUPS.items(), start=1):
        name, description = content_model.get(group_id, (group.name, ""))
        groups[group_id] = OnetGroup(
            group_id=group_id,
            slug=group.slug,
            name=name or group.name,
            description=description,
            position=position,
        )
    groups[OTHER_GROUP_ID] = OnetGroup(
        group_id=OTHER_GROUP_ID,
        slug=OTHER_GROUP.slug,
        name=OTHER_GROUP.name,
        description="",
        position=len(groups) + 1,
    )
    return groups


def rated_skills(
    elements: Collection[str],
    names: Mapping[str, str],
    content_model: Mapping[str, tuple[str, str]],
    anchors: Mapping[str, Mapping[Decimal, str]],
    *,
    translate: Translate = _untranslated,
) -> dict[str, OnetSkill]:
    """The skills `elements`, by element id. `names` holds every skill the ratings file
    names, so a skill gets the same position in its group whichever occupations brought it in.
    """
    by_group: dict[str, list[str]] = defaultdict(list)
    for element in names:
        by_group[group_of(element)].append(element)
    skills = {}
    for group_id, members in by_group.items():
        for position, element in enumerate(sorted(members, key=element_order), start=1):
            if element not in elements:
                continue
            name = content_model[element][0] or names[element]
            skills[element] = OnetSkill(
                element_id=element,
                name=name,
                description=content_model[element][1] or name,
                group_id=group_id,
                position=position,
                anchors=five_anchors(anchors.get(element, {}), name, translate=translate),
                short_anchors=five_short_anchors(anchors.get(element, {}), translate=translate),
            )
    return skills
