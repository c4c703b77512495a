"""Reading the occupation facts of an O*NET text release and a BLS OEWS national table.

Plain data out (frozen dataclasses), no database: `loader.py` writes what these return.

O*NET files read besides those of `careers.onet.release` (each may be gzip'd):
`Occupation Data.txt`, `Job Zones.txt`, `Job Zone Reference.txt`, `Alternate Titles.txt`,
`Task Statements.txt` and `Related Occupations.txt`, columns found by header.

The BLS file is the tab-separated table `data/build.py` writes: `soc_code`, `title`,
`display_level`, `employment`, `annual_p10` … `annual_p90`; an empty figure is one BLS does
not publish and stays unknown (None), never 0.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy

from careers.onet.release import CODE, OCCUPATION_FILE, OnetError, read_table, release_version

JOB_ZONES_FILE = "Job Zones.txt"
JOB_ZONE_REFERENCE_FILE = "Job Zone Reference.txt"
ALTERNATE_TITLES_FILE = "Alternate Titles.txt"
TASKS_FILE = "Task Statements.txt"
RELATED_FILE = "Related Occupations.txt"

# What the project ships (data/README.md): the default input of `load_occupations`.
SHIPPED_ONET = Path(settings.BASE_DIR) / "data" / "onet" / "db_29_0_text"
SHIPPED_WAGES = Path(settings.BASE_DIR) / "data" / "bls" / "oews_2025_national.tsv"
SHIPPED_WAGES_RELEASE = "May 2025"

WAGE_FIGURES = (
    "employment",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
)
WAGE_COLUMNS = ("soc_code", "title", "display_level", *WAGE_FIGURES)
NOT_AVAILABLE = "n/a"

UNKNOWN_TIER = gettext_lazy("%(file)s: unknown relatedness tier “%(tier)s”.")
UNKNOWN_RELATED = gettext_lazy(
    "%(file)s: %(code)s is related to %(related)s, which is not in %(occupations)s."
)
WAGES_COLUMNS_WRONG = gettext_lazy("%(file)s: the columns must be %(columns)s.")
WAGES_NOT_A_NUMBER = gettext_lazy("%(file)s, line %(line)d: “%(value)s” is not a whole number.")

TIERS = {
    "Primary-Short": "primary-short",
    "Primary-Long": "primary-long",
    "Supplemental": "supplemental",
}
TASK_TYPES = {"Core": "core", "Supplemental": "supplemental"}


@dataclass(frozen=True)
class JobZoneFacts:
    number: int
    name: str
    experience: str
    education: str
    training: str
    examples: str
    svp_range: str


@dataclass(frozen=True)
class TaskFacts:
    onet_task_id: int
    statement: str
    task_type: str
    """"core", "supplemental" or "" when O*NET has not rated it."""


@dataclass(frozen=True)
class RelatedFacts:
    code: str
    tier: str
    position: int


@dataclass(frozen=True)
class OccupationFacts:
    code: str
    title: str
    description: str
    job_zone: int | None
    alternate_titles: tuple[tuple[str, str], ...]
    """(title, short title or "") in O*NET's order, each title once."""
    tasks: tuple[TaskFacts, ...]
    related: tuple[RelatedFacts, ...]


@dataclass(frozen=True)
class OnetFacts:
    version: str
    job_zones: tuple[JobZoneFacts, ...]
    occupations: tuple[OccupationFacts, ...]


@dataclass(frozen=True)
class WageFacts:
    soc_code: str
    title: str
    display_level: int
    employment: int | None
    annual_p10: int | None
    annual_p25: int | None
    annual_median: int | None
    annual_p75: int | None
    annual_p90: int | None


def read_onet_facts(folder: Path, *, version: str | None = None) -> OnetFacts:
    """Every occupation of the release in `folder` with its facts."""
    folder = Path(folder)
    version = release_version(folder, version)
    occupations = list(read_table(folder, OCCUPATION_FILE, [CODE, "Title", "Description"]))
    codes = {code for code, _title, _description in occupations}
    job_zones = {
        code: int(zone) for code, zone in read_table(folder, JOB_ZONES_FILE, [CODE, "Job Zone"])
    }
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    for code, title, short in read_table(
        folder, ALTERNATE_TITLES_FILE, [CODE, "Alternate Title", "Short Title"]
    ):
        # O*NET 29.0 lists a few titles twice for one occupation (with different sources).
        titles[code].setdefault(title, "" if short == NOT_AVAILABLE else short)
    tasks: dict[str, list[TaskFacts]] = defaultdict(list)
    for code, task_id, statement, task_type in read_table(
        folder, TASKS_FILE, [CODE, "Task ID", "Task", "Task Type"]
    ):
        tasks[code].append(TaskFacts(int(task_id), statement, TASK_TYPES.get(task_type, "")))
    related: dict[str, list[RelatedFacts]] = defaultdict(list)
    columns = [CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"]
    for code, other, tier, index in read_table(folder, RELATED_FILE, columns):
        if tier not in TIERS:
            raise OnetError(UNKNOWN_TIER % {"file": RELATED_FILE, "tier": tier})
        if other not in codes or code not in codes:
            raise OnetError(
                UNKNOWN_RELATED
                % {
                    "file": RELATED_FILE,
                    "code": code,
                    "related": other,
                    "occupations": OCCUPATION_FILE,
                }
            )
        related[code].append(RelatedFacts(other, TIERS[tier], int(index)))
    return OnetFacts(
        version=version,
        job_zones=tuple(_job_zones(folder)),
        occupations=tuple(
            OccupationFacts(
                code=code,
                title=title,
                description=description,
                job_zone=job_zones.get(code),
                alternate_titles=tuple(titles[code].items()),
                tasks=tuple(tasks[code]),
                related=tuple(related[code]),
            )
            for code, title, description in sorted(occupations)
        ),
    )


def _job_zones(folder: Path) -> list[JobZoneFacts]:
    columns = [
        "Job Zone",
        "Name",
        "Experience",
        "Education",
        "Job Training",
        "Examples",
        "SVP Range",
    ]
    return [
        JobZoneFacts(int(number), *texts)
        for number, *texts in read_table(folder, JOB_ZONE_REFERENCE_FILE, columns)
    ]


def read_wages(path: Path) -> tuple[WageFacts, ...]:
    """The rows of a national wage table as `data/build.py` writes it."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as lines:
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(next(reader, ())) != WAGE_COLUMNS:
            raise OnetError(
                WAGES_COLUMNS_WRONG % {"file": path.name, "columns": ", ".join(WAGE_COLUMNS)}
            )
        rows = []
        for line, fields in enumerate(reader, start=2):
            if len(fields) != len(WAGE_COLUMNS):
                raise OnetError(
                    WAGES_COLUMNS_WRONG % {"file": path.name, "columns": ", ".join(WAGE_COLUMNS)}
                )
            soc_code, title, *numbers = fields
            for value in numbers:
                if value and not value.isdigit():
                    raise OnetError(
                        WAGES_NOT_A_NUMBER % {"file": path.name, "line": line, "value": value}
                    )
            level, *figures = (int(value) if value else None for value in numbers)
            rows.append(WageFacts(soc_code, title, level or 0, *figures))
    return tuple(rows)
