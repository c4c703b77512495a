"""The skills profile behind "Which careers fit me?": a role that is not a job.

Its requirements are every O*NET skill (level 1, so the questionnaire asks each of them once),
so an assessment of it is the 35-skill questionnaire, with everything assessments already do
for any role: pages by skill group, saving every answer, the resume link, ownership, prefill.
Its answers are never scored against it; they rank every role (`assessments.ranking`). It sits
in a track of its own, kept out of the lists of tracks and roles (`Track.objects.listed()`,
`Role.objects.jobs()`).

`load_occupations` keeps it in step with the O*NET skills after every load.
"""

from functools import lru_cache

from django.db import transaction
from django.utils.translation import gettext as _

from careers.levels import Importance, Level
from careers.models import Requirement, Role, Skill, Track
from careers.revision import bump_revision

TRACK_SLUG = "which-careers-fit-me"
ROLE_SLUG = "which-careers-fit-me"
# What makes the questionnaire ask a skill; the profile is never scored, so neither number
# means anything else.
PROFILE_LEVEL = Level.NOVICE
PROFILE_IMPORTANCE = Importance.IMPORTANT


def skills_profile() -> Role | None:
    return Role.objects.filter(is_skills_profile=True).first()


@lru_cache(maxsize=8)
def skills_profile_role_ids(revision: int) -> frozenset[int]:
    """The ids of the roles that are skills profiles at the catalog's `revision`, kept in this
    process: a page that knows a role's id and the revision (the ranking page, from the
    shared cache) tells a profile from a job with no query. A role's flag is the catalog's,
    so a change of it moves the revision."""
    return frozenset(Role.objects.filter(is_skills_profile=True).values_list("pk", flat=True))


@transaction.atomic
def skills_profile_sync() -> bool:
    """Creates the profile, or brings its requirements to exactly the O*NET skills of the
    catalog; returns whether anything changed. No O*NET skills: nothing to profile, no-op."""
    onet_skills = Skill.objects.exclude(onet_element_id="")
    skill_ids = set(onet_skills.values_list("pk", flat=True))
    release = max(onet_skills.values_list("onet_release", flat=True), default="")
    role = skills_profile()
    if not skill_ids and role is None:
        return False
    changed = False
    if role is None:
        track, _created = Track.objects.get_or_create(
            slug=TRACK_SLUG,
            defaults={
                "name": _("Which careers fit me?"),
                "summary": _("Rate O*NET's skills once and see every occupation ranked."),
            },
        )
        role = Role.objects.create(
            track=track,
            rank=1,
            slug=ROLE_SLUG,
            title=_("Which careers fit me?"),
            summary=_(
                "Rate yourself once on each of the skills O*NET rates every occupation by, "
                "and see every occupation ranked by how well your skills fit it."
            ),
            responsibilities=_("Rate each skill against its level examples."),
            years_experience_min=0,
            onet_release=release,
            is_skills_profile=True,
        )
        changed = True
    elif role.onet_release != release:  # the release whose skills it asks, for attribution
        role.onet_release = release
        role.save(update_fields=["onet_release"])
        changed = True
    held = set(role.requirements.values_list("skill_id", flat=True))
    if held - skill_ids:
        role.requirements.filter(skill_id__in=held - skill_ids).delete()
        changed = True
    if skill_ids - held:
        Requirement.objects.bulk_create(
            Requirement(
                role=role,
                skill_id=skill_id,
                required_level=PROFILE_LEVEL,
                importance=PROFILE_IMPORTANCE,
            )
            for skill_id in sorted(skill_ids - held)
        )
        changed = True
    if changed:
        bump_revision()  # bulk writes send no signals
    return changed
