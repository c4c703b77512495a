"""Reading the US O*NET database's text release into the dataclasses of `mapping.py`.

`read_release()` checks every file of one release and returns its occupations, skills and
groups already on our scales (the rules are `mapping.py`'s); `importer.py` writes them.

Files read (each may be gzip'd, e.g. `Skills.txt.gz`; the first line of each is the header;
columns are found by name, so the extra columns some releases add are ignored; fields are
stripped of surrounding spaces):

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
"""

import gzip
import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from django.utils.translation import gettext, gettext_lazy

from careers.onet.mapping import (
    LeftOut,
    OnetOccupation,
    OnetRating,
    OnetRelease,
    rated_skills,
    rating_or_left_out,
    skill_groups,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

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
YES = "Y"

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


class OnetError(Exception):
    """The release cannot be imported as it is; the message says where and why."""


@dataclass
class _Table:
    """One tab-separated file: its rows as (line number, the wanted columns' values)."""

    folder: Path
    name: str
    columns: Sequence[str]

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        path = release_file(self.folder, self.name)
        if path is None:
            raise OnetError(MISSING_FILE % {"file": self.name, "folder": self.folder})
        try:
            with _open_text(path) as lines:
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

    def error(self, message: "str | StrPromise", line: int, **values: object) -> OnetError:
        return OnetError(message % {"file": self.name, "line": line, **values})


def read_table(folder: Path, name: str, columns: Sequence[str]) -> Iterator[list[str]]:
    """The values of `columns` of every row of the release file `name`, checked as
    `read_release` checks its own files (for readers of the other files, e.g. Job Zones)."""
    for _line, values in _Table(folder, name, columns).rows():
        yield values


def release_file(folder: Path, name: str) -> Path | None:
    """`name` in `folder`, or its gzip'd `name.gz` (as the project ships O*NET 29.0 in
    data/onet/); None when neither is there."""
    for path in (folder / name, folder / f"{name}.gz"):
        if path.is_file():
            return path
    return None


def _open_text(path: Path) -> TextIO:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


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
        # The anchor sentences are stored as the catalog's text: translated when read.
        skills=rated_skills(rated_elements, names, content_model, anchors, translate=gettext),
        groups=skill_groups(content_model),
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
        rating = rating_or_left_out(
            element,
            names[element],
            onet_level=pair.values[LEVEL_SCALE],
            onet_importance=pair.values[IMPORTANCE_SCALE],
            not_relevant=pair.not_relevant,
            suppressed=pair.suppressed,
        )
        if isinstance(rating, LeftOut):
            left_out[code].append(rating)
        else:
            ratings[code].append(rating)
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
    if release_file(folder, TASKS_FILE) is None:
        return {}
    table = _Table(folder, TASKS_FILE, [CODE, "Task", "Task Type"])
    core: dict[str, list[str]] = defaultdict(list)
    other: dict[str, list[str]] = defaultdict(list)
    for _line, (code, task, task_type) in table.rows():
        if code in codes and task:
            (core if task_type.lower() == "core" else other)[code].append(task)
    return {code: core.get(code) or other[code] for code in codes if code in core or code in other}
