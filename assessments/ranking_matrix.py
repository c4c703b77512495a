"""The requirement matrix the ranking runs over (`assessments.ranking`), read from the catalog:
every role with requirements (not the skills profile, which is no job), its requirements of
level 1 or more in catalog order, its Job Zone and its national median pay. Built in four
queries and kept in this process for as long as the catalog stays at one revision."""

from functools import lru_cache

from assessments.ranking import MatrixRequirement, MatrixRole
from careers.models import Occupation, OccupationWage, Requirement, Role


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
    # Ordered oldest first, so a newer release's figure wins.
    pay = dict(OccupationWage.objects.order_by("pk").values_list("soc_code", "annual_median"))
    roles = Role.objects.filter(pk__in=requirements).order_by("title", "slug")
    return tuple(
        MatrixRole(
            slug=role.slug,
            title=role.title,
            onet_code=role.onet_soc_code,
            soc_code=role.soc_code,
            job_zone=job_zones.get(role.onet_soc_code),
            median_pay=pay.get(role.soc_code),
            requirements=tuple(requirements[role.pk]),
        )
        for role in roles.only("slug", "title", "onet_soc_code", "soc_code")
    )
