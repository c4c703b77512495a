"""Reading the US O*NET database's text release, and mapping its skill ratings onto our scales.

Plain Python (no ORM): `read_release()` turns the tab-separated files of one release into
dataclasses, already on our scales, and `careers.services.onet_occupations_import` writes them.

Files read (the first line of each is the header; columns are found by name, so the extra
columns some releases add are ignored; fields are stripped of surrounding spaces):

- `Occupation Data.txt`: O*NET-SOC Code, Title, Description.
- `Skills.txt`: O*NET-SOC Code, Element ID, Element Name, Scale ID, Data Value, …,
  Recommend Suppress, Not Relevant, … — two rows per occupation and skill, scale `IM`
  (importance, 1–5) and `LV` (level, 0–7). Rows of other scales are ignored.
- `Level Scale Anchors.txt`: Element ID, …, Scale ID, Anchor Value, Anchor Description — O*NET's
  examples of a skill at a few points of its 0–7 level scale.
- `Content Model Reference.txt`: Element ID, Element Name, Description — the definition of
  each skill and the names of the skill groups.
- `Task Statements.txt` (optional): O*NET-SOC Code, Task, Task Type — the core tasks of an
  occupation become the role's responsibilities; without the file, the description is used.

Mapping rules (also in docs/CATALOG_IMPORT.md):

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
- **Groups**: the skill groups of O*NET's content model become skill categories: 2.A Basic
  Skills, 2.B.1 Social Skills, 2.B.2 Complex Problem Solving, 2.B.3 Technical Skills, 2.B.4
  Systems Skills, 2.B.5 Resource Management Skills; names come from the Content Model Reference
  when it has them. A skill keeps O*NET's order (by element id) within its group.
"""

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careers.levels import MAX_LEVEL, MIN_LEVEL, Importance, Level

OCCUPATION_FILE = "Occupation Data.txt"
SKILLS_FILE = "Skills.txt"
ANCHORS_FILE = "Level Scale Anchors.txt"
CONTENT_MODEL_FILE = "Content Model Reference.txt"
TASKS_FILE = "Task Statements.txt"

CODE = "O*NET-SOC Code"
ELEMENT_ID = "Element ID"
IMPORTANCE_SCALE = "IM"
LEVEL_SCALE = "LV"
SKILL_COLUMNS = [
    CODE,
    ELEMENT_ID,
    "Element Name",
    "Scale ID",
    "Data Value",
    "Recommend Suppress",
    "Not Relevant",
]
ONET_MAX_LEVEL = Decimal(7)
YES = "Y"

# Skill groups of the O*NET content model, in O*NET's order. Slugs are fixed here (not derived
# from names a release may reword) so a later import finds the categories it created.
SKILL_GROUPS: dict[str, str] = {
    "2.A": "Basic Skills",
    "2.B.1": "Social Skills",
    "2.B.2": "Complex Problem Solving",
    "2.B.3": "Technical Skills",
    "2.B.4": "Systems Skills",
    "2.B.5": "Resource Management Skills",
}
OTHER_GROUP_ID = "2"
OTHER_GROUP_NAME = "Other O*NET skills"

# Release folders unpack as e.g. db_30_0_text.
RELEASE_FOLDER = re.compile(r"db_(\d+)_(\d+)_text", re.IGNORECASE)

MISSING_FOLDER = gettext_lazy("%(folder)s is not a folder.")
MISSING_FILE = gettext_lazy("%(file)s is missing from %(folder)s.")
NOT_TEXT = gettext_lazy("%(file)s is not UTF-8 text.")
EMPTY_FILE = gettext_lazy("%(file)s is empty: its first line must name the columns.")
MISSING_COLUMN = gettext_lazy("%(file)s, line 1: the column “%(column)s” is missing.")
WRONG_FIELD_COUNT = gettext_lazy(
    "%(file)s, line %(line)d: %(found)d tab-separated fields where the header has %(expected)d."
)
NOT_A_NUMBER = gettext_lazy("%(file)s, line %(line)d: “%(column)s” is not a number: “%(value)s”.")
DUPLICATE_RATING = gettext_lazy(
    "%(file)s, line %(line)d: a second %(scale)s row for %(code)s, element %(element)s."
)
MISSING_RATING = gettext_lazy(
    "%(file)s, line %(line)d: %(code)s, element %(element)s has no %(scale)s row."
)
UNKNOWN_ELEMENT = gettext_lazy(
    "%(file)s, line %(line)d: element %(element)s is not in " + CONTENT_MODEL_FILE + "."
)
UNKNOWN_OCCUPATIONS = gettext_lazy(
    "Unknown O*NET-SOC code(s), not in " + OCCUPATION_FILE + ": %(codes)s."
)
NO_RATINGS = gettext_lazy("O*NET has no skill ratings for %(codes)s in this release.")
UNKNOWN_RELEASE = gettext_lazy(
    "Cannot tell the O*NET release from the folder name “%(folder)s”; "
    "pass it with --release, e.g. --release 30.0."
)

NOT_RELEVANT = "not_relevant"
SUPPRESSED = "suppressed"


class OnetError(Exception):
    """The release cannot be imported as it is; the message says where and why."""


# --- Mapping rules -------------------------------------------------------------------------


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def our_level(onet_level: Decimal) -> int:
    """O*NET's 0–7 level on our 0–5 scale: round(LV × 5 / 7), halves up, clamped."""
    level = _round_half_up(onet_level * MAX_LEVEL / ONET_MAX_LEVEL)
    return int(min(max(level, Level.NOT_REQUIRED), MAX_LEVEL))


def our_importance(onet_importance: Decimal) -> int:
    """O*NET's 1–5 importance rounded to a whole step, halves up, clamped to 1–5."""
    importance = _round_half_up(onet_importance)
    return int(min(max(importance, Importance.MINOR), Importance.ESSENTIAL))


def five_anchors(onet_anchors: Mapping[Decimal, str], skill_name: str) -> tuple[str, ...]:
    """Descriptions for our levels 1–5 from O*NET's few anchors on its 0–7 scale.

    Where O*NET gives no example for one of our levels, the text says honestly that it lies
    between (or beyond) the examples it does give, rather than inventing a behaviour.
    """
    nearest: dict[int, tuple[Decimal, str]] = {}
    for value, description in sorted(onet_anchors.items()):
        level = our_level(value)
        if level < MIN_LEVEL:
            continue
        distance = abs(value - level * ONET_MAX_LEVEL / MAX_LEVEL)
        if level not in nearest or distance < nearest[level][0]:
            nearest[level] = (distance, description)
    known = {level: description for level, (_distance, description) in nearest.items()}
    return tuple(
        _anchor_text(level, known, skill_name) for level in range(MIN_LEVEL, MAX_LEVEL + 1)
    )


def _anchor_text(level: int, known: Mapping[int, str], skill_name: str) -> str:
    if level in known:
        return known[level]
    lower = max((other for other in known if other < level), default=None)
    higher = min((other for other in known if other > level), default=None)
    if lower is not None and higher is not None:
        return _("Between “%(lower)s” and “%(higher)s”.") % {
            "lower": known[lower].rstrip("."),
            "higher": known[higher].rstrip("."),
        }
    if higher is not None:
        return _("Working towards “%(anchor)s”.") % {"anchor": known[higher].rstrip(".")}
    if lower is not None:
        return _("Beyond “%(anchor)s”.") % {"anchor": known[lower].rstrip(".")}
    return _("%(skill)s at level %(level)d of 5 (O*NET gives no example for this skill).") % {
        "skill": skill_name,
        "level": level,
    }


def group_of(element_id: str) -> str:
    """The id of the skill group an element belongs to: 2.A.1.b → 2.A, 2.B.3.e → 2.B.3."""
    matches = [group for group in SKILL_GROUPS if element_id.startswith(group + ".")]
    return max(matches, key=len, default=OTHER_GROUP_ID)


def _element_order(element_id: str) -> tuple[tuple[int, int | str], ...]:
    """2.A.1.b < 2.A.2.a < 2.A.10.a: numeric parts compare as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in element_id.split("."))


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


# --- Reading the files ---------------------------------------------------------------------


@dataclass
class _Table:
    """One tab-separated file: its rows as (line number, the wanted columns' values)."""

    folder: Path
    name: str
    columns: Sequence[str]

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        path = self.folder / self.name
        if not path.is_file():
            raise OnetError(MISSING_FILE % {"file": self.name, "folder": self.folder})
        try:
            with path.open(encoding="utf-8-sig", newline="") as lines:
                indexes, width = self._header(next(lines, ""))
                for line_number, line in enumerate(lines, start=2):
                    fields = line.rstrip("\r\n").split("\t")
                    if len(fields) == 1 and not fields[0].strip():
                        continue
                    if len(fields) != width:
                        raise self.error(
                            WRONG_FIELD_COUNT, line_number, found=len(fields), expected=width
                        )
                    yield line_number, [fields[index].strip() for index in indexes]
        except UnicodeDecodeError as error:
            raise OnetError(NOT_TEXT % {"file": self.name}) from error

    def _header(self, line: str) -> tuple[list[int], int]:
        header = [name.strip() for name in line.rstrip("\r\n").split("\t")]
        if header == [""]:
            raise OnetError(EMPTY_FILE % {"file": self.name})
        for column in self.columns:
            if column not in header:
                raise OnetError(MISSING_COLUMN % {"file": self.name, "column": column})
        return [header.index(column) for column in self.columns], len(header)

    def number(self, line: int, column: str, value: str) -> Decimal:
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise self.error(NOT_A_NUMBER, line, column=column, value=value)
        return number

    def error(self, message: str, line: int, **values: object) -> OnetError:
        return OnetError(message % {"file": self.name, "line": line, **values})


def release_version(folder: Path, given: str | None = None) -> str:
    """The release number: as given (--release), else read from a folder named db_30_0_text."""
    if given:
        return given.strip()
    match = RELEASE_FOLDER.fullmatch(folder.resolve().name)
    if match is None:
        raise OnetError(UNKNOWN_RELEASE % {"folder": folder.name})
    return f"{int(match[1])}.{int(match[2])}"


def read_release(
    folder: Path, *, codes: Collection[str] | None = None, version: str | None = None
) -> OnetRelease:
    """The occupations `codes` (all rated ones when None) of the release in `folder`.

    Every row of every file is checked, not only the rows of the chosen occupations: a file
    that is broken anywhere is not a release to trust.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise OnetError(MISSING_FOLDER % {"folder": folder})
    version = release_version(folder, version)
    occupations = _read_occupations(folder)
    wanted = _check_codes(codes, occupations)
    content_model = _read_content_model(folder)
    ratings, left_out, names = _read_ratings(folder, wanted, content_model)
    without_ratings = tuple(sorted(code for code in wanted if code not in ratings))
    if codes is not None and without_ratings:
        raise OnetError(NO_RATINGS % {"codes": ", ".join(without_ratings)})
    rated_elements = {rating.element_id for rows in ratings.values() for rating in rows}
    anchors = _read_anchors(folder, rated_elements)
    tasks = _read_tasks(folder, set(ratings))
    groups = _groups(content_model)
    return OnetRelease(
        version=version,
        occupations=tuple(
            OnetOccupation(
                code=code,
                title=occupations[code][0],
                description=occupations[code][1],
                tasks=tuple(tasks.get(code, ())),
                ratings=tuple(ratings[code]),
                left_out=tuple(left_out.get(code, ())),
            )
            for code in sorted(ratings)
        ),
        skills=_skills(rated_elements, names, content_model, anchors),
        groups=groups,
        without_ratings=without_ratings,
    )


def _read_occupations(folder: Path) -> dict[str, tuple[str, str]]:
    table = _Table(folder, OCCUPATION_FILE, [CODE, "Title", "Description"])
    return {code: (title, description) for _line, (code, title, description) in table.rows()}


def _check_codes(
    codes: Collection[str] | None, occupations: Mapping[str, tuple[str, str]]
) -> set[str]:
    if codes is None:
        return set(occupations)
    wanted = {code.strip() for code in codes}
    unknown = sorted(wanted - set(occupations))
    if unknown:
        raise OnetError(UNKNOWN_OCCUPATIONS % {"codes": ", ".join(unknown)})
    return wanted


def _read_content_model(folder: Path) -> dict[str, tuple[str, str]]:
    table = _Table(folder, CONTENT_MODEL_FILE, [ELEMENT_ID, "Element Name", "Description"])
    return {element: (name, description) for _line, (element, name, description) in table.rows()}


@dataclass
class _RatingPair:
    """The IM and LV rows of one occupation and skill, as they are read."""

    line: int
    values: dict[str, Decimal] = field(default_factory=dict)
    suppressed: bool = False
    not_relevant: bool = False


def _read_ratings(
    folder: Path, wanted: set[str], content_model: Mapping[str, tuple[str, str]]
) -> tuple[dict[str, list[OnetRating]], dict[str, list[LeftOut]], dict[str, str]]:
    """Ratings on our scales and what was left out, per occupation; the name of every skill
    the file rates, by element id."""
    table = _Table(
        folder,
        SKILLS_FILE,
        SKILL_COLUMNS,
    )
    pairs: dict[tuple[str, str], _RatingPair] = {}
    names: dict[str, str] = {}
    for line, (code, element, name, scale, value, suppress, not_relevant) in table.rows():
        number = table.number(line, "Data Value", value)
        if element not in content_model:
            raise table.error(UNKNOWN_ELEMENT, line, element=element)
        names[element] = name
        if scale not in (IMPORTANCE_SCALE, LEVEL_SCALE) or code not in wanted:
            continue
        pair = pairs.setdefault((code, element), _RatingPair(line=line))
        if scale in pair.values:
            raise table.error(DUPLICATE_RATING, line, scale=scale, code=code, element=element)
        pair.values[scale] = number
        pair.suppressed |= suppress.upper() == YES
        pair.not_relevant |= scale == LEVEL_SCALE and not_relevant.upper() == YES
    ratings: dict[str, list[OnetRating]] = defaultdict(list)
    left_out: dict[str, list[LeftOut]] = defaultdict(list)
    for (code, element), pair in sorted(pairs.items(), key=lambda item: item[1].line):
        for scale in (IMPORTANCE_SCALE, LEVEL_SCALE):
            if scale not in pair.values:
                raise table.error(
                    MISSING_RATING, pair.line, scale=scale, code=code, element=element
                )
        if pair.not_relevant or pair.suppressed:
            reason = NOT_RELEVANT if pair.not_relevant else SUPPRESSED
            left_out[code].append(LeftOut(element, names[element], reason))
            continue
        ratings[code].append(
            OnetRating(
                element_id=element,
                required_level=our_level(pair.values[LEVEL_SCALE]),
                importance=our_importance(pair.values[IMPORTANCE_SCALE]),
            )
        )
    for code in left_out:
        ratings.setdefault(code, [])
    return dict(ratings), dict(left_out), names


def _read_anchors(folder: Path, elements: set[str]) -> dict[str, dict[Decimal, str]]:
    table = _Table(
        folder, ANCHORS_FILE, [ELEMENT_ID, "Scale ID", "Anchor Value", "Anchor Description"]
    )
    anchors: dict[str, dict[Decimal, str]] = defaultdict(dict)
    for line, (element, scale, value, description) in table.rows():
        number = table.number(line, "Anchor Value", value)
        if scale == LEVEL_SCALE and element in elements and description:
            anchors[element][number] = description
    return anchors


def _read_tasks(folder: Path, codes: set[str]) -> dict[str, list[str]]:
    """Core tasks per occupation (all its tasks when none is marked core); {} without the file."""
    if not (folder / TASKS_FILE).is_file():
        return {}
    table = _Table(folder, TASKS_FILE, [CODE, "Task", "Task Type"])
    core: dict[str, list[str]] = defaultdict(list)
    other: dict[str, list[str]] = defaultdict(list)
    for _line, (code, task, task_type) in table.rows():
        if code in codes and task:
            (core if task_type.lower() == "core" else other)[code].append(task)
    return {code: core.get(code) or other[code] for code in codes if code in core or code in other}


def _groups(content_model: Mapping[str, tuple[str, str]]) -> dict[str, OnetGroup]:
    groups = {}
    for position, (group_id, default_name) in enumerate(SKILL_GROUPS.items(), start=1):
        name, description = content_model.get(group_id, (default_name, ""))
        groups[group_id] = OnetGroup(
            group_id=group_id,
            slug="onet-" + slugify(default_name),
            name=name or default_name,
            description=description,
            position=position,
        )
    groups[OTHER_GROUP_ID] = OnetGroup(
        group_id=OTHER_GROUP_ID,
        slug="onet-other-skills",
        name=OTHER_GROUP_NAME,
        description="",
        position=len(groups) + 1,
    )
    return groups


def _skills(
    elements: set[str],
    names: Mapping[str, str],
    content_model: Mapping[str, tuple[str, str]],
    anchors: Mapping[str, Mapping[Decimal, str]],
) -> dict[str, OnetSkill]:
    """The skills `elements`; positions count every skill of the file, so a skill gets the same
    position whichever occupations brought it in."""
    by_group: dict[str, list[str]] = defaultdict(list)
    for element in names:
        by_group[group_of(element)].append(element)
    skills = {}
    for group_id, members in by_group.items():
        for position, element in enumerate(sorted(members, key=_element_order), start=1):
            if element not in elements:
                continue
            name = content_model[element][0] or names[element]
            skills[element] = OnetSkill(
                element_id=element,
                name=name,
                description=content_model[element][1] or name,
                group_id=group_id,
                position=position,
                anchors=five_anchors(anchors.get(element, {}), name),
            )
    return skills
