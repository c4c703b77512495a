"""The requirement matrix the ranking runs over (`assessments.ranking`), read from the catalog:
every role with requirements (not the skills profile, which is no job), its requirements of
level 1 or more in catalog order, its Job Zone and its national median pay. Built in four
queries and kept in this process for as long as the catalog stays at one revision."""

from collections.abc import Mapping
from functools import lru_cache

from assessments.moves import Move, Origin, moves, related_tiers
from assessments.ranking import NOWHERE, MatrixRequirement, MatrixRole, Standpoint
from careers.crosswalk import Link, profile_across
from careers.models import (
    CrosswalkLink,
    Occupation,
    OccupationWage,
    RelatedOccupation,
    Requirement,
    Role,
)


@lru_cache(maxsize=4)
def requirement_matrix(revision: int) -> tuple[MatrixRole, ...]:
    """`revision` is the cache key (`careers.revision.current_revision()`)."""
    rows = (
        Requirement.objects.filter(required_level__gt=0, role__is_skills_profile=False)
        .order_by("role_id", "skill__category__position", "skill__position", "skill__name")
        .values_list("role_id", "skill__slug", "skill__name", "required_level", "importance")
    )
    requirements: dict[int, list[MatrixRequirement]] = {}
    for role_id, slug, name, level, importance in rows:
        requirements.setdefault(role_id, []).append(
            MatrixRequirement(slug, name, level, importance)
        )
    job_zones = dict(Occupation.objects.values_list("code", "job_zone_id"))
    # A role written for this catalog takes the Job Zone of the occupation its SOC code names
    # (its ".00" O*NET-SOC occupation), so the ranking can tell how far a move is.
    soc_zones = {code[:7]: zone for code, zone in job_zones.items() if code.endswith(".00")}
    # Ordered oldest first, so a newer release's figure wins.
    pay = dict(OccupationWage.objects.order_by("pk").values_list("soc_code", "annual_median"))
    roles = Role.objects.filter(pk__in=requirements).order_by("title", "slug")
    return tuple(
        MatrixRole(
            slug=role.slug,
            title=role.title,
            onet_code=role.onet_soc_code,
            soc_code=role.soc_code,
            job_zone=job_zones.get(role.onet_soc_code) or soc_zones.get(role.soc_code),
            median_pay=pay.get(role.soc_code),
            requirements=tuple(requirements[role.pk]),
            onet_release=role.onet_release,
        )
        for role in roles.only("slug", "title", "onet_soc_code", "soc_code", "onet_release")
    )


@lru_cache(maxsize=4)
def crosswalk_links(revision: int) -> tuple[Link, ...]:
    """The crosswalk (`careers.crosswalk`) at `revision`, read in one query."""
    return tuple(CrosswalkLink.objects.as_links())


def moves_for_profile(
    measured: Mapping[str, int], origin_slug: str, *, revision: int, relatedness: bool = True
) -> list[Move]:
    """The roles a person with `measured` levels (skill slug → level) could move to from the
    role `origin_slug` (`assessments.moves`). At most one query once the matrix and the
    crosswalk of `revision` are read: O*NET's related occupations of the origin (none
    without `relatedness`, and none is then named)."""
    matrix = requirement_matrix(revision)
    origin = _origin(matrix, origin_slug)
    return moves(
        matrix,
        profile_across(measured, crosswalk_links(revision)),
        origin=origin,
        related=related_tiers(_related_rows(origin)) if relatedness else {},
    )


def moves_near_role(role_slug: str, *, revision: int) -> list[Move]:
    """The roles closest to a role: those someone who meets exactly its required levels would
    match best."""
    matrix = requirement_matrix(revision)
    required = next((row.requirements for row in matrix if row.slug == role_slug), ())
    levels = {r.skill_slug: r.required_level for r in required}
    return moves_for_profile(levels, role_slug, revision=revision)


@lru_cache(maxsize=256)
def standpoint_of_occupation(onet_code: str, *, revision: int) -> Standpoint:
    """Where a person who names the O*NET occupation `onet_code` as theirs stands: its Job
    Zone, SOC code and O*NET's related occupations (nowhere for ""). One query for a rated
    occupation (the matrix has its Job Zone), two for another; kept per code and revision."""
    if not onet_code:
        return NOWHERE
    row = next((row for row in requirement_matrix(revision) if row.onet_code == onet_code), None)
    if row is not None:
        job_zone = row.job_zone
    else:
        found = Occupation.objects.filter(code=onet_code).values_list("job_zone_id", flat=True)
        job_zone = next(iter(found), None)
    origin = Origin("", onet_code, onet_code[:7])
    return Standpoint(job_zone, origin.soc_code, related_tiers(_related_rows(origin)))


def standpoint_of_role(role_slug: str, *, revision: int) -> Standpoint:
    """Where a person assessed at (or looking at) the role `role_slug` stands. One query."""
    origin = _origin(requirement_matrix(revision), role_slug)
    return Standpoint(origin.job_zone, origin.soc_code, related_tiers(_related_rows(origin)))


def _origin(matrix: tuple[MatrixRole, ...], slug: str) -> Origin:
    row = next((row for row in matrix if row.slug == slug), None)
    return Origin(slug, row.onet_code, row.soc_code, row.job_zone) if row else Origin(slug, "", "")


def _related_rows(origin: Origin) -> list[tuple[str, str, int]]:
    """O*NET's related occupations of the origin's occupation: by its own O*NET-SOC code, or
    of every occupation under its SOC code (a role written for this catalog)."""
    if origin.onet_code:
        rows = RelatedOccupation.objects.filter(occupation__code=origin.onet_code)
    elif origin.soc_code:
        rows = RelatedOccupation.objects.filter(occupation__code__startswith=f"{origin.soc_code}.")
    else:
        return []
    return list(rows.values_list("related__code", "tier", "position"))
