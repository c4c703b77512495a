"""The one write of `load_occupations`: an O*NET release and a BLS wage table into the catalog.

`occupations_load` runs the O*NET import (`careers.onet.importer`: roles, skills,
requirements) and then brings the occupation facts — Job Zones, occupations, alternate titles,
tasks, related occupations, national wages — to exactly what the files hold, in one
transaction. Every table is compared with what it holds and only the differences are written,
in bulk, so loading the same files again writes nothing and takes seconds for ~1,000
occupations and ~90,000 fact rows.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.db.models.functions import Substr

from careers.models import (
    AlternateTitle,
    JobZone,
    Occupation,
    OccupationTask,
    OccupationWage,
    RelatedOccupation,
    Role,
)
from careers.occupations.sources import OnetFacts, WageFacts, read_onet_facts, read_wages
from careers.onet.importer import DEFAULT_ONET_TRACK, onet_occupations_import
from careers.onet.release import read_release
from careers.onet.report import OnetImportReport
from careers.revision import bump_revision
from careers.skills_profile import skills_profile_sync

BATCH_SIZE = 500
DETAILED_OCCUPATION = 3  # BLS display level of a detailed SOC occupation

Key = tuple[Any, ...]


@dataclass
class TableChanges:
    created: int = 0
    updated: int = 0
    removed: int = 0

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.removed)


@dataclass
class OccupationLoadReport:
    """What a load did, for the command to print and the tests to check."""

    onet: OnetImportReport
    wages_release: str
    tables: dict[str, TableChanges] = field(default_factory=dict)
    """Changes per fact table, by model name, in the order they were written."""
    roles_given_soc_code: int = 0
    wages_without_occupation: list[str] = field(default_factory=list)
    """SOC codes of detailed BLS occupations that no O*NET occupation carries."""
    occupations_without_wages: list[str] = field(default_factory=list)
    """O*NET-SOC codes whose SOC code has no wage row in this release."""
    skills_profile_changed: bool = False
    """The questionnaire of "Which careers fit me?" was created or given other skills."""

    @property
    def changed(self) -> bool:
        return (
            self.onet.changed
            or any(self.tables.values())
            or bool(self.roles_given_soc_code)
            or self.skills_profile_changed
        )


def occupations_load(
    *,
    onet_folder: Path,
    wages_file: Path,
    wages_release: str,
    onet_version: str | None = None,
    track_name: str = str(DEFAULT_ONET_TRACK),
) -> OccupationLoadReport:
    """Load every rated occupation of the O*NET release in `onet_folder` as a role (the
    `import_onet --all` rules), every occupation's facts, and the national wages of
    `wages_file` under `wages_release`. Rows the files no longer hold are removed (wages only
    those of `wages_release`); roles are never removed. Raises `OnetError` or
    `OnetImportError` on a file or catalog that cannot be loaded; nothing is written then."""
    release = read_release(onet_folder, version=onet_version)
    facts = read_onet_facts(onet_folder, version=onet_version)
    wages = read_wages(wages_file)
    with transaction.atomic():
        onet = onet_occupations_import(release=release, track_name=track_name)
        report = OccupationLoadReport(onet=onet, wages_release=wages_release)
        _load_facts(facts, report)
        _load_wages(wages, wages_release, report)
        # Imported roles show the wages of their SOC code unless an admin chose another.
        report.roles_given_soc_code = (
            Role.objects.exclude(onet_soc_code="")
            .filter(soc_code="")
            .update(soc_code=Substr("onet_soc_code", 1, 7))
        )
        _compare_codes(facts, wages, report)
        report.skills_profile_changed = skills_profile_sync()
        if any(report.tables.values()):
            bump_revision()  # bulk writes send no signals
    return report


def _load_facts(facts: OnetFacts, report: OccupationLoadReport) -> None:
    fields = ("name", "experience", "education", "training", "examples", "svp_range")
    report.tables["JobZone"] = _sync(
        JobZone,
        ("number",),
        fields,
        {(zone.number,): tuple(getattr(zone, name) for name in fields) for zone in facts.job_zones},
    )
    report.tables["Occupation"] = _sync(
        Occupation,
        ("code",),
        ("title", "description", "job_zone_id", "onet_release"),
        {
            (occupation.code,): (
                occupation.title,
                occupation.description,
                occupation.job_zone,
                facts.version,
            )
            for occupation in facts.occupations
        },
    )
    ids = dict(Occupation.objects.values_list("code", "pk"))
    report.tables["AlternateTitle"] = _sync(
        AlternateTitle,
        ("occupation_id", "title"),
        ("short_title",),
        {
            (ids[occupation.code], title): (short_title,)
            for occupation in facts.occupations
            for title, short_title in occupation.alternate_titles
        },
    )
    report.tables["OccupationTask"] = _sync(
        OccupationTask,
        ("occupation_id", "onet_task_id"),
        ("statement", "task_type"),
        {
            (ids[occupation.code], task.onet_task_id): (task.statement, task.task_type)
            for occupation in facts.occupations
            for task in occupation.tasks
        },
    )
    report.tables["RelatedOccupation"] = _sync(
        RelatedOccupation,
        ("occupation_id", "related_id"),
        ("tier", "position"),
        {
            (ids[occupation.code], ids[related.code]): (related.tier, related.position)
            for occupation in facts.occupations
            for related in occupation.related
        },
    )


def _load_wages(wages: Iterable[WageFacts], release: str, report: OccupationLoadReport) -> None:
    fields = (
        "title",
        "display_level",
        "employment",
        "annual_p10",
        "annual_p25",
        "annual_median",
        "annual_p75",
        "annual_p90",
    )
    report.tables["OccupationWage"] = _sync(
        OccupationWage,
        ("release", "soc_code"),
        fields,
        {(release, row.soc_code): tuple(getattr(row, name) for name in fields) for row in wages},
        held=OccupationWage.objects.filter(release=release),
    )


def _compare_codes(
    facts: OnetFacts, wages: Iterable[WageFacts], report: OccupationLoadReport
) -> None:
    """Which detailed wage rows match no occupation, and which occupations have no wages: BLS
    and O*NET group some occupations differently (e.g. BLS publishes one row where O*NET has
    several .01, .02 … specialties, or the other way round)."""
    wage_codes = {row.soc_code for row in wages}
    occupation_codes = {occupation.code[:7] for occupation in facts.occupations}
    report.wages_without_occupation = sorted(
        row.soc_code
        for row in wages
        if row.display_level == DETAILED_OCCUPATION and row.soc_code not in occupation_codes
    )
    report.occupations_without_wages = sorted(
        occupation.code for occupation in facts.occupations if occupation.code[:7] not in wage_codes
    )


def _sync(
    model: type[models.Model],
    key_fields: tuple[str, ...],
    value_fields: tuple[str, ...],
    wanted: Mapping[Key, Key],
    held: models.QuerySet | None = None,
) -> TableChanges:
    """Make the rows of `model` (or of `held`, a part of them) exactly `wanted` — values by
    key — creating, updating and deleting only what differs, a few bulk queries in all."""
    queryset = model._default_manager.all() if held is None else held
    current: dict[Key, tuple[Any, Key]] = {}
    width = len(key_fields)
    for pk, *values in queryset.values_list("pk", *key_fields, *value_fields).iterator():
        current[tuple(values[:width])] = (pk, tuple(values[width:]))
    new, changed = [], []
    for key, values in wanted.items():
        row = dict(zip(value_fields, values, strict=True))
        if key not in current:
            new.append(model(**dict(zip(key_fields, key, strict=True)), **row))
        elif current[key][1] != values:
            changed.append(model(pk=current[key][0], **row))
    removed = [pk for key, (pk, _values) in current.items() if key not in wanted]
    model._default_manager.bulk_create(new, batch_size=BATCH_SIZE)
    model._default_manager.bulk_update(changed, value_fields, batch_size=BATCH_SIZE)
    for start in range(0, len(removed), BATCH_SIZE):
        model._default_manager.filter(pk__in=removed[start : start + BATCH_SIZE]).delete()
    return TableChanges(created=len(new), updated=len(changed), removed=len(removed))
